package provider

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// textInput is one string input of a decision: where it is in the
// configuration (its attribute path, also used to name policies and the
// unknown values it carries) and its value, or Unknown when Terraform knows
// it only after apply.
type textInput struct {
	Path    path.Path
	Value   string
	Unknown bool
}

// name is how results and messages refer to the input.
func (t textInput) name() string { return t.Path.String() }

// contextInput is one context block, or one principal tag.
type contextInput struct {
	Path    path.Path
	Key     string
	Type    string
	Values  []string
	Unknown bool // the values are known only after apply
}

// queryInput is the question of an iamsim_decision or iamsim_assertion in
// plain Go values, converted from the framework model at the edge.
type queryInput struct {
	Principal textInput
	Actions   []textInput
	// Resources empty means the single resource "*" (RS-0).
	Resources      []textInput
	ResourceOwner  *textInput
	Identity       []textInput
	Managed        []textInput
	Boundary       *textInput
	Session        *textInput
	ResourcePolicy *textInput
	SCPs           [][]textInput // per org level, root first
	RCPs           [][]textInput
	Endpoint       *textInput
	Context        []contextInput
	// TagsGiven: principal_tags is set, so the principal's tags are all
	// known (an unlisted tag is absent, not free, over every context).
	TagsGiven bool
	// Deferred names an input whose unknown value leaves the requests
	// themselves unknown (the principal, the action list, ...); the question
	// can then only be answered at apply.
	Deferred string
}

// hasUnknown reports whether any input is known only after apply.
func (in *queryInput) hasUnknown() bool {
	if in.Deferred != "" || in.Principal.Unknown {
		return true
	}
	one := func(t *textInput) bool { return t != nil && t.Unknown }
	many := func(ts []textInput) bool {
		for i := range ts {
			if ts[i].Unknown {
				return true
			}
		}
		return false
	}
	if many(in.Actions) || many(in.Resources) || one(in.ResourceOwner) || many(in.Identity) || many(in.Managed) ||
		one(in.Boundary) || one(in.Session) || one(in.ResourcePolicy) || one(in.Endpoint) {
		return true
	}
	for _, level := range in.SCPs {
		if many(level) {
			return true
		}
	}
	for _, level := range in.RCPs {
		if many(level) {
			return true
		}
	}
	for _, c := range in.Context {
		if c.Unknown {
			return true
		}
	}
	return false
}

// queryDefaults are the provider-level defaults.
type queryDefaults struct {
	AccountID string
	Partition string
}

// inputError is an invalid input: the attribute it is about, a Title Case
// summary for the diagnostic and the reason.
type inputError struct {
	Path    path.Path
	Summary string
	Err     error
}

func (e *inputError) Error() string { return e.Path.String() + ": " + e.Err.Error() }
func (e *inputError) Unwrap() error { return e.Err }

// query is a compiled question: one policy set and one request per
// (action, resource) pair (EV-24).
type query struct {
	set      *evaluator.CompiledSet
	requests []evaluator.Request
	// warnings are validation warnings of the policies given inline.
	warnings []policyFindings
	// fixedKeys are keys known beyond the context (QuantifyOptions.FixedKeys).
	fixedKeys []string
}

// policyFindings are the findings of one policy input.
type policyFindings struct {
	Path     path.Path
	Findings []evaluator.Finding
}

// outcome is the answer for one (action, resource) pair.
type outcome struct {
	Request evaluator.Request
	Result  evaluator.Result
}

