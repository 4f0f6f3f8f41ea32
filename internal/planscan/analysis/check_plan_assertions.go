package analysis

import (
	"fmt"
	"sort"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// planAssertions evaluates the plan's iamsim_assertion resources with
// their own inputs (the attributes of the iamsim provider's resource), so
// that they fail before apply. Inputs known only after apply stay unknown
// (PT-1): an unknown policy is an unknown document (PT-5); an unknown
// principal, action or resource list makes the assertion unknown. As in the
// provider, the expectation holds over every value of the context keys the
// assertion does not pin (issue 9): a violation names the context that
// breaks it.
func (a *Analysis) planAssertions() []CheckResult {
	var out []CheckResult
	for _, rc := range a.Plan.ResourceChanges {
		if rc == nil || rc.Type != "iamsim_assertion" || rc.Mode != tfjson.ManagedResourceMode || rc.Change == nil {
			continue
		}
		if rc.Change.Actions.Delete() && !rc.Change.Actions.Replace() {
			continue
		}
		after, _ := rc.Change.After.(map[string]any)
		unk, _ := rc.Change.AfterUnknown.(map[string]any)
		if after == nil {
			continue
		}
		out = append(out, a.planAssertion(rc.Address, after, unk))
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Address < out[j].Address })
	return out
}

// assertionInputs reads the attributes of one iamsim_assertion.
type assertionInputs struct {
	addr string
	vals map[string]any
	unk  map[string]any
}

func (in *assertionInputs) unknown(attr string) bool { return tfplan.IsUnknown(in.unk[attr]) }

func (in *assertionInputs) str(attr string) (string, bool) {
	if in.unknown(attr) {
		return "", false
	}
	s, _ := tfplan.ScalarString(in.vals[attr])
	return s, true
}

// list reads a list of strings; unknown elements are reported.
func (in *assertionInputs) list(attr string) (vals []string, unknownAt []int, whole bool) {
	if in.unknown(attr) {
		return nil, nil, true
	}
	l, _ := in.vals[attr].([]any)
	for i, e := range l {
		if tfplan.IsUnknown(tfplan.UnknownAtIndex(in.unk[attr], i)) {
			unknownAt = append(unknownAt, i)
			continue
		}
		s, _ := tfplan.ScalarString(e)
		vals = append(vals, s)
	}
	return vals, unknownAt, false
}

// docs reads a list of policy JSON strings; unknown ones become unknown
// documents (one for a wholly unknown list).
func (in *assertionInputs) docs(attr string) []evaluator.PolicyDoc {
	vals, unk, whole := in.list(attr)
	var out []evaluator.PolicyDoc
	for i, v := range vals {
		out = append(out, evaluator.PolicyDoc{Name: fmt.Sprintf("%s.%s[%d]", in.addr, attr, i), JSON: []byte(v)})
	}
	for _, i := range unk {
		out = append(out, evaluator.PolicyDoc{Name: fmt.Sprintf("%s.%s[%d]", in.addr, attr, i), Unknown: &evaluator.Unknown{Reason: fmt.Sprintf("%s.%s[%d]", in.addr, attr, i)}})
	}
	if whole {
		out = append(out, evaluator.PolicyDoc{Name: in.addr + "." + attr, Unknown: &evaluator.Unknown{Reason: in.addr + "." + attr}})
	}
	return out
}

func (in *assertionInputs) doc(attr string) *evaluator.PolicyDoc {
	if in.unknown(attr) {
		return &evaluator.PolicyDoc{Name: in.addr + "." + attr, Unknown: &evaluator.Unknown{Reason: in.addr + "." + attr}}
	}
	s, _ := tfplan.ScalarString(in.vals[attr])
	if s == "" {
		return nil
	}
	return &evaluator.PolicyDoc{Name: in.addr + "." + attr, JSON: []byte(s)}
}

