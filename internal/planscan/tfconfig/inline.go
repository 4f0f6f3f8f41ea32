package tfconfig

import (
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
	"github.com/zclconf/go-cty/cty"
)

// Policy types of inline documents (the engine's names).
const (
	TypeIdentity = "identity"
	TypeTrust    = "trust"
	TypeResource = "resource"
	TypeSCP      = "scp"
	TypeRCP      = "rcp"
	TypeEndpoint = "endpoint"
)

// inlinePolicyAttrs are the policy-bearing attributes of resource types, with
// the type of policy each holds (aws_organizations_policy: by its type).
var inlinePolicyAttrs = map[string]map[string]string{
	"aws_iam_policy":                   {"policy": TypeIdentity},
	"aws_iam_role_policy":              {"policy": TypeIdentity},
	"aws_iam_user_policy":              {"policy": TypeIdentity},
	"aws_iam_group_policy":             {"policy": TypeIdentity},
	"aws_iam_role":                     {"assume_role_policy": TypeTrust},
	"aws_s3_bucket_policy":             {"policy": TypeResource},
	"aws_s3_bucket":                    {"policy": TypeResource},
	"aws_sqs_queue_policy":             {"policy": TypeResource},
	"aws_sqs_queue":                    {"policy": TypeResource},
	"aws_sns_topic_policy":             {"policy": TypeResource},
	"aws_sns_topic":                    {"policy": TypeResource},
	"aws_kms_key_policy":               {"policy": TypeResource},
	"aws_kms_key":                      {"policy": TypeResource},
	"aws_ecr_repository_policy":        {"policy": TypeResource},
	"aws_secretsmanager_secret_policy": {"policy": TypeResource},
	"aws_secretsmanager_secret":        {"policy": TypeResource},
	"aws_vpc_endpoint":                 {"policy": TypeEndpoint},
	"aws_organizations_policy":         {"content": TypeSCP},
}

// InlinePolicy is a policy document written in a .tf file: the value of a
// policy-bearing attribute (jsonencode, a heredoc, a string, a reference
// to an aws_iam_policy_document) or an aws_iam_policy_document block no
// attribute of the module uses, rebuilt from the source alone (no plan).
type InlinePolicy struct {
	Address string // aws_iam_role.app, data.aws_iam_policy_document.d
	Attr    string // the attribute; "" for a policy document block
	Type    string // identity, trust, resource, scp, rcp, endpoint
	File    string
	Line    int
	Column  int
	// JSON is the document; "" when Skipped says why it cannot be
	// evaluated without a plan (a reference to a resource, a variable
	// without default, a function of a provider, ...).
	JSON    string
	Skipped string

	expr    hcl.Expression // the attribute's expression (jsonencode, heredoc)
	docBody hcl.Body       // the policy document block
}

// InlinePolicies lists the policy documents written in one file of the
// configuration (c is the source of the file's directory), in file order.
// Values are evaluated with the source alone: variables take their
// defaults; what needs a plan is Skipped, never guessed.
func (c *Config) InlinePolicies(file string) []InlinePolicy {
	if c == nil || c.Root == nil {
		return nil
	}
	want, _ := filepath.Abs(file)
	var res []*Resource
	var insts []*tfplan.Instance
	for _, r := range c.Root.Resources {
		// No plan: every attribute is unknown; a policy document's json is
		// rebuilt from its block.
		in := &tfplan.Instance{Key: tfplan.InstanceKey{Mode: tfjson.ResourceMode(r.Mode), Type: r.Type, Name: r.Name},
			Address: address(r), Values: map[string]any{}, AfterUnknown: map[string]any{"json": true, "minified_json": true}}
		insts = append(insts, in)
		if abs, _ := filepath.Abs(r.Range.Filename); abs == want {
			res = append(res, r)
		}
	}
	sort.Slice(res, func(i, j int) bool { return res[i].Range.Start.Byte < res[j].Range.Start.Byte })
	e := c.Evaluator(&tfjson.Plan{}, tfplan.NewResolver(tfplan.After, insts), Options{})
	byAddr := map[string]*tfplan.Instance{}
	for _, in := range insts {
		byAddr[in.Address] = in
	}
	used := c.usedDocuments()
	seen := map[string]bool{} // document address + type: validated once
	var out []InlinePolicy
	for _, r := range res {
		in := byAddr[address(r)]
		if r.Mode == "data" && r.Type == "aws_iam_policy_document" {
			// Validated where a policy attribute uses it, with that
			// attribute's type; else as an identity policy, unless it has
			// principals (a resource or trust policy: its use decides).
			if used[address(r)] || hasPrincipals(r.Body) {
				continue
			}
			typ := TypeIdentity
			p := InlinePolicy{Address: address(r), Type: typ, File: r.Range.Filename, Line: r.Range.Start.Line, Column: r.Range.Start.Column, docBody: r.Body}
			out = append(out, evaluated(p, e, in, "json"))
			continue
		}
		for attr, typ := range inlinePolicyAttrs[r.Type] {
			a := attribute(r.Body, attr)
			if a == nil {
				continue
			}
			if r.Type == "aws_organizations_policy" {
				if typ = orgPolicyType(e, in, r); typ == "" {
					continue // a tag, backup or AI policy: not an IAM policy
				}
			}
			p := InlinePolicy{Address: address(r), Attr: attr, Type: typ, File: a.Range.Filename, Line: a.Range.Start.Line, Column: a.Range.Start.Column, expr: a.Expr}
			if doc := documentOf(c.Root, a.Expr); doc != nil {
				if seen[address(doc)+" "+typ] {
					continue
				}
				seen[address(doc)+" "+typ] = true
				// Findings point into the document block it names.
				p.File, p.Line, p.Column, p.expr, p.docBody = doc.Range.Filename, doc.Range.Start.Line, doc.Range.Start.Column, nil, doc.Body
			}
			out = append(out, evaluated(p, e, in, attr))
		}
	}
	return out
}

