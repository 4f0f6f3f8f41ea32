package evaluator

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// PT-3 soundness: whenever the engine gives a definite answer for a policy
// set with unknown values, every completion of the unknowns gives that same
// answer; and every completion's answer is among the possible decisions the
// engine lists. Completions replace an unknown document by each document of
// a small pool (allow-all, deny-all, one that matches nothing), an unknown
// context value by each value of a small pool (absent included), and an
// unknown resource account by each account.

var (
	ptActions   = []string{"s3:GetObject", "s3:PutObject", "ec2:RunInstances"}
	ptResources = []string{"arn:aws:s3:::bkt/key", "arn:aws:s3:::other/key", "*"}
	ptCallers   = []string{userARN, sessARN, userB, rootARN}
	// context keys and the values a completion may give them ("" = absent)
	ptContext = map[string][]string{
		"aws:RequestedRegion": {"", "eu-west-1", "us-east-1"},
		"aws:SecureTransport": {"", "true", "false"},
	}
	ptContextKeys = []string{"aws:RequestedRegion", "aws:SecureTransport"}
)

// ptKind is what a generated document is for.
type ptKind uint8

const (
	ptPlain    ptKind = iota // identity, boundary, session, SCP
	ptResource               // resource policy: a Principal element
	ptRCP                    // RCP: Deny statements with Principal "*"
)

func ptStatement(r *rand.Rand, kind ptKind) string {
	var b strings.Builder
	eff := "Allow"
	if r.IntN(3) == 0 || kind == ptRCP {
		eff = "Deny"
	}
	fmt.Fprintf(&b, `{"Effect":%q`, eff)
	if kind == ptRCP {
		b.WriteString(`,"Principal":"*"`)
	}
	if kind == ptResource {
		ps := []string{`"*"`, `{"AWS":"` + acctA + `"}`, `{"AWS":"` + userARN + `"}`, `{"AWS":"` + roleARN + `"}`, `{"AWS":"` + sessARN + `"}`, `{"AWS":"` + userB + `"}`}
		fmt.Fprintf(&b, `,"Principal":%s`, ps[r.IntN(len(ps))])
	}
	acts := []string{"*", "s3:*", "s3:GetObject", "ec2:*", "s3:Put*"}
	if r.IntN(8) == 0 && kind != ptRCP {
		fmt.Fprintf(&b, `,"NotAction":%q`, acts[1+r.IntN(len(acts)-1)])
	} else {
		fmt.Fprintf(&b, `,"Action":%q`, acts[r.IntN(len(acts))])
	}
	res := []string{"*", "arn:aws:s3:::bkt/*", "arn:aws:s3:::other/*"}
	fmt.Fprintf(&b, `,"Resource":%q`, res[r.IntN(len(res))])
	switch r.IntN(4) {
	case 0:
		vals := ptContext["aws:RequestedRegion"]
		op := []string{"StringEquals", "StringNotEquals"}[r.IntN(2)]
		fmt.Fprintf(&b, `,"Condition":{%q:{"aws:RequestedRegion":%q}}`, op, vals[1+r.IntN(2)])
	case 1:
		fmt.Fprintf(&b, `,"Condition":{"Bool":{"aws:SecureTransport":%q}}`, []string{"true", "false"}[r.IntN(2)])
	}
	b.WriteString("}")
	return b.String()
}

func ptPolicy(r *rand.Rand, kind ptKind) string {
	n := 1 + r.IntN(3)
	stmts := make([]string, n)
	for i := range stmts {
		stmts[i] = ptStatement(r, kind)
	}
	return pol(stmts...)
}

// ptSlot is one unknown leaf and the values its completions take.
type ptSlot struct {
	name   string
	values int
	apply  func(set *PolicySet, req *Request, v int)
}

