package evaluator

import (
	"slices"
	"testing"
)

// matchEntry matches one Principal element against a caller.
func matchEntry(t *testing.T, el Principals, caller Principal, endpoint bool) (kindTris, []string) {
	t.Helper()
	req := Request{Principal: caller, Action: "s3:GetObject", Resource: bucket}
	var res Result
	e := &evalEnv{req: &req, res: &res}
	m := compilePrincipalMatcher(&el)
	return m.match(e, endpoint), ReasonStrings(res.Unknowns)
}

func awsEl(vals ...string) Principals {
	var p Principals
	for _, v := range vals {
		p.AWS = append(p.AWS, Value{Text: v})
	}
	return p
}

func mustP(t *testing.T, s string) Principal {
	t.Helper()
	p, err := ParsePrincipal(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// PR-3..PR-12: which kind an entry gives for each caller.
func TestPrincipalMatchKinds(t *testing.T) {
	t.Parallel()
	unknownUser := Principal{Kind: PrincipalUser, Account: acctA, Partition: "aws", Unknown: &Unknown{Reason: "u.arn", Prefix: "arn:aws:iam::111122223333:user/a"}}
	fed := mustP(t, fedARN)
	fed.ParentUserARN = userARN
	cases := []struct {
		name     string
		el       Principals
		caller   Principal
		endpoint bool
		kind     matchKind
		want     Tri
		unknown  string
	}{
		{"PR-4 account id", awsEl(acctA), mustP(t, userARN), false, kindAccount, TriTrue, ""},
		{"PR-4 root ARN names the whole account", awsEl(rootARN), mustP(t, sessARN), false, kindAccount, TriTrue, ""},
		{"PR-4 other account", awsEl(acctB), mustP(t, userARN), false, kindAccount, TriFalse, ""},
		{"PR-4 other partition", awsEl("arn:aws-cn:iam::111122223333:root"), mustP(t, userARN), false, kindAccount, TriFalse, ""},
		{"PR-14 account in endpoint policy: user", awsEl(acctA), mustP(t, userARN), true, kindAccount, TriFalse, ""},
		{"PR-14 account in endpoint policy: root", awsEl(acctA), mustP(t, rootARN), true, kindAccount, TriTrue, ""},
		{"PR-5 user ARN", awsEl(userARN), mustP(t, userARN), false, kindUser, TriTrue, ""},
		{"PR-5 user name is case-sensitive", awsEl("arn:aws:iam::111122223333:user/ALICE"), mustP(t, userARN), false, kindUser, TriFalse, ""},
		{"PR-5 user path is part of the ARN", awsEl("arn:aws:iam::111122223333:user/dev/alice"), mustP(t, userARN), false, kindUser, TriFalse, ""},
		{"PR-5 parent user of a federated session", awsEl(userARN), fed, false, kindParentUser, TriTrue, ""},
		{"PR-5 no parent recorded", awsEl(userARN), mustP(t, fedARN), false, kindParentUser, TriFalse, ""},
		{"PR-6 role ARN for a session", awsEl(roleARN), mustP(t, sessARN), false, kindRole, TriTrue, ""},
		{"PR-6 role ARN with another path", awsEl("arn:aws:iam::111122223333:role/x/app"), mustP(t, sessARN), false, kindRole, TriFalse, ""},
		{"PR-6 role ARN is not the user", awsEl(roleARN), mustP(t, userARN), false, kindRole, TriFalse, ""},
		{"PR-7 session ARN", awsEl(sessARN), mustP(t, sessARN), false, kindSession, TriTrue, ""},
		{"PR-7 federated-user ARN", awsEl(fedARN), mustP(t, fedARN), false, kindSession, TriTrue, ""},
		{"PR-7 session of a role-ARN caller", awsEl(sessARN), mustP(t, roleARN), false, kindSession, TriUnknown, "principal:session-name"},
		{"PR-11 AWS star", awsEl("*"), mustP(t, userARN), false, kindStar, TriTrue, ""},
		{"PR-11 AWS star and anonymous", awsEl("*"), mustP(t, "anonymous"), false, kindStar, TriTrue, ""},
		{"PR-11 bare star", Principals{Wildcard: true}, mustP(t, "anonymous"), false, kindStar, TriTrue, ""},
		{"PR-12 bare star and a service", Principals{Wildcard: true}, mustP(t, "s3.amazonaws.com"), false, kindStar, TriTrue, ""},
		{"PR-12 AWS star and a service", awsEl("*"), mustP(t, "s3.amazonaws.com"), false, kindStar, TriUnknown, "ambiguous:PR-12"},
		{"PR-3 partial wildcard", awsEl("arn:aws:iam::111122223333:user/*"), mustP(t, userARN), false, kindUser, TriUnknown, "ambiguous:PR-3"},
		{"PR-8 user id without a model id", awsEl("AIDAEXAMPLE123456789"), mustP(t, userARN), false, kindUser, TriUnknown, "principal:PR-8"},
		{"PR-9 service exact", Principals{Service: []Value{{Text: "s3.amazonaws.com"}}}, mustP(t, "s3.amazonaws.com"), false, kindService, TriTrue, ""},
		{"PR-9 service case differs", Principals{Service: []Value{{Text: "S3.amazonaws.com"}}}, mustP(t, "s3.amazonaws.com"), false, kindService, TriUnknown, "ambiguous:PR-9"},
		{"PR-9 federated provider", Principals{Federated: []Value{{Text: oidcARN}}}, Principal{Kind: PrincipalWebIdentity, FederatedProvider: oidcARN}, false, kindFederated, TriTrue, ""},
		{"PR-9 federated does not match a user", Principals{Federated: []Value{{Text: oidcARN}}}, mustP(t, userARN), false, kindFederated, TriFalse, ""},
		{"PR-10 canonical user is unknown", Principals{CanonicalUser: []Value{{Text: "79a59df900b949e55d96a1e698fbace"}}}, mustP(t, userARN), false, kindAccount, TriUnknown, "principal:PR-10"},
		{"PT-6 unknown caller ARN vs a user entry", awsEl("arn:aws:iam::111122223333:user/alice"), unknownUser, false, kindUser, TriUnknown, "u.arn"},
		{"PT-4 unknown caller ARN whose prefix rules the entry out", awsEl("arn:aws:iam::111122223333:user/bob"), unknownUser, false, kindUser, TriFalse, ""},
		{"PT-6 unknown caller ARN, known account", awsEl(acctA), unknownUser, false, kindAccount, TriTrue, ""},
		{"PR-2 other entries match nobody", awsEl("arn:aws:iam::111122223333:group/g"), mustP(t, userARN), false, kindUser, TriFalse, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			got, unknowns := matchEntry(t, c.el, c.caller, c.endpoint)
			if got[c.kind] != c.want {
				t.Errorf("kind %s = %s, want %s (all: %v)", c.kind, got[c.kind], c.want, got)
			}
			for k := range got {
				if matchKind(k) != c.kind && got[k] != TriFalse {
					t.Errorf("unexpected kind %s = %s", matchKind(k), got[k])
				}
			}
			if c.unknown != "" && !slices.Contains(unknowns, c.unknown) {
				t.Errorf("Unknowns = %v, want %q", unknowns, c.unknown)
			}
		})
	}
}

// PR-13: a NotPrincipal lists the caller only when every part is named; a
// caller whose own ARN is not named is not listed.
func TestNotPrincipalListed(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		el     Principals
		caller string
		want   Tri
	}{
		{"session, role and account", awsEl(sessARN, roleARN, acctA), sessARN, TriTrue},
		{"session only", awsEl(sessARN), sessARN, TriUnknown},
		{"none", awsEl(userB), sessARN, TriFalse},
		{"user and account", awsEl(userARN, rootARN), userARN, TriTrue},
		// [NP]: "denied to all principals *except* for the ones specified"; naming
		// the account or role does not name the user or session in it.
		{"account only", awsEl(acctA), userARN, TriFalse},
		{"role and account, another session", awsEl("arn:aws:sts::111122223333:assumed-role/app/other", roleARN, acctA), sessARN, TriFalse},
		// [NP]: "If the NotPrincipal element contained only Bob's ARN, the effect
		// of the policy might be to explicitly deny access": AMB-1.
		{"user only", awsEl(userARN), userARN, TriUnknown},
		{"session and role, no account", awsEl(sessARN, roleARN), sessARN, TriUnknown},
		{"root by account", awsEl(acctA), rootARN, TriTrue},
		{"star lists everyone", awsEl("*"), userARN, TriTrue},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			req := Request{Principal: mustP(t, c.caller), Action: "s3:GetObject", Resource: bucket}
			var res Result
			got := compilePrincipalMatcher(&c.el).listed(&evalEnv{req: &req, res: &res})
			if got != c.want {
				t.Errorf("listed = %s, want %s", got, c.want)
			}
		})
	}
}
