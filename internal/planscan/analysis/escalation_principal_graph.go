package analysis

// The whole principal graph of one side (issue 10, planscan graph): the
// escalation graph's nodes and edges (escalation_graph.go), plus the
// memberships of groups and the principals outside the plan whose trust
// lets them in: anonymous callers, other accounts, "any AWS account", the
// organization and federated identity providers, each with an edge into
// every role whose trust policy lets it assume the role, with the
// conditions. Filters keep the paths into or out of one principal.

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/iammodel"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// Node kinds of the principal graph.
const (
	NodeUser          = "user"
	NodeRole          = "role"
	NodeGroup         = "group"
	NodeExternal      = "external"
	NodeAnyPermission = "any-permission"
)

// Edges of the principal graph that are not catalog techniques.
const (
	// TechniqueMemberOf: a user holds its group's permissions.
	TechniqueMemberOf = "member-of"
	// TechniqueAssumeRoleWithWebIdentity and TechniqueAssumeRoleWithSAML:
	// a federated provider's users assume a role that trusts it.
	TechniqueAssumeRoleWithWebIdentity = "assume-role-with-web-identity"
	TechniqueAssumeRoleWithSAML        = "assume-role-with-saml"
)

// GraphNode is a principal of the graph.
type GraphNode struct {
	// ID is the Terraform address, or for a principal outside the plan
	// its name: anonymous, any AWS account, organization,
	// account:ACCOUNT, federated:PROVIDER; or (any permission).
	ID   string `json:"id"`
	Kind string `json:"kind"`
	ARN  string `json:"arn,omitempty"`
	// AdminEquivalent nodes are drawn without their outgoing edges: they
	// can obtain the permissions of every other principal.
	AdminEquivalent bool `json:"adminEquivalent,omitempty"`
}

// PrincipalGraph is the principal graph of one side.
type PrincipalGraph struct {
	Side  string           `json:"side"`
	From  string           `json:"from,omitempty"`
	To    string           `json:"to,omitempty"`
	Nodes []GraphNode      `json:"nodes"`
	Edges []EscalationStep `json:"edges"`
}

// PrincipalGraph builds the graph of the side ("before" or "after").
func (a *Analysis) PrincipalGraph(side string) (*PrincipalGraph, error) {
	si := 1
	switch side {
	case "before":
		si = 0
	case "after", "":
	default:
		return nil, fmt.Errorf("unknown side %q (want before or after)", side)
	}
	s := sides[si](a)
	eg := a.escalationGraph(si)
	g := &PrincipalGraph{Side: string(s.side), Nodes: []GraphNode{}, Edges: []EscalationStep{}}
	nodes := map[string]*GraphNode{}
	addNode := func(n GraphNode) {
		if _, ok := nodes[n.ID]; !ok {
			nodes[n.ID] = &n
		}
	}
	for _, id := range s.Model.Principals() {
		kind := NodeRole
		if id.Kind == iammodel.KindUser {
			kind = NodeUser
		}
		addNode(GraphNode{ID: id.Address, Kind: kind, ARN: knownARN(id.ARN), AdminEquivalent: eg.Admin[id.Address]})
	}
	for _, grp := range s.Model.Groups {
		addNode(GraphNode{ID: grp.Address, Kind: NodeGroup, ARN: knownARN(grp.ARN), AdminEquivalent: eg.Admin[grp.Address]})
	}
	for _, id := range s.Model.Users {
		for _, grp := range id.Groups {
			g.Edges = append(g.Edges, EscalationStep{From: id.Address, Technique: TechniqueMemberOf, To: grp.Address, Status: StatusFail})
		}
	}
	for _, es := range eg.Edges {
		g.Edges = append(g.Edges, es...)
		for _, e := range es {
			if e.To == anyPermission {
				addNode(GraphNode{ID: anyPermission, Kind: NodeAnyPermission, AdminEquivalent: true})
			}
		}
	}
	for _, e := range a.externalEdges(s, eg.env) {
		addNode(GraphNode{ID: e.From, Kind: NodeExternal})
		g.Edges = append(g.Edges, e)
	}
	for _, n := range nodes {
		g.Nodes = append(g.Nodes, *n)
	}
	g.sort()
	return g, nil
}

func knownARN(v tfplan.Str) string {
	if v.Set() {
		return v.Value
	}
	return ""
}

func (g *PrincipalGraph) sort() {
	sort.Slice(g.Nodes, func(i, j int) bool {
		a, b := g.Nodes[i], g.Nodes[j]
		if a.Kind == NodeExternal || b.Kind == NodeExternal {
			if a.Kind != b.Kind {
				return b.Kind == NodeExternal
			}
			return externalOrder(a.ID) < externalOrder(b.ID)
		}
		return a.ID < b.ID
	})
	sort.SliceStable(g.Edges, func(i, j int) bool {
		a, b := g.Edges[i], g.Edges[j]
		if a.From != b.From {
			return a.From < b.From
		}
		if a.To != b.To {
			return a.To < b.To
		}
		return a.Technique < b.Technique
	})
}