// ptDocPool are the completions of an unknown document.
func ptDocPool(kind ptKind) []string {
	p := ""
	if kind != ptPlain {
		p = `"Principal":"*",`
	}
	nothing := pol(`{"Effect":"Allow",` + p + `"Action":"none:None","Resource":"*"}`)
	if kind == ptRCP {
		nothing = pol(`{"Effect":"Deny",` + p + `"Action":"none:None","Resource":"*"}`)
	}
	return []string{
		pol(`{"Effect":"Allow",` + p + `"Action":"*","Resource":"*"}`),
		pol(`{"Effect":"Deny",` + p + `"Action":"*","Resource":"*"}`),
		nothing,
	}
}

type ptCase struct {
	set   PolicySet
	req   Request
	slots []ptSlot
}

func ptGenerate(r *rand.Rand) ptCase {
	var c ptCase
	caller := ptCallers[r.IntN(len(ptCallers))]
	p, _ := ParsePrincipal(caller)
	c.req = Request{Principal: p, Action: ptActions[r.IntN(len(ptActions))], Resource: ptResources[r.IntN(len(ptResources))]}
	if r.IntN(3) == 0 {
		c.req.ResourceAccount = acctB
	} else {
		c.req.ResourceAccount = acctA
	}
	// maybeUnknown makes a document unknown (PT-5) with probability 1/6.
	doc := func(kind ptKind, place func(set *PolicySet, d PolicyDoc)) {
		if r.IntN(6) == 0 {
			name := fmt.Sprintf("doc%d", len(c.slots))
			place(&c.set, PolicyDoc{Unknown: &Unknown{Reason: name}})
			pool := ptDocPool(kind)
			// each slot remembers how to replace the unknown marker with a pool document
			idx := len(c.slots)
			c.slots = append(c.slots, ptSlot{name: name, values: len(pool), apply: func(set *PolicySet, _ *Request, v int) {
				replaceUnknown(set, fmt.Sprintf("doc%d", idx), PolicyDoc{JSON: []byte(pool[v])})
			}})
			return
		}
		place(&c.set, PolicyDoc{JSON: []byte(ptPolicy(r, kind))})
	}
	for i := r.IntN(3); i > 0; i-- {
		doc(ptPlain, func(s *PolicySet, d PolicyDoc) { s.Identity = append(s.Identity, d) })
	}
	if r.IntN(3) == 0 {
		doc(ptPlain, func(s *PolicySet, d PolicyDoc) { s.Boundaries = append(s.Boundaries, d) })
	}
	if r.IntN(4) == 0 {
		doc(ptPlain, func(s *PolicySet, d PolicyDoc) { s.Session = append(s.Session, d) })
	}
	if r.IntN(2) == 0 {
		doc(ptResource, func(s *PolicySet, d PolicyDoc) { s.Resource = &d })
	}
	for i := r.IntN(3); i > 0; i-- {
		var level []PolicyDoc
		for j := 1 + r.IntN(2); j > 0; j-- {
			doc(ptPlain, func(s *PolicySet, d PolicyDoc) { level = append(level, d) })
		}
		c.set.SCPs = append(c.set.SCPs, level)
	}
	if r.IntN(4) == 0 {
		doc(ptRCP, func(s *PolicySet, d PolicyDoc) { s.RCPs = append(s.RCPs, []PolicyDoc{d}) })
	}
	for _, k := range ptContextKeys {
		vals := ptContext[k]
		switch r.IntN(3) {
		case 0: // absent
		case 1:
			c.req.Context.Set(k, vals[1+r.IntN(len(vals)-1)])
		default:
			c.req.Context.SetUnknown(k, Unknown{Reason: k})
			key := k
			c.slots = append(c.slots, ptSlot{name: k, values: len(vals), apply: func(_ *PolicySet, req *Request, v int) {
				ctx := Context{}
				for _, e := range req.Context.Entries() {
					if e.Key != key {
						ctx.put(e)
					}
				}
				if vals[v] != "" {
					ctx.Set(key, vals[v])
				}
				req.Context = ctx
			}})
		}
	}
	if r.IntN(8) == 0 {
		c.req.ResourceAccountUnknown = &Unknown{Reason: "ra"}
		c.slots = append(c.slots, ptSlot{name: "ra", values: 2, apply: func(_ *PolicySet, req *Request, v int) {
			req.ResourceAccountUnknown = nil
			req.ResourceAccount = []string{acctA, acctB}[v]
		}})
	}
	return c
}

