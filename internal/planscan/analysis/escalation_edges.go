package analysis

// Edges of the escalation graph (issue 10): for one principal on one side,
// every catalog technique (escalation_catalog.go) evaluated with the engine
// over every request context (DecideAnyContext). An edge A -> B says that A
// can obtain B's permissions; B is a role, a user, a group, or the pseudo
// node anyPermission (A can change its own policies).

import (
	"sort"
	"strconv"
	"strings"
	"sync"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/iammodel"
)

// anyPermission is the node of "every permission": a principal that can
// rewrite its own policies reaches it.
const anyPermission = "(any permission)"

// EscalationStep is one edge of an escalation path, as a reviewer reads it.
type EscalationStep struct {
	From      string `json:"from"`
	Technique string `json:"technique"`
	To        string `json:"to"`
	// Grants: each permission the step uses, with where it is allowed and
	// the statements that allow it.
	Grants     []string `json:"grants"`
	Conditions string   `json:"conditions,omitempty"`
	// ConditionClass: mfa, network or context (findings_conditional.go).
	ConditionClass string   `json:"conditionClass,omitempty"`
	Status         Status   `json:"status"`
	DependsOn      []string `json:"dependsOn,omitempty"`
	Refs           []string `json:"refs,omitempty"`
}

// runningResource is an existing resource that runs as a role.
type runningResource struct {
	kind   string // lambda-function, ec2-instance, glue-devendpoint
	target *Target
	label  string
	role   *iammodel.Identity
}

// escEnv is what the edges of one side share.
type escEnv struct {
	s        *SideAnalysis
	u        *universe
	trusting map[string][]*iammodel.Identity // service principal -> roles that trust it
	running  map[string][]runningResource
	groups   []*iammodel.Group
	admin    map[string]bool // admin-equivalent nodes
	// trust: the roles' compiled trust documents (known ARN only), and
	// the roles by the principals they may name
	trust     map[*iammodel.Identity]*evaluator.CompiledPolicy
	trustIx   principalIndex[*iammodel.Identity]
	roleOrder map[*iammodel.Identity]int // position in Model.Roles

	quotaOnce  sync.Once
	quotaCount map[*iammodel.Identity]int

	memoMu sync.Mutex
	memo   map[string]memoGrant // escalation_classes.go
	// classIDs: principal class -> its short id in memo keys (a class
	// holds the policies' JSON; 400,000 questions of a 20,000-role plan
	// copied it into their keys)
	classIDs map[string]string
	views    map[string]map[evaluator.PolicyType]*docView // JSON -> type -> view (no key copies the JSON)
	scope    map[string][]*Target                         // anyTargets
}

// grant is one permission of a step, decided over every context.
type grant struct {
	ok         bool   // always or conditional
	status     Status // fail, or unknown (depends on apply)
	text       string
	conditions string
	class      string
	depends    []string
}

// decideGrant asks one question over every context and describes it.
func (e *escEnv) decideGrant(sub *Subject, action string, t *Target, ctx evaluator.Context) grant {
	qa := e.s.DecideAnyContext(sub, action, t, ctx)
	q := &qa.Q
	g := grantOf(q, action+" on "+t.Label())
	if !g.ok {
		return g
	}
	if ctx.Len() > 0 {
		g.text += " (" + contextText(ctx) + ")"
	}
	if q.HasAllowed {
		c := q.Allowed.Context(&ctx)
		ans := e.s.Decide(sub, action, t, c)
		var by []string
		for _, m := range ans.Result.MatchedStatements {
			if m.Effect == evaluator.EffectAllow && !m.Delegates {
				by = append(by, m.Policy+"#"+m.Sid)
			}
		}
		if len(by) > 0 {
			g.text += " by " + strings.Join(dedupe(by), ", ")
		}
	}
	return g
}