// buildQuery turns the input into a compiled question. It fails with an
// *inputError on invalid input. The input must not be deferred.
func buildQuery(in *queryInput, defs queryDefaults, ref *referenceData) (*query, error) {
	if in.Deferred != "" {
		return nil, fmt.Errorf("%s is known only after apply", in.Deferred)
	}
	principal, err := resolvePrincipal(in.Principal.Value, defs)
	if err != nil {
		return nil, &inputError{Path: in.Principal.Path, Summary: "Invalid Principal", Err: err}
	}

	var set evaluator.PolicySet
	inline := map[string]path.Path{} // policy name -> attribute, for findings
	doc := func(t textInput) evaluator.PolicyDoc {
		d := evaluator.PolicyDoc{Name: t.name()}
		if t.Unknown {
			d.Unknown = &evaluator.Unknown{Reason: t.name()}
		} else {
			d.JSON = []byte(t.Value)
			inline[d.Name] = t.Path
		}
		return d
	}
	for _, t := range in.Identity {
		set.Identity = append(set.Identity, doc(t))
	}
	for _, t := range in.Managed {
		if t.Unknown {
			set.Identity = append(set.Identity, evaluator.PolicyDoc{Name: t.name(), Unknown: &evaluator.Unknown{Reason: t.name()}})
			continue
		}
		mp, ok := ref.managedPolicy(t.Value, defs.Partition)
		if !ok {
			return nil, &inputError{Path: t.Path, Summary: "Unknown AWS Managed Policy", Err: fmt.Errorf(
				"%q is not an AWS managed policy in the embedded data (%s); give customer managed policies as JSON in identity_policies_json",
				t.Value, dataVersion())}
		}
		set.Identity = append(set.Identity, evaluator.PolicyDoc{Name: mp.Name, JSON: []byte(mp.Document)})
	}
	if in.Boundary != nil {
		set.Boundaries = []evaluator.PolicyDoc{doc(*in.Boundary)}
	}
	if in.Session != nil {
		set.HasSession = true
		set.Session = []evaluator.PolicyDoc{doc(*in.Session)}
	}
	if in.ResourcePolicy != nil {
		// The resource policy is checked by the engine, which reads it as a
		// trust policy or a resource policy depending on the action.
		d := doc(*in.ResourcePolicy)
		delete(inline, d.Name)
		set.Resource = &d
	}
	for _, level := range in.SCPs {
		docs := []evaluator.PolicyDoc{}
		for _, t := range level {
			docs = append(docs, doc(t))
		}
		set.SCPs = append(set.SCPs, docs)
	}
	for _, level := range in.RCPs {
		docs := []evaluator.PolicyDoc{}
		for _, t := range level {
			docs = append(docs, doc(t))
		}
		set.RCPs = append(set.RCPs, docs)
	}
	if in.Endpoint != nil {
		set.Endpoint = []evaluator.PolicyDoc{doc(*in.Endpoint)}
	}

	q := &query{set: evaluator.Compile(set, ref.options())}
	if in.TagsGiven {
		q.fixedKeys = []string{"aws:PrincipalTag/"}
	}
	for _, cp := range q.set.Policies() {
		p, ok := inline[cp.Name()]
		if !ok {
			continue
		}
		if cp.Invalid() {
			return nil, &inputError{Path: p, Summary: "Invalid Policy", Err: errors.New(formatFindings(cp.Findings(), evaluator.SeverityError))}
		}
		var warn []evaluator.Finding
		for _, f := range cp.Findings() {
			if f.Severity == evaluator.SeverityWarning {
				warn = append(warn, f)
			}
		}
		if len(warn) > 0 {
			q.warnings = append(q.warnings, policyFindings{Path: p, Findings: warn})
		}
	}

	var ctx evaluator.Context
	for _, c := range in.Context {
		if c.Unknown {
			ctx.SetUnknown(c.Key, evaluator.Unknown{Reason: c.Path.String()})
			continue
		}
		if err := checkContextValues(c.Type, c.Values); err != nil {
			return nil, &inputError{Path: c.Path, Summary: "Invalid Context", Err: fmt.Errorf("key %q: %w", c.Key, err)}
		}
		if isListContextType(c.Type) {
			ctx.SetList(c.Key, c.Values)
		} else {
			ctx.Set(c.Key, c.Values[0])
		}
	}

	if o := in.ResourceOwner; o != nil && !o.Unknown && !evaluator.IsAccountID(o.Value) {
		return nil, &inputError{Path: o.Path, Summary: "Invalid Resource Owner", Err: fmt.Errorf("%q is not a 12-digit account id", o.Value)}
	}
	resources := in.Resources
	if len(resources) == 0 {
		resources = []textInput{{Path: path.Root("resource_arns"), Value: "*"}}
	}
	for _, a := range in.Actions {
		for _, r := range resources {
			req := evaluator.Request{Principal: principal, Action: a.Value, Context: ctx}
			if r.Unknown {
				req.ResourceUnknown = &evaluator.Unknown{Reason: r.name()}
			} else {
				req.Resource = r.Value
			}
			switch {
			case in.ResourceOwner != nil && in.ResourceOwner.Unknown:
				req.ResourceAccountUnknown = &evaluator.Unknown{Reason: in.ResourceOwner.name()}
			case in.ResourceOwner != nil:
				req.ResourceAccount = in.ResourceOwner.Value
			case defs.AccountID != "" && !r.Unknown && isARN(r.Value) && evaluator.ARNField(r.Value, 4) == "":
				// The provider's account_id owns resources whose ARN has no account.
				req.ResourceAccount = defs.AccountID
			}
			q.requests = append(q.requests, req)
		}
	}
	return q, nil
}

// decide answers every request.
func (q *query) decide() []outcome {
	out := make([]outcome, len(q.requests))
	for i := range q.requests {
		out[i].Request = q.requests[i]
		q.set.DecideInto(&out[i].Request, &out[i].Result)
	}
	return out
}

// resolvePrincipal parses a principal, completing the short forms
// user/NAME, role/NAME, assumed-role/ROLE/SESSION, federated-user/NAME and
// root, and IAM or STS ARNs with an empty account, from the defaults.
func resolvePrincipal(s string, defs queryDefaults) (evaluator.Principal, error) {
	partition := defs.Partition
	if partition == "" {
		partition = "aws"
	}
	full := s
	switch {
	case s == "root":
		full = "arn:" + partition + ":iam::" + defs.AccountID + ":root"
	case strings.HasPrefix(s, "user/"), strings.HasPrefix(s, "role/"):
		full = "arn:" + partition + ":iam::" + defs.AccountID + ":" + s
	case strings.HasPrefix(s, "assumed-role/"), strings.HasPrefix(s, "federated-user/"):
		full = "arn:" + partition + ":sts::" + defs.AccountID + ":" + s
	case isARN(s) && evaluator.ARNField(s, 4) == "" && (evaluator.ARNField(s, 2) == "iam" || evaluator.ARNField(s, 2) == "sts"):
		parts := strings.SplitN(s, ":", 6)
		parts[4] = defs.AccountID
		full = strings.Join(parts, ":")
	}
	if full != s && defs.AccountID == "" {
		return evaluator.Principal{}, fmt.Errorf("principal %q has no account: give a full ARN or set account_id in the provider configuration", s)
	}
	p, err := evaluator.ParsePrincipal(full)
	if err != nil {
		return evaluator.Principal{}, err
	}
	return p, nil
}

func isARN(s string) bool { return strings.HasPrefix(s, "arn:") && strings.Count(s, ":") >= 5 }

// formatFindings renders findings of at least the given severity, one per
// line (an error severity keeps only errors).
func formatFindings(fs []evaluator.Finding, min evaluator.Severity) string {
	var lines []string
	for _, f := range fs {
		if min == evaluator.SeverityError && f.Severity != evaluator.SeverityError {
			continue
		}
		lines = append(lines, f.String())
	}
	return strings.Join(lines, "\n")
}
