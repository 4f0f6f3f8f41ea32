package analysis

import (
	"sort"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/iammodel"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// Built-in findings about principals: admin-equivalent principals,
// privilege-escalation paths and sts:AssumeRole chains to them. Each is
// computed on both sides; a finding that holds before the plan too is
// pre-existing.

// escalationPath is a set of actions that together let a principal raise
// its own privileges. Every group must be allowed (any action of a group).
type escalationPath struct {
	id     string
	groups [][]string
	// otherUsers: the actions must be allowed on another user ("*" or a
	// user of the model other than the principal itself).
	otherUsers bool
	what       string
}

var escalationPaths = []escalationPath{
	{id: "passrole-compute", groups: [][]string{{"iam:PassRole"}, {"lambda:CreateFunction", "ec2:RunInstances", "glue:CreateDevEndpoint", "cloudformation:CreateStack"}},
		what: "can pass a role to new compute (iam:PassRole with a compute create action) and act with that role's permissions"},
	{id: "create-policy-version", groups: [][]string{{"iam:CreatePolicyVersion"}}, what: "can rewrite a managed policy (iam:CreatePolicyVersion)"},
	{id: "set-default-policy-version", groups: [][]string{{"iam:SetDefaultPolicyVersion"}}, what: "can switch a managed policy to another version (iam:SetDefaultPolicyVersion)"},
	{id: "attach-policy", groups: [][]string{{"iam:AttachUserPolicy", "iam:AttachGroupPolicy", "iam:AttachRolePolicy"}}, what: "can attach managed policies (iam:Attach*Policy)"},
	{id: "put-inline-policy", groups: [][]string{{"iam:PutUserPolicy", "iam:PutGroupPolicy", "iam:PutRolePolicy"}}, what: "can write inline policies (iam:Put*Policy)"},
	{id: "update-assume-role-policy", groups: [][]string{{"iam:UpdateAssumeRolePolicy"}}, what: "can rewrite role trust policies (iam:UpdateAssumeRolePolicy)"},
	{id: "credentials-of-other-users", groups: [][]string{{"iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile"}}, otherUsers: true,
		what: "can create credentials for other users (iam:CreateAccessKey / iam:*LoginProfile)"},
}

// principalFinding is a finding about one principal on one side.
type principalFinding struct {
	rule    string
	id      string // path id, for pairing sides
	status  Status // StatusFail (definite) or StatusUnknown (possible)
	message string
	details []string
	depends []string
	// conditions and class: the path needs these context conditions (issue 9)
	conditions, class string
}

// actionAccess is where a principal may perform an action on one side.
type actionAccess struct {
	allowed []*matrixTarget
	unknown []*matrixTarget
	depends []string
}

func (aa actionAccess) status() Status {
	switch {
	case len(aa.allowed) > 0:
		return StatusFail
	case len(aa.unknown) > 0:
		return StatusUnknown
	}
	return StatusPass
}

// accessOf returns where the principal may perform action (all targets the
// action's service acts on, and "*").
func (m *matrix) accessOf(p *principalAccess, action string, skip func(*matrixTarget) bool) actionAccess {
	var aa actionAccess
	if p.absent {
		return aa
	}
	i, ok := m.u.index[strings.ToLower(action)]
	if !ok {
		return aa
	}
	c := m.u.classes[m.u.classOf[i]]
	// Most questions are denied in every target group: look at the groups
	// first, then at the targets of the groups that allow or may allow.
	row := &p.rows[p.local[c.id]]
	hot := func(d *cellResult) bool {
		return d.set && d.dec() != evaluator.ExplicitDeny && d.dec() != evaluator.ImplicitDeny
	}
	var ts []*matrixTarget
	for i, t := range row.indT {
		if hot(&row.cells[i]) {
			ts = append(ts, t)
		}
	}
	for g := range row.gen {
		if hot(&row.gen[g]) {
			m.u.groupMembers(p, row, int32(g), func(t *matrixTarget) bool {
				ts = append(ts, t)
				return true
			})
		}
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i].id < ts[j].id })
	for _, t := range ts {
		if !classOn(c, t) || skip != nil && skip(t) {
			continue
		}
		if t.Unknown == nil && t.Kind != "*" {
			if fits, ok := m.u.cat.Engine().ResourceFits(action, t.ARN); ok && !fits {
				continue // RS-10: not a resource of this action
			}
		}
		d := m.decision(p, c.id, t)
		switch d.dec() {
		case evaluator.Allowed:
			aa.allowed = append(aa.allowed, t)
		case evaluator.DecisionUnknown, evaluator.DecisionError:
			aa.unknown = append(aa.unknown, t)
			aa.depends = append(aa.depends, d.reasons()...)
		}
	}
	return aa
}

