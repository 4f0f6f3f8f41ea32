package iammodel

import (
	"encoding/json"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfconfig"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// SourceStats counts the policy documents the plan knows only after apply:
// those rebuilt from the configuration source and those still unknown.
type SourceStats struct {
	Rebuilt int
	Unknown int
}

// placeholder is tfconfig's Options.Placeholder: the text of a value of
// an object the plan creates that is known up to a part generated at apply
// (a symbol, aws_symbols.go), written as evaluator.SymbolText. The engine
// matches it as itself (a statement naming aws_kms_key.app.arn applies to
// requests on that key, definitely) and as a possible match of any literal
// of its form (PT-3).
func (b *builder) placeholder(_ *tfplan.Instance, _ string, s tfplan.Str) (string, bool) {
	if s.Unknown == nil || s.Unknown.Symbol == "" {
		return "", false
	}
	return evaluator.SymbolText(s.Unknown), true
}

// fromSource rebuilds a policy attribute that the plan knows only after
// apply from the configuration source, when there is one. A document that
// holds a symbol anywhere but in Resource, NotResource or an AWS principal
// stays unknown.
func (b *builder) fromSource(in *tfplan.Instance, attr string) (string, bool) {
	text, _, ok := b.fromSourceWhy(in, attr)
	return text, ok
}

// fromSourceWhy is fromSource with, when the document stays unknown, the
// reason the unknown carries into `depends on`: "<address>.<attr>", and
// with the source what kept it unknown (issue 8: an expression the source
// reader cannot evaluate is named with its location, a data source read
// from AWS at apply is said to be; never guessed).
func (b *builder) fromSourceWhy(in *tfplan.Instance, attr string) (text, reason string, ok bool) {
	reason = in.Address + "." + attr
	if b.src == nil {
		return "", reason, false
	}
	rb, ok := b.src.Policy(in, attr)
	switch {
	case ok && symbolsOnlyWhereMatched(rb.JSON):
		return rb.JSON, "", true
	case ok:
		return "", reason + ": names a resource identifier AWS generates at apply", false
	case rb.Why != "":
		return "", reason + ": " + rb.Why, false
	case in.Key.Mode == tfjson.DataResourceMode && in.Key.Type != "aws_iam_policy_document":
		return "", reason + ": read from AWS at apply", false
	}
	return "", reason, false
}

// symbolsOnlyWhereMatched reports whether every symbol of text is in a
// statement's Resource or NotResource, in the AWS entries of its Principal
// or NotPrincipal, or in the values of its Condition: the elements whose
// matching knows symbols (evaluator/symbol.go, principal_symbol.go,
// condition_symbol.go); text without symbols passes. A symbol anywhere
// else (a condition key, a Service principal, an action) keeps the
// document unknown.
func symbolsOnlyWhereMatched(text string) bool {
	if !evaluator.HasSymbol(text) {
		return true
	}
	var doc struct{ Statement json.RawMessage }
	if json.Unmarshal([]byte(text), &doc) != nil {
		return false
	}
	var stmts []map[string]json.RawMessage
	if json.Unmarshal(doc.Statement, &stmts) != nil {
		var one map[string]json.RawMessage
		if json.Unmarshal(doc.Statement, &one) != nil {
			return false
		}
		stmts = append(stmts, one)
	}
	n := 0
	for _, st := range stmts {
		for k, v := range st {
			if !evaluator.HasSymbol(string(v)) {
				continue
			}
			switch k {
			case "Resource", "NotResource":
				n += evaluator.SymbolCount(string(v))
			case "Principal", "NotPrincipal":
				c, ok := awsPrincipalSymbols(v)
				if !ok {
					return false
				}
				n += c
			case "Condition":
				c, ok := conditionValueSymbols(v)
				if !ok {
					return false
				}
				n += c
			default:
				return false
			}
		}
	}
	return n == evaluator.SymbolCount(text)
}

// awsPrincipalSymbols counts the symbols of a Principal element that are
// in its "AWS" entries (a user or role the plan creates with name_prefix,
// evaluator/principal_symbol.go); ok is false when another part holds one.
func awsPrincipalSymbols(v json.RawMessage) (int, bool) {
	var m map[string]json.RawMessage
	if json.Unmarshal(v, &m) != nil {
		return 0, false
	}
	n := 0
	for k, e := range m {
		if !evaluator.HasSymbol(string(e)) {
			continue
		}
		if k != "AWS" {
			return 0, false
		}
		n += evaluator.SymbolCount(string(e))
	}
	return n, true
}

// conditionValueSymbols counts the symbols of a Condition block that are
// in its values ({operator: {key: value or [values]}}); ok is false when
// an operator or a key holds one.
func conditionValueSymbols(v json.RawMessage) (int, bool) {
	var ops map[string]map[string]json.RawMessage
	if json.Unmarshal(v, &ops) != nil {
		return 0, false
	}
	n := 0
	for op, keys := range ops {
		if evaluator.HasSymbol(op) {
			return 0, false
		}
		for k, vals := range keys {
			if evaluator.HasSymbol(k) {
				return 0, false
			}
			n += evaluator.SymbolCount(string(vals))
		}
	}
	return n, true
}

// newSourceEvaluator sets up the source evaluator of one side.
func (b *builder) newSourceEvaluator(opts ModelOptions) {
	if opts.Source == nil {
		return
	}
	b.src = opts.Source.Evaluator(opts.Plan, b.r, tfconfig.Options{Placeholder: b.placeholder})
}

// sourceDiagnostics turns the evaluator's problems into warnings.
func (b *builder) sourceDiagnostics() {
	if b.src == nil {
		return
	}
	for _, d := range b.src.Diagnostics() {
		b.diags = append(b.diags, Diagnostic{Severity: evaluator.SeverityWarning, Side: b.m.Side, Summary: "configuration source: " + d.String()})
	}
}

// unknownDoc counts a document that stays unknown.
func (b *builder) unknownDoc(name, reason string) evaluator.PolicyDoc {
	b.m.Source.Unknown++
	return evaluator.PolicyDoc{Name: name, Unknown: &evaluator.Unknown{Reason: reason}}
}
