package analysis

// What the gate's blocks range over (issue 13).
//
// Resources: an entry of a block's resources is a pattern over resources,
// matched as AWS matches ARNs (RS-3: `*` and `?`, the six colon-separated
// fields matched one by one, the resource part as one unit, a trailing `*`
// also covering the fields after it; `*` alone is every resource, RS-4). A
// block holds for every resource its entries match: each resource of the
// plan that the action applies to (RS-10), and, for what lies outside the
// plan, representative ARNs of the entry's shape that no plan resource has
// (its wildcards filled with "planscan-any", the account and region fields
// with the plan's). For an action without resource-level permissions the
// request resource is the literal `*` (RS-9), so `*` stands for it. An entry
// without wildcards is the one resource it names; literal("...") keeps the
// simulator's reading (RS-0: the entry is the request resource as written).
//
// Principals: a group stands for its members, a role for its sessions, an
// ARN for that principal; "anonymous" (EV-16) and "account:ID" (the
// account's root user, which holds every identity-side permission of the
// account, EV-18, so that only the resource side and the gates decide:
// PR-4) name principals outside the plan.

import (
	"sort"
	"strconv"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// representativeFill replaces a wildcard in a representative ARN.
const representativeFill = "planscan-any"

// literalEntry returns X for a resource entry written literal("X").
func literalEntry(ref string) (string, bool) {
	if strings.HasPrefix(ref, `literal(`) && strings.HasSuffix(ref, `)`) {
		inner := strings.TrimSuffix(strings.TrimPrefix(ref, `literal(`), `)`)
		if u, err := strconv.Unquote(inner); err == nil {
			return u, true
		}
		return inner, true
	}
	return "", false
}

// scopeTarget is one resource a block's entry stands for.
type scopeTarget struct {
	*Target
	// outside marks a representative ARN of the entry's shape that no plan
	// resource has.
	outside bool
}

func (t scopeTarget) label() string {
	if t.outside {
		return t.Label() + " (outside the plan)"
	}
	return t.Label()
}

// owned: the resource's account is known (from the ARN or the model): a
// principal outside the plan is asked only about those, since the request
// resource "*" and account-less ARNs outside the plan have no owner to
// tell whether the call crosses accounts.
func (t scopeTarget) owned() bool {
	if t.Policy != nil && t.Policy.Account.Set() {
		return true
	}
	return t.Unknown == nil && evaluator.IsAccountID(evaluator.ARNField(t.ARN, 4))
}

// planResource is a resource of one side of the plan with an ARN.
type planResource struct {
	address string
	arn     tfplan.Str
}

// planResources lists every resource instance of the side whose ARN is
// known or has a known prefix, and the roles, users, groups and policies of
// the model (whose ARNs the model synthesises), by address.
func (s *SideAnalysis) planResources() []planResource {
	s.scopeOnce.Do(func() {
		seen := map[string]bool{}
		add := func(addr string, arn tfplan.Str) {
			if seen[addr] || (arn.Known() && !strings.HasPrefix(arn.Value, "arn:")) {
				return
			}
			if !arn.Known() && strings.Count(arn.Unknown.Prefix, ":") < 3 {
				return // not even the service is known: the representatives stand for it
			}
			seen[addr] = true
			s.scopeRes = append(s.scopeRes, planResource{address: addr, arn: arn})
		}
		m := s.Model
		for _, id := range m.Principals() {
			add(id.Address, id.ARN)
		}
		for _, g := range m.Groups {
			add(g.Address, g.ARN)
		}
		for _, p := range m.Policies {
			add(p.Address, p.ARN)
		}
		for _, rp := range m.ResourcePolicies {
			if rp.InPlan && rp.Type == evaluator.PolicyResource {
				add(rp.Address, rp.ARN)
			}
		}
		s.mu.Lock()
		refs := s.resolver()
		for _, in := range refs.Instances {
			if in.Key.Mode != tfjson.ManagedResourceMode || seen[in.Address] {
				continue
			}
			if v := refs.Str(in, "arn"); v.Set() || !v.Known() {
				add(in.Address, v)
			}
		}
		s.mu.Unlock()
		sort.Slice(s.scopeRes, func(i, j int) bool { return s.scopeRes[i].address < s.scopeRes[j].address })
		s.scopePats = s.policyResourcePatterns()
	})
	return s.scopeRes
}

// policyResourcePatterns are the Resource patterns of the side's known
// policies: their representatives reach grants on names that the entry's
// own representative would miss.
func (s *SideAnalysis) policyResourcePatterns() []string {
	seen := map[string]bool{}
	var out []string
	docs := func(ds []evaluator.PolicyDoc, typ evaluator.PolicyType) {
		for _, d := range ds {
			if d.Unknown != nil {
				continue
			}
			tree := s.tree(d, typ)
			if tree == nil {
				continue
			}
			for _, st := range tree.Statements {
				for _, v := range st.Resources {
					if strings.HasPrefix(v.Text, "arn:") && !strings.Contains(v.Text, "${") && !evaluator.HasSymbol(v.Text) && !seen[v.Text] {
						seen[v.Text] = true
						out = append(out, v.Text)
					}
				}
			}
		}
	}
	for _, id := range s.Model.Principals() {
		set := s.Model.PolicySetFor(id)
		docs(set.Identity, evaluator.PolicyIdentity)
	}
	accts := map[string]bool{}
	for _, rp := range s.Model.ResourcePolicies {
		if rp.Doc == nil || rp.Doc.Unknown != nil {
			continue
		}
		typ := rp.Type
		if typ == evaluator.PolicyResource {
			docs([]evaluator.PolicyDoc{*rp.Doc}, typ)
		}
		// the accounts the resource side names (trust policies included)
		if tree := s.tree(*rp.Doc, typ); tree != nil {
			for _, st := range tree.Statements {
				if st.Principal == nil {
					continue
				}
				for _, v := range st.Principal.AWS {
					acct := v.Text
					if !evaluator.IsAccountID(acct) {
						acct = evaluator.ARNField(acct, 4)
					}
					if evaluator.IsAccountID(acct) {
						accts[acct] = true
					}
				}
			}
		}
	}
	for _, acct := range s.Model.Accounts {
		accts[acct] = true
	}
	s.scopeAccts = sortedKeys(accts)
	sort.Strings(out)
	return out
}

// scopeTargets returns the resources a block's resource entry stands for
// when asked about one action on this side (see the file comment).
func (s *SideAnalysis) scopeTargets(ref, action string) ([]scopeTarget, error) {
	if inner, ok := literalEntry(ref); ok {
		t, err := s.Target(inner)
		if err != nil {
			return nil, err
		}
		return []scopeTarget{{Target: t}}, nil
	}
	t, err := s.Target(ref)
	if err != nil {
		return nil, err
	}
	if t.Absent || t.Unknown != nil || !strings.ContainsAny(t.ARN, "*?") {
		return []scopeTarget{{Target: t}}, nil
	}
	pattern := t.ARN
	known, wildcardOnly := s.opts.Catalog.Action(action)
	if known && wildcardOnly {
		if pattern == "*" { // RS-9: the request resource is the literal *
			return []scopeTarget{{Target: &Target{Ref: ref, ARN: "*"}}}, nil
		}
		return nil, nil // the action applies to no resource of this shape
	}
	fits := func(arn string) bool {
		f, ok := s.opts.Catalog.ResourceFits(action, arn)
		return !ok || f
	}
	var out []scopeTarget
	inPlan := map[string]bool{}
	for _, r := range s.planResources() {
		if r.arn.Known() {
			inPlan[r.arn.Value] = true
			if arnPatternMatch(pattern, r.arn.Value) && fits(r.arn.Value) {
				rt, err := s.Target(r.arn.Value)
				if err != nil {
					return nil, err
				}
				out = append(out, scopeTarget{Target: rt})
			}
			continue
		}
		if prefixMayMatch(pattern, r.arn.Unknown.Prefix) && fits(r.arn.Unknown.Prefix+"x") {
			rt, err := s.Target("${" + r.address + ".arn}")
			if err != nil {
				return nil, err
			}
			out = append(out, scopeTarget{Target: rt})
		}
	}
	// Outside the plan: the entry's own shape, the action's resource types
	// and the policies' patterns, each made concrete (of the variants of
	// one pattern, the first that the entry matches and the action fits).
	var reps [][]string
	reps = append(reps, s.instantiate(pattern))
	if a, ok := s.catalog.LookupAction(action); ok {
		for _, rt := range s.catalog.ResourceTypesFor(a.FullName()) {
			for _, f := range rt.ARNFormats {
				reps = append(reps, []string{s.instantiateTemplate(f)})
			}
		}
	}
	if pattern == "*" {
		reps = append(reps, []string{"*"}) // RS-4: the request resource * too
	}
	service, _, _ := strings.Cut(strings.ToLower(action), ":")
	for _, p := range s.scopePats {
		if evaluator.ARNField(p, 2) == service {
			reps = append(reps, s.instantiate(p))
		}
	}
	seen := map[string]bool{}
	for _, variants := range reps {
		for _, rep := range variants {
			if rep == "" || inPlan[rep] || !arnPatternMatch(pattern, rep) || (rep != "*" && !fits(rep)) {
				continue
			}
			if !seen[rep] {
				seen[rep] = true
				rt, err := s.Target(rep)
				if err != nil {
					return nil, err
				}
				rt.Ref = ref
				out = append(out, scopeTarget{Target: rt, outside: rep != "*"})
			}
			break
		}
	}
	return out, nil
}

// repAccount and repRegion fill the account and region fields of a
// representative: the plan's, so that the plan's principals are asked about
// resources of their own account (the grants that can reach them).
func (s *SideAnalysis) repAccount() string {
	if s.Model.Account.Set() {
		return s.Model.Account.Value
	}
	if len(s.Model.Accounts) > 0 {
		return s.Model.Accounts[0]
	}
	return "123456789012"
}

func (s *SideAnalysis) repRegion() string {
	if s.Model.Region != "" {
		return s.Model.Region
	}
	return "us-east-1"
}

// instantiate makes a pattern concrete: every wildcard filled. A `*` in
// the resource part may stand for a path, so a second ARN fills the last
// one with two segments (bucket-level and object-level ARNs, for example).
func (s *SideAnalysis) instantiate(pattern string) []string {
	if pattern == "*" || !strings.HasPrefix(pattern, "arn:") {
		return nil
	}
	parts := strings.SplitN(pattern, ":", 6)
	for len(parts) < 6 {
		if !strings.HasSuffix(parts[len(parts)-1], "*") {
			return nil // RS-5: a short pattern without a trailing * matches no ARN
		}
		parts = append(parts, "*")
	}
	fill := func(field, with string) string {
		field = strings.ReplaceAll(field, "?", "x")
		return strings.ReplaceAll(field, "*", with)
	}
	head := []string{"arn", fill(parts[1], "aws"), parts[2], "", "", ""}
	if parts[3] != "" {
		head[3] = fill(parts[3], s.repRegion())
		if strings.ContainsAny(parts[3], "*?") && parts[3] != "*" {
			head[3] = fill(parts[3], "x")
		}
	}
	if parts[4] != "" {
		head[4] = parts[4]
		if strings.ContainsAny(parts[4], "*?") {
			head[4] = s.repAccount()
		}
	}
	res := parts[5]
	one := fill(res, representativeFill)
	out := []string{strings.Join(head[:5], ":") + ":" + one}
	if i := strings.LastIndexByte(res, '*'); i >= 0 {
		two := fill(res[:i], representativeFill) + representativeFill + "/" + representativeFill + fill(res[i+1:], representativeFill)
		out = append(out, strings.Join(head[:5], ":")+":"+two)
	}
	return out
}

// instantiateTemplate fills an ARN format of the service reference
// (arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}).
func (s *SideAnalysis) instantiateTemplate(f string) string {
	var b strings.Builder
	for {
		before, name, rest, found, ok := cutRef(f)
		if !ok {
			return ""
		}
		b.WriteString(before)
		if !found {
			break
		}
		switch name {
		case "Partition":
			b.WriteString("aws")
		case "Region":
			b.WriteString(s.repRegion())
		case "Account":
			b.WriteString(s.repAccount())
		default:
			b.WriteString(representativeFill)
		}
		f = rest
	}
	return strings.ReplaceAll(b.String(), "*", representativeFill)
}

// arnPatternMatch matches an ARN against a resource pattern (RS-3): the
// first five fields one by one, where a wildcard never crosses a colon; the
// resource part as one unit (the loose reading of RS-3.4, which makes the
// gate cover more); a pattern with fewer fields whose last one ends in `*`
// takes that `*` over the rest (RS-3.2, RS-5). Case-sensitive (RS-6).
func arnPatternMatch(pattern, arn string) bool {
	if pattern == "*" {
		return true
	}
	if !strings.HasPrefix(arn, "arn:") {
		return pattern == arn
	}
	// fields as strings.SplitN(s, ":", 6) gives them, without the slices
	// (the access matrix asks this for every target a pattern's literal
	// prefix reaches)
	var pp, ap [6]string
	var aStart [6]int
	np, na := splitARN6(pattern, &pp, nil), splitARN6(arn, &ap, &aStart)
	if na != 6 {
		return globMatchAll(pattern, arn)
	}
	if np < 6 {
		last := np - 1
		if !strings.HasSuffix(pp[last], "*") {
			return false
		}
		for i := 0; i < last; i++ {
			if !globMatchAll(pp[i], ap[i]) {
				return false
			}
		}
		return globMatchAll(pp[last], arn[aStart[last]:])
	}
	for i := range pp {
		if !globMatchAll(pp[i], ap[i]) {
			return false
		}
	}
	return true
}

// splitARN6 splits s at its first five colons into out (the number of
// fields, at most 6, is returned), and the offset of each field in start.
func splitARN6(s string, out *[6]string, start *[6]int) int {
	n, off := 0, 0
	for n < 5 {
		j := strings.IndexByte(s[off:], ':')
		if j < 0 {
			break
		}
		out[n] = s[off : off+j]
		if start != nil {
			start[n] = off
		}
		off += j + 1
		n++
	}
	out[n] = s[off:]
	if start != nil {
		start[n] = off
	}
	return n + 1
}

// globMatchAll is the IAM glob: `*` any run, `?` one character (AC-2).
func globMatchAll(p, s string) bool {
	pi, si, starP, starS := 0, 0, -1, 0
	for si < len(s) {
		if pi < len(p) && (p[pi] == '?' || p[pi] == s[si]) {
			pi++
			si++
			continue
		}
		if pi < len(p) && p[pi] == '*' {
			starP, starS = pi, si
			pi++
			continue
		}
		if starP < 0 {
			return false
		}
		starS++
		pi, si = starP+1, starS
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

// prefixMayMatch: some ARN starting with prefix may match the pattern
// (PT-4; the engine decides the rest).
func prefixMayMatch(pattern, prefix string) bool {
	if pattern == "*" {
		return true
	}
	lit := pattern
	if i := strings.IndexAny(pattern, "*?"); i >= 0 {
		lit = pattern[:i]
	}
	return strings.HasPrefix(lit, prefix) || strings.HasPrefix(prefix, lit)
}

// resourceFilter keeps the diff's resource labels that a deny_new block's
// entries match; no entries keep every label. A label of the diff is an
// ARN, "*" (the request resource of actions without resource-level
// permissions), an ARN ending in /* (a bucket's objects) or, for an ARN
// known only after apply, ${address.arn}: an entry then matches when it
// names that reference, or is "*". A representative of a policy pattern
// (standsFor: label -> pattern) stands for every resource the pattern
// matches.
func (s *SideAnalysis) resourceFilter(entries []string, standsFor map[string]string) (func([]string) []string, error) {
	if len(entries) == 0 {
		return func(ls []string) []string { return ls }, nil
	}
	type entry struct {
		pattern, ref string
		literal      bool
	}
	var es []entry
	for _, ref := range entries {
		if inner, ok := literalEntry(ref); ok {
			es = append(es, entry{pattern: inner, ref: ref, literal: true})
			continue
		}
		t, err := s.Target(ref)
		if err != nil {
			return nil, err
		}
		es = append(es, entry{pattern: t.ARN, ref: ref})
		if t.Unknown != nil {
			es[len(es)-1].pattern = ""
		}
	}
	matches := func(e entry, label string) bool {
		if p, ok := standsFor[label]; ok && !e.literal {
			label = p
		}
		switch {
		case e.literal:
			return label == e.pattern
		case e.pattern == "*":
			return true
		case strings.HasPrefix(label, "${") || e.pattern == "":
			return label == e.ref
		case arnPatternMatch(e.pattern, label):
			return true
		}
		// a label that stands for many resources (a bucket's objects):
		// some resource both cover
		if strings.ContainsAny(label, "*?") {
			for _, rep := range s.instantiate(e.pattern) {
				if arnPatternMatch(label, rep) {
					return true
				}
			}
			if !strings.ContainsAny(e.pattern, "*?") && arnPatternMatch(label, e.pattern) {
				return true
			}
		}
		return false
	}
	return func(ls []string) []string {
		var out []string
		for _, l := range ls {
			for _, e := range es {
				if matches(e, l) {
					out = append(out, l)
					break
				}
			}
		}
		return out
	}, nil
}