func evaluated(p InlinePolicy, e *Evaluator, in *tfplan.Instance, attr string) InlinePolicy {
	rb, ok := e.Policy(in, attr)
	if !ok {
		p.Skipped = "its value needs a plan (a reference to a resource or data source, a variable without default, or a function planscan does not evaluate)"
		return p
	}
	p.JSON = rb.JSON
	return p
}

func address(r *Resource) string {
	if r.Mode == "data" {
		return "data." + r.Type + "." + r.Name
	}
	return r.Type + "." + r.Name
}

func attribute(body hcl.Body, name string) *hcl.Attribute {
	c, _, _ := body.PartialContent(&hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: name}}})
	if c == nil {
		return nil
	}
	return c.Attributes[name]
}

// orgPolicyType is scp or rcp by the policy's type attribute (default
// SERVICE_CONTROL_POLICY); "" for other kinds or a type known only later.
func orgPolicyType(e *Evaluator, in *tfplan.Instance, r *Resource) string {
	a := attribute(r.Body, "type")
	if a == nil {
		return TypeSCP
	}
	mi := e.moduleInstance("")
	v := e.eval(mi, e.instanceContext(mi, r, in.Key.Index), a.Expr)
	if !v.IsKnown() || v.IsNull() || !v.Type().Equals(cty.String) {
		return ""
	}
	switch v.AsString() {
	case "SERVICE_CONTROL_POLICY":
		return TypeSCP
	case "RESOURCE_CONTROL_POLICY":
		return TypeRCP
	}
	return ""
}

func hasPrincipals(body hcl.Body) bool {
	c, _, _ := body.PartialContent(docSchema)
	if c == nil {
		return false
	}
	for _, b := range c.Blocks {
		if sc, _, _ := b.Body.PartialContent(stmtSchema); sc != nil {
			for _, sb := range sc.Blocks {
				if sb.Type == "principals" || sb.Type == "not_principals" {
					return true
				}
			}
		}
	}
	return false
}

// documentOf is the aws_iam_policy_document block of module m an
// expression names directly (data.aws_iam_policy_document.d.json).
func documentOf(m *Module, x hcl.Expression) *Resource {
	st, ok := x.(*hclsyntax.ScopeTraversalExpr)
	if !ok || len(st.Traversal) < 4 || st.Traversal.RootName() != "data" {
		return nil
	}
	typ, ok1 := st.Traversal[1].(hcl.TraverseAttr)
	name, ok2 := st.Traversal[2].(hcl.TraverseAttr)
	attr, ok3 := st.Traversal[len(st.Traversal)-1].(hcl.TraverseAttr)
	if !ok1 || !ok2 || !ok3 || typ.Name != "aws_iam_policy_document" || (attr.Name != "json" && attr.Name != "minified_json") {
		return nil
	}
	return m.Resources["data.aws_iam_policy_document."+name.Name]
}

