package evalcli

import (
	"errors"
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

const (
	allowAll = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	userARN  = "arn:aws:iam::111122223333:user/alice"
)

// docNames lists "name=json" per document, or "name=unknown(reason)".
func docNames(docs []evaluator.PolicyDoc) string {
	parts := make([]string, len(docs))
	for i, d := range docs {
		if d.Unknown != nil {
			parts[i] = d.Name + "=unknown(" + d.Unknown.Reason + ")"
			continue
		}
		parts[i] = d.Name + "=" + string(d.JSON)
	}
	return strings.Join(parts, " ")
}

func levelNames(levels [][]evaluator.PolicyDoc) string {
	parts := make([]string, len(levels))
	for i, l := range levels {
		parts[i] = "[" + docNames(l) + "]"
	}
	return strings.Join(parts, " ")
}

func caseLine(fields string) string {
	return `{"id": 1, "request": {"principal": "` + userARN + `", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}` + fields + `}`
}

func TestDecodeCaseIDs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, idJSON, want string
	}{
		{"number", `42`, `42`},
		{"number kept as written", `1.50`, `1.50`},
		{"string", `"fz-1-00042"`, `"fz-1-00042"`},
		{"string with escapes", `"a\"b"`, `"a\"b"`},
		{"object compacted", `{ "k" : [1, 2] }`, `{"k":[1,2]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			line := `{"id": ` + tt.idJSON + `, "request": {"principal": "` + userARN + `", "action": "s3:ListBucket"}}`
			c, err := DecodeCase([]byte(line), 1)
			noError(t, err)
			equal(t, "id", string(c.ID), tt.want)
		})
	}
	t.Run("absent", func(t *testing.T) {
		t.Parallel()
		c, err := DecodeCase([]byte(`{"request": {"principal": "`+userARN+`", "action": "s3:ListBucket"}}`), 1)
		noError(t, err)
		if c.ID != nil {
			t.Errorf("id = %q, want nil", c.ID)
		}
	})
}

func TestDecodeCasePolicies(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		fields string
		check  func(t *testing.T, s *evaluator.PolicySet)
	}{
		{"identity object keeps bytes as written", `, "identityPolicies": [ {"Version": "2012-10-17",  "Statement": []} ]`, func(t *testing.T, s *evaluator.PolicySet) {
			equal(t, "identity", docNames(s.Identity), `identity-0={"Version": "2012-10-17",  "Statement": []}`)
		}},
		{"identity string and named wrapper", `, "identityPolicies": ["{\"Statement\":[]}", {"name": "inline", "policy": {"Statement": []}}]`, func(t *testing.T, s *evaluator.PolicySet) {
			equal(t, "identity", docNames(s.Identity), `identity-0={"Statement":[]} inline={"Statement": []}`)
		}},
		{"wrapper holding a string", `, "identityPolicies": [{"name": "p", "policy": "{}"}]`, func(t *testing.T, s *evaluator.PolicySet) {
			equal(t, "identity", docNames(s.Identity), `p={}`)
		}},
		{"unknown policy (PT-5)", `, "identityPolicies": [{"name": "aws_iam_policy.x", "unknown": true}]`, func(t *testing.T, s *evaluator.PolicySet) {
			equal(t, "identity", docNames(s.Identity), `aws_iam_policy.x=unknown(aws_iam_policy.x)`)
		}},
		{"unknown policy with reason", `, "resourcePolicy": {"unknown": true, "reason": "aws_s3_bucket_policy.b.policy"}`, func(t *testing.T, s *evaluator.PolicySet) {
			equal(t, "resource", docNames([]evaluator.PolicyDoc{*s.Resource}), `resource-policy=unknown(aws_s3_bucket_policy.b.policy)`)
		}},
		{"boundaries list", `, "permissionBoundaries": [{"Statement": []}]`, func(t *testing.T, s *evaluator.PolicySet) {
			equal(t, "boundaries", docNames(s.Boundaries), `pb-0={"Statement": []}`)
		}},
		{"boundary singular (oracle form)", `, "permissionBoundary": {"Statement": []}`, func(t *testing.T, s *evaluator.PolicySet) {
			equal(t, "boundaries", docNames(s.Boundaries), `pb-0={"Statement": []}`)
		}},
		{"session policy (EV-11)", `, "sessionPolicy": {"Statement": []}`, func(t *testing.T, s *evaluator.PolicySet) {
			equal(t, "has session", s.HasSession, true)
			equal(t, "session", docNames(s.Session), `session-policy={"Statement": []}`)
		}},
		{"no session policy", ``, func(t *testing.T, s *evaluator.PolicySet) {
			equal(t, "has session", s.HasSession, false)
		}},
		{"null fields are absent", `, "resourcePolicy": null, "sessionPolicy": null, "scps": null`, func(t *testing.T, s *evaluator.PolicySet) {
			equal(t, "resource", s.Resource == nil, true)
			equal(t, "has session", s.HasSession, false)
			equal(t, "scps", len(s.SCPs), 0)
		}},
		{"scp levels root first (EV-4)", `, "scps": [[{"Statement": [1]}], [{"Statement": [2]}, {"Statement": [3]}]]`, func(t *testing.T, s *evaluator.PolicySet) {
			equal(t, "scps", levelNames(s.SCPs), `[scp-0-0={"Statement": [1]}] [scp-1-0={"Statement": [2]} scp-1-1={"Statement": [3]}]`)
		}},
		{"scp flat list is one level", `, "scps": [{"Statement": [1]}, {"Statement": [2]}]`, func(t *testing.T, s *evaluator.PolicySet) {
			equal(t, "scps", levelNames(s.SCPs), `[scp-0-0={"Statement": [1]} scp-0-1={"Statement": [2]}]`)
		}},
		{"scp native levels", `, "scps": [{"orgIdentifier": "r-1", "policies": [{"Statement": [1]}]}]`, func(t *testing.T, s *evaluator.PolicySet) {
			equal(t, "scps", levelNames(s.SCPs), `[scp-0-0={"Statement": [1]}]`)
		}},
		{"rcp levels (EV-5)", `, "rcps": [["{\"Statement\":[]}"]]`, func(t *testing.T, s *evaluator.PolicySet) {
			equal(t, "rcps", levelNames(s.RCPs), `[rcp-0-0={"Statement":[]}]`)
		}},
		{"vpc endpoint policies (EV-6)", `, "vpcEndpointPolicies": [{"Statement": []}]`, func(t *testing.T, s *evaluator.PolicySet) {
			equal(t, "endpoint", docNames(s.Endpoint), `vpce-0={"Statement": []}`)
		}},
		{"unknown fields ignored", `, "meta": {"kind": "scp"}, "options": {"mode": "Strict", "whatever": 1}`, func(t *testing.T, s *evaluator.PolicySet) {
			equal(t, "identity", len(s.Identity), 0)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := DecodeCase([]byte(caseLine(tt.fields)), 1)
			noError(t, err)
			tt.check(t, &c.Set)
		})
	}
}

func TestDecodeCaseRequest(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		request string
		check   func(t *testing.T, r *evaluator.Request)
	}{
		{"fields", `{"principal": "` + userARN + `", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k", "resourceAccount": "444455556666"}`, func(t *testing.T, r *evaluator.Request) {
			equal(t, "principal", r.Principal.ARN, userARN)
			equal(t, "action", r.Action, "s3:GetObject")
			equal(t, "resource", r.Resource, "arn:aws:s3:::b/k")
			equal(t, "resource account", r.ResourceAccount, "444455556666")
		}},
		{"resource defaults to *", `{"principal": "` + userARN + `", "action": "sts:GetCallerIdentity"}`, func(t *testing.T, r *evaluator.Request) {
			equal(t, "resource", r.Resource, "*")
			equal(t, "resource account from principal", r.ResourceAccount, "111122223333")
		}},
		{"resource account from ARN", `{"principal": "` + userARN + `", "action": "sqs:SendMessage", "resource": "arn:aws:sqs:us-east-1:444455556666:q"}`, func(t *testing.T, r *evaluator.Request) {
			equal(t, "resource account", r.ResourceAccount, "444455556666")
		}},
		{"S3 ARN has no account: principal's", `{"principal": "` + userARN + `", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}`, func(t *testing.T, r *evaluator.Request) {
			equal(t, "resource account", r.ResourceAccount, "111122223333")
		}},
		{"context kinds", `{"principal": "` + userARN + `", "action": "s3:GetObject", "context": {"aws:SourceIp": "203.0.113.9", "aws:TagKeys": ["env", "team"], "s3:max-keys": 10, "aws:SecureTransport": true, "aws:Gone": null, "aws:Empty": []}}`, func(t *testing.T, r *evaluator.Request) {
			ctx := &r.Context
			equal(t, "keys", ctx.Len(), 5)
			equal(t, "SourceIp", strings.Join(ctx.Lookup("AWS:SOURCEIP").Values, ","), "203.0.113.9")
			equal(t, "TagKeys", strings.Join(ctx.Lookup("aws:TagKeys").Values, ","), "env,team")
			equal(t, "TagKeys multi", ctx.Lookup("aws:TagKeys").Multi, true)
			equal(t, "max-keys", ctx.Lookup("s3:max-keys").Values[0], "10")
			equal(t, "SecureTransport", ctx.Lookup("aws:SecureTransport").Values[0], "true")
			equal(t, "null is absent", ctx.Has("aws:Gone"), false)
			equal(t, "empty list kept", ctx.Lookup("aws:Empty").Multi, true)
		}},
		{"unknown context value (PT-1)", `{"principal": "` + userARN + `", "action": "s3:GetObject", "context": {"aws:SourceVpc": {"unknown": true}, "aws:PrincipalTag/team": {"unknown": true, "reason": "aws_iam_role.r.tags", "prefix": "bl"}}}`, func(t *testing.T, r *evaluator.Request) {
			v := r.Context.Lookup("aws:SourceVpc")
			equal(t, "unknown", v != nil && v.Unknown != nil, true)
			equal(t, "default reason", v.Unknown.Reason, "aws:SourceVpc")
			v = r.Context.Lookup("aws:PrincipalTag/team")
			equal(t, "reason", v.Unknown.Reason, "aws_iam_role.r.tags")
			equal(t, "prefix", v.Unknown.Prefix, "bl")
		}},
		{"unknown resource with prefix (PT-4)", `{"principal": "` + userARN + `", "action": "s3:GetObject", "resource": {"unknown": true, "prefix": "arn:aws:s3:::"}}`, func(t *testing.T, r *evaluator.Request) {
			equal(t, "resource unknown", r.ResourceUnknown != nil, true)
			equal(t, "resource", r.Resource, "arn:aws:s3:::")
			equal(t, "prefix", r.ResourceUnknown.Prefix, "arn:aws:s3:::")
			equal(t, "resource account: principal's (prefix reaches the account field)", r.ResourceAccount, "111122223333")
		}},
		{"unknown resource leaves the account unknown", `{"principal": "` + userARN + `", "action": "sqs:SendMessage", "resource": {"unknown": true, "reason": "aws_sqs_queue.q.arn", "prefix": "arn:aws:sqs:"}}`, func(t *testing.T, r *evaluator.Request) {
			equal(t, "resource account unknown", r.ResourceAccountUnknown != nil, true)
			equal(t, "reason", r.ResourceAccountUnknown.Reason, "aws_sqs_queue.q.arn")
		}},
		{"unknown resource account", `{"principal": "` + userARN + `", "action": "s3:GetObject", "resourceAccount": {"unknown": true}}`, func(t *testing.T, r *evaluator.Request) {
			equal(t, "account unknown", r.ResourceAccountUnknown != nil, true)
			equal(t, "account", r.ResourceAccount, "")
		}},
		{"unknown principal", `{"principal": {"unknown": true, "reason": "aws_iam_role.r.arn"}, "action": "s3:GetObject"}`, func(t *testing.T, r *evaluator.Request) {
			equal(t, "principal unknown", r.Principal.Unknown != nil, true)
			equal(t, "reason", r.Principal.Unknown.Reason, "aws_iam_role.r.arn")
		}},
		{"flags", `{"principal": "` + userARN + `", "action": "kms:Decrypt", "viaEndpoint": true, "awsManagedKmsKey": true, "unknownKmsGrants": true, "resourceManagementAccount": false}`, func(t *testing.T, r *evaluator.Request) {
			equal(t, "via endpoint", r.ViaEndpoint, true)
			equal(t, "aws managed key", r.AWSManagedKMSKey, true)
			equal(t, "unknown grants", r.UnknownKMSGrants, true)
			equal(t, "management account", r.ResourceManagementAccount, false)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := DecodeCase([]byte(`{"id": 1, "request": `+tt.request+`}`), 1)
			noError(t, err)
			tt.check(t, &c.Request)
		})
	}
}