// levels reads service_control_policies / resource_control_policies blocks.
func (in *assertionInputs) levels(attr string) [][]evaluator.PolicyDoc {
	if in.unknown(attr) {
		return [][]evaluator.PolicyDoc{{{Name: in.addr + "." + attr, Unknown: &evaluator.Unknown{Reason: in.addr + "." + attr}}}}
	}
	l, _ := in.vals[attr].([]any)
	var out [][]evaluator.PolicyDoc
	for i, e := range l {
		obj, _ := e.(map[string]any)
		lu := tfplan.UnknownAtIndex(in.unk[attr], i)
		sub := &assertionInputs{addr: fmt.Sprintf("%s.%s[%d]", in.addr, attr, i), vals: obj}
		if m, ok := lu.(map[string]any); ok {
			sub.unk = m
		}
		if tfplan.IsUnknown(lu) {
			out = append(out, []evaluator.PolicyDoc{{Name: sub.addr, Unknown: &evaluator.Unknown{Reason: sub.addr}}})
			continue
		}
		out = append(out, append([]evaluator.PolicyDoc{}, sub.docs("policies_json")...))
	}
	return out
}

func (a *Analysis) planAssertion(addr string, vals, unk map[string]any) CheckResult {
	in := &assertionInputs{addr: addr, vals: vals, unk: unk}
	expect, _ := in.str("expect")
	desc, _ := in.str("description")
	r := CheckResult{Rule: "iamsim_assertion", Name: addr, Level: LevelError, Address: addr}
	r.Message = "iamsim_assertion " + addr
	if desc != "" {
		r.Message += " (" + desc + ")"
	}
	princ, pok := in.str("principal_arn")
	actions, aunk, awhole := in.list("action_names")
	resources, runk, rwhole := in.list("resource_arns")
	var deferred []string
	if !pok {
		deferred = append(deferred, addr+".principal_arn")
	}
	if awhole || len(aunk) > 0 {
		deferred = append(deferred, addr+".action_names")
	}
	if rwhole {
		deferred = append(deferred, addr+".resource_arns")
	}
	if expect == "" {
		deferred = append(deferred, addr+".expect")
	}
	if len(deferred) > 0 {
		r.Status, r.DependsOn = StatusUnknown, deferred
		r.Message += ": its requests are known only after apply"
		return r
	}
	p, err := evaluator.ParsePrincipal(princ)
	if err != nil {
		r.Status = StatusFail
		r.Message += ": " + err.Error()
		return r
	}
	var set evaluator.PolicySet
	set.Identity = in.docs("identity_policies_json")
	marns, munk, mwhole := in.list("managed_policy_arns")
	for _, arn := range marns {
		if d, ok := a.catalog.ManagedPolicy(arn); ok {
			set.Identity = append(set.Identity, evaluator.PolicyDoc{Name: arn, JSON: d.Document})
		} else {
			set.Identity = append(set.Identity, evaluator.PolicyDoc{Name: arn, Unknown: &evaluator.Unknown{Reason: "unknown managed policy " + arn}})
		}
	}
	if len(munk) > 0 || mwhole {
		set.Identity = append(set.Identity, evaluator.PolicyDoc{Name: addr + ".managed_policy_arns", Unknown: &evaluator.Unknown{Reason: addr + ".managed_policy_arns"}})
	}
	if d := in.doc("permissions_boundary_json"); d != nil {
		set.Boundaries = []evaluator.PolicyDoc{*d}
	}
	if d := in.doc("session_policy_json"); d != nil {
		set.Session, set.HasSession = []evaluator.PolicyDoc{*d}, true
	}
	if d := in.doc("vpc_endpoint_policy_json"); d != nil {
		set.Endpoint = []evaluator.PolicyDoc{*d}
	}
	set.SCPs = in.levels("service_control_policies")
	set.RCPs = in.levels("resource_control_policies")
	set.Resource = in.doc("resource_policy_json")
	// PT-11 does not apply: the assertion's inputs are a direct simulation
	// (EV-21), as the provider evaluates them.
	cs := evaluator.Compile(set, evaluator.Options{Catalog: a.catalog.Engine()})

	var ctx evaluator.Context
	if tfplan.IsUnknown(unk["context"]) {
		r.Status, r.DependsOn = StatusUnknown, []string{addr + ".context"}
		r.Message += ": its context is known only after apply"
		return r
	}
	cl, _ := vals["context"].([]any)
	for i, e := range cl {
		obj, _ := e.(map[string]any)
		key, _ := tfplan.ScalarString(obj["key"])
		cu, _ := tfplan.UnknownAtIndex(unk["context"], i).(map[string]any)
		if tfplan.IsUnknown(tfplan.UnknownAtIndex(unk["context"], i)) || tfplan.IsUnknown(cu["values"]) || tfplan.IsUnknown(cu["key"]) {
			ctx.SetUnknown(key, evaluator.Unknown{Reason: fmt.Sprintf("%s.context[%d]", addr, i)})
			continue
		}
		var vs []string
		lv, _ := obj["values"].([]any)
		for _, v := range lv {
			s, _ := tfplan.ScalarString(v)
			vs = append(vs, s)
		}
		if len(vs) == 1 {
			ctx.Set(key, vs[0])
		} else {
			ctx.SetList(key, vs)
		}
	}
	if tfplan.IsUnknown(unk["principal_tags"]) {
		r.Status, r.DependsOn = StatusUnknown, []string{addr + ".principal_tags"}
		r.Message += ": its principal tags are known only after apply"
		return r
	}
	var opts evaluator.QuantifyOptions
	if tags, ok := vals["principal_tags"].(map[string]any); ok {
		// Given tags are all the principal has (as the provider reads them).
		opts.FixedKeys = []string{"aws:PrincipalTag/"}
		for k, v := range tags {
			s, _ := tfplan.ScalarString(v)
			ctx.Set("aws:PrincipalTag/"+k, s)
		}
	}
	owner, ownerKnown := in.str("resource_owner_account_id")
	var o outcome
	reqs := resources
	if len(reqs) == 0 && len(runk) == 0 {
		reqs = []string{"*"}
	}
	for _, act := range actions {
		for _, res := range reqs {
			rctx, ropts := a.assertionResourceTags(&set, act, res, ctx, opts)
			req := &evaluator.Request{Principal: p, Action: act, Resource: res, ResourceAccount: owner, Context: rctx}
			if !ownerKnown {
				req.ResourceAccountUnknown = &evaluator.Unknown{Reason: addr + ".resource_owner_account_id"}
			}
			q := cs.Quantify(req, ropts)
			o.addQuantified(expect, act+" on "+res, &q, requestWitness(cs, req))
		}
		for _, i := range runk {
			reason := fmt.Sprintf("%s.resource_arns[%d]", addr, i)
			req := &evaluator.Request{Principal: p, Action: act, ResourceUnknown: &evaluator.Unknown{Reason: reason}, ResourceAccount: owner, Context: ctx}
			q := cs.Quantify(req, opts)
			o.addQuantified(expect, act+" on ("+reason+")", &q, requestWitness(cs, req))
		}
	}
	return o.result(r, expect)
}

