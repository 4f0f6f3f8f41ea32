package analysis

import (
	"net/netip"
	"sort"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// Deny statements narrow the exposure (issue 9). public-access and
// shared-access read the Allow statements of a resource or trust policy;
// when the document also has a Deny statement, the engine decides what
// each Allow still lets in, over every request context (CompiledSet.
// Quantify), as IAM Access Analyzer reasons about the whole resource-based
// policy: "Allow Principal * + Deny unless aws:PrincipalOrgID = o-x" is
// shared with the organization, not public; a Deny for a listed account
// removes that account. Only the document itself is read (no RCP, as
// Access Analyzer's findings are about the resource policy); the caller's
// own account is taken to allow everything. An answer the engine cannot
// give (unknown, an unknown resource ARN, too many restricting keys)
// keeps the Allow-only reading, which over-reports but never hides.

// denyReach is what an Allow statement still lets one kind of caller do.
type denyReach struct {
	// actions the caller can be allowed (or may be: unknown) under some
	// context; none means the Denies remove the statement's access.
	actions []string
	// when: the conditions of the first conditional answer ("" when
	// allowed without condition); unknown: some answer was unknown.
	when    [][]evaluator.KeyCondition
	unknown bool
	// undecided: the engine was not asked (unknown resource, no action):
	// keep the Allow-only reading.
	undecided bool
}

func (r denyReach) reaches() bool { return r.undecided || len(r.actions) > 0 }

// hasDenyStatement: the document has a Deny statement.
func hasDenyStatement(tree *evaluator.Policy) bool {
	for i := range tree.Statements {
		if tree.Statements[i].Effect == evaluator.EffectDeny {
			return true
		}
	}
	return false
}

// allowEverything is the caller's own identity policy in these questions:
// the resource-based policy alone decides (a caller of another account
// needs its own account's allow too, which is that account's to give).
var allowEverything = evaluator.PolicyDoc{Name: "caller's own policies (assumed to allow)",
	JSON: []byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)}

// statementReach asks, for every action the Allow statement st grants on
// the document's resource, whether principal p is allowed under some
// context of the keys ctx does not pin (absent: keys made absent).
func (s *SideAnalysis) statementReach(d sideDoc, st *evaluator.Statement, p evaluator.Principal, ctx evaluator.Context, absent []string) denyReach {
	var r denyReach
	actions := statementActionsOf(s.catalog, st, d.resource)
	entries := []string{d.resource}
	if d.typ == evaluator.PolicyResource && len(st.Resources) > 0 && !st.NotResource {
		entries = entries[:0]
		for _, v := range st.Resources {
			entries = append(entries, v.Text)
		}
	}
	scope, err := s.blockScope(entries, actions)
	if err != nil || len(actions) == 0 {
		return denyReach{undecided: true}
	}
	cs := evaluator.Compile(evaluator.PolicySet{Identity: []evaluator.PolicyDoc{allowEverything}}, s.opts).WithCompiledResource(s.compiledResource(&d.doc))
	sub := &Subject{Ref: p.ARN, Principal: p}
	opts := evaluator.QuantifyOptions{FixedKeys: absent}
	asked := false
	for _, act := range actions {
		for _, t := range scope[act] {
			if !t.owned() {
				r.undecided = true // the resource's account is not known: cross-account is undecidable
				continue
			}
			asked = true
			q := cs.Quantify(s.Request(sub, act, t.Target, ctx.Clone()), opts)
			switch {
			case q.Outcome == evaluator.OutcomeUnknown || q.Outcome == evaluator.OutcomeError:
				r.unknown = true
			case !q.Possible():
				continue
			case q.Outcome == evaluator.OutcomeConditional && r.when == nil && !q.Truncated:
				r.when = q.When
			}
			r.actions = append(r.actions, act)
			break
		}
	}
	if !asked {
		r.undecided = true
	}
	return r
}

// wildcardNamingCaller: a "*" principal narrowed by a condition on a key
// the principal itself fixes (CTX-1).
func wildcardNamingCaller(st *evaluator.Statement) bool {
	p := st.Principal
	if p == nil {
		return false
	}
	wildcard := p.Wildcard
	for _, v := range p.AWS {
		wildcard = wildcard || v.Text == "*"
	}
	if !wildcard {
		return false
	}
	for _, c := range st.Conditions {
		k := strings.ToLower(c.Key)
		if _, free := freeRestrictingKeys[k]; restrictingKeys[k] && !free && k != "aws:sourceip" {
			return true
		}
	}
	return false
}

