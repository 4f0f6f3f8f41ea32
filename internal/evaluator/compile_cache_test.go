package evaluator

import (
	"fmt"
	"testing"
)

// TestCompileCached: sets compiled through one cache share the compiled
// document (one compile for a managed policy attached to many principals)
// and decide as sets compiled on their own, statements and names included.
func TestCompileCached(t *testing.T) {
	t.Parallel()
	shared := PolicyDoc{Name: "arn:aws:iam::aws:policy/ReadOnlyAccess", JSON: []byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":"*"}]}`)}
	deny := PolicyDoc{Name: "deny", JSON: []byte(`{"Version":"2012-10-17","Statement":[{"Sid":"NoDelete","Effect":"Deny","Action":"s3:Delete*","Resource":"*"}]}`)}
	unknown := PolicyDoc{Name: "later", Unknown: &Unknown{Reason: "aws_iam_policy.x.policy"}}
	var cache PolicyCache
	for i, set := range []PolicySet{
		{Identity: []PolicyDoc{shared}},
		{Identity: []PolicyDoc{deny, shared}},
		{Identity: []PolicyDoc{shared, unknown}, Boundaries: []PolicyDoc{shared}},
		{Identity: []PolicyDoc{{JSON: shared.JSON}}}, // unnamed: identity-0, its own entry
	} {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			t.Parallel()
			cached, plain := CompileCached(set, Options{}, &cache), Compile(set, Options{})
			for _, action := range []string{"s3:GetObject", "s3:DeleteObject", "s3:PutObject"} {
				req := Request{Principal: Principal{Kind: PrincipalUser, ARN: "arn:aws:iam::111122223333:user/a", Account: "111122223333", Name: "a"},
					Action: action, Resource: "arn:aws:s3:::b/k"}
				got, want := cached.Decide(&req), plain.Decide(&req)
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("%s: cached %+v, compiled alone %+v", action, got, want)
				}
			}
		})
	}
	a, b := CompileCached(PolicySet{Identity: []PolicyDoc{shared}}, Options{}, &cache), CompileCached(PolicySet{Identity: []PolicyDoc{deny, shared}}, Options{}, &cache)
	if a.identity[0] != b.identity[1] {
		t.Error("the shared document was compiled twice")
	}
	if c := Compile(PolicySet{Identity: []PolicyDoc{shared}}, Options{}); c.identity[0] == a.identity[0] {
		t.Error("Compile without a cache shares a compiled document")
	}
}