func TestDecodeCaseErrors(t *testing.T) {
	t.Parallel()
	req := func(fields string) string {
		return `{"id": "c1", "request": {"principal": "` + userARN + `", "action": "s3:GetObject"` + fields + `}}`
	}
	tests := []struct {
		name    string
		line    string
		wantErr string // substring of the message
		wantID  string // id reported with the error
	}{
		{"malformed JSON", `{"id": 1, "request": }`, "line 7, column 22: invalid JSON: invalid character '}' looking for a value", ""},
		{"truncated JSON", `{"id": 1, "request": {"action"`, "line 7, column 31: invalid JSON: unexpected end of input", ""},
		{"not an object", `[1, 2]`, "line 7, column 1: a case must be a JSON object, not an array", ""},
		{"missing request", `{"id": 3}`, `line 7, column 1: missing "request"`, "3"},
		{"request not an object", `{"id": 3, "request": "s3:GetObject"}`, "/request: a request must be an object, not a string", "3"},
		{"action is a number", `{"id": 4, "request": {"principal": "` + userARN + `", "action": 5}}`, `/request/action: must be a string such as "s3:GetObject", not a number`, "4"},
		{"missing action", `{"id": 4, "request": {"principal": "` + userARN + `"}}`, `/request: missing "action"`, "4"},
		{"missing principal", `{"id": 4, "request": {"action": "s3:GetObject"}}`, `/request: missing "principal"`, "4"},
		{"principal is a list", `{"id": 4, "request": {"principal": ["a"], "action": "s3:GetObject"}}`, `/request/principal: must be an ARN`, "4"},
		{"resource is a number", req(`, "resource": 7`), `/request/resource: must be an ARN string`, `"c1"`},
		{"resource account is a bool", req(`, "resourceAccount": true`), `/request/resourceAccount: must be an account id string`, `"c1"`},
		{"context not an object", req(`, "context": ["a"]`), `/request/context: must be an object of context keys, not an array`, `"c1"`},
		{"context nested list", req(`, "context": {"aws:TagKeys": [["a"]]}`), `/request/context/aws:TagKeys/0: a context list holds strings`, `"c1"`},
		{"context object", req(`, "context": {"a/b~c": {"x": 1}}`), `/request/context/a~1b~0c: a context value must be a string, a list, or {"unknown": true}`, `"c1"`},
		{"unknown marker false", req(`, "context": {"k": {"unknown": false}}`), `/request/context/k/unknown: an unknown marker needs "unknown": true`, `"c1"`},
		{"unknown reason not a string", req(`, "resource": {"unknown": true, "reason": 1}`), `/request/resource/reason: must be a string, not a number`, `"c1"`},
		{"flag not a bool", req(`, "viaEndpoint": "yes"`), `/request/viaEndpoint: must be true or false, not a string`, `"c1"`},
		{"policy is a number", `{"id": 5, "identityPolicies": [42], "request": {}}`, `/identityPolicies/0: a policy must be a JSON object or a string holding one, not a number`, "5"},
		{"policies not a list", `{"id": 5, "identityPolicies": {"Statement": []}, "request": {}}`, `/identityPolicies: must be an array of policies, not an object`, "5"},
		{"wrapper without policy", `{"id": 5, "identityPolicies": [{"name": "x", "unknown": "yes"}], "request": {}}`, `/identityPolicies/0/unknown: an unknown marker needs "unknown": true`, "5"},
		{"wrapper name not a string", `{"id": 5, "identityPolicies": [{"name": 1, "policy": {}}], "request": {}}`, `/identityPolicies/0/name: a policy name must be a string, not a number`, "5"},
		{"scp level holds a number", `{"id": 6, "scps": [[{"Statement": []}], [3]], "request": {}}`, `/scps/1/0: a policy must be a JSON object`, "6"},
		{"scps a string of no JSON", `{"id": 6, "scps": 3, "request": {}}`, `/scps: must be an array of levels`, "6"},
		{"invalid UTF-8", "{\"id\": 7, \"request\": {\"principal\": \"a\xffb\"}}", "line 7, column 38: invalid JSON: invalid UTF-8 in string", ""},
		{"deeply nested", `{"id": 8, "x": ` + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + `}`, "invalid JSON: JSON nested deeper than 512 levels", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := DecodeCase([]byte(tt.line), 7)
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("err = %v, want an *InputError", err)
			}
			contains(t, "error", err.Error(), tt.wantErr)
			equal(t, "line", ie.Line, 7)
			equal(t, "id", string(c.ID), tt.wantID)
		})
	}
}

// A 10 MB policy string decodes (the engine then reports its size, GR-11).
func TestDecodeCaseHugePolicyString(t *testing.T) {
	t.Parallel()
	huge := strings.Repeat("x", 10<<20)
	c, err := DecodeCase([]byte(caseLine(`, "identityPolicies": ["`+huge+`"]`)), 1)
	noError(t, err)
	equal(t, "policy length", len(c.Set.Identity[0].JSON), 10<<20)
}