// replaceUnknown swaps the unknown document named reason for d.
func replaceUnknown(set *PolicySet, reason string, d PolicyDoc) {
	swap := func(ds []PolicyDoc) []PolicyDoc {
		out := slices.Clone(ds)
		for i := range out {
			if out[i].Unknown != nil && out[i].Unknown.Reason == reason {
				out[i] = d
			}
		}
		return out
	}
	set.Identity = swap(set.Identity)
	set.Boundaries = swap(set.Boundaries)
	set.Session = swap(set.Session)
	if set.Resource != nil && set.Resource.Unknown != nil && set.Resource.Unknown.Reason == reason {
		set.Resource = &d
	}
	scps := make([][]PolicyDoc, len(set.SCPs))
	for i, l := range set.SCPs {
		scps[i] = swap(l)
	}
	set.SCPs = scps
	rcps := make([][]PolicyDoc, len(set.RCPs))
	for i, l := range set.RCPs {
		rcps[i] = swap(l)
	}
	set.RCPs = rcps
}

func TestPT3Soundness(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 7))
	n := 3000
	if testing.Short() {
		n = 500
	}
	definite, checked := 0, 0
	for i := 0; i < n; i++ {
		c := ptGenerate(r)
		req := c.req
		got := Compile(c.set, Options{}).Decide(&req)
		if got.Decision == DecisionError {
			continue
		}
		checked++
		possible := got.Possible
		if len(possible) == 0 {
			possible = []Decision{got.Decision}
			definite++
		}
		// enumerate every completion (mixed radix over the slots)
		total := 1
		for _, s := range c.slots {
			total *= s.values
		}
		for k := 0; k < total; k++ {
			set := c.set
			set.Identity, set.Boundaries, set.Session = slices.Clone(set.Identity), slices.Clone(set.Boundaries), slices.Clone(set.Session)
			creq := c.req
			rest := k
			for _, s := range c.slots {
				s.apply(&set, &creq, rest%s.values)
				rest /= s.values
			}
			comp := Compile(set, Options{}).Decide(&creq)
			if comp.Decision == DecisionError {
				t.Fatalf("case %d: completion %d is invalid: %s", i, k, comp.Error)
			}
			compPossible := comp.Possible
			if len(compPossible) == 0 {
				compPossible = []Decision{comp.Decision}
			}
			for _, d := range compPossible {
				if !slices.Contains(possible, d) {
					t.Fatalf("case %d: engine said %s %v, but completion %d gives %s %v\n%s\n%s",
						i, got.Decision, got.Possible, k, comp.Decision, comp.Possible, ptDescribe(set), Explain(&creq, &comp))
				}
			}
			if len(got.Possible) == 0 && (comp.Decision != got.Decision || len(comp.Possible) > 0) {
				t.Fatalf("case %d: definite %s, completion %d gives %s %v\n%s\n%s",
					i, got.Decision, k, comp.Decision, comp.Possible, ptDescribe(set), Explain(&creq, &comp))
			}
		}
	}
	t.Logf("checked %d cases, %d definite", checked, definite)
	if checked < n/2 {
		t.Errorf("only %d of %d cases checked (the rest were errors)", checked, n)
	}
}

// ptDescribe prints a policy set readably for failure messages.
func ptDescribe(set PolicySet) string {
	var b strings.Builder
	line := func(kind string, ds []PolicyDoc) {
		for _, d := range ds {
			fmt.Fprintf(&b, "%s: %s\n", kind, d.JSON)
		}
	}
	line("identity", set.Identity)
	line("boundary", set.Boundaries)
	line("session", set.Session)
	if set.Resource != nil {
		line("resource", []PolicyDoc{*set.Resource})
	}
	for i, l := range set.SCPs {
		line(fmt.Sprintf("scp level %d", i), l)
	}
	for i, l := range set.RCPs {
		line(fmt.Sprintf("rcp level %d", i), l)
	}
	return b.String()
}
