package evaluator

import (
	"slices"
	"testing"
)

// CTX-1, CTX-5..CTX-7, CTX-10: the keys the principal alone determines.
func TestDerivedContext(t *testing.T) {
	t.Parallel()
	withID := func(s string, id string) Principal {
		p, err := ParsePrincipal(s)
		if err != nil {
			t.Fatal(err)
		}
		p.UniqueID = id
		return p
	}
	const absent, unknown = "<absent>", "<unknown>"
	cases := []struct {
		name string
		p    Principal
		want map[string]string
	}{
		{"CTX-7 user", withID(userARN, "AIDAEXAMPLE"), map[string]string{
			"aws:PrincipalArn": userARN, "aws:PrincipalAccount": acctA, "aws:PrincipalType": "User",
			"aws:userid": "AIDAEXAMPLE", "aws:username": "alice", "aws:PrincipalIsAWSService": "false"}},
		{"CTX-6 user without unique id", withID(userARN, ""), map[string]string{"aws:userid": unknown}},
		{"CTX-5 session gives the role ARN", withID(sessARN, "AROAEXAMPLE"), map[string]string{
			"aws:PrincipalArn": roleARN, "aws:PrincipalType": "AssumedRole", "aws:userid": "AROAEXAMPLE:s1", "aws:username": absent}},
		{"CTX-6 session without role id", withID(sessARN, ""), map[string]string{"aws:userid": unknown}},
		{"CTX-6 federated user", withID(fedARN, ""), map[string]string{
			"aws:PrincipalArn": fedARN, "aws:PrincipalType": "FederatedUser", "aws:userid": acctA + ":bob", "aws:username": absent}},
		{"CTX-6 root", withID(acctA, ""), map[string]string{
			"aws:PrincipalArn": rootARN, "aws:PrincipalType": "Account", "aws:userid": acctA, "aws:PrincipalAccount": acctA}},
		{"CTX-5 anonymous", withID("anonymous", ""), map[string]string{
			"aws:PrincipalArn": absent, "aws:PrincipalType": "Anonymous", "aws:userid": "anonymous", "aws:PrincipalAccount": absent}},
		{"CTX-10 service", withID("cloudtrail.amazonaws.com", ""), map[string]string{
			"aws:PrincipalIsAWSService": "true", "aws:PrincipalServiceName": "cloudtrail.amazonaws.com",
			"aws:PrincipalArn": unknown, "aws:PrincipalAccount": absent}},
		{"PT-6 unknown user ARN", Principal{Kind: PrincipalUser, Account: acctA, Unknown: &Unknown{Reason: "u.arn"}}, map[string]string{
			"aws:PrincipalArn": unknown, "aws:PrincipalAccount": acctA, "aws:username": unknown}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var d derivedKeys
			ctx := d.context(&c.p)
			for k, want := range c.want {
				v := ctx.Lookup(k)
				got := absent
				switch {
				case v != nil && v.Unknown != nil:
					got = unknown
				case v != nil:
					got = v.Values[0]
				}
				if got != want {
					t.Errorf("%s = %q, want %q", k, got, want)
				}
			}
		})
	}
}

// CTX-1: values the request supplies win over derived ones.
func TestDerivedContextRequestWins(t *testing.T) {
	t.Parallel()
	set := Compile(PolicySet{Identity: docs(pol(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/other"}}}`))}, Options{})
	req := rq(t, sessARN, "s3:GetObject", bucket)
	if got := set.Decide(&req); got.Decision != ImplicitDeny {
		t.Fatalf("derived: %s", got.Decision)
	}
	req.Context.Set("aws:PrincipalArn", "arn:aws:iam::111122223333:role/other")
	if got := set.Decide(&req); got.Decision != Allowed {
		t.Fatalf("supplied: %s", got.Decision)
	}
	// The derived keys are cached per principal; a new principal refreshes them.
	other := rq(t, "arn:aws:sts::111122223333:assumed-role/other/s", "s3:GetObject", bucket)
	got := set.Decide(&other)
	if got.Decision != Allowed || !slices.Contains([]Decision{Allowed}, got.Decision) {
		t.Fatalf("other principal: %s", got.Decision)
	}
}