// grantOf describes an answer over every context: always or conditional
// (fail, with the conditions), unknown when some context depends on apply;
// not ok otherwise.
func grantOf(q *evaluator.Quantified, text string) grant {
	g := grant{text: text}
	switch q.Outcome {
	case evaluator.OutcomeAlways:
		g.ok, g.status = true, StatusFail
	case evaluator.OutcomeConditional:
		g.ok, g.status, g.conditions, g.class = true, StatusFail, q.Condition(), conditionClass(q)
	case evaluator.OutcomeUnknown:
		// Some context's decision depends on apply: the step may exist,
		// whether or not another context is known to allow it (PT-3: an
		// unknown is named, never dropped).
		g.ok, g.status, g.depends = true, StatusUnknown, evaluator.ReasonStrings(q.Unknowns)
	default:
		return grant{}
	}
	return g
}

func contextText(ctx evaluator.Context) string {
	var parts []string
	for _, v := range ctx.Entries() {
		parts = append(parts, v.Key+"="+strings.Join(v.Values, ","))
	}
	return strings.Join(parts, ", ")
}

// newEscEnv collects the roles each service may run as and the existing
// resources that run as a role.
func newEscEnv(s *SideAnalysis, u *universe, admin map[string]bool) *escEnv {
	e := &escEnv{s: s, u: u, trusting: map[string][]*iammodel.Identity{}, running: map[string][]runningResource{}, admin: admin}
	services := map[string]bool{}
	for _, t := range EscalationCatalog {
		if t.Service != "" {
			services[t.Service] = true
		}
	}
	e.trust, e.roleOrder = map[*iammodel.Identity]*evaluator.CompiledPolicy{}, map[*iammodel.Identity]int{}
	svcs := make([]string, 0, len(services))
	for svc := range services {
		svcs = append(svcs, svc)
	}
	sort.Strings(svcs)
	// A trust document without a Resource but "*" and without conditions
	// on resource keys answers alike for every role of an account: asked
	// once per (document, account, service), not once per role.
	trusts := map[string]bool{}
	for i, r := range s.Model.Roles {
		e.roleOrder[r] = i
		if r.Trust == nil || !r.ARN.Known() {
			continue
		}
		doc := s.sanitize(*r.Trust, evaluator.PolicyTrust)
		e.trust[r] = s.compiledResource(&doc).Policy(evaluator.PolicyTrust)
		e.trustIx.add(r, e.trust[r])
		pd := u.doc(doc, evaluator.PolicyTrust)
		for _, svc := range svcs {
			// the engine rules most roles out by their Principal elements
			// alone (PR-9); the others are quantified
			p := servicePrincipal(svc)
			if e.trust[r].PrincipalApplies(&p, false) == evaluator.TriFalse {
				continue
			}
			ok, memo := false, ""
			if pd != nil && pd.resourceFree {
				memo = strconv.Itoa(pd.id) + "\x00" + evaluator.ARNField(r.ARN.Value, 4) + "\x00" + svc
			}
			if v, seen := trusts[memo]; memo != "" && seen {
				ok = v
			} else {
				ok = roleTrusts(s, &doc, r, svc)
				if memo != "" {
					trusts[memo] = ok
				}
			}
			if ok {
				e.trusting[svc] = append(e.trusting[svc], r)
			}
		}
	}
	e.collectRunning()
	e.groups = s.Model.Groups
	return e
}

// roleTrusts reports whether some context lets the service principal
// assume the role (the trust policy alone decides: EV-9).
func roleTrusts(s *SideAnalysis, doc *evaluator.PolicyDoc, r *iammodel.Identity, service string) bool {
	cs := s.trustOnly(doc)
	req := &evaluator.Request{Principal: servicePrincipal(service), Action: "sts:AssumeRole", Resource: r.ARN.Value}
	q := cs.Quantify(req, evaluator.QuantifyOptions{})
	return q.Possible() || q.Outcome == evaluator.OutcomeUnknown && q.HasAllowed
}