// adminStatus: every action allowed on "*" (fail), or every action allowed
// or unknown (unknown); the same for iam alone counts (iam:* lets the
// principal grant itself everything).
func (m *matrix) adminStatus(p *principalAccess) (Status, string, []string) {
	if p.absent {
		return StatusPass, "", nil
	}
	star := m.u.star
	check := func(filter func(*actionClass) bool) (Status, []string) {
		st := StatusFail
		var deps []string
		for _, c := range m.u.classes {
			if filter != nil && !filter(c) {
				continue
			}
			d := m.decision(p, c.id, star)
			switch d.dec() {
			case evaluator.Allowed:
			case evaluator.DecisionUnknown, evaluator.DecisionError:
				st = StatusUnknown
				deps = append(deps, d.reasons()...)
			default:
				return StatusPass, nil
			}
		}
		return st, deps
	}
	if st, deps := check(nil); st != StatusPass {
		return st, "every action on every resource", dedupe(deps)
	}
	if st, deps := check(func(c *actionClass) bool { return c.service == "iam" }); st != StatusPass {
		return st, "every iam action on every resource (enough to grant itself everything)", dedupe(deps)
	}
	return StatusPass, "", nil
}

func dedupe(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	m := map[string]bool{}
	for _, x := range s {
		m[x] = true
	}
	return sortedKeys(m)
}

func targetLabels(ts []*matrixTarget, n int) string {
	ls := make([]string, len(ts))
	for i, t := range ts {
		ls[i] = t.Label
	}
	return Abbreviate(ls, n)
}

// planUsers is the set of known user ARNs of the model on one side.
func (m *matrix) planUsers(side int) map[string]bool {
	m.usersOnce[side].Do(func() {
		set := map[string]bool{}
		for _, id := range sides[side](m.u.a).Model.Users {
			if id.ARN.Known() {
				set[id.ARN.Value] = true
			}
		}
		m.users[side] = set
	})
	return m.users[side]
}

// principalFindings computes the findings of one principal on one side.
func (m *matrix) principalFindings(p *principalAccess) []principalFinding {
	if p.absent {
		return nil
	}
	var out []principalFinding
	st, what, deps := m.adminStatus(p)
	if st != StatusPass {
		out = append(out, principalFinding{rule: "admin-equivalent", id: "admin", status: st, message: "is allowed " + what, depends: deps})
		if st == StatusFail {
			return out // escalation paths add nothing to an admin
		}
	}
	self := ""
	if p.sub != nil && p.sub.Identity != nil && p.sub.Identity.ARN.Known() {
		self = p.sub.Identity.ARN.Value
	}
	for _, path := range escalationPaths {
		var skip func(*matrixTarget) bool
		if path.otherUsers {
			// A user of the model is a target of the escalation graph, which
			// compares what that user may do with what the caller may do
			// (create-access-key, create-login-profile, update-login-profile);
			// this pattern keeps "*" and users outside the plan, whose
			// permissions the plan does not show.
			users := m.planUsers(p.side)
			skip = func(t *matrixTarget) bool {
				return t.Kind != "*" && (t.Kind != "iam-user" || t.ARN == self || t.Unknown == nil && users[t.ARN])
			}
		}
		pst := StatusFail
		var details, pdeps []string
		for _, g := range path.groups {
			gst := StatusPass
			var best string
			for _, a := range g {
				aa := m.accessOf(p, a, skip)
				switch aa.status() {
				case StatusFail:
					if gst != StatusFail {
						best = a + " on " + targetLabels(aa.allowed, 3)
					}
					gst = StatusFail
				case StatusUnknown:
					if gst == StatusPass {
						gst, best = StatusUnknown, a+" (unknown) on "+targetLabels(aa.unknown, 3)
					}
					pdeps = append(pdeps, aa.depends...)
				}
			}
			if gst == StatusPass {
				pst = StatusPass
				break
			}
			if gst == StatusUnknown {
				pst = StatusUnknown
			}
			details = append(details, best)
		}
		if pst == StatusPass || pst == StatusUnknown && st == StatusUnknown {
			continue // a possible admin already says it
		}
		out = append(out, principalFinding{rule: "privilege-escalation", id: path.id, status: pst, message: path.what, details: details, depends: dedupe(pdeps)})
	}
	return out
}

