package analysis

import (
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// PR-2..PR-13, PT-6: the index over the engine's keys offers every
// document that may apply to a caller (the matrix and the escalation graph
// then ask PrincipalApplies), and leaves out documents that only name
// others.
func TestPrincipalIndexCandidates(t *testing.T) {
	t.Parallel()
	const acct, other = "111122223333", "444455556666"
	stmt := func(principal string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":` + principal + `,"Action":"s3:GetObject","Resource":"*"}]}`
	}
	docs := map[string]string{
		"account":   stmt(`{"AWS":"` + acct + `"}`),
		"other":     stmt(`{"AWS":"` + other + `"}`),
		"role":      stmt(`{"AWS":"arn:aws:iam::` + acct + `:role/app"}`),
		"session":   stmt(`{"AWS":"arn:aws:sts::` + acct + `:assumed-role/app/s1"}`),
		"service":   stmt(`{"Service":"lambda.amazonaws.com"}`),
		"star":      stmt(`"*"`),
		"canonical": stmt(`{"CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}`),
		"notprincipal": `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::` + acct +
			`:user/alice"},"Action":"s3:GetObject","Resource":"*"}]}`,
	}
	var ix principalIndex[string]
	compiled := map[string]*evaluator.CompiledPolicy{}
	for name, json := range docs {
		compiled[name] = evaluator.CompileResource(&evaluator.PolicyDoc{Name: name, JSON: []byte(json)}, evaluator.Options{}).Policy(evaluator.PolicyResource)
		ix.add(name, compiled[name])
	}
	session, err := evaluator.ParsePrincipal("arn:aws:sts::" + acct + ":assumed-role/app/s1")
	if err != nil {
		t.Fatal(err)
	}
	unknownRole := evaluator.Principal{Kind: evaluator.PrincipalRoleSession, Account: acct, Partition: "aws", Name: "app",
		Unknown: &evaluator.Unknown{Reason: "aws_iam_role.app.arn"}}
	lambda := evaluator.Principal{Kind: evaluator.PrincipalService, ARN: "lambda.amazonaws.com", Name: "lambda.amazonaws.com"}
	cases := []struct {
		name   string
		caller evaluator.Principal
		absent []string // documents the index must leave out
	}{
		{"a session of a known role", session, []string{"other", "service"}},
		{"PT-6 a role whose ARN is unknown", unknownRole, []string{"service"}},
		{"PR-9 a service principal", lambda, []string{"account", "other", "role", "session", "canonical"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := map[string]bool{}
			ix.candidates(&tc.caller, func(name string) { got[name] = true })
			for name, cp := range compiled {
				if cp.PrincipalApplies(&tc.caller, false) != evaluator.TriFalse && !got[name] {
					t.Errorf("%s may apply but is no candidate", name)
				}
			}
			for _, name := range tc.absent {
				if got[name] {
					t.Errorf("%s names only others but is a candidate", name)
				}
			}
		})
	}
}
