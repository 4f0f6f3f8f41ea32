package evaluator

import (
	"fmt"
	"strings"
	"testing"
)

// findingKey renders "severity CODE pointer" ("/" for the document).
func findingKey(f Finding) string {
	ptr := f.Pointer
	if ptr == "" {
		ptr = "/"
	}
	return fmt.Sprintf("%s %s %s", f.Severity, f.Code, ptr)
}

// matchesWant checks a finding against "severity CODE pointer", optionally
// followed by " @L:C" or by " @text": the finding must start at the first
// occurrence of text in the document, at that line and column.
func matchesWant(f Finding, doc, want string) bool {
	key, at, hasAt := strings.Cut(want, " @")
	if findingKey(f) != key {
		return false
	}
	if !hasAt {
		return true
	}
	var line, col int
	if n, _ := fmt.Sscanf(at, "%d:%d", &line, &col); n == 2 && !strings.ContainsAny(at, `"[{`) {
		return f.Line == line && f.Column == col
	}
	off := strings.Index(doc, at)
	if off < 0 {
		return false
	}
	line = 1 + strings.Count(doc[:off], "\n")
	col = off - strings.LastIndex(doc[:off], "\n")
	return f.Offset == off && f.Line == line && f.Column == col
}

type findingCase struct {
	name string
	typ  PolicyType
	doc  string
	want []string // each must match a finding
	not  []string // rule ids that must not appear
}

func runFindingCases(t *testing.T, cases []findingCase, opts Options) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			typ := tc.typ
			if typ == "" {
				typ = PolicyIdentity
			}
			fs := Validate([]byte(tc.doc), typ, opts)
			for _, w := range tc.want {
				found := false
				for _, f := range fs {
					if matchesWant(f, tc.doc, w) {
						found = true
						break
					}
				}
				if !found {
					t.Errorf("missing finding %q\n got:\n%s", w, renderFindings(fs))
				}
			}
			for _, code := range tc.not {
				for _, f := range fs {
					if f.Code == code || findingKey(f) == code {
						t.Errorf("unexpected finding %v", f)
					}
				}
			}
			for _, f := range fs {
				if f.Message == "" || f.Line < 1 || f.Column < 1 {
					t.Errorf("finding without message or position: %#v", f)
				}
			}
		})
	}
}

func renderFindings(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("  " + f.String() + "\n")
	}
	return b.String()
}

// stmt is a minimal valid identity statement with extra members.
func stmt(extra string) string {
	s := `{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/*"`
	if extra != "" {
		s += ", " + extra
	}
	return s + "}"
}

func cond(block string) string { return policyOf(stmt(`"Condition": ` + block)) }

func TestFindingsDocument(t *testing.T) {
	t.Parallel()
	runFindingCases(t, []findingCase{
		{name: "GR-1 unknown top-level element", doc: `{"Version": "2012-10-17", "Statement": [], "Policy": 1}`, want: []string{`error GR-1 /Policy @"Policy"`}},
		{name: "GR-1 element names are case-sensitive", doc: `{"Version": "2012-10-17", "statement": []}`, want: []string{"error GR-1 /statement @1:27", "error GR-4 /"}},
		{name: "GR-1 statement element in lower case", doc: policyOf(`{"effect": "Allow", "Action": "s3:*", "Resource": "*"}`), want: []string{`error GR-1 /Statement/0/effect @"effect"`, "error GR-4 /Statement/0"}},
		{name: "GR-1 unknown statement element", doc: policyOf(stmt(`"Principals": "*"`)), want: []string{"error GR-1 /Statement/0/Principals"}},
		{name: "GR-1 Id in identity policy", doc: `{"Version": "2012-10-17", "Id": "x", "Statement": [` + stmt("") + `]}`, want: []string{"error GR-1 /Id"}},
		{name: "GR-1 Id in boundary policy", typ: PolicyBoundary, doc: `{"Version": "2012-10-17", "Id": "x", "Statement": [` + stmt("") + `]}`, want: []string{"error GR-1 /Id"}},
		{name: "GR-1 Id in session policy", typ: PolicySession, doc: `{"Version": "2012-10-17", "Id": "x", "Statement": [` + stmt("") + `]}`, want: []string{"error GR-1 /Id"}},
		{name: "GR-1 Id in resource policy is fine", typ: PolicyResource, doc: `{"Version": "2012-10-17", "Id": "x", "Statement": [` + stmt(`"Principal": {"AWS": "111122223333"}`) + `]}`, not: []string{"GR-1"}},
		{name: "GR-2 duplicate key", doc: "{\"Version\": \"2012-10-17\",\n \"Statement\": [" + stmt(`"Effect": "Deny"`) + "]}", want: []string{`warning GR-2 /Statement/0/Effect @2:99`}},
		{name: "GR-3 missing Version", doc: `{"Statement": [` + stmt("") + `]}`, want: []string{"warning GR-3 / @1:1"}},
		{name: "GR-3 invalid Version", doc: `{"Version": "2012-10-18", "Statement": [` + stmt("") + `]}`, want: []string{`error GR-3 /Version @"2012-10-18"`}},
		{name: "GR-3 Version as number", doc: `{"Version": 2012, "Statement": [` + stmt("") + `]}`, want: []string{"error GR-3 /Version"}},
		{name: "GR-3 2008 is fine in identity", doc: `{"Version": "2008-10-17", "Statement": [` + stmt("") + `]}`, not: []string{"GR-3"}},
		{name: "GR-3 SCP needs 2012-10-17", typ: PolicySCP, doc: `{"Version": "2008-10-17", "Statement": [` + stmt("") + `]}`, want: []string{"error GR-3 /Version"}},
		{name: "GR-3 RCP needs 2012-10-17", typ: PolicyRCP, doc: `{"Version": "2008-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}]}`, want: []string{"error GR-3 /Version"}},
		{name: "GR-4 Statement missing", doc: `{"Version": "2012-10-17"}`, want: []string{"error GR-4 /"}},
		{name: "GR-4 Statement is a string", doc: `{"Version": "2012-10-17", "Statement": "Allow"}`, want: []string{"error GR-4 /Statement"}},
		{name: "GR-4 Statement entry is not an object", doc: policyOf(`"s3:*"`, stmt("")), want: []string{"error GR-4 /Statement/0"}},
		{name: "GR-4 empty Statement array", doc: `{"Version": "2012-10-17", "Statement": []}`, want: []string{"warning GR-4 /Statement"}},
		{name: "GR-9 unknown policy type", typ: PolicyType("bucket"), doc: policyOf(stmt("")), want: []string{"error GR-9 /"}},
	}, Options{})
}