// assumeChains finds principals that can assume a role (sts:AssumeRole)
// that is admin-equivalent or has an escalation path.
func (m *matrix) assumeChains(si int, found map[string][]principalFinding) map[string][]principalFinding {
	out := map[string][]principalFinding{}
	var targets []int
	for i, addr := range m.addrs {
		for _, f := range found[addr] {
			if f.status == StatusFail && m.acc[i][si].sub != nil && m.acc[i][si].sub.Identity.Kind == iammodel.KindRole {
				targets = append(targets, i)
				break
			}
		}
	}
	if len(targets) == 0 {
		return out
	}
	cls := m.u.classes[m.u.classOf[m.u.index["sts:assumerole"]]]
	for i, addr := range m.addrs {
		p := m.acc[i][si]
		if p.absent {
			continue
		}
		for _, j := range targets {
			if i == j {
				continue
			}
			role := m.acc[j][si].sub.Identity
			t := m.u.ix.roleTarget[si][role]
			if t == nil {
				continue
			}
			d := m.decision(p, cls.id, t)
			var st Status
			var q *evaluator.Quantified
			switch d.dec() {
			case evaluator.Allowed:
				st = StatusFail
			case evaluator.DecisionUnknown:
				st = StatusUnknown
			default:
				// denied with no context: allowed under conditions? (issue 9)
				if q = m.conditionalAssume(si, p.sub, role); q == nil {
					continue
				}
				st = StatusFail
			}
			rules := []string{}
			for _, f := range found[m.addrs[j]] {
				if f.status == StatusFail {
					rules = append(rules, f.rule)
				}
			}
			f := principalFinding{rule: "assume-chain", id: "assume:" + m.addrs[j], status: st,
				message: "can assume " + m.addrs[j] + ", which is " + strings.Join(dedupe(rules), " and "), depends: d.reasons()}
			if q != nil && q.Outcome == evaluator.OutcomeConditional {
				f.conditions, f.class = q.Condition(), conditionClass(q)
				f.message += ", when " + f.conditions
				f.depends = nil
			}
			out[addr] = append(out[addr], f)
		}
	}
	return out
}

// principalResults runs the principal findings on both sides and marks the
// pre-existing ones.
func (a *Analysis) principalResults() []CheckResult {
	m := a.matrix()
	perSide := [2]map[string][]principalFinding{{}, {}}
	for si := range 2 {
		fs := make([][]principalFinding, len(m.addrs))
		parallel(len(m.addrs), func(i int) { fs[i] = m.principalFindings(m.acc[i][si]) })
		for i, addr := range m.addrs {
			if len(fs[i]) > 0 {
				perSide[si][addr] = fs[i]
			}
		}
		for addr, cs := range m.assumeChains(si, perSide[si]) {
			perSide[si][addr] = append(perSide[si][addr], cs...)
		}
	}
	var out []CheckResult
	addrs := make([]string, 0, len(perSide[1]))
	for addr := range perSide[1] {
		addrs = append(addrs, addr)
	}
	sort.Strings(addrs)
	for _, addr := range addrs {
		before := map[string]Status{}
		for _, f := range perSide[0][addr] {
			before[f.id] = f.status
		}
		for _, f := range perSide[1][addr] {
			r := CheckResult{Rule: f.rule, Name: f.rule + " " + f.id, Status: f.status, Level: LevelError,
				Principal: addr, Address: addr, DependsOn: f.depends, Conditions: f.conditions, ConditionClass: f.class}
			if f.rule == "admin-equivalent" && f.status == StatusFail {
				r.Statement = a.After.adminStatement(addr, strings.Contains(f.message, "every iam action"))
			}
			r.Message = addr + " " + f.message
			if len(f.details) > 0 {
				r.Message += ": " + strings.Join(f.details, "; ")
			}
			if f.status == StatusUnknown {
				r.Message = addr + " may be: " + f.message + " (depends on values known only after apply)"
				if len(f.details) > 0 {
					r.Message += ": " + strings.Join(f.details, "; ")
				}
			}
			if bs, ok := before[f.id]; ok && bs == f.status {
				r.PreExisting = true
				r.Level = LevelWarning
				r.Message += " (pre-existing)"
			}
			out = append(out, r)
		}
	}
	return out
}
