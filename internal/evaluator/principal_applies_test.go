package evaluator

import (
	"slices"
	"testing"
)

// principalElements are Principal / NotPrincipal elements of every form §2
// knows, for the table and the property test below.
var principalElements = []string{
	`"Principal":"*"`,
	`"Principal":{"AWS":"*"}`,
	`"Principal":{"AWS":"` + acctA + `"}`,
	`"Principal":{"AWS":"` + acctB + `"}`,
	`"Principal":{"AWS":"` + rootARN + `"}`,
	`"Principal":{"AWS":"` + userARN + `"}`,
	`"Principal":{"AWS":"` + userB + `"}`,
	`"Principal":{"AWS":"` + roleARN + `"}`,
	`"Principal":{"AWS":"` + sessARN + `"}`,
	`"Principal":{"AWS":"arn:aws:sts::111122223333:assumed-role/app/other"}`,
	`"Principal":{"AWS":"` + sessB + `"}`,
	`"Principal":{"AWS":"` + fedARN + `"}`,
	`"Principal":{"AWS":"arn:aws:iam::111122223333:role/ap*"}`,
	`"Principal":{"AWS":"AIDAEXAMPLEUSERID"}`,
	`"Principal":{"AWS":"AROAEXAMPLEROLEID"}`,
	`"Principal":{"Service":"cloudtrail.amazonaws.com"}`,
	`"Principal":{"Service":"CloudTrail.amazonaws.com"}`,
	`"Principal":{"Federated":"accounts.google.com"}`,
	`"Principal":{"CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}`,
	`"NotPrincipal":{"AWS":["` + sessARN + `","` + roleARN + `","` + acctA + `"]}`,
	`"NotPrincipal":{"AWS":["` + userARN + `","` + acctA + `"]}`,
}

func principalAppliesDoc(t *testing.T, effect, element string) *CompiledPolicy {
	t.Helper()
	d := resDoc(pol(`{"Effect":"` + effect + `",` + element + `,"Action":"s3:*","Resource":"*"}`))
	return CompileResource(d, Options{}).Policy(PolicyResource)
}

// callers of every kind, with known and unknown ARNs (PT-6).
func principalAppliesCallers(t *testing.T) map[string]Principal {
	t.Helper()
	unknownSession := Principal{Kind: PrincipalRoleSession, Account: acctA, Partition: "aws", Name: "app",
		Unknown: &Unknown{Reason: "aws_iam_role.app.arn", Prefix: "arn:aws:iam::111122223333:role/"}}
	unknownAccount := Principal{Kind: PrincipalUser, Partition: "aws", Name: "alice",
		Unknown: &Unknown{Reason: "aws_iam_user.alice.arn"}}
	fed := mustP(t, fedARN)
	fed.ParentUserARN = userARN
	return map[string]Principal{
		"user": mustP(t, userARN), "session": mustP(t, sessARN), "role": mustP(t, roleARN), "root": mustP(t, rootARN),
		"fed": fed, "other-account": mustP(t, userB), "other-session": mustP(t, sessB),
		"service": mustP(t, "cloudtrail.amazonaws.com"), "anonymous": mustP(t, "anonymous"),
		"unknown-session": unknownSession, "unknown-account": unknownAccount,
	}
}