func TestFindingsStatement(t *testing.T) {
	t.Parallel()
	runFindingCases(t, []findingCase{
		{name: "GR-4 Effect is case-sensitive", doc: policyOf(`{"Effect": "allow", "Action": "s3:*", "Resource": "*"}`), want: []string{`error GR-4 /Statement/0/Effect @"allow"`}},
		{name: "GR-4 Effect not a string", doc: policyOf(`{"Effect": true, "Action": "s3:*", "Resource": "*"}`), want: []string{"error GR-4 /Statement/0/Effect"}},
		{name: "GR-4 Effect missing", doc: policyOf(`{"Action": "s3:*", "Resource": "*"}`), want: []string{"error GR-4 /Statement/0 @1:41"}},
		{name: "GR-4 Action and NotAction", doc: policyOf(stmt(`"NotAction": "iam:*"`)), want: []string{"error GR-4 /Statement/0/NotAction"}},
		{name: "GR-4 no Action", doc: policyOf(`{"Effect": "Allow", "Resource": "*"}`), want: []string{"error GR-4 /Statement/0"}},
		{name: "GR-4 Resource and NotResource", doc: policyOf(stmt(`"NotResource": "*"`)), want: []string{"error GR-4 /Statement/0/NotResource"}},
		{name: "GR-4 no Resource", doc: policyOf(`{"Effect": "Allow", "Action": "s3:*"}`), want: []string{"error GR-4 /Statement/0"}},
		{name: "GR-4 Action is a number", doc: policyOf(`{"Effect": "Allow", "Action": 1, "Resource": "*"}`), want: []string{"error GR-4 /Statement/0/Action"}},
		{name: "GR-4 Action entry is an object", doc: policyOf(`{"Effect": "Allow", "Action": ["s3:GetObject", {}], "Resource": "*"}`), want: []string{"error GR-4 /Statement/0/Action/1"}},
		{name: "GR-4 empty Action array", doc: policyOf(`{"Effect": "Allow", "Action": [], "Resource": "*"}`), want: []string{"error GR-4 /Statement/0/Action"}},
		{name: "GR-5 Sid with hyphen in identity policy", doc: policyOf(stmt(`"Sid": "read-only"`)), want: []string{`error GR-5 /Statement/0/Sid @"read-only"`}},
		{name: "GR-5 Sid with hyphen in trust policy", typ: PolicyTrust, doc: policyOf(`{"Sid": "a b", "Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}`), want: []string{"error GR-5 /Statement/0/Sid"}},
		{name: "GR-5 Sid with hyphen in bucket policy", typ: PolicyResource, doc: policyOf(stmt(`"Sid": "read-only", "Principal": {"AWS": "111122223333"}`)), want: []string{"warning GR-5 /Statement/0/Sid"}},
		{name: "GR-5 duplicate Sid in identity policy", doc: policyOf(stmt(`"Sid": "A"`), stmt(`"Sid": "A"`)), want: []string{"error GR-5 /Statement/1/Sid"}},
		{name: "GR-5 duplicate Sid in SCP", typ: PolicySCP, doc: policyOf(stmt(`"Sid": "A"`), stmt(`"Sid": "A"`)), want: []string{"warning GR-5 /Statement/1/Sid"}},
		{name: "GR-5 empty Sid", doc: policyOf(stmt(`"Sid": ""`)), want: []string{"suggestion GR-5 /Statement/0/Sid"}},
		{name: "GR-5 Sid not a string", doc: policyOf(stmt(`"Sid": 1`)), want: []string{"error GR-5 /Statement/0/Sid"}},
		{name: "GR-10 SCP Allow with Condition NotAction NotResource", typ: PolicySCP, doc: policyOf(`{"Effect": "Allow", "NotAction": "iam:*", "NotResource": "arn:aws:iam::*:role/admin", "Condition": {"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}}`), not: []string{"GR-10", "GR-9", "GR-7"}},
	}, Options{})
}