// freeRestrictingKeys are the restricting keys (restrictingKeys) a caller
// brings in the request context rather than with its identity (CTX-1 fixes
// aws:PrincipalAccount, aws:PrincipalArn, aws:userid, aws:username and the
// service keys by the principal), with the value of a caller nothing in a
// policy names.
var freeRestrictingKeys = map[string]func(fresh string) []string{
	"aws:principalorgid":    func(string) []string { return []string{"o-planscanfresh"} },
	"aws:principalorgpaths": func(string) []string { return []string{"o-planscanfresh/r-fresh/"} },
	"aws:sourcevpc":         func(string) []string { return []string{"vpc-0planscanfresh0"} },
	"aws:sourcevpce":        func(string) []string { return []string{"vpce-0planscanfresh0"} },
	"aws:sourcearn":         func(f string) []string { return []string{"arn:aws:sns:us-east-1:" + f + ":planscan-fresh"} },
	"aws:sourceaccount":     func(f string) []string { return []string{f} },
	"aws:sourceowner":       func(f string) []string { return []string{f} },
	"aws:sourceorgid":       func(string) []string { return []string{"o-planscanfresh"} },
	"aws:sourceorgpaths":    func(string) []string { return []string{"o-planscanfresh/r-fresh/"} },
	"kms:calleraccount":     func(f string) []string { return []string{f} },
}

// maxPublicKeys bounds the restricting keys tried absent and fresh (2^n
// questions per action); more keep the Allow-only reading.
const maxPublicKeys = 5

// docRestrictingKeys are the free restricting keys the document's
// conditions read (as written), and the IP ranges they name.
func docRestrictingKeys(tree *evaluator.Policy) (keys []string, ips []netip.Prefix, ok bool) {
	seen := map[string]bool{}
	for i := range tree.Statements {
		for _, c := range tree.Statements[i].Conditions {
			k := strings.ToLower(c.Key)
			if k == "aws:sourceip" {
				for _, v := range c.Values {
					if p, err := netip.ParsePrefix(v.Text); err == nil {
						ips = append(ips, p)
					} else if a, err := netip.ParseAddr(v.Text); err == nil {
						ips = append(ips, netip.PrefixFrom(a, a.BitLen()))
					}
				}
			}
			if _, free := freeRestrictingKeys[k]; (free || k == "aws:sourceip") && !seen[k] {
				seen[k] = true
				keys = append(keys, c.Key)
			}
		}
	}
	sort.Strings(keys)
	return keys, ips, len(keys) <= maxPublicKeys
}

// freshIP is an address no range of the document contains ("" if none).
func freshIP(ips []netip.Prefix) string {
	for _, c := range []string{"198.51.100.77", "203.0.113.77", "192.0.2.77", "100.64.7.77", "2001:db8::77"} {
		a := netip.MustParseAddr(c)
		hit := false
		for _, p := range ips {
			hit = hit || p.Contains(a)
		}
		if !hit {
			return c
		}
	}
	return ""
}

