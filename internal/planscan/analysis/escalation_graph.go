package analysis

// The escalation graph (issue 10): nodes are the principals of one side
// (users, roles, groups) and anyPermission; edges are the catalog's
// techniques (escalation_edges.go). A principal that is not
// admin-equivalent and reaches an admin-equivalent node has an escalation
// path; each is reported once per (principal, admin node), shortest first,
// definite paths before paths through values known only after apply.

import (
	"fmt"
	"sort"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/iammodel"
)

// EscalationPath is one path from a principal to an admin-equivalent node.
type EscalationPath struct {
	Principal string           `json:"principal"`
	Target    string           `json:"target"`
	Status    Status           `json:"status"`
	Steps     []EscalationStep `json:"steps"`
	// Conditions joins the steps' context conditions.
	Conditions     string `json:"conditions,omitempty"`
	ConditionClass string `json:"conditionClass,omitempty"`
}

// EscalationGraph is the graph of one side.
type EscalationGraph struct {
	Side  string
	Admin map[string]bool
	Edges map[string][]EscalationStep
	Paths []EscalationPath
	env   *escEnv
	// useful: the nodes with a path to an admin-equivalent node; paths
	// are searched only through them.
	useful map[string]bool
}

// reachesAdmin walks the edges backwards from the admin-equivalent nodes.
func (g *EscalationGraph) reachesAdmin() map[string]bool {
	back := map[string][]string{}
	for from, es := range g.Edges {
		for _, e := range es {
			back[e.To] = append(back[e.To], from)
		}
	}
	seen := map[string]bool{}
	var queue []string
	for n := range g.Admin {
		seen[n] = true
		queue = append(queue, n)
	}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, m := range back[n] {
			if !seen[m] {
				seen[m] = true
				queue = append(queue, m)
			}
		}
	}
	return seen
}

// escalationGraph builds (once per call) the graph of one side.
func (a *Analysis) escalationGraph(si int) *EscalationGraph {
	m := a.matrix()
	s := sides[si](a)
	g := &EscalationGraph{Side: string(s.side), Admin: map[string]bool{anyPermission: true}, Edges: map[string][]EscalationStep{}}
	var ids []*iammodel.Identity
	for i := range m.addrs {
		p := m.acc[i][si]
		if p.absent {
			continue
		}
		if st, _, _ := m.adminStatus(p); st == StatusFail {
			g.Admin[p.sub.Identity.Address] = true
			continue
		}
		ids = append(ids, p.sub.Identity)
	}
	for _, grp := range s.Model.Groups {
		if groupAdmin(s, grp) {
			g.Admin[grp.Address] = true
		}
	}
	env := newEscEnv(s, m.u, g.Admin)
	g.env = env
	edges := make([][]EscalationStep, len(ids))
	parallel(len(ids), func(i int) { edges[i] = env.edgesOf(ids[i]) })
	for i, id := range ids {
		if len(edges[i]) > 0 {
			g.Edges[id.Address] = edges[i]
		}
	}
	g.useful = g.reachesAdmin()
	for _, id := range ids {
		if g.useful[id.Address] {
			g.Paths = append(g.Paths, g.pathsFrom(id.Address)...)
		}
	}
	sort.SliceStable(g.Paths, func(i, j int) bool {
		a, b := g.Paths[i], g.Paths[j]
		if len(a.Steps) != len(b.Steps) {
			return len(a.Steps) < len(b.Steps)
		}
		if a.Principal != b.Principal {
			return a.Principal < b.Principal
		}
		return a.Target < b.Target
	})
	return g
}

// groupAdmin: a user who joins the group can grant itself everything
// (the group's policies allow attaching or writing a user policy, or
// rewriting a managed policy, on any resource).
func groupAdmin(s *SideAnalysis, grp *iammodel.Group) bool {
	fake := &iammodel.Identity{Kind: iammodel.KindUser, Groups: []*iammodel.Group{grp}}
	set := s.Model.PolicySetFor(fake)
	cs := evaluator.Compile(evaluator.PolicySet{Identity: s.sanitizeAll(set.Identity, evaluator.PolicyIdentity)}, s.fitted)
	p := evaluator.Principal{Kind: evaluator.PrincipalUser, ARN: "arn:aws:iam::" + s.repAccount() + ":user/" + representativeFill,
		Account: s.repAccount(), Name: representativeFill, Path: "/"}
	for _, a := range []string{"iam:AttachUserPolicy", "iam:PutUserPolicy", "iam:CreatePolicyVersion"} {
		if cs.Decide(&evaluator.Request{Principal: p, Action: a, Resource: "*"}).Decision == evaluator.Allowed {
			return true
		}
	}
	return false
}

