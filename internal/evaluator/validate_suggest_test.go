package evaluator

import (
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/iamdata"
)

// AC-4: "did you mean" for unknown actions and services, from the reference data.
func TestValidateSuggestions(t *testing.T) {
	t.Parallel()
	opts := Options{Catalog: iamdata.Default().Engine()}
	stmt := func(action, resource string) []byte {
		return []byte(pol(`{"Effect":"Allow","Action":` + action + `,"Resource":` + resource + `}`))
	}
	tests := []struct {
		name   string
		doc    []byte
		code   string // finding code that must (or must not) be present
		want   bool
		substr string
	}{
		// AC-4: [AA] "Invalid action" with the nearest names from the data.
		{"did you mean an action", stmt(`"s3:GetObjekt"`, `"*"`), "AC-4", true, "did you mean s3:GetObject"},
		{"did you mean a service", stmt(`"s33:GetObject"`, `"*"`), "AC-4", true, "did you mean s3:GetObject"},
		// CO-19 (CO-3: a key no request carries is missing): the nearest keys of
		// the key's service, or the global keys for aws:.
		{"did you mean a service key", []byte(pol(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringLike":{"s3:prefx":"a/*"}}}`)), "CO-19", true, "did you mean s3:prefix"},
		{"did you mean a global key", []byte(pol(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpcc":"vpc-1"}}}`)), "CO-19", true, "did you mean aws:SourceVpc"},
		{"unknown key, nothing close", []byte(pol(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"s3:zzzzzzzzzzzz":"x"}}}`)), "CO-19", true, "no request carries it"},
		// Not judged: known keys, any case (CO-2), tag-style keys, keys of
		// providers and unknown prefixes, keys AWS managed policies use that
		// the service reference lacks.
		{"known key", []byte(pol(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringLike":{"s3:prefix":"a/*"}}}`)), "CO-19", false, ""},
		{"known key other case", []byte(pol(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"AWS:SOURCEVPC":"vpc-1"}}}`)), "CO-19", false, ""},
		{"tag key", []byte(pol(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"secretsmanager:ResourceTag/team":"a"}}}`)), "CO-19", false, ""},
		{"OIDC provider key", []byte(pol(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"token.actions.githubusercontent.com:sub":"repo:o/r:ref:refs/heads/main"}}}`)), "CO-19", false, ""},
		{"unknown prefix", []byte(pol(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"nosuchservice:key":"a"}}}`)), "CO-19", false, ""},
		{"key only managed policies use", []byte(pol(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"lakeformation:GlueARN":"a"}}}`)), "CO-19", false, ""},
		// RS-11: actions and Resource share no resource type (RS-10's reading).
		{"dead statement", []byte(pol(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::b/*"}`)), "RS-11", true, "grants nothing"},
		{"dead deny", []byte(pol(`{"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:dynamodb:us-east-1:111122223333:table/t"}`)), "RS-11", true, "denies nothing"},
		{"live statement", []byte(pol(`{"Effect":"Allow","Action":["s3:ListBucket","s3:GetObject"],"Resource":"arn:aws:s3:::b/*"}`)), "RS-11", false, ""},
		{"log group with slashes", []byte(pol(`{"Effect":"Allow","Action":"logs:PutLogEvents","Resource":"arn:aws:logs:*:111122223333:log-group:/aws/lambda/fn:*"}`)), "RS-11", false, ""},
		{"Resource *", []byte(pol(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}`)), "RS-11", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got *Finding
			fs := Validate(tt.doc, PolicyIdentity, opts)
			for i := range fs {
				if fs[i].Code == tt.code {
					got = &fs[i]
				}
			}
			if (got != nil) != tt.want {
				t.Fatalf("finding %s present = %v, want %v: %v", tt.code, got != nil, tt.want, fs)
			}
			if got != nil && !strings.Contains(got.Message, tt.substr) {
				t.Errorf("message %q lacks %q", got.Message, tt.substr)
			}
		})
	}
}