func TestFindingsActionsAndResources(t *testing.T) {
	t.Parallel()
	res := func(r string) string {
		return policyOf(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "` + r + `"}`)
	}
	act := func(a string) string { return policyOf(`{"Effect": "Allow", "Action": "` + a + `", "Resource": "*"}`) }
	runFindingCases(t, []findingCase{
		{name: "GR-8 action without service prefix", doc: act("s3GetObject"), want: []string{`error GR-8 /Statement/0/Action @"s3GetObject"`}},
		{name: "GR-8 action with two colons", doc: act("s3:Get:Object"), want: []string{"error GR-8 /Statement/0/Action"}},
		{name: "GR-8 empty action", doc: act(""), want: []string{"error GR-8 /Statement/0/Action"}},
		{name: "GR-8 invalid service prefix character", doc: act("s3_x:GetObject"), want: []string{"error GR-8 /Statement/0/Action"}},
		{name: "AC-1 upper-case action is fine", doc: act("S3:GETOBJECT"), not: []string{"GR-8"}},
		{name: "AC-2 wildcard in service prefix", doc: act("*:GetObject"), want: []string{"suggestion AC-2 /Statement/0/Action"}},
		{name: "AC-6 SCP wildcard not at the end", typ: PolicySCP, doc: act("s3:*Object"), want: []string{"warning AC-6 /Statement/0/Action"}},
		{name: "AC-6 SCP trailing wildcard is fine", typ: PolicySCP, doc: act("s3:Get*"), not: []string{"AC-6"}},
		{name: "VA-2 variable in Action", doc: act("s3:${aws:username}"), want: []string{"error VA-2 /Statement/0/Action"}},
		{name: "GR-8 resource is not an ARN", doc: res("my-bucket/*"), want: []string{`error GR-8 /Statement/0/Resource @"my-bucket/*"`}},
		{name: "GR-8 unknown partition", doc: res("arn:amazon:s3:::b"), want: []string{"error GR-8 /Statement/0/Resource"}},
		{name: "GR-8 invalid region", doc: res("arn:aws:sqs:US-EAST-1:111122223333:q"), want: []string{"error GR-8 /Statement/0/Resource"}},
		{name: "GR-8 invalid account", doc: res("arn:aws:sqs:us-east-1:12345:q"), want: []string{"error GR-8 /Statement/0/Resource"}},
		{name: "GR-8 wildcard region and account are fine", doc: res("arn:aws:sqs:*:*:q"), not: []string{"GR-8"}},
		{name: "GR-8 managed policy ARN account aws is fine", doc: res("arn:aws:iam::aws:policy/ReadOnlyAccess"), not: []string{"GR-8"}},
		{name: "RS-6 upper-case service", doc: res("arn:aws:S3:::bucket"), want: []string{"error RS-6 /Statement/0/Resource"}},
		{name: "RS-7 wildcard in service", doc: res("arn:aws:s3*:::bucket"), want: []string{"error RS-7 /Statement/0/Resource"}},
		{name: "VA-2 variable before the 5th colon", doc: res("arn:aws:iam::${aws:PrincipalAccount}:user/x"), want: []string{"error VA-2 /Statement/0/Resource"}},
		{name: "VA-2 variable in the resource part is fine", doc: res("arn:aws:s3:::bucket/${aws:username}/*"), not: []string{"VA-2", "VA-3"}},
		{name: "RS-5 short ARN pattern", doc: res("arn:aws:s3"), want: []string{"warning RS-5 /Statement/0/Resource"}},
		{name: "RS-5 short pattern with trailing wildcard is fine", doc: res("arn:aws:sqs:*"), not: []string{"RS-5", "GR-8"}},
		{name: "GR-9 trust policy with Resource", typ: PolicyTrust, doc: policyOf(`{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole", "Resource": "*"}`), want: []string{"error GR-9 /Statement/0/Resource"}},
		{name: "RS-1 trust policy needs no Resource", typ: PolicyTrust, doc: policyOf(`{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}`), not: []string{"GR-4", "GR-9"}},
	}, Options{})
}