// PR-2..PR-13, PT-6, EV-20: which callers a document's statements can apply
// to by their Principal or NotPrincipal element.
func TestPrincipalApplies(t *testing.T) {
	t.Parallel()
	callers := principalAppliesCallers(t)
	cases := []struct {
		name, effect, element, caller string
		boundary                      bool
		want                          Tri
	}{
		{"PR-4 the caller's account", "Allow", principalElements[2], "session", false, TriTrue},
		{"PR-4 another account", "Allow", principalElements[3], "session", false, TriFalse},
		{"PR-4 root ARN names the account", "Allow", principalElements[4], "user", false, TriTrue},
		{"PR-5 the user ARN", "Allow", principalElements[5], "user", false, TriTrue},
		{"PR-5 another user", "Allow", principalElements[6], "user", false, TriFalse},
		{"PR-5 the parent user of a federated session", "Allow", principalElements[5], "fed", false, TriTrue},
		{"PR-6 the role of the session", "Allow", principalElements[7], "session", false, TriTrue},
		{"PR-6 a role ARN does not name a user", "Allow", principalElements[7], "user", false, TriFalse},
		{"PR-7 the session ARN", "Allow", principalElements[8], "session", false, TriTrue},
		{"PR-7 another session of the role", "Allow", principalElements[9], "session", false, TriFalse},
		{"PR-7 a session of a role given by ARN: the session name is unspecified", "Allow", principalElements[8], "role", false, TriUnknown},
		{"PR-3 partial wildcard: the document is invalid (E2, EV-21)", "Allow", principalElements[12], "service", false, TriUnknown},
		{"PR-8 a user id the model lacks", "Allow", principalElements[13], "user", false, TriUnknown},
		{"PR-8 a user id does not name a session", "Allow", principalElements[13], "session", false, TriFalse},
		{"PR-9 the service", "Allow", principalElements[15], "service", false, TriTrue},
		{"PR-9 a service name in other case: AMB-1", "Allow", principalElements[16], "service", false, TriUnknown},
		{"PR-9 a service entry does not name a user", "Allow", principalElements[15], "user", false, TriFalse},
		{"PR-9 a federated entry does not name a user", "Allow", principalElements[17], "user", false, TriFalse},
		{"PR-10 a canonical id the model does not map", "Allow", principalElements[18], "user", false, TriUnknown},
		{"PR-11 * names anonymous callers", "Allow", principalElements[0], "anonymous", false, TriTrue},
		{"PR-12 AWS * against a service: AMB-1", "Allow", principalElements[1], "service", false, TriUnknown},
		{"PR-13 NotPrincipal listing the session, its role and account", "Deny", principalElements[19], "session", false, TriFalse},
		{"PR-13 NotPrincipal not listing the caller", "Deny", principalElements[19], "user", false, TriTrue},
		{"PR-13 NotPrincipal listing the user and its account", "Deny", principalElements[20], "user", false, TriFalse},
		{"EV-20 NotPrincipal Deny applies to a caller with a boundary", "Deny", principalElements[19], "session", true, TriTrue},
		{"PT-6 unknown ARN against a role of its account", "Allow", principalElements[7], "unknown-session", false, TriUnknown},
		{"PT-6 unknown ARN against another account", "Allow", principalElements[3], "unknown-session", false, TriFalse},
		{"PT-6 unknown ARN through the known account", "Allow", principalElements[2], "unknown-session", false, TriTrue},
		{"PT-6 unknown account", "Allow", principalElements[3], "unknown-account", false, TriUnknown},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := callers[tc.caller]
			if got := principalAppliesDoc(t, tc.effect, tc.element).PrincipalApplies(&p, tc.boundary); got != tc.want {
				t.Errorf("PrincipalApplies = %v, want %v", got, tc.want)
			}
		})
	}
}

// RS-1: a trust policy (no Resource element) is asked as the trust policy
// it is; compiled as a resource policy it is invalid (EV-21), so unknown.
func TestPrincipalAppliesTrustPolicy(t *testing.T) {
	t.Parallel()
	d := resDoc(pol(`{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}`))
	c := CompileResource(d, Options{})
	p := mustP(t, sessARN)
	if got := c.Policy(PolicyTrust).PrincipalApplies(&p, false); got != TriFalse {
		t.Errorf("as a trust policy: PrincipalApplies = %v, want false (PR-9: a service entry names no session)", got)
	}
	if got := c.Policy(PolicyResource).PrincipalApplies(&p, false); got != TriUnknown {
		t.Errorf("as a resource policy: PrincipalApplies = %v, want unknown (invalid: no Resource)", got)
	}
	if c.Policy(PolicyIdentity) != nil {
		t.Error("Policy(identity) is not nil")
	}
}

// PT-5: an unknown document may name anybody.
func TestPrincipalAppliesUnknownDocument(t *testing.T) {
	t.Parallel()
	c := CompileResource(&PolicyDoc{Unknown: &Unknown{Reason: "aws_s3_bucket_policy.b.policy"}}, Options{}).Policy(PolicyResource)
	p := mustP(t, userARN)
	if got := c.PrincipalApplies(&p, false); got != TriUnknown {
		t.Errorf("PrincipalApplies = %v, want unknown", got)
	}
	if _, any := c.PrincipalKeys(); !any {
		t.Error("PrincipalKeys: an unknown document must be asked by every caller")
	}
}