// publicWithDenies decides whether an Allow statement read as public
// (Principal "*" without a restricting condition) still lets anyone in
// with the document's Denies: a caller of an account no policy names, or
// an anonymous one, about whom no restricting key says anything named
// (each absent or a value nothing names), allowed under some context of
// the other keys. public is false when it does not; then narrowed names
// the conditions (over every context, from the engine) under which an
// outside caller still gets in ("" when none can).
func (s *SideAnalysis) publicWithDenies(d sideDoc, tree *evaluator.Policy, st *evaluator.Statement) (public bool, narrowed string, actions []string) {
	keys, ips, ok := docRestrictingKeys(tree)
	ip := freshIP(ips)
	if !ok || ip == "" {
		return true, "", nil
	}
	fresh := s.freshAccount()
	outsider, err1 := evaluator.ParsePrincipal("arn:aws:iam::" + fresh + ":role/planscan-any-caller")
	anon, err2 := evaluator.ParsePrincipal("anonymous")
	if err1 != nil || err2 != nil {
		return true, "", nil
	}
	for mask := 0; mask < 1<<len(keys); mask++ {
		ctx := evaluator.Context{}
		var absent []string
		for i, k := range keys {
			if mask&(1<<i) == 0 {
				absent = append(absent, k)
				continue
			}
			vs := []string{ip}
			if f := freeRestrictingKeys[strings.ToLower(k)]; f != nil {
				vs = f(fresh)
			}
			if strings.HasSuffix(strings.ToLower(k), "orgpaths") {
				ctx.SetList(k, vs)
			} else {
				ctx.Set(k, vs[0])
			}
		}
		for _, p := range []evaluator.Principal{outsider, anon} {
			if r := s.statementReach(d, st, p, ctx, absent); r.reaches() {
				return true, "", nil
			}
		}
	}
	// Not public: whom the Denies leave it to, over every context.
	r := s.statementReach(d, st, outsider, evaluator.Context{}, nil)
	if r.undecided {
		return true, "", nil
	}
	if len(r.actions) == 0 {
		return false, "", nil
	}
	if r.when == nil {
		return true, "", nil // allowed for every context, or conditions cut: keep the Allow-only reading
	}
	return false, describeWhen(r.when), r.actions
}

// describeWhen renders the engine's conditions as whom they admit, as
// describeShare does ("organization o-a1b2c3d4e5", "VPC endpoint vpce-1
// or vpce-2"); a condition of another form keeps the engine's text
// ("callers when aws:SecureTransport = true").
func describeWhen(when [][]evaluator.KeyCondition) string {
	ors := make([]string, 0, len(when))
	for _, conj := range when {
		parts := make([]string, 0, len(conj))
		for _, c := range conj {
			parts = append(parts, describeKeyCondition(c))
		}
		sort.Strings(parts)
		ors = append(ors, strings.Join(parts, " and "))
	}
	return strings.Join(ors, "; or ")
}

func describeKeyCondition(c evaluator.KeyCondition) string {
	noun := sharedNouns[strings.ToLower(c.Key)]
	v, ok := strings.CutPrefix(c.Text, c.Key+" = ")
	if noun == "" || noun == "AWS services" || !ok {
		return "callers when " + c.Text
	}
	if inner, ok := strings.CutPrefix(v, "one of ["); ok {
		vs := strings.Split(strings.TrimSuffix(inner, "]"), ", ")
		sort.Strings(vs)
		v = strings.Join(vs, " or ")
	}
	return noun + " " + v
}

// shareWithDenies keeps a share of an Allow statement that the document's
// Denies leave some access to, with the actions left: an account or
// principal of another account is asked as such (a role of that account
// for an account), every free key ranging over its values; a "*" share
// narrowed by conditions as a caller of an account no policy names. A
// federated provider is kept as read. A "*" share comes back described by
// the engine's conditions ("callers when ..."), which the Denies narrow.
func (s *SideAnalysis) shareWithDenies(d sideDoc, st *evaluator.Statement, who string) (keep bool, actions []string, narrowed string) {
	if wildcardNamingCaller(st) {
		// "*" narrowed by the caller's own keys (aws:PrincipalAccount, ...):
		// no single caller stands for it
		return true, statementActionTexts(st), who
	}
	ref, wildcard := "", false
	switch {
	case strings.HasPrefix(who, "account "):
		ref = "arn:aws:iam::" + strings.TrimPrefix(who, "account ") + ":role/planscan-any-caller"
	case strings.HasPrefix(who, "principal "):
		ref = strings.TrimPrefix(who, "principal ")
	case strings.HasPrefix(who, "identity provider "):
		return true, statementActionTexts(st), who
	default:
		ref, wildcard = "arn:aws:iam::"+s.freshAccount()+":role/planscan-any-caller", true
	}
	p, err := evaluator.ParsePrincipal(ref)
	if err != nil || p.Kind == evaluator.PrincipalInvalid {
		return true, statementActionTexts(st), who
	}
	r := s.statementReach(d, st, p, evaluator.Context{}, nil)
	if r.undecided {
		return true, statementActionTexts(st), who
	}
	if wildcard && r.when != nil && !r.unknown {
		who = describeWhen(r.when)
	}
	return len(r.actions) > 0, r.actions, who
}