func TestFindingsPrincipals(t *testing.T) {
	t.Parallel()
	rp := func(extra string) string { return policyOf(stmt(extra)) }
	trust := func(principal, action string) string {
		return policyOf(`{"Effect": "Allow", "Principal": ` + principal + `, "Action": "` + action + `"}`)
	}
	runFindingCases(t, []findingCase{
		{name: "GR-7 Principal in identity policy", doc: rp(`"Principal": "*"`), want: []string{`error GR-7 /Statement/0/Principal`}},
		{name: "GR-7 Principal in SCP", typ: PolicySCP, doc: rp(`"Principal": {"AWS": "111122223333"}`), want: []string{"error GR-7 /Statement/0/Principal"}},
		{name: "GR-7 NotPrincipal in boundary", typ: PolicyBoundary, doc: rp(`"NotPrincipal": {"AWS": "111122223333"}`), want: []string{"error GR-7 /Statement/0/NotPrincipal"}},
		{name: "GR-7 resource policy without Principal", typ: PolicyResource, doc: rp(""), want: []string{"error GR-7 /Statement/0"}},
		{name: "GR-7 endpoint policy without Principal", typ: PolicyEndpoint, doc: rp(""), want: []string{"error GR-7 /Statement/0"}},
		{name: "GR-7 NotPrincipal with Allow", typ: PolicyResource, doc: rp(`"NotPrincipal": {"AWS": "arn:aws:iam::111122223333:role/admin"}`), want: []string{"error GR-7 /Statement/0/NotPrincipal", "warning GR-13 /Statement/0/NotPrincipal"}},
		{name: "GR-13 NotPrincipal with Deny", typ: PolicyResource, doc: policyOf(`{"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:role/admin"}, "Action": "s3:*", "Resource": "*"}`), want: []string{"warning GR-13 /Statement/0/NotPrincipal"}, not: []string{"GR-7"}},
		{name: "GR-7 NotPrincipal in trust policy", typ: PolicyTrust, doc: policyOf(`{"Effect": "Deny", "NotPrincipal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole"}`), want: []string{"error GR-7 /Statement/0/NotPrincipal"}},
		{name: "GR-7 bare star in trust policy", typ: PolicyTrust, doc: trust(`"*"`, "sts:AssumeRole"), want: []string{`error GR-7 /Statement/0/Principal @"*"`}},
		{name: "GR-7 AWS star in trust policy", typ: PolicyTrust, doc: trust(`{"AWS": "*"}`, "sts:AssumeRole"), want: []string{"warning GR-7 /Statement/0/Principal"}, not: []string{"error GR-7 /Statement/0/Principal"}},
		{name: "GR-7 trust policy without Principal", typ: PolicyTrust, doc: policyOf(`{"Effect": "Allow", "Action": "sts:AssumeRole"}`), want: []string{"error GR-7 /Statement/0"}},
		{name: "PR-2 bare ARN string", typ: PolicyResource, doc: rp(`"Principal": "arn:aws:iam::111122223333:root"`), want: []string{"error PR-2 /Statement/0/Principal"}},
		{name: "PR-2 principal key case", typ: PolicyResource, doc: rp(`"Principal": {"aws": "111122223333"}`), want: []string{"error PR-2 /Statement/0/Principal/aws"}},
		{name: "PR-2 empty principal object", typ: PolicyResource, doc: rp(`"Principal": {}`), want: []string{"error PR-2 /Statement/0/Principal"}},
		{name: "PR-2 AWS principal is a name", typ: PolicyResource, doc: rp(`"Principal": {"AWS": ["111122223333", "my-role"]}`), want: []string{`error PR-2 /Statement/0/Principal/AWS/1 @"my-role"`}},
		{name: "PR-2 AWS principal ARN of another service", typ: PolicyResource, doc: rp(`"Principal": {"AWS": "arn:aws:s3:::bucket"}`), want: []string{"error PR-2 /Statement/0/Principal/AWS"}},
		{name: "PR-2 service principal without domain", typ: PolicyResource, doc: rp(`"Principal": {"Service": "ec2"}`), want: []string{"error PR-2 /Statement/0/Principal/Service"}},
		{name: "PR-2 unique ID is fine", typ: PolicyResource, doc: rp(`"Principal": {"AWS": "AROAEXAMPLEID123456"}`), not: []string{"PR-2"}},
		{name: "PR-3 partial wildcard in ARN", typ: PolicyResource, doc: rp(`"Principal": {"AWS": "arn:aws:iam::111122223333:role/app-*"}`), want: []string{"error PR-3 /Statement/0/Principal/AWS"}},
		{name: "PR-3 partial wildcard in service", typ: PolicyTrust, doc: trust(`{"Service": "*.amazonaws.com"}`, "sts:AssumeRole"), want: []string{"error PR-3 /Statement/0/Principal/Service"}},
		{name: "PR-9 SAML provider with web identity action", typ: PolicyTrust, doc: trust(`{"Federated": "arn:aws:iam::111122223333:saml-provider/okta"}`, "sts:AssumeRoleWithWebIdentity"), want: []string{"error PR-9 /Statement/0/Principal/Federated"}},
		{name: "PR-9 OIDC provider with AssumeRole", typ: PolicyTrust, doc: trust(`{"Federated": "accounts.google.com"}`, "sts:AssumeRole"), want: []string{"error PR-9 /Statement/0/Principal/Federated"}},
		{name: "PR-9 SAML provider with its action", typ: PolicyTrust, doc: trust(`{"Federated": "arn:aws:iam::111122223333:saml-provider/okta"}`, "sts:AssumeRoleWithSAML"), not: []string{"PR-9"}},
		{name: "PR-9 TagSession alone is not checked", typ: PolicyTrust, doc: trust(`{"Federated": "arn:aws:iam::111122223333:saml-provider/okta"}`, "sts:TagSession"), not: []string{"PR-9"}},
		{name: "PR-1 RCP principal other than star", typ: PolicyRCP, doc: policyOf(`{"Effect": "Deny", "Principal": {"AWS": "111122223333"}, "Action": "s3:*", "Resource": "*"}`), want: []string{"warning PR-1 /Statement/0/Principal"}},
		{name: "GR-9 RCP NotPrincipal", typ: PolicyRCP, doc: policyOf(`{"Effect": "Deny", "NotPrincipal": {"AWS": "111122223333"}, "Action": "s3:*", "Resource": "*"}`), want: []string{"error GR-9 /Statement/0/NotPrincipal"}},
		{name: "PR-14 endpoint policy account principal", typ: PolicyEndpoint, doc: rp(`"Principal": {"AWS": "111122223333"}`), want: []string{"warning PR-14 /Statement/0/Principal/AWS"}},
		{name: "GR-13 account ID as a JSON number", typ: PolicyResource, doc: rp(`"Principal": {"AWS": 111122223333}`), want: []string{"warning GR-13 /Statement/0/Principal/AWS @111122223333"}},
		{name: "VA-2 variable in principal", typ: PolicyResource, doc: rp(`"Principal": {"AWS": "arn:aws:iam::111122223333:user/${aws:username}"}`), want: []string{"error VA-2 /Statement/0/Principal/AWS"}},
	}, Options{})
}