// externalEdges are the roles of the side that principals outside the plan
// may assume, asked over every context: "any AWS account" becomes the
// organization when its only conditions name the organization.
func (a *Analysis) externalEdges(s *SideAnalysis, env *escEnv) []EscalationStep {
	var out []EscalationStep
	for _, m := range a.externalSubjects() {
		action, technique := "sts:AssumeRole", "assume-role"
		provider := ""
		switch m.sub.Principal.Kind {
		case evaluator.PrincipalWebIdentity:
			action, technique, provider = "sts:AssumeRoleWithWebIdentity", TechniqueAssumeRoleWithWebIdentity, strings.TrimPrefix(m.label, "federated:")
		case evaluator.PrincipalSAML:
			action, technique, provider = "sts:AssumeRoleWithSAML", TechniqueAssumeRoleWithSAML, strings.TrimPrefix(m.label, "federated:")
		}
		for _, r := range s.Model.Roles {
			if r.Trust == nil || !r.ARN.Known() {
				continue
			}
			if r.Trust.Unknown == nil {
				if provider != "" && !bytes.Contains(r.Trust.JSON, []byte(provider)) ||
					provider == "" && (!mayNameOutsidersText(r.Trust.JSON) || !env.trustNames(r, &m.sub.Principal)) {
					continue
				}
			}
			t, err := s.Target(r.ARN.Value)
			if err != nil {
				continue
			}
			from := m.label
			if from == anyAccountLabel {
				if qa := s.DecideAnyContext(m.sub, action, t, evaluator.Context{}); orgOnly(&qa.Q) {
					from = orgLabel
				}
			}
			gr := env.decideGrant(m.sub, action, t, evaluator.Context{})
			if !gr.ok {
				continue
			}
			st := EscalationStep{From: from, Technique: technique, To: r.Address, Grants: []string{gr.text}, Conditions: gr.conditions,
				ConditionClass: gr.class, Status: gr.status, DependsOn: dedupe(gr.depends)}
			if technique == "assume-role" {
				st.Refs = []string{"pathfinding:sts-001"}
			}
			out = append(out, st)
		}
	}
	return out
}

// Resolve finds the node a reference names: a Terraform address, the ARN
// of a principal of the side, or the name of a node outside the plan.
func (g *PrincipalGraph) Resolve(ref string) (string, error) {
	for _, n := range g.Nodes {
		if n.ID == ref || n.ARN != "" && n.ARN == ref {
			return n.ID, nil
		}
	}
	var ids []string
	for _, n := range g.Nodes {
		if n.Kind == NodeExternal {
			ids = append(ids, n.ID)
		}
	}
	hint := ""
	if len(ids) > 0 {
		hint = " (principals outside the plan in this graph: " + strings.Join(ids, ", ") + ")"
	}
	return "", fmt.Errorf("%q names no principal of the %s side: want a Terraform address or ARN of a user, role or group%s", ref, g.Side, hint)
}

// Filter keeps the nodes and edges on paths out of from and into to (""
// for no bound): with both, the paths from one to the other.
func (g *PrincipalGraph) Filter(from, to string) *PrincipalGraph {
	if from == "" && to == "" {
		return g
	}
	fwd, back := map[string][]int{}, map[string][]int{}
	for i, e := range g.Edges {
		fwd[e.From] = append(fwd[e.From], i)
		back[e.To] = append(back[e.To], i)
	}
	reach := func(start string, adj map[string][]int, next func(EscalationStep) string) map[string]bool {
		seen := map[string]bool{start: true}
		queue := []string{start}
		for len(queue) > 0 {
			n := queue[0]
			queue = queue[1:]
			for _, i := range adj[n] {
				m := next(g.Edges[i])
				if !seen[m] {
					seen[m] = true
					queue = append(queue, m)
				}
			}
		}
		return seen
	}
	keep := func(string) bool { return true }
	if from != "" {
		out := reach(from, fwd, func(e EscalationStep) string { return e.To })
		prev := keep
		keep = func(n string) bool { return prev(n) && out[n] }
	}
	if to != "" {
		in := reach(to, back, func(e EscalationStep) string { return e.From })
		prev := keep
		keep = func(n string) bool { return prev(n) && in[n] }
	}
	f := &PrincipalGraph{Side: g.Side, From: from, To: to, Nodes: []GraphNode{}, Edges: []EscalationStep{}}
	for _, n := range g.Nodes {
		if keep(n.ID) {
			f.Nodes = append(f.Nodes, n)
		}
	}
	for _, e := range g.Edges {
		if keep(e.From) && keep(e.To) {
			f.Edges = append(f.Edges, e)
		}
	}
	return f
}
