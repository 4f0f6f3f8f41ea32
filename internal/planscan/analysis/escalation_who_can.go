package analysis

// Who can (issue 10, planscan query --who-can): every principal, of the
// plan or outside it (anonymous, other accounts, any AWS account, the
// organization, federated providers), that can perform an action on a
// resource, directly or through a path of the principal graph
// (escalation_principal_graph.go), each question asked over every request
// context as query --any-context asks it.

import (
	"fmt"
	"sort"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/iammodel"
)

// WhoCanRow is one principal that can perform the action.
type WhoCanRow struct {
	Principal string `json:"principal"`
	// Kind: user, role or external.
	Kind     string `json:"kind"`
	Action   string `json:"action"`
	Resource string `json:"resource"`
	State    string `json:"state"`
	// Outcome over every context and along the path: always,
	// conditional (Conditions) or unknown (DependsOn).
	Outcome    evaluator.ContextOutcome `json:"outcome"`
	Conditions string                   `json:"conditions,omitempty"`
	// Via is the principal whose permissions perform the action at the
	// end of Path ("(any permission)": the last principal of the path
	// rewrites its own policies first); empty when direct.
	Via  string           `json:"via,omitempty"`
	Path []EscalationStep `json:"path,omitempty"`
	// Grant is the final permission, where and by which statements.
	Grant     string   `json:"grant"`
	DependsOn []string `json:"dependsOn,omitempty"`
}

// whoCanAnswer is one actor's own answer.
type whoCanAnswer struct {
	g   grant
	out evaluator.ContextOutcome
}

func answerOf(g grant) whoCanAnswer {
	switch {
	case !g.ok:
		return whoCanAnswer{}
	case g.status == StatusUnknown:
		return whoCanAnswer{g, evaluator.OutcomeUnknown}
	case g.conditions != "":
		return whoCanAnswer{g, evaluator.OutcomeConditional}
	}
	return whoCanAnswer{g, evaluator.OutcomeAlways}
}

// WhoCan answers the question on one side.
func (a *Analysis) WhoCan(s *SideAnalysis, action string, t *Target) ([]WhoCanRow, error) {
	si := 1
	if s == a.Before {
		si = 0
	}
	eg := a.escalationGraph(si)
	env := eg.env
	g, err := a.PrincipalGraph(string(s.side))
	if err != nil {
		return nil, err
	}
	// The actors' own answers: the plan's users and roles, then the
	// principals outside the plan.
	direct := map[string]whoCanAnswer{}
	kinds := map[string]string{}
	var order []string
	for _, id := range s.Model.Principals() {
		sub := &Subject{Ref: id.Address, Identity: id, Principal: s.Model.PrincipalOf(id)}
		if q := s.DecideAnyContext(sub, action, t, evaluator.Context{}); q.Q.Outcome == evaluator.OutcomeError && q.Q.First.Error.InRequest() {
			return nil, fmt.Errorf("invalid question: %s", q.Q.First.Error.Message)
		}
		direct[id.Address] = whoCanDirect(env, sub, action, t)
		kinds[id.Address] = NodeRole
		if id.Kind == iammodel.KindUser {
			kinds[id.Address] = NodeUser
		}
		order = append(order, id.Address)
	}
	// A principal outside the plan acts on its own only on a resource
	// whose account is known (a resource of the plan, an ARN with an
	// account): on "*" or an S3 object outside the plan, the account, and
	// so whether the access is cross-account, is not (through a role of
	// the plan it still may).
	owned := scopeTarget{Target: t}.owned()
	for _, m := range a.externalSubjects() {
		label := m.label
		if !owned {
			if _, ok := direct[label]; !ok {
				direct[label], kinds[label] = whoCanAnswer{}, NodeExternal
				order = append(order, label)
			}
			continue
		}
		if label == anyAccountLabel {
			if qa := s.DecideAnyContext(m.sub, action, t, evaluator.Context{}); orgOnly(&qa.Q) {
				label = orgLabel
			}
		}
		ans := whoCanDirect(env, m.sub, action, t)
		if prev, ok := direct[label]; ok && prev.g.ok {
			continue
		}
		if _, ok := direct[label]; !ok {
			order = append(order, label)
		}
		direct[label], kinds[label] = ans, NodeExternal
	}
	for _, n := range g.Nodes {
		if _, ok := direct[n.ID]; !ok && n.Kind == NodeExternal {
			direct[n.ID], kinds[n.ID] = whoCanAnswer{}, NodeExternal
			order = append(order, n.ID)
		}
	}
	sort.SliceStable(order, func(i, j int) bool {
		ei, ej := kinds[order[i]] == NodeExternal, kinds[order[j]] == NodeExternal
		if ei != ej {
			return ej
		}
		if ei {
			return externalOrder(order[i]) < externalOrder(order[j])
		}
		return order[i] < order[j]
	})
	// Principals that reach (any permission) act with every permission
	// their boundary, SCPs and the resource policy still allow.
	selfAny := map[string]whoCanAnswer{}
	for _, e := range g.Edges {
		if e.To == anyPermission {
			if id := s.Model.Identity(e.From); id != nil {
				selfAny[e.From] = answerOf(a.anyPermissionGrant(s, id, action, t))
			}
		}
	}
	adj := map[string][]*EscalationStep{}
	for i := range g.Edges {
		e := &g.Edges[i]
		if e.Technique != TechniqueMemberOf {
			adj[e.From] = append(adj[e.From], e)
		}
	}
	var rows []WhoCanRow
	for _, p := range order {
		row := WhoCanRow{Principal: p, Kind: kinds[p], Action: action, Resource: t.Label(), State: string(s.side)}
		if t.Unknown != nil && t.Ref != "" {
			row.Resource = t.Ref
		}
		d := direct[p]
		path, via, end := whoCanPath(p, adj, direct, selfAny)
		switch {
		case d.g.ok && (d.out == evaluator.OutcomeAlways || path == nil):
			row.fill(nil, "", d)
		case path != nil && (pathOutcome(path, end) == evaluator.OutcomeAlways || !d.g.ok):
			row.fill(path, via, end)
		case d.g.ok:
			row.fill(nil, "", d)
		default:
			continue
		}
		rows = append(rows, row)
	}
	return rows, nil
}

