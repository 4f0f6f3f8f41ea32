package tfconfig

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// The blocks of a policy document without dynamic blocks have the same
// content for every instance (the expressions are evaluated afterwards,
// each in its instance's context): an aws_iam_policy_document with
// for_each over 500 buckets read its statement, principals and condition
// blocks 500 times (issue 8). The evaluator reads each (body, schema) once
// for such documents; a document with a dynamic block anywhere, or written
// in JSON syntax, is read per instance as before.

// contentKey is a body read with a schema.
type contentKey struct {
	body   hcl.Body
	schema *hcl.BodySchema
}

// staticBody reports whether b, a resource block's body, holds no dynamic
// block at any depth (known only for native syntax).
func (e *Evaluator) staticBody(b hcl.Body) bool {
	sb, ok := b.(*hclsyntax.Body)
	if !ok {
		return false
	}
	if s, seen := e.static[sb]; seen {
		return s
	}
	s := !hasDynamicBlock(sb, 0)
	e.static[sb] = s
	return s
}

func hasDynamicBlock(b *hclsyntax.Body, depth int) bool {
	if depth > 16 {
		return true // not worth knowing: read per instance
	}
	for _, blk := range b.Blocks {
		if blk.Type == "dynamic" || hasDynamicBlock(blk.Body, depth+1) {
			return true
		}
	}
	return false
}