// PT-3: PrincipalApplies is sound for every element and caller: TriFalse
// only when the document changes no decision of the caller, and the index
// keys then still find every document that can apply.
func TestPrincipalAppliesSound(t *testing.T) {
	t.Parallel()
	identity := docs(pol(allowAll))
	for name, p := range principalAppliesCallers(t) {
		for _, el := range principalElements {
			for _, effect := range []string{"Allow", "Deny"} {
				t.Run(name+" "+effect+" "+el, func(t *testing.T) {
					t.Parallel()
					d := resDoc(pol(`{"Effect":"` + effect + `",` + el + `,"Action":"s3:*","Resource":"*"}`))
					c := CompileResource(d, Options{}).Policy(PolicyResource)
					got := c.PrincipalApplies(&p, false)
					keys, any := c.PrincipalKeys()
					ck := CallerKeys(&p)
					if got != TriFalse && !any && !slices.ContainsFunc(keys, func(k string) bool { return slices.Contains(ck, k) }) {
						t.Errorf("PrincipalApplies = %v but the keys %v and the caller's %v share none", got, keys, ck)
					}
					if got != TriFalse {
						return
					}
					for _, ra := range []string{acctA, acctB} {
						req := Request{Principal: p, Action: "s3:GetObject", Resource: bucket, ResourceAccount: ra}
						without := Compile(PolicySet{Identity: identity}, Options{}).Decide(&req)
						with := Compile(PolicySet{Identity: identity, Resource: d}, Options{}).Decide(&req)
						if with.Decision != without.Decision || !slices.Equal(with.Unknowns, without.Unknowns) {
							t.Errorf("PrincipalApplies = false, but the document changes the decision in account %s: %v %v -> %v %v",
								ra, without.Decision, without.Unknowns, with.Decision, with.Unknowns)
						}
					}
				})
			}
		}
	}
}

// TestStatementKeys: statement by statement, the contract PrincipalKeys has
// for the whole document — a statement that can apply to the caller (asked
// of PrincipalApplies on the statement alone) is "any" or shares a key with
// CallerKeys.
func TestStatementKeys(t *testing.T) {
	t.Parallel()
	const acct = "111122223333"
	doc := `{"Version":"2012-10-17","Statement":[
	 {"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"},
	 {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + acct + `:role/app"},"Action":"s3:GetObject","Resource":"*"},
	 {"Effect":"Allow","Principal":{"AWS":"` + acct + `"},"Action":"s3:GetObject","Resource":"*"},
	 {"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"s3:GetObject","Resource":"*"},
	 {"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::` + acct + `:role/app"},"Action":"s3:*","Resource":"*"}]}`
	cp := CompileResource(&PolicyDoc{Name: "b", JSON: []byte(doc)}, Options{}).Policy(PolicyResource)
	keys, any, ok := cp.StatementKeys()
	if !ok || len(keys) != 5 {
		t.Fatalf("StatementKeys: %d statements, ok %v", len(keys), ok)
	}
	if !any[0] || any[1] || any[2] || any[3] || !any[4] {
		t.Errorf("any = %v, want the * and NotPrincipal statements only", any)
	}
	callers := []Principal{
		{Kind: PrincipalRoleSession, ARN: "arn:aws:sts::" + acct + ":assumed-role/app/s", RoleARN: "arn:aws:iam::" + acct + ":role/app", Name: "app", Account: acct},
		{Kind: PrincipalRoleSession, ARN: "arn:aws:sts::" + acct + ":assumed-role/x/s", RoleARN: "arn:aws:iam::" + acct + ":role/x", Name: "x", Account: acct},
		{Kind: PrincipalUser, ARN: "arn:aws:iam::444455556666:user/bob", Name: "bob", Account: "444455556666"},
		{Kind: PrincipalService, ARN: "ec2.amazonaws.com", Name: "ec2.amazonaws.com"},
		{Kind: PrincipalRoleSession, Name: "app"}, // ARN and account unknown (PT-6)
	}
	for i := range cp.stmts {
		one := &CompiledPolicy{name: cp.name, typ: cp.typ, stmts: cp.stmts[i : i+1]}
		for _, c := range callers {
			if one.PrincipalApplies(&c, false) == TriFalse || any[i] {
				continue
			}
			shared := false
			for _, k := range CallerKeys(&c) {
				for _, sk := range keys[i] {
					shared = shared || k == sk
				}
			}
			if !shared {
				t.Errorf("statement %d can apply to %s (%s) but shares no key: %v", i+1, c.ARN, c.Kind, keys[i])
			}
		}
	}
	if _, _, ok := CompileResource(&PolicyDoc{Name: "u", Unknown: &Unknown{Reason: "x"}}, Options{}).Policy(PolicyResource).StatementKeys(); ok {
		t.Error("an unknown document's statements stand alone")
	}
}