func (r *WhoCanRow) fill(path []EscalationStep, via string, end whoCanAnswer) {
	r.Path, r.Via, r.Grant = path, via, end.g.text
	r.Outcome = pathOutcome(path, end)
	var conds []string
	for _, st := range path {
		if st.Conditions != "" {
			conds = append(conds, st.Conditions)
		}
		r.DependsOn = append(r.DependsOn, st.DependsOn...)
	}
	if end.g.conditions != "" {
		conds = append(conds, end.g.conditions)
	}
	r.DependsOn = dedupe(append(r.DependsOn, end.g.depends...))
	r.Conditions = strings.Join(conds, "; then ")
}

// pathOutcome: unknown when a step or the end is, conditional when one
// needs conditions, else always.
func pathOutcome(path []EscalationStep, end whoCanAnswer) evaluator.ContextOutcome {
	out := end.out
	for _, st := range path {
		switch {
		case st.Status == StatusUnknown:
			out = evaluator.OutcomeUnknown
		case st.Conditions != "" && out == evaluator.OutcomeAlways:
			out = evaluator.OutcomeConditional
		}
	}
	return out
}

// whoCanPath is the shortest path from src to a principal that may act
// (definite edges first, as escalation paths are found), its end and the
// end's answer; nil when there is none.
func whoCanPath(src string, adj map[string][]*EscalationStep, direct, selfAny map[string]whoCanAnswer) ([]EscalationStep, string, whoCanAnswer) {
	for _, definite := range []bool{true, false} {
		prev := map[string]*EscalationStep{src: nil}
		frontier := []string{src}
		for len(frontier) > 0 {
			var next []string
			var hits []*EscalationStep
			for _, n := range frontier {
				for _, e := range adj[n] {
					if definite && e.Status != StatusFail {
						continue
					}
					if e.To == anyPermission {
						if selfAny[n].g.ok {
							hits = append(hits, e)
						}
						continue
					}
					if _, seen := prev[e.To]; seen {
						continue
					}
					prev[e.To] = e
					if direct[e.To].g.ok {
						hits = append(hits, e)
					}
					next = append(next, e.To)
				}
			}
			if len(hits) > 0 {
				sort.SliceStable(hits, func(i, j int) bool { return hits[i].From+"\x00"+hits[i].To < hits[j].From+"\x00"+hits[j].To })
				last := hits[0]
				path := []EscalationStep{*last}
				for n := last.From; prev[n] != nil; n = prev[n].From {
					path = append([]EscalationStep{*prev[n]}, path...)
				}
				if last.To == anyPermission {
					return path, anyPermission, selfAny[last.From]
				}
				return path, last.To, direct[last.To]
			}
			frontier = next
		}
	}
	return nil, "", whoCanAnswer{}
}

// whoCanDirect is a principal's own answer; unlike an edge of the graph,
// an answer that only a value known after apply could allow is kept, as
// unknown: it may allow.
func whoCanDirect(env *escEnv, sub *Subject, action string, t *Target) whoCanAnswer {
	qa := env.s.DecideAnyContext(sub, action, t, evaluator.Context{})
	if qa.Q.Outcome == evaluator.OutcomeUnknown && !qa.Q.HasAllowed {
		return whoCanAnswer{grant{ok: true, status: StatusUnknown, text: action + " on " + t.Label(), depends: evaluator.ReasonStrings(qa.Q.Unknowns)}, evaluator.OutcomeUnknown}
	}
	return answerOf(env.decideGrant(sub, action, t, evaluator.Context{}))
}

// allowAll is the identity policy of a principal that has rewritten its
// own policies.
var allowAll = []byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)

// anyPermissionGrant asks the question as the identity would answer it
// with every identity permission: its permissions boundary, the SCPs and
// RCPs and the resource policy still apply.
func (a *Analysis) anyPermissionGrant(s *SideAnalysis, id *iammodel.Identity, action string, t *Target) grant {
	set := s.PolicySet(id)
	set.Identity = []evaluator.PolicyDoc{{Name: anyPermission, JSON: allowAll}}
	cs := evaluator.Compile(set, s.opts)
	if doc := s.resourceDoc(action, t); doc != nil {
		cs = cs.WithCompiledResource(s.compiledResource(doc))
	}
	sub := &Subject{Ref: id.Address, Identity: id, Principal: s.Model.PrincipalOf(id)}
	req := s.Request(sub, action, t, evaluator.Context{})
	// the tags of a resource of the plan, as query fills them (resource_tags.go)
	var opts evaluator.QuantifyOptions
	req.Context, opts = s.resourceTagContext(sub, action, t, req.Context, opts)
	q := cs.Quantify(req, opts)
	return grantOf(&q, action+" on "+t.Label()+" by "+anyPermission)
}