func TestFindingsConditions(t *testing.T) {
	t.Parallel()
	p := "/Statement/0/Condition/"
	runFindingCases(t, []findingCase{
		{name: "CO-17 unknown operator", doc: cond(`{"StringEqual": {"aws:username": "a"}}`), want: []string{`error CO-17 ` + p + `StringEqual @"StringEqual"`}},
		{name: "CO-17 operator in wrong case", doc: cond(`{"stringequals": {"aws:username": "a"}}`), want: []string{"warning CO-17 " + p + "stringequals"}},
		{name: "CO-4 NullIfExists", doc: cond(`{"NullIfExists": {"aws:username": "true"}}`), want: []string{"error CO-4 " + p + "NullIfExists"}},
		{name: "CO-5 ForAllValues:Null", doc: cond(`{"ForAllValues:Null": {"aws:TagKeys": "true"}}`), want: []string{"warning CO-5 " + p + "ForAllValues:Null"}},
		{name: "CO-5 ForAnyValue:Null", doc: cond(`{"ForAnyValue:Null": {"aws:TagKeys": "true"}}`), want: []string{"warning CO-5 " + p + "ForAnyValue:Null"}},
		{name: "CO-5 Null value not boolean", doc: cond(`{"Null": {"aws:TagKeys": "yes"}}`), want: []string{"warning CO-5 " + p + "Null/aws:TagKeys"}},
		{name: "CO-18 null value", doc: cond(`{"StringEquals": {"aws:username": null}}`), want: []string{"error CO-18 " + p + "StringEquals/aws:username"}},
		{name: "CO-18 object value", doc: cond(`{"StringEquals": {"aws:username": {"a": "b"}}}`), want: []string{"error CO-18 " + p + "StringEquals/aws:username"}},
		{name: "CO-18 nested array", doc: cond(`{"StringEquals": {"aws:username": ["a", ["b"]]}}`), want: []string{"error CO-18 " + p + "StringEquals/aws:username/1"}},
		{name: "CO-18 operator value not an object", doc: cond(`{"StringEquals": "a"}`), want: []string{"error CO-18 " + p + "StringEquals"}},
		{name: "GR-6 Condition not an object", doc: cond(`[]`), want: []string{"error GR-6 /Statement/0/Condition"}},
		{name: "CO-2 keys differing only by case", doc: cond(`{"StringEquals": {"aws:PrincipalTag/Team": "a", "aws:principaltag/team": "b"}}`), want: []string{"error CO-2 " + p + "StringEquals/aws:principaltag~1team"}},
		{name: "CO-9 several Bool values", doc: cond(`{"Bool": {"aws:SecureTransport": ["true", "false"]}}`), want: []string{"error CO-9 " + p + "Bool/aws:SecureTransport"}},
		{name: "CO-9 Bool value True", doc: cond(`{"Bool": {"aws:SecureTransport": "True"}}`), want: []string{"warning CO-9 " + p + "Bool/aws:SecureTransport"}},
		{name: "CO-9 JSON boolean is fine", doc: cond(`{"Bool": {"aws:SecureTransport": false}}`), not: []string{"CO-9"}},
		{name: "CO-9 variable in Bool", doc: cond(`{"Bool": {"aws:SecureTransport": "${aws:ViaAWSService}"}}`), want: []string{"error CO-9 " + p + "Bool/aws:SecureTransport"}},
		{name: "CO-7 numeric value unparsable", doc: cond(`{"NumericLessThan": {"s3:max-keys": "10abc"}}`), want: []string{"warning CO-7 " + p + "NumericLessThan/s3:max-keys"}},
		{name: "CO-7 numbers and decimals are fine", doc: cond(`{"NumericLessThan": {"s3:max-keys": ["10", 2.5, "-3"]}}`), not: []string{"CO-7"}},
		{name: "VA-2 variable in numeric value", doc: cond(`{"NumericEquals": {"s3:max-keys": "${aws:username}"}}`), want: []string{"error VA-2 " + p + "NumericEquals/s3:max-keys"}},
		{name: "CO-8 date out of range", doc: cond(`{"DateGreaterThan": {"aws:CurrentTime": "2024-13-01"}}`), want: []string{"warning CO-8 " + p + "DateGreaterThan/aws:CurrentTime"}},
		{name: "CO-8 time without zone", doc: cond(`{"DateGreaterThan": {"aws:CurrentTime": "2024-01-01T10:00:00"}}`), want: []string{"warning CO-8 " + p + "DateGreaterThan/aws:CurrentTime"}},
		{name: "CO-8 epoch milliseconds", doc: cond(`{"DateLessThan": {"aws:EpochTime": "1700000000000"}}`), want: []string{"warning CO-8 " + p + "DateLessThan/aws:EpochTime"}},
		{name: "CO-8 date wildcard", doc: cond(`{"DateLessThan": {"aws:CurrentTime": "2024-*"}}`), want: []string{"warning CO-8 " + p + "DateLessThan/aws:CurrentTime"}},
		{name: "CO-8 allowed profiles", doc: cond(`{"DateLessThan": {"aws:CurrentTime": ["2024", "2024-06", "2024-06-30", "2024-06-30T12:00Z", "2024-06-30T12:00:00+02:00", "2024-06-30T12:00:00.123Z", "1700000000", 1700000000]}}`), not: []string{"CO-8"}},
		{name: "VA-2 variable in date value", doc: cond(`{"DateLessThan": {"aws:CurrentTime": "${aws:TokenIssueTime}"}}`), want: []string{"error VA-2 " + p + "DateLessThan/aws:CurrentTime"}},
		{name: "CO-10 invalid base64", doc: cond(`{"BinaryEquals": {"s3:x": "not base64!"}}`), want: []string{"error CO-10 " + p + "BinaryEquals/s3:x"}},
		{name: "CO-10 valid base64", doc: cond(`{"BinaryEquals": {"s3:x": "QmluYXJ5VmFsdWU="}}`), not: []string{"CO-10"}},
		{name: "CO-11 invalid address", doc: cond(`{"IpAddress": {"aws:SourceIp": "10.0.0.300"}}`), want: []string{"warning CO-11 " + p + "IpAddress/aws:SourceIp"}},
		{name: "CO-11 invalid CIDR", doc: cond(`{"IpAddress": {"aws:SourceIp": "10.0.0.0/33"}}`), want: []string{"warning CO-11 " + p + "IpAddress/aws:SourceIp"}},
		{name: "CO-11 host bits set", doc: cond(`{"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "10.0.0.5/24"]}}`), want: []string{`warning CO-11 ` + p + `IpAddress/aws:SourceIp/1 @"10.0.0.5/24"`}},
		{name: "CO-11 addresses and IPv6 are fine", doc: cond(`{"IpAddress": {"aws:SourceIp": ["203.0.113.7", "2001:db8::/32", "2001:db8::1"]}}`), not: []string{"CO-11"}},
		{name: "CO-12 ARN pattern with fewer than 6 parts", doc: cond(`{"ArnLike": {"aws:SourceArn": "arn:aws:sns"}}`), want: []string{"warning CO-12 " + p + "ArnLike/aws:SourceArn"}},
		{name: "CO-12 bare star ARN pattern", doc: cond(`{"ArnNotLike": {"aws:PrincipalArn": "*"}}`), want: []string{"warning CO-12 " + p + "ArnNotLike/aws:PrincipalArn"}},
		{name: "CO-12 full ARN pattern is fine", doc: cond(`{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/${aws:PrincipalTag/team}-*"}}`), not: []string{"CO-12", "VA-3"}},
		{name: "CO-14 empty value array", doc: cond(`{"ForAnyValue:StringEquals": {"aws:TagKeys": []}}`), want: []string{"suggestion CO-14 " + p + "ForAnyValue:StringEquals/aws:TagKeys"}},
		{name: "CO-6 wildcard in StringEquals", doc: cond(`{"StringEquals": {"aws:PrincipalTag/team": "dev-*"}}`), want: []string{"warning CO-6 " + p + "StringEquals/aws:PrincipalTag~1team"}},
		{name: "CO-6 wildcard in StringLike is fine", doc: cond(`{"StringLike": {"aws:PrincipalTag/team": "dev-*"}}`), not: []string{"CO-6"}},
		{name: "CO-6 literal ${*} is fine", doc: cond(`{"StringEquals": {"aws:PrincipalTag/team": "a${*}b"}}`), not: []string{"CO-6"}},
		{name: "GR-13 ForAllValues in Allow", doc: cond(`{"ForAllValues:StringEquals": {"aws:TagKeys": ["env"]}}`), want: []string{"warning GR-13 " + p + "ForAllValues:StringEquals/aws:TagKeys"}},
		{name: "GR-13 ForAllValues in Deny is fine", doc: policyOf(`{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["env"]}}}`), not: []string{"GR-13"}},
		{name: "GR-13 account number in condition", doc: cond(`{"StringEquals": {"aws:SourceAccount": 111122223333}}`), want: []string{"warning GR-13 " + p + "StringEquals/aws:SourceAccount"}},
		{name: "VA-2 variable in condition key", doc: cond(`{"StringEquals": {"aws:PrincipalTag/${aws:username}": "x"}}`), want: []string{"error VA-2 " + p + "StringEquals/aws:PrincipalTag~1${aws:username}"}},
		{name: "PR-14 endpoint wildcard needs six characters", typ: PolicyEndpoint, doc: policyOf(stmt(`"Principal": "*", "Condition": {"StringLike": {"aws:PrincipalArn": "arn:*"}}`)), want: []string{"warning PR-14 " + p + "StringLike/aws:PrincipalArn"}},
		{name: "CTX-12 Deny with Bool MFA false", doc: policyOf(`{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}}`), want: []string{"warning CTX-12 " + p + "Bool/aws:MultiFactorAuthPresent"}},
		{name: "CTX-12 BoolIfExists is fine", doc: policyOf(`{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}`), not: []string{"CTX-12"}},
		{name: "CO-11 Deny with NotIpAddress", doc: policyOf(`{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}`), want: []string{"warning CO-11 " + p + "NotIpAddress/aws:SourceIp"}},
	}, Options{})
}

