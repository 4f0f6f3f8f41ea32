package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/analysis"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
)

// goldenGraphs are planscan graph outputs checked by hand against the
// fixtures' HCL (issue 10):
//
//   - escalation_two_hop: dev --assume-role--> deployer
//     --lambda-create-invoke--> lambda_admin (admin-equivalent, no
//     outgoing edges); auditor's assume-role needs MFA; intern has no edge.
//   - escalation_cfn_passrole: ci --cloudformation-stack--> cfn_admin;
//     ci_weak --cloudformation-stack--> cfn_readonly (an edge, not an
//     escalation: ReadOnlyAccess); ci_wrong_service and ci_untrusted none.
//   - github_oidc: the GitHub OIDC provider (outside the plan) assumes each
//     role under its trust's aud/sub conditions (EV-14).
//   - org_shared: "any AWS account" restricted to aws:PrincipalOrgID is the
//     organization.
//   - group_terminators: users are members of groups (member-of edges).
//   - escalation_access_keys: helpdesk --create-access-key--> admin_one
//     only (admin_full holds two keys: a third needs iam:DeleteAccessKey,
//     which rotator has: it reaches both, and helpdesk).
var goldenGraphs = []struct {
	name, fixture, side, from, to string
	formats                       []string
}{
	{"escalation_two_hop", "escalation_two_hop", "after", "", "", []string{"mermaid", "dot", "json"}},
	{"escalation_two_hop.to_admin", "escalation_two_hop", "after", "", "aws_iam_role.lambda_admin", []string{"mermaid"}},
	{"escalation_two_hop.from_dev", "escalation_two_hop", "after", "arn:aws:iam::111122223333:user/dev", "", []string{"mermaid"}},
	{"escalation_two_hop.before", "escalation_two_hop", "before", "", "", []string{"mermaid"}},
	{"escalation_cfn_passrole", "escalation_cfn_passrole", "after", "", "", []string{"mermaid", "dot", "json"}},
	{"escalation_cfn_passrole.to_admin", "escalation_cfn_passrole", "after", "", "aws_iam_role.cfn_admin", []string{"mermaid"}},
	{"github_oidc", "github_oidc", "after", "", "", []string{"mermaid", "json"}},
	{"org_shared", "org_shared", "after", "", "", []string{"dot"}},
	{"group_terminators", "group_terminators", "after", "", "", []string{"mermaid"}},
	{"escalation_access_keys", "escalation_access_keys", "after", "", "", []string{"mermaid", "json"}},
}

func TestGraphGolden(t *testing.T) {
	t.Parallel()
	for _, c := range goldenGraphs {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			a := analyzeFile(t, testkit.FixturePlan(c.fixture), "111122223333")
			g, err := a.PrincipalGraph(c.side)
			if err != nil {
				t.Fatal(err)
			}
			var ends [2]string
			for i, ref := range []string{c.from, c.to} {
				if ref == "" {
					continue
				}
				if ends[i], err = g.Resolve(ref); err != nil {
					t.Fatal(err)
				}
			}
			g = g.Filter(ends[0], ends[1])
			for _, f := range c.formats {
				var b bytes.Buffer
				if err := WriteGraph(&b, g, f); err != nil {
					t.Fatal(err)
				}
				ext := map[string]string{"mermaid": "mmd", "dot": "dot", "json": "json"}[f]
				testkit.Golden(t, testkit.Path("golden", "fixture_"+c.name+".graph."+ext), b.String())
			}
		})
	}
}

func TestGraphResolveAndFilter(t *testing.T) {
	t.Parallel()
	a := analyzeFile(t, testkit.FixturePlan("escalation_two_hop"), "111122223333")
	g, err := a.PrincipalGraph("after")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		ref, want, err string
	}{
		{"aws_iam_user.dev", "aws_iam_user.dev", ""},
		{"arn:aws:iam::111122223333:role/deployer", "aws_iam_role.deployer", ""},
		{"aws_iam_user.nobody", "", `"aws_iam_user.nobody" names no principal of the after side`},
		{"arn:aws:iam::111122223333:user/nobody", "", "names no principal"},
	} {
		got, err := g.Resolve(tc.ref)
		if got != tc.want || (err == nil) != (tc.err == "") || err != nil && !strings.Contains(err.Error(), tc.err) {
			t.Errorf("Resolve(%q) = %q, %v; want %q, %q", tc.ref, got, err, tc.want, tc.err)
		}
	}
	// both ends: only the path from dev to lambda_admin (auditor and intern go)
	f := g.Filter("aws_iam_user.dev", "aws_iam_role.lambda_admin")
	var ids []string
	for _, n := range f.Nodes {
		ids = append(ids, n.ID)
	}
	if got := strings.Join(ids, " "); got != "aws_iam_role.deployer aws_iam_role.lambda_admin aws_iam_user.dev" || len(f.Edges) != 2 {
		t.Errorf("filter dev -> lambda_admin: nodes %s, %d edges", got, len(f.Edges))
	}
	if _, err := a.PrincipalGraph("later"); err == nil {
		t.Error("unknown side accepted")
	}
	if err := WriteGraph(&bytes.Buffer{}, f, "svg"); err == nil || !strings.Contains(err.Error(), "mermaid, dot, json") {
		t.Errorf("unknown format: %v", err)
	}
}

// TestGraphEscapesPlanText: labels from the plan cannot break out of a
// Mermaid label or a DOT string, nor forge terminal or CI log lines.
func TestGraphEscapesPlanText(t *testing.T) {
	t.Parallel()
	g := &analysis.PrincipalGraph{Side: "after",
		Nodes: []analysis.GraphNode{{ID: "aws_iam_role.a\"]\n::error::x", Kind: analysis.NodeRole}, {ID: `b\"`, Kind: analysis.NodeExternal}},
		Edges: []analysis.EscalationStep{{From: "aws_iam_role.a\"]\n::error::x", To: `b\"`, Technique: "assume-role", Conditions: "k = \"|]\x1b[31m", Status: analysis.StatusFail}}}
	for _, f := range []string{"mermaid", "dot"} {
		var b bytes.Buffer
		if err := WriteGraph(&b, g, f); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if strings.Contains(out, "\x1b") || strings.Contains(out, "\n::error") {
			t.Errorf("%s: unescaped control text:\n%s", f, out)
		}
		if f == "dot" && strings.Contains(out, `b\"" [`) {
			t.Errorf("dot: quote not escaped:\n%s", out)
		}
		if f == "mermaid" && strings.Contains(out, `"]`+"\n::") {
			t.Errorf("mermaid: label not escaped:\n%s", out)
		}
	}
}