// assertionResourceTags fills the aws:ResourceTag/ keys of a request on a
// resource of the plan the assertion names by ARN, as query does
// (resource_tags.go, issue 8): the resource's tags after apply, unknown
// when they are known only after apply; a key the assertion's context
// gives wins.
func (a *Analysis) assertionResourceTags(set *evaluator.PolicySet, action, arn string, ctx evaluator.Context, opts evaluator.QuantifyOptions) (evaluator.Context, evaluator.QuantifyOptions) {
	s := a.After
	if s == nil || arn == "*" {
		return ctx, opts
	}
	tr := s.taggedTarget(&Target{Ref: arn, ARN: arn})
	if tr == nil {
		return ctx, opts
	}
	rt := resourceTagsOf(a.catalog, action, arn, true, tr)
	out, fix := rt.apply(ctx, func() []string {
		docs := append(append(append(append([]evaluator.PolicyDoc(nil), set.Identity...), set.Boundaries...), set.Session...), set.Endpoint...)
		for _, lv := range append(append([][]evaluator.PolicyDoc{}, set.SCPs...), set.RCPs...) {
			docs = append(docs, lv...)
		}
		if set.Resource != nil {
			docs = append(docs, *set.Resource)
		}
		return keysIn(resourceTagKey(), docs)
	})
	if fix {
		opts.FixedKeys = append(append([]string(nil), opts.FixedKeys...), resourceTagPrefix)
	}
	return out, opts
}
