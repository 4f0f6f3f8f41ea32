package iammodel

import (
	"encoding/json"
	"strings"

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

// afterApplyMarker ends the text that stands for the ARN of a resource
// the plan creates, whose identifier AWS generates (a KMS key id): the
// known prefix, then this marker and the address. No request can name it
// (no known value is the ARN of a resource that does not exist yet), so a
// statement naming it matches only requests on that resource, which are
// unknown by their known prefix (PT-4).
const afterApplyMarker = "known-after-apply:"

// generatedIDs are the types whose ARN ends in an identifier AWS generates:
// the ARN's resource part before it.
var generatedIDs = map[string]string{"aws_kms_key": "key/", "aws_kms_replica_key": "key/"}

// placeholder is tfconfig's Options.Placeholder: the ARN of a resource the
// plan creates, when everything but its generated identifier is known.
func (b *builder) placeholder(in *tfplan.Instance, attr string, _ tfplan.Str) (string, bool) {
	kind, ok := generatedIDs[in.Key.Type]
	if attr != "arn" || !ok || (in.Action != tfplan.ActionCreate && in.Action != tfplan.ActionReplace) {
		return "", false
	}
	if b.r.AccountOf(in) == "" || b.r.RegionOf(in) == "" {
		return "", false
	}
	return "arn:" + b.r.Partition + ":kms:" + b.r.RegionOf(in) + ":" + b.r.AccountOf(in) + ":" + kind + afterApplyMarker + in.Address, true
}

// fromSource rebuilds a policy attribute that the plan knows only after
// apply from the configuration source, when there is one. A document that
// holds a placeholder anywhere but in Resource or NotResource stays unknown.
func (b *builder) fromSource(in *tfplan.Instance, attr string) (string, bool) {
	if b.src == nil {
		return "", false
	}
	rb, ok := b.src.Policy(in, attr)
	if !ok || !placeholdersOnlyInResources(rb.JSON) {
		return "", false
	}
	return rb.JSON, true
}

// placeholdersOnlyInResources reports whether every placeholder of text is
// in a statement's Resource or NotResource (where it is sound, see
// afterApplyMarker); text without placeholders passes.
func placeholdersOnlyInResources(text string) bool {
	if !strings.Contains(text, afterApplyMarker) {
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
			if strings.Contains(string(v), afterApplyMarker) {
				if k != "Resource" && k != "NotResource" {
					return false
				}
				n += strings.Count(string(v), afterApplyMarker)
			}
		}
	}
	return n == strings.Count(text, afterApplyMarker)
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
