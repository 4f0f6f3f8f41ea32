package provider

import (
	"errors"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

func TestResolvePrincipal(t *testing.T) {
	t.Parallel()
	withAccount := queryDefaults{AccountID: "111122223333", Partition: "aws"}
	gov := queryDefaults{AccountID: "111122223333", Partition: "aws-us-gov"}
	tests := []struct {
		name     string
		in       string
		defs     queryDefaults
		wantARN  string
		wantKind evaluator.PrincipalKind
		wantErr  string
	}{
		{"full role ARN", "arn:aws:iam::444455556666:role/web", withAccount, "arn:aws:iam::444455556666:role/web", evaluator.PrincipalRoleSession, ""},
		{"short role", "role/web", withAccount, "arn:aws:iam::111122223333:role/web", evaluator.PrincipalRoleSession, ""},
		{"short user in gov partition", "user/alice", gov, "arn:aws-us-gov:iam::111122223333:user/alice", evaluator.PrincipalUser, ""},
		{"short session", "assumed-role/web/i-123", withAccount, "arn:aws:sts::111122223333:assumed-role/web/i-123", evaluator.PrincipalRoleSession, ""},
		{"short federated user", "federated-user/bob", withAccount, "arn:aws:sts::111122223333:federated-user/bob", evaluator.PrincipalFederatedUser, ""},
		{"root", "root", withAccount, "arn:aws:iam::111122223333:root", evaluator.PrincipalRoot, ""},
		{"ARN without account", "arn:aws:iam:::role/web", withAccount, "arn:aws:iam::111122223333:role/web", evaluator.PrincipalRoleSession, ""},
		{"service principal", "lambda.amazonaws.com", queryDefaults{}, "lambda.amazonaws.com", evaluator.PrincipalService, ""},
		{"anonymous", "anonymous", queryDefaults{}, "anonymous", evaluator.PrincipalAnonymous, ""},
		{"short form needs account_id", "role/web", queryDefaults{}, "", 0, "set account_id"},
		{"bad account", "arn:aws:iam::1234:role/web", withAccount, "", 0, "12 digits"},
		{"garbage", "not a principal", withAccount, "", 0, "not an ARN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p, err := resolvePrincipal(tt.in, tt.defs)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("resolvePrincipal(%q) error = %v, want it to contain %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("resolvePrincipal(%q): %v", tt.in, err)
			}
			if p.ARN != tt.wantARN || p.Kind != tt.wantKind {
				t.Errorf("resolvePrincipal(%q) = %s %s, want %s %s", tt.in, p.Kind, p.ARN, tt.wantKind, tt.wantARN)
			}
		})
	}
}

func TestCheckContextValues(t *testing.T) {
	t.Parallel()
	tests := []struct {
		typ     string
		values  []string
		wantErr string
	}{
		{contextString, []string{"x"}, ""},
		{contextString, []string{"x", "y"}, "exactly one value"},
		{contextStringList, []string{}, ""},
		{contextStringList, []string{"x", "y"}, ""},
		{contextNumeric, []string{"1.5"}, ""},
		{contextNumeric, []string{"one"}, "not a number"},
		{contextBoolean, []string{"True"}, ""},
		{contextBoolean, []string{"yes"}, "not true or false"},
		{contextIP, []string{"10.0.0.1"}, ""},
		{contextIPList, []string{"10.0.0.0/8", "2001:db8::/32"}, ""},
		{contextIP, []string{"10.0.0.300"}, "not an IP"},
		{contextBinary, []string{"aGVsbG8="}, ""},
		{contextBinary, []string{"???"}, "not base64"},
		{contextDate, []string{"2025-01-31T12:00:00Z"}, ""},
		{contextDate, []string{"2025-01-31"}, ""},
		{contextDate, []string{"1700000000"}, ""},
		{contextDate, []string{"yesterday"}, "not a date"},
		{"address", []string{"x"}, "unknown type"},
	}
	for _, tt := range tests {
		t.Run(tt.typ+"/"+strings.Join(tt.values, ","), func(t *testing.T) {
			t.Parallel()
			err := checkContextValues(tt.typ, tt.values)
			if tt.wantErr == "" && err != nil {
				t.Fatalf("checkContextValues(%s, %q): %v", tt.typ, tt.values, err)
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("checkContextValues(%s, %q) = %v, want error containing %q", tt.typ, tt.values, err, tt.wantErr)
			}
		})
	}
}

func strList(vals ...attr.Value) types.List { return types.ListValueMust(types.StringType, vals) }