// pathsFrom: breadth-first search over definite edges, then over every
// edge, to each admin-equivalent node (not through one: the shorter path
// says it).
func (g *EscalationGraph) pathsFrom(src string) []EscalationPath {
	found := map[string]bool{}
	var out []EscalationPath
	for _, definite := range []bool{true, false} {
		prev := map[string]*EscalationStep{src: nil}
		queue := []string{src}
		for len(queue) > 0 {
			n := queue[0]
			queue = queue[1:]
			if n != src && g.Admin[n] {
				continue
			}
			for i := range g.Edges[n] {
				e := &g.Edges[n][i]
				if definite && e.Status != StatusFail || !g.useful[e.To] {
					continue
				}
				if _, seen := prev[e.To]; seen {
					continue
				}
				prev[e.To] = e
				queue = append(queue, e.To)
			}
		}
		var targets []string
		for n := range prev {
			if n != src && g.Admin[n] && !found[n] {
				targets = append(targets, n)
			}
		}
		sort.Strings(targets)
		for _, t := range targets {
			found[t] = true
			p := EscalationPath{Principal: src, Target: t, Status: StatusFail}
			for n := t; prev[n] != nil; n = prev[n].From {
				p.Steps = append([]EscalationStep{*prev[n]}, p.Steps...)
			}
			var conds []string
			p.ConditionClass = ""
			for _, st := range p.Steps {
				p.ConditionClass = mergeClass(p.ConditionClass, st.ConditionClass)
				if st.Status == StatusUnknown {
					p.Status = StatusUnknown
				}
				if st.Conditions != "" {
					conds = append(conds, st.Conditions)
				}
			}
			p.Conditions = strings.Join(conds, "; then ")
			out = append(out, p)
		}
	}
	return out
}

// Line renders a path in one line: a --technique--> b --...--> c.
func (p *EscalationPath) Line() string {
	var b strings.Builder
	b.WriteString(p.Principal)
	for _, st := range p.Steps {
		fmt.Fprintf(&b, " --%s--> %s", st.Technique, st.To)
	}
	return b.String()
}

// escalationResults reports the paths of the after side; a path between
// the same principal and node before the plan is pre-existing.
func (a *Analysis) escalationResults() []CheckResult {
	before := map[string]Status{}
	for _, p := range a.escalationGraph(0).Paths {
		before[p.Principal+"\x00"+p.Target] = p.Status
	}
	var out []CheckResult
	for _, p := range a.escalationGraph(1).Paths {
		if len(p.Steps) == 1 && coveredByPrincipalFindings(p.Steps[0].Technique) {
			continue
		}
		target := p.Target
		if target != anyPermission {
			target += " (admin-equivalent)"
		}
		r := CheckResult{Rule: "escalation-path", Name: "escalation-path " + p.Principal + " -> " + p.Target, Status: p.Status,
			Level: LevelError, Principal: p.Principal, Address: p.Principal, Conditions: p.Conditions, Path: p.Steps}
		r.Message = fmt.Sprintf("%s can reach %s in %d step(s): %s", p.Principal, target, len(p.Steps), p.Line())
		if p.Conditions != "" {
			r.Message += ", when " + p.Conditions
			r.ConditionClass = p.ConditionClass
		}
		for _, st := range p.Steps {
			r.DependsOn = append(r.DependsOn, st.DependsOn...)
		}
		r.DependsOn = dedupe(r.DependsOn)
		if bs, ok := before[p.Principal+"\x00"+p.Target]; ok && bs == p.Status {
			r.PreExisting, r.Level = true, LevelWarning
			r.Message += " (pre-existing)"
		}
		out = append(out, r)
	}
	return out
}

// coveredByPrincipalFindings: one-step paths that assume-chain and the
// principal-level privilege-escalation findings already report.
func coveredByPrincipalFindings(technique string) bool {
	t, ok := EscalationTechniqueByID(technique)
	return ok && (t.ID == "assume-role" || t.Yields == YieldSelfPolicy)
}
