package evaluator

import (
	"strings"
	"testing"
)

// EV-0, PR-4..PR-7: the caller forms ParsePrincipal reads.
func TestParsePrincipal(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in   string
		want Principal
	}{
		{userARN, Principal{Kind: PrincipalUser, ARN: userARN, Partition: "aws", Account: acctA, Name: "alice", Path: "/"}},
		{"arn:aws:iam::111122223333:user/dev/team/alice", Principal{Kind: PrincipalUser, ARN: "arn:aws:iam::111122223333:user/dev/team/alice",
			Partition: "aws", Account: acctA, Name: "alice", Path: "/dev/team/"}},
		{roleARN, Principal{Kind: PrincipalRoleSession, ARN: roleARN, Partition: "aws", Account: acctA, Name: "app", Path: "/", RoleARN: roleARN}},
		{"arn:aws-cn:iam::111122223333:role/ops/app", Principal{Kind: PrincipalRoleSession, ARN: "arn:aws-cn:iam::111122223333:role/ops/app",
			Partition: "aws-cn", Account: acctA, Name: "app", Path: "/ops/", RoleARN: "arn:aws-cn:iam::111122223333:role/ops/app"}},
		{slrSession, Principal{Kind: PrincipalRoleSession, ARN: slrSession, Partition: "aws", Account: acctA, Name: "AWSServiceRoleForELB",
			Path: "/aws-service-role/elasticloadbalancing.amazonaws.com/", RoleARN: slrSession, ServiceLinked: true}},
		{sessARN, Principal{Kind: PrincipalRoleSession, ARN: sessARN, Partition: "aws", Account: acctA, Name: "app", Path: "/",
			RoleARN: roleARN, SessionName: "s1"}},
		{"arn:aws-us-gov:sts::111122223333:assumed-role/app/a@b.c", Principal{Kind: PrincipalRoleSession,
			ARN: "arn:aws-us-gov:sts::111122223333:assumed-role/app/a@b.c", Partition: "aws-us-gov", Account: acctA, Name: "app", Path: "/",
			RoleARN: "arn:aws-us-gov:iam::111122223333:role/app", SessionName: "a@b.c"}},
		{fedARN, Principal{Kind: PrincipalFederatedUser, ARN: fedARN, Partition: "aws", Account: acctA, Name: "bob", Path: "/"}},
		{rootARN, Principal{Kind: PrincipalRoot, ARN: rootARN, Partition: "aws", Account: acctA, Path: "/"}},
		{"arn:aws-iso-b:iam::111122223333:root", Principal{Kind: PrincipalRoot, ARN: "arn:aws-iso-b:iam::111122223333:root", Partition: "aws-iso-b", Account: acctA, Path: "/"}},
		{"arn:aws-eusc:iam::111122223333:root", Principal{Kind: PrincipalRoot, ARN: "arn:aws-eusc:iam::111122223333:root", Partition: "aws-eusc", Account: acctA, Path: "/"}},
		{acctA, Principal{Kind: PrincipalRoot, ARN: rootARN, Partition: "aws", Account: acctA, Path: "/"}},
		{"cloudtrail.amazonaws.com", Principal{Kind: PrincipalService, ARN: "cloudtrail.amazonaws.com", Name: "cloudtrail.amazonaws.com"}},
		{"logs.cn-north-1.amazonaws.com.cn", Principal{Kind: PrincipalService, ARN: "logs.cn-north-1.amazonaws.com.cn", Name: "logs.cn-north-1.amazonaws.com.cn"}},
		{"anonymous", Principal{Kind: PrincipalAnonymous, ARN: "anonymous"}},
		{"*", Principal{Kind: PrincipalAnonymous, ARN: "anonymous"}},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			t.Parallel()
			got, err := ParsePrincipal(c.in)
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if got != c.want {
				t.Errorf("got  %+v\nwant %+v", got, c.want)
			}
		})
	}
}

func TestParsePrincipalErrors(t *testing.T) {
	t.Parallel()
	for _, in := range []string{
		"", "alice", "12345", "arn:aws:iam::111122223333", "arn:aws:iam::1111:user/a", "arn:foo:iam::111122223333:user/a",
		"arn:aws:s3:::bucket", "arn:aws:iam::111122223333:group/g", "arn:aws:iam::111122223333:user/",
		"arn:aws:iam:us-east-1:111122223333:user/a", "arn:aws:sts::111122223333:assumed-role/app",
		"arn:aws:sts::111122223333:assumed-role/app/s/x", "arn:aws:sts::111122223333:federated-user/",
		"arn:aws:iam::111122223333:user/*", "Cloudtrail.amazonaws.com", "arn:aws:sts::111122223333:other/x",
	} {
		t.Run(in, func(t *testing.T) {
			t.Parallel()
			_, err := ParsePrincipal(in)
			if err == nil {
				t.Fatalf("no error")
			}
			if !strings.HasPrefix(err.Error(), "principal ") {
				t.Errorf("error %q does not name the principal", err)
			}
		})
	}
}

// FuzzParsePrincipal: never panics; an accepted principal has a kind and,
// when it names an account, a 12-digit one.
func FuzzParsePrincipal(f *testing.F) {
	for _, s := range []string{userARN, roleARN, sessARN, fedARN, rootARN, acctA, "s3.amazonaws.com", "anonymous", "arn:aws:iam::1:user/x", "arn:aws:sts::111122223333:assumed-role//"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePrincipal(s)
		if err != nil {
			return
		}
		if p.Kind == PrincipalInvalid {
			t.Fatalf("%q: accepted without a kind", s)
		}
		if p.Account != "" && !IsAccountID(p.Account) {
			t.Fatalf("%q: account %q", s, p.Account)
		}
	})
}