func servicePrincipal(service string) evaluator.Principal {
	return evaluator.Principal{Kind: evaluator.PrincipalService, ARN: service, Name: service}
}

// collectRunning finds the plan's Lambda functions, EC2 instances and Glue
// dev endpoints and the roles they run as; an instance profile of the plan
// may run on an instance outside it.
func (e *escEnv) collectRunning() {
	s := e.s
	s.mu.Lock()
	refs := s.resolver()
	s.mu.Unlock()
	byAddr := func(in *tfplan.Instance, attr string) *iammodel.Identity {
		if v := refs.Str(in, attr); v.Set() {
			for _, r := range s.Model.Roles {
				if r.ARN.Known() && (r.ARN.Value == v.Value || r.Name.Value == v.Value) {
					return r
				}
			}
		}
		ins, _, ok := refs.FollowAll(in, attr)
		if ok && len(ins) == 1 {
			return s.Model.Identity(ins[0].Address)
		}
		return nil
	}
	profileRole := func(in *tfplan.Instance) *iammodel.Identity {
		v := refs.Str(in, "iam_instance_profile")
		ins, _, ok := refs.FollowAll(in, "iam_instance_profile")
		for _, p := range s.Model.InstanceProfiles {
			if ok && len(ins) == 1 && ins[0].Address == p.Address || v.Set() && p.Name.Known() && p.Name.Value == v.Value {
				return p.Role
			}
		}
		return nil
	}
	withInstances := map[*iammodel.Identity]bool{}
	for _, in := range refs.Instances {
		if in.Key.Mode != tfjson.ManagedResourceMode {
			continue
		}
		var kind string
		var role *iammodel.Identity
		switch in.Key.Type {
		case "aws_lambda_function":
			kind, role = resLambdaFunc, byAddr(in, "role")
		case "aws_instance":
			kind, role = resInstance, profileRole(in)
			withInstances[role] = true
		case "aws_glue_dev_endpoint":
			kind, role = resDevEndpt, byAddr(in, "role_arn")
		default:
			continue
		}
		if role == nil {
			continue
		}
		t, err := s.Target("${" + in.Address + ".arn}")
		if err != nil || t.Absent {
			continue
		}
		e.running[kind] = append(e.running[kind], runningResource{kind: kind, target: t, label: in.Address, role: role})
	}
	// An instance profile without an instance of the plan: an instance
	// outside the plan may run with it (a representative instance ARN).
	rep := "arn:aws:ec2:" + s.repRegion() + ":" + s.repAccount() + ":instance/i-" + representativeFill
	for _, p := range s.Model.InstanceProfiles {
		if p.Role == nil || withInstances[p.Role] {
			continue
		}
		t, err := s.Target(rep)
		if err != nil {
			continue
		}
		e.running[resInstance] = append(e.running[resInstance], runningResource{kind: resInstance, target: t,
			label: "an instance with " + p.Address + " (outside the plan)", role: p.Role})
	}
}

// mayAllow: some Allow statement of the identity's policies names the
// action (a cheap filter before the engine is asked).
func mayAllow(pats []string, any bool, action string) bool {
	if any {
		return true
	}
	a := strings.ToLower(action)
	for _, p := range pats {
		if globMatchAll(p, a) {
			return true
		}
	}
	return false
}