func TestQueryInput_unknowns(t *testing.T) {
	t.Parallel()
	base := func() decisionInputModel {
		return decisionInputModel{
			PrincipalARN:            types.StringValue("arn:aws:iam::111122223333:role/web"),
			ActionNames:             strList(types.StringValue("s3:GetObject")),
			ResourceARNs:            types.ListNull(types.StringType),
			ResourceOwnerAccountID:  types.StringNull(),
			IdentityPoliciesJSON:    types.ListNull(types.StringType),
			ManagedPolicyARNs:       types.ListNull(types.StringType),
			PermissionsBoundaryJSON: types.StringNull(),
			SessionPolicyJSON:       types.StringNull(),
			ResourcePolicyJSON:      types.StringNull(),
			ServiceControlPolicies:  types.ListNull(types.ObjectType{}),
			ResourceControlPolicies: types.ListNull(types.ObjectType{}),
			VPCEndpointPolicyJSON:   types.StringNull(),
			Context:                 types.ListNull(types.ObjectType{}),
			PrincipalTags:           types.MapNull(types.StringType),
		}
	}
	tests := []struct {
		name         string
		edit         func(m *decisionInputModel)
		wantDeferred string
		wantUnknown  bool
	}{
		{"all known", func(*decisionInputModel) {}, "", false},
		{"unknown principal defers", func(m *decisionInputModel) { m.PrincipalARN = types.StringUnknown() }, "principal_arn", true},
		{"unknown action list defers", func(m *decisionInputModel) { m.ActionNames = types.ListUnknown(types.StringType) }, "action_names", true},
		{"unknown action defers", func(m *decisionInputModel) {
			m.ActionNames = strList(types.StringValue("s3:GetObject"), types.StringUnknown())
		}, "action_names[1]", true},
		{"unknown resource element is an unknown resource", func(m *decisionInputModel) {
			m.ResourceARNs = strList(types.StringUnknown())
		}, "", true},
		{"unknown policy list is one unknown policy", func(m *decisionInputModel) {
			m.IdentityPoliciesJSON = types.ListUnknown(types.StringType)
		}, "", true},
		{"unknown tag map defers", func(m *decisionInputModel) { m.PrincipalTags = types.MapUnknown(types.StringType) }, "principal_tags", true},
		{"unknown tag value is an unknown key", func(m *decisionInputModel) {
			m.PrincipalTags = types.MapValueMust(types.StringType, map[string]attr.Value{"team": types.StringUnknown()})
		}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := base()
			tt.edit(&m)
			in, err := m.queryInput()
			if err != nil {
				t.Fatal(err)
			}
			if in.Deferred != tt.wantDeferred {
				t.Errorf("Deferred = %q, want %q", in.Deferred, tt.wantDeferred)
			}
			if in.hasUnknown() != tt.wantUnknown {
				t.Errorf("hasUnknown = %v, want %v", in.hasUnknown(), tt.wantUnknown)
			}
		})
	}
}

func TestBuildQuery_errorsNameTheAttribute(t *testing.T) {
	t.Parallel()
	principal := textInput{Path: path.Root("principal_arn"), Value: "arn:aws:iam::111122223333:role/web"}
	get := []textInput{{Path: path.Root("action_names").AtListIndex(0), Value: "s3:GetObject"}}
	tests := []struct {
		name     string
		in       queryInput
		wantPath string
		wantSum  string
	}{
		{"invalid identity policy", queryInput{Principal: principal, Actions: get,
			Identity: []textInput{{Path: path.Root("identity_policies_json").AtListIndex(1), Value: "{"}}},
			"identity_policies_json[1]", "Invalid Policy"},
		{"invalid SCP", queryInput{Principal: principal, Actions: get,
			SCPs: [][]textInput{{{Path: path.Root("service_control_policies").AtListIndex(0).AtName("policies_json").AtListIndex(0), Value: "[]"}}}},
			"service_control_policies[0].policies_json[0]", "Invalid Policy"},
		{"unknown managed policy", queryInput{Principal: principal, Actions: get,
			Managed: []textInput{{Path: path.Root("managed_policy_arns").AtListIndex(0), Value: "NoSuchPolicy"}}},
			"managed_policy_arns[0]", "Unknown AWS Managed Policy"},
		{"bad owner", queryInput{Principal: principal, Actions: get,
			ResourceOwner: &textInput{Path: path.Root("resource_owner_account_id"), Value: "12"}},
			"resource_owner_account_id", "Invalid Resource Owner"},
		{"bad principal", queryInput{Principal: textInput{Path: path.Root("principal_arn"), Value: "x"}, Actions: get},
			"principal_arn", "Invalid Principal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := buildQuery(&tt.in, queryDefaults{Partition: "aws"}, embeddedReferenceData())
			var ie *inputError
			if !errors.As(err, &ie) {
				t.Fatalf("buildQuery error = %v, want an *inputError", err)
			}
			if ie.Path.String() != tt.wantPath || ie.Summary != tt.wantSum {
				t.Errorf("error at %s (%s), want %s (%s): %v", ie.Path, ie.Summary, tt.wantPath, tt.wantSum, err)
			}
		})
	}
}

func TestBuildQuery_pairsAndOwner(t *testing.T) {
	t.Parallel()
	in := queryInput{
		Principal: textInput{Path: path.Root("principal_arn"), Value: "arn:aws:iam::444455556666:role/web"},
		Actions: []textInput{
			{Path: path.Root("action_names").AtListIndex(0), Value: "s3:GetObject"},
			{Path: path.Root("action_names").AtListIndex(1), Value: "s3:PutObject"},
		},
		Resources: []textInput{
			{Path: path.Root("resource_arns").AtListIndex(0), Value: "arn:aws:s3:::a/1"},
			{Path: path.Root("resource_arns").AtListIndex(1), Value: "arn:aws:sqs:us-east-1:777788889999:q"},
		},
	}
	q, err := buildQuery(&in, queryDefaults{AccountID: "111122223333", Partition: "aws"}, embeddedReferenceData())
	if err != nil {
		t.Fatal(err)
	}
	// EV-24: one request per (action, resource) pair, resources within actions.
	want := []struct{ action, resource, owner string }{
		{"s3:GetObject", "arn:aws:s3:::a/1", "111122223333"},
		{"s3:GetObject", "arn:aws:sqs:us-east-1:777788889999:q", ""},
		{"s3:PutObject", "arn:aws:s3:::a/1", "111122223333"},
		{"s3:PutObject", "arn:aws:sqs:us-east-1:777788889999:q", ""},
	}
	if len(q.requests) != len(want) {
		t.Fatalf("%d requests, want %d", len(q.requests), len(want))
	}
	for i, w := range want {
		r := q.requests[i]
		if r.Action != w.action || r.Resource != w.resource || r.ResourceAccount != w.owner {
			t.Errorf("request %d = %s %s owner %q, want %s %s owner %q", i, r.Action, r.Resource, r.ResourceAccount, w.action, w.resource, w.owner)
		}
	}
}