func TestFindingsVariablesAndEscaping(t *testing.T) {
	t.Parallel()
	res := func(r string) string {
		return policyOf(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "` + r + `"}`)
	}
	runFindingCases(t, []findingCase{
		{name: "VA-3 missing closing brace", doc: res("arn:aws:s3:::b/${aws:username/*"), want: []string{"error VA-3 /Statement/0/Resource"}},
		{name: "VA-3 default without space", doc: res("arn:aws:s3:::b/${aws:username,'x'}"), want: []string{"error VA-3 /Statement/0/Resource"}},
		{name: "VA-3 default without closing quote", doc: res("arn:aws:s3:::b/${aws:username, 'x}"), want: []string{"error VA-3 /Statement/0/Resource"}},
		{name: "VA-3 empty name", doc: res("arn:aws:s3:::b/${}"), want: []string{"error VA-3 /Statement/0/Resource"}},
		{name: "VA-3 space in name", doc: res("arn:aws:s3:::b/${aws:user name}"), want: []string{"error VA-3 /Statement/0/Resource"}},
		{name: "VA-3 default and literals are fine", doc: res("arn:aws:s3:::b/${aws:username, 'anonymous'}/${*}${?}${$}"), not: []string{"VA-3"}},
		{name: "VA-3 ${$} alone is fine", doc: res("arn:aws:s3:::b/${$}"), not: []string{"VA-3"}},
		{name: "VA-3 ${$} at the end is fine", doc: res("arn:aws:s3:::b/${aws:username}${$}"), not: []string{"VA-3"}},
		{name: "VA-3 ${$} before a variable is fine", doc: res("arn:aws:s3:::b/${$}${aws:username}"), not: []string{"VA-3"}},
		{name: "VA-3 literals in a condition value are fine", doc: policyOf(stmt(`"Condition": {"StringLike": {"aws:PrincipalTag/p": ["${$}", "a${*}b${?}c${$}"]}}`)), not: []string{"VA-3"}},
		{name: "VA-3 ${$} takes no default", doc: res("arn:aws:s3:::b/${$, 'x'}"), want: []string{"error VA-3 /Statement/0/Resource"}},
		{name: "VA-4 multivalued key as variable", doc: res("arn:aws:s3:::b/${aws:TagKeys}"), want: []string{"error VA-4 /Statement/0/Resource"}},
		{name: "VA-1 variable under 2008-10-17", doc: `{"Version": "2008-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username}"}]}`, want: []string{"warning VA-1 /Statement/0/Resource"}, not: []string{"VA-3", "VA-2"}},
		{name: "VA-1 variable without Version", doc: `{"Statement": [` + stmt(`"Condition": {"StringEquals": {"aws:PrincipalTag/u": "${aws:username}"}}`) + `]}`, want: []string{"warning VA-1 /Statement/0/Condition/StringEquals/aws:PrincipalTag~1u"}},
		{name: "PT-10 ampersand variable", doc: res("arn:aws:s3:::b/&{aws:username}"), want: []string{"warning PT-10 /Statement/0/Resource"}},
		{name: "PT-10 jsonencode-escaped ampersand", doc: res(`arn:aws:s3:::b/\u0026{aws:username}`), want: []string{"warning PT-10 /Statement/0/Resource"}},
		{name: "PT-10 double dollar", doc: res("arn:aws:s3:::b/$${aws:username}"), want: []string{"warning PT-10 /Statement/0/Resource"}},
	}, Options{})
}

func TestFindingsLints(t *testing.T) {
	t.Parallel()
	runFindingCases(t, []findingCase{
		{name: "RS-8 Allow with NotResource", doc: policyOf(`{"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::secret/*"}`), want: []string{"warning RS-8 /Statement/0/NotResource"}},
		{name: "RS-8 Deny with NotResource is fine", doc: policyOf(`{"Effect": "Deny", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::public/*"}`), not: []string{"RS-8"}},
		{name: "GR-13 Allow NotAction on star", doc: policyOf(`{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}`), want: []string{"warning GR-13 /Statement/0/NotAction"}},
		{name: "GR-13 public Allow without condition", typ: PolicyResource, doc: policyOf(stmt(`"Principal": "*"`)), want: []string{"warning GR-13 /Statement/0/Principal"}},
		{name: "GR-13 public Allow with condition is fine", typ: PolicyResource, doc: policyOf(stmt(`"Principal": {"AWS": "*"}, "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}`)), not: []string{"GR-13"}},
		{name: "GR-13 OIDC trust without sub", typ: PolicyTrust, doc: policyOf(`{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}}`), want: []string{"warning GR-13 /Statement/0/Principal/Federated"}},
		{name: "GR-9 RCP NotAction", typ: PolicyRCP, doc: policyOf(`{"Effect": "Deny", "Principal": "*", "NotAction": "s3:GetObject", "Resource": "*"}`), want: []string{"error GR-9 /Statement/0/NotAction"}},
		{name: "GR-9 RCP Allow other than full access", typ: PolicyRCP, doc: policyOf(`{"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}`), want: []string{"error GR-9 /Statement/0/Effect"}},
	}, Options{})
}

func TestFindingsSizeAndCharacters(t *testing.T) {
	t.Parallel()
	long := func(n int) string { return `"arn:aws:s3:::` + strings.Repeat("a", n) + `"` }
	spaced := func(n int) string { return `"arn:aws:s3:::` + strings.Repeat("a b", n) + `"` }
	runFindingCases(t, []findingCase{
		{name: "GR-11 identity policy over 6144", doc: policyOf(`{"Effect": "Allow", "Action": "s3:*", "Resource": ` + long(6200) + `}`), want: []string{"warning GR-11 / @1:1"}},
		{name: "GR-11 identity policy between bounds", doc: policyOf(`{"Effect": "Allow", "Action": "s3:*", "Resource": ` + spaced(2030) + `}`), want: []string{"warning GR-11 /"}},
		{name: "GR-11 SCP whitespace counts", typ: PolicySCP, doc: policyOf(`{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}` + strings.Repeat(" ", 5200)), want: []string{"error GR-11 /"}},
		{name: "GR-11 identity whitespace does not count", doc: policyOf(`{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}` + strings.Repeat(" ", 7000)), not: []string{"GR-11"}},
		{name: "GR-11 trust policy over the default quota", typ: PolicyTrust, doc: policyOf(`{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "` + strings.Repeat("x", 2100) + `"}}}`), want: []string{"warning GR-11 /"}},
		{name: "GR-12 en dash in identity policy", doc: "{\"Version\": \"2012-10-17\",\n \"Statement\": [{\"Sid\": \"A\", \"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"arn:aws:s3:::a\u2013b\"}]}", want: []string{"error GR-12 /Statement/0/Resource @\u2013", "error GR-12 /Statement/0/Resource @2:93"}},
		{name: "GR-12 escaped character", doc: policyOf(stmt(`"Condition": {"StringEquals": {"aws:PrincipalTag/x": "a\u2603"}}`)), want: []string{"error GR-12 /Statement/0/Condition/StringEquals/aws:PrincipalTag~1x"}},
		{name: "GR-12 control character escape", doc: policyOf(stmt(`"Sid": "A\u0001"`)), want: []string{"error GR-12 /Statement/0/Sid"}},
		{name: "GR-12 Latin-1 is fine", doc: policyOf(stmt(`"Condition": {"StringEquals": {"aws:PrincipalTag/x": "café"}}`)), not: []string{"GR-12"}},
		{name: "GR-12 in a bucket policy is a warning", typ: PolicyResource, doc: policyOf(stmt(`"Principal": {"AWS": "111122223333"}, "Condition": {"StringEquals": {"aws:PrincipalTag/x": "日本"}}`)), want: []string{"warning GR-12 /Statement/0/Condition/StringEquals/aws:PrincipalTag~1x"}},
	}, Options{})
	runFindingCases(t, []findingCase{
		{name: "GR-11 limit between the whitespace bounds is a warning", typ: PolicyTrust, doc: policyOf(`{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "` + strings.Repeat("a b", 1400) + `"}}}`), want: []string{"warning GR-11 /"}, not: []string{"error GR-11 /"}},
		{name: "GR-11 over a configured quota in every reading is an error", typ: PolicyTrust, doc: policyOf(`{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "` + strings.Repeat("x", 4200) + `"}}}`), want: []string{"error GR-11 /"}},
		{name: "GR-11 trust policy within a raised quota", typ: PolicyTrust, doc: policyOf(`{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "` + strings.Repeat("x", 2100) + `"}}}`), not: []string{"GR-11"}},
	}, Options{TrustPolicyQuota: 4096})
	runFindingCases(t, []findingCase{
		{name: "GR-11 trust policy over a configured quota", typ: PolicyTrust, doc: policyOf(`{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole"}`), want: []string{"error GR-11 /"}},
	}, Options{TrustPolicyQuota: 50})
}

// VA-3: ${*}, ${?} and ${$} are well-formed literals; a `$` ends the name
// scan only when it starts another "${".
func TestLintParseVariableLiterals(t *testing.T) {
	t.Parallel()
	cases := []struct {
		s       string
		names   []string
		problem bool
	}{
		{"${$}", []string{"$"}, false},
		{"${*}", []string{"*"}, false},
		{"${?}", []string{"?"}, false},
		{"a${$}b${*}c${?}", []string{"$", "*", "?"}, false},
		{"${$}${aws:username}", []string{"$", "aws:username"}, false},
		{"${aws:username}${$}", []string{"aws:username", "$"}, false},
		{"${$", []string{"$"}, true},
		{"${aws:username${$}", []string{"aws:username", "$"}, true},
	}
	for _, tc := range cases {
		var names []string
		problem := false
		lintVariables(tc.s, func(v lintVar) {
			names = append(names, v.name)
			problem = problem || v.problem != ""
		})
		if strings.Join(names, ",") != strings.Join(tc.names, ",") || problem != tc.problem {
			t.Errorf("%q: names %q problem %v, want %q problem %v", tc.s, names, problem, tc.names, tc.problem)
		}
	}
}

// RS-1 with Options.ImpliedResource: ECR repository policies omit Resource
// ([ECR] "Private repository policy examples"); the statement applies to
// the repository the policy is attached to. Only resource policies are
// affected.
func TestFindingsImpliedResource(t *testing.T) {
	t.Parallel()
	ecr := policyOf(`{"Sid": "PartnerPull", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]}`)
	runFindingCases(t, []findingCase{
		{name: "RS-1 resource policy without Resource, implied", typ: PolicyResource, doc: ecr, not: []string{"GR-4", "GR-9"}},
		{name: "RS-1 resource policy with Resource, implied", typ: PolicyResource, doc: policyOf(stmt(`"Principal": "*"`)), not: []string{"GR-4", "GR-9"}},
		{name: "RS-1 identity policy still needs Resource", typ: PolicyIdentity, doc: policyOf(`{"Effect": "Allow", "Action": "s3:GetObject"}`), want: []string{"error GR-4 /Statement/0"}},
	}, Options{ImpliedResource: true})
	runFindingCases(t, []findingCase{
		{name: "RS-1 resource policy without Resource, not implied", typ: PolicyResource, doc: ecr, want: []string{"error GR-4 /Statement/0"}},
	}, Options{})
}