// edgesOf evaluates the catalog for one principal.
func (e *escEnv) edgesOf(id *iammodel.Identity) []EscalationStep {
	s := e.s
	sub := &Subject{Ref: id.Address, Identity: id, Principal: s.Model.PrincipalOf(id)}
	q := e.askerFor(sub)
	may := q.may
	var out []EscalationStep
	add := func(t EscalationTechnique, to string, gs ...grant) {
		st := EscalationStep{From: id.Address, Technique: t.ID, To: to, Status: StatusFail, Refs: t.Refs}
		var conds []string
		for _, g := range gs {
			st.Grants = append(st.Grants, g.text)
			if g.conditions != "" {
				conds = append(conds, g.conditions)
				st.ConditionClass = mergeClass(st.ConditionClass, g.class)
			}
			if g.status == StatusUnknown {
				st.Status = StatusUnknown
			}
			st.DependsOn = append(st.DependsOn, g.depends...)
		}
		st.Conditions = strings.Join(conds, " and ")
		st.DependsOn = dedupe(st.DependsOn)
		out = append(out, st)
	}
	target := func(arn string) *Target {
		t, err := s.Target(arn)
		if err != nil {
			return nil
		}
		return t
	}
	for _, tech := range EscalationCatalog {
		switch tech.Yields {
		case YieldPassedRole:
			if !may("iam:PassRole") || !e.allMay(tech, may) {
				continue
			}
			others, ok := q.allGroups(tech)
			if !ok {
				continue
			}
			for _, r := range e.trusting[tech.Service] {
				if r == id {
					continue
				}
				var ctx evaluator.Context
				ctx.Set("iam:PassedToService", tech.Service)
				g := q.ask("iam:PassRole", target(r.ARN.Value), ctx)
				if !g.ok {
					continue
				}
				add(tech, r.Address, append([]grant{g}, others...)...)
			}
		case YieldRunningRole:
			if !e.allMay(tech, may) {
				continue
			}
			for _, rr := range e.running[tech.Resource] {
				if rr.role == id {
					continue
				}
				var gs []grant
				for _, group := range tech.AllOf {
					g := q.firstGrant(group, []*Target{rr.target})
					if !g.ok {
						gs = nil
						break
					}
					g.text += " (" + rr.label + ")"
					gs = append(gs, g)
				}
				if gs != nil {
					add(tech, rr.role.Address, gs...)
				}
			}
		case YieldSelfPolicy:
			if !e.allMay(tech, may) {
				continue
			}
			if g := q.firstGrant(tech.AllOf[0], e.selfTargets(id, tech.AllOf[0][0])); g.ok {
				add(tech, anyPermission, g)
			}
		case YieldOtherUser:
			if !e.allMay(tech, may) {
				continue
			}
			for _, u := range s.Model.Users {
				if u == id || !u.ARN.Known() {
					continue
				}
				tu := target(u.ARN.Value)
				g := q.ask(tech.AllOf[0][0], tu, evaluator.Context{})
				if !g.ok {
					continue
				}
				gs := []grant{g}
				if e.atLimit(tech, u) {
					for _, group := range tech.Quota.AtLimit {
						more := q.firstGrant(group, []*Target{tu})
						if !more.ok {
							gs = nil
							break
						}
						more.text += " (" + u.Address + " holds " + strconv.Itoa(tech.Quota.Limit) + " " + tech.Quota.Resource + ")"
						gs = append(gs, more)
					}
				}
				if gs != nil {
					add(tech, u.Address, gs...)
				}
			}
		case YieldGroup:
			if id.Kind != iammodel.KindUser || !e.allMay(tech, may) {
				continue
			}
			for _, grp := range e.groups {
				if !grp.ARN.Known() || !e.admin[grp.Address] || memberOf(id, grp) {
					continue
				}
				if g := q.ask(tech.AllOf[0][0], target(grp.ARN.Value), evaluator.Context{}); g.ok {
					add(tech, grp.Address, g)
				}
			}
		case YieldAssumedRole:
			if !e.allMay(tech, may) && tech.ID != "assume-role" {
				continue
			}
			roles := s.Model.Roles
			if tech.ID == "assume-role" {
				// A trust that names only the caller's account delegates
				// to its identity policies: without an Allow that may
				// name sts:AssumeRole, those roles are out of reach.
				roles = e.trustCandidates(&sub.Principal, may(tech.AllOf[0][0]))
			}
			for _, r := range roles {
				if r == id || !r.ARN.Known() || tech.ID == "assume-role" && !e.trustNames(r, &sub.Principal) {
					continue
				}
				if g := q.ask(tech.AllOf[0][0], target(r.ARN.Value), evaluator.Context{}); g.ok {
					add(tech, r.Address, g)
				}
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].To < out[j].To })
	return out
}

