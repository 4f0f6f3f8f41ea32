package analysis

import (
	"sync"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// resourceFree and principalBound decide when one answer serves several
// targets or principals (escalation_classes.go): they must never merge
// questions a Resource pattern, a resource condition, a policy variable or
// a principal condition key could tell apart.
func TestEscalationAnswerClasses(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, doc, action string
		free, bound       bool
	}{
		{"star resource", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}`, "iam:PassRole", true, false},
		{"other statements do not count", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"},{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`, "iam:PassRole", true, false},
		{"a role pattern", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/app-*"}]}`, "iam:PassRole", false, false},
		{"a deny on some roles", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"},{"Effect":"Deny","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/admin"}]}`, "iam:PassRole", false, false},
		{"NotResource", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","NotResource":"arn:aws:iam::111122223333:role/admin"}]}`, "iam:PassRole", false, false},
		{"NotAction matches", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"s3:*","Resource":"arn:aws:iam::111122223333:role/x"}]}`, "iam:PassRole", false, false},
		{"resource tag condition", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"iam:ResourceTag/team":"a"}}}]}`, "iam:PassRole", false, false},
		{"PassedToService is not a resource key", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"iam:PassedToService":"lambda.amazonaws.com"}}}]}`, "iam:PassRole", true, false},
		{"principal tag condition", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"a"}}}]}`, "iam:PassRole", true, true},
		{"policy variable", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:CreateAccessKey","Resource":"arn:aws:iam::111122223333:user/${aws:username}"}]}`, "iam:CreateAccessKey", false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			pp := parsedPolicies(t, tc.doc)
			if got := pp.resourceFree(tc.action); got != tc.free {
				t.Errorf("resourceFree(%s) = %v, want %v", tc.action, got, tc.free)
			}
			if pp.principalBound != tc.bound {
				t.Errorf("principalBound = %v, want %v", pp.principalBound, tc.bound)
			}
		})
	}
	if (&principalPolicies{opaque: true}).resourceFree("iam:PassRole") {
		t.Error("an opaque policy set (a document known only after apply) cannot be resource-free")
	}
}

var (
	sideOnce sync.Once
	side     *SideAnalysis // a side to parse with (escalation_two_hop)
)

// parsedPolicies builds the view policiesOf builds, from one identity
// document.
func parsedPolicies(t *testing.T, doc string) *principalPolicies {
	t.Helper()
	sideOnce.Do(func() {
		plan, err := tfplan.Load(testkit.FixturePlan("escalation_two_hop"))
		if err != nil {
			panic(err)
		}
		a, err := Analyze(plan, AnalyzeOptions{AccountID: "111122223333"})
		if err != nil {
			panic(err)
		}
		side = a.After
	})
	e := &escEnv{s: side}
	return e.policiesOf(evaluator.PolicySet{Identity: []evaluator.PolicyDoc{{Name: "p", JSON: []byte(doc)}}})
}

// Principals with the same policy set share a class, and their questions
// are answered once (group_terminators, a real plan: alice, bob and carol
// are members of developers only; dave is also in ops; erin in no group).
func TestEscalationPrincipalClasses(t *testing.T) {
	t.Parallel()
	plan, err := tfplan.Load(testkit.FixturePlan("group_terminators"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := Analyze(plan, AnalyzeOptions{AccountID: "111122223333"})
	if err != nil {
		t.Fatal(err)
	}
	env := a.escalationGraph(1).env
	class := map[string]string{}
	for _, u := range a.After.Model.Users {
		q := env.askerFor(&Subject{Ref: u.Address, Identity: u, Principal: a.After.Model.PrincipalOf(u)})
		class[u.Address] = q.class
	}
	if class["aws_iam_user.alice"] != class["aws_iam_user.bob"] || class["aws_iam_user.bob"] != class["aws_iam_user.carol"] {
		t.Error("alice, bob and carol have the same policy set but not the same class")
	}
	if class["aws_iam_user.alice"] == class["aws_iam_user.dave"] || class["aws_iam_user.alice"] == class["aws_iam_user.erin"] {
		t.Error("dave (also in ops) and erin (no group) share a class with alice")
	}
	// one answer per class: bob's question after alice's is not asked again
	alice, bob := a.After.Model.Identity("aws_iam_user.alice"), a.After.Model.Identity("aws_iam_user.bob")
	tg, err := a.After.Target("arn:aws:iam::111122223333:role/web")
	if err != nil {
		t.Fatal(err)
	}
	qa := env.askerFor(&Subject{Ref: alice.Address, Identity: alice, Principal: a.After.Model.PrincipalOf(alice)})
	qb := env.askerFor(&Subject{Ref: bob.Address, Identity: bob, Principal: a.After.Model.PrincipalOf(bob)})
	ga := qa.ask("iam:UpdateAssumeRolePolicy", tg, evaluator.Context{})
	env.memoMu.Lock()
	n := len(env.memo)
	env.memoMu.Unlock()
	gb := qb.ask("iam:UpdateAssumeRolePolicy", tg, evaluator.Context{})
	env.memoMu.Lock()
	m := len(env.memo)
	env.memoMu.Unlock()
	if m != n || ga.ok != gb.ok || ga.status != gb.status || ga.text != gb.text {
		t.Errorf("bob's answer was asked again (%d -> %d memo entries) or differs: %+v vs %+v", n, m, ga, gb)
	}
	direct := env.decideGrant(qb.sub, "iam:UpdateAssumeRolePolicy", tg, evaluator.Context{})
	if direct.ok != gb.ok || direct.status != gb.status || direct.text != gb.text {
		t.Errorf("the class answer %+v differs from bob's own %+v", gb, direct)
	}
}