// usedDocuments lists the policy documents that policy attributes of the
// root module name directly.
func (c *Config) usedDocuments() map[string]bool {
	out := map[string]bool{}
	for _, r := range c.Root.Resources {
		for attr := range inlinePolicyAttrs[r.Type] {
			if a := attribute(r.Body, attr); a != nil {
				if doc := documentOf(c.Root, a.Expr); doc != nil {
					out[address(doc)] = true
				}
			}
		}
	}
	return out
}

// Position maps a finding of the document (its JSON pointer, and its line
// and column in the JSON) to the .tf file: into the jsonencode object or
// the statement block the pointer names, the heredoc line, else the
// attribute or block itself.
func (p InlinePolicy) Position(pointer string, line, col int) (int, int) {
	segs := strings.Split(strings.TrimPrefix(pointer, "/"), "/")
	if pointer == "" || pointer == "/" {
		segs = nil
	}
	switch x := p.expr.(type) {
	case *hclsyntax.FunctionCallExpr:
		if x.Name == "jsonencode" && len(x.Args) == 1 {
			r := walkExpr(x.Args[0], segs)
			return r.Start.Line, r.Start.Column
		}
	case *hclsyntax.TemplateExpr:
		// A heredoc: its text starts on the line after <<EOF.
		if len(x.Parts) == 1 && x.IsStringLiteral() && x.Parts[0].Range().Start.Line > x.SrcRange.Start.Line && line > 0 {
			return x.Parts[0].Range().Start.Line + line - 1, col
		}
	}
	if p.docBody != nil {
		if r, ok := statementRange(p.docBody, segs); ok {
			return r.Start.Line, r.Start.Column
		}
	}
	return p.Line, p.Column
}

// walkExpr follows a JSON pointer into object and tuple constructors as
// far as they go.
func walkExpr(x hclsyntax.Expression, segs []string) hcl.Range {
	for _, s := range segs {
		switch v := x.(type) {
		case *hclsyntax.ObjectConsExpr:
			next := hclsyntax.Expression(nil)
			for _, it := range v.Items {
				if k, ok := objectKey(it.KeyExpr); ok && k == s {
					next = it.ValueExpr
				}
			}
			if next == nil {
				return x.Range()
			}
			x = next
		case *hclsyntax.TupleConsExpr:
			i, err := strconv.Atoi(s)
			if err != nil || i < 0 || i >= len(v.Exprs) {
				return x.Range()
			}
			x = v.Exprs[i]
		default:
			return x.Range()
		}
	}
	return x.Range()
}

func objectKey(x hclsyntax.Expression) (string, bool) {
	if k, ok := x.(*hclsyntax.ObjectConsKeyExpr); ok {
		if name := hcl.ExprAsKeyword(k.Wrapped); name != "" {
			return name, true
		}
		x = k.Wrapped
	}
	v, ds := x.Value(nil)
	if ds.HasErrors() || !v.IsKnown() || v.IsNull() || !v.Type().Equals(cty.String) {
		return "", false
	}
	return v.AsString(), true
}

// docFields are the statement block attributes and blocks of the JSON keys.
var docFields = map[string]string{"Sid": "sid", "Effect": "effect", "Action": "actions", "NotAction": "not_actions",
	"Resource": "resources", "NotResource": "not_resources", "Principal": "principals", "NotPrincipal": "not_principals", "Condition": "condition"}

// statementRange is the statement block (and its attribute or block) a
// pointer /Statement/N/Key names, when the document's statements are its
// statement blocks in order (no source or override documents, no dynamic
// blocks).
func statementRange(body hcl.Body, segs []string) (hcl.Range, bool) {
	c, _, _ := body.PartialContent(docSchema)
	if c == nil || len(segs) < 2 || segs[0] != "Statement" || c.Attributes["source_policy_documents"] != nil || c.Attributes["override_policy_documents"] != nil {
		return hcl.Range{}, false
	}
	if sb, ok := body.(*hclsyntax.Body); ok {
		for _, b := range sb.Blocks {
			if b.Type == "dynamic" {
				return hcl.Range{}, false
			}
		}
	}
	i, err := strconv.Atoi(segs[1])
	if err != nil || i < 0 || i >= len(c.Blocks) {
		return hcl.Range{}, false
	}
	st := c.Blocks[i]
	if len(segs) > 2 {
		if sc, _, _ := st.Body.PartialContent(stmtSchema); sc != nil {
			name := docFields[segs[2]]
			if a := sc.Attributes[name]; a != nil {
				return a.Range, true
			}
			for _, b := range sc.Blocks {
				if b.Type == name {
					return b.DefRange, true
				}
			}
		}
	}
	return st.DefRange, true
}