func memberOf(id *iammodel.Identity, g *iammodel.Group) bool {
	for _, x := range id.Groups {
		if x == g {
			return true
		}
	}
	return false
}

// allMay: every group of the technique has an action some Allow statement
// of the principal names.
func (e *escEnv) allMay(t EscalationTechnique, may func(string) bool) bool {
	for _, g := range t.AllOf {
		ok := false
		for _, a := range g {
			ok = ok || may(a)
		}
		if !ok {
			return false
		}
	}
	return true
}

// selfTargets are the resources a self-policy action must be allowed on
// for the caller to change its own permissions: itself, its groups, the
// customer managed policies attached to it.
func (e *escEnv) selfTargets(id *iammodel.Identity, action string) []*Target {
	s := e.s
	var arns []string
	switch strings.ToLower(action) {
	case "iam:attachuserpolicy", "iam:putuserpolicy":
		if id.Kind == iammodel.KindUser && id.ARN.Known() {
			arns = append(arns, id.ARN.Value)
		}
	case "iam:attachrolepolicy", "iam:putrolepolicy":
		if id.Kind == iammodel.KindRole && id.ARN.Known() {
			arns = append(arns, id.ARN.Value)
		}
	case "iam:attachgrouppolicy", "iam:putgrouppolicy":
		for _, g := range id.Groups {
			if g.ARN.Known() {
				arns = append(arns, g.ARN.Value)
			}
		}
	case "iam:createpolicyversion", "iam:setdefaultpolicyversion":
		refs := append([]*iammodel.PolicyRef{}, id.Managed...)
		for _, g := range id.Groups {
			refs = append(refs, g.Managed...)
		}
		for _, r := range refs {
			if r.ARN.Known() && !strings.HasPrefix(r.ARN.Value, "arn:aws:iam::aws:policy/") {
				arns = append(arns, r.ARN.Value)
			}
		}
	}
	var out []*Target
	for _, a := range dedupe(arns) {
		if t, err := s.Target(a); err == nil {
			out = append(out, t)
		}
	}
	return out
}

// trustNames: the role's trust policy may name the principal (or its
// account, or a wildcard): without it, no context lets it assume the role.
// A NotPrincipal is E2 in a trust policy (PR-13), so whether the principal
// has a boundary (EV-20) does not matter.
func (e *escEnv) trustNames(r *iammodel.Identity, p *evaluator.Principal) bool {
	c, ok := e.trust[r]
	return ok && c.PrincipalApplies(p, true) != evaluator.TriFalse
}

// mergeClass: the class of conditions that all need one class, else
// context.
func mergeClass(a, b string) string {
	if a == "" || a == b {
		return b
	}
	return "context"
}

// trustCandidates are the roles whose trust policy may name the principal,
// in Model.Roles order. Without identityMay (no Allow of the caller may
// name the action) the roles found only by the caller's account are left
// out: a trust that names an account delegates to the account's identity
// policies (EV-8), which then must allow the call (the account key's form
// is pinned by TestTrustCandidatesAccountKey).
func (e *escEnv) trustCandidates(p *evaluator.Principal, identityMay bool) []*iammodel.Identity {
	seen := map[*iammodel.Identity]bool{}
	var out []*iammodel.Identity
	visit := func(r *iammodel.Identity) {
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	if identityMay {
		e.trustIx.candidates(p, visit)
	} else {
		for _, l := range [][]*iammodel.Identity{e.trustIx.any} {
			for _, r := range l {
				visit(r)
			}
		}
		for _, k := range evaluator.CallerKeys(p) {
			if !strings.HasPrefix(k, "account:") {
				for _, r := range e.trustIx.byKey[k] {
					visit(r)
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return e.roleOrder[out[i]] < e.roleOrder[out[j]] })
	return out
}
