package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestJSONOutputMatchesSchemas validates the JSON output of query, check
// and diff on the example plan and the fixtures against the committed
// schemas in doc/planscan/schemas (additionalProperties false: a field
// added to the output must be added to its schema and documented).
func TestJSONOutputMatchesSchemas(t *testing.T) {
	t.Parallel()
	root := filepath.Join("..", "..")
	c := jsonschema.NewCompiler()
	schemas := map[string]*jsonschema.Schema{}
	for _, name := range []string{"query", "check", "diff", "graph", "who-can"} {
		s, err := c.Compile(filepath.Join(root, "doc", "planscan", "schemas", name+".schema.json"))
		if err != nil {
			t.Fatal(err)
		}
		schemas[name] = s
		if s.Validate(map[string]any{"unexpected": true}) == nil {
			t.Fatalf("%s schema accepts anything", name)
		}
	}
	demo := filepath.Join(root, "examples", "plans", "pr-gate")
	plan := filepath.Join(demo, "plan.json")
	fixture := func(name string) string {
		return filepath.Join(root, "internal", "planscan", "testdata", "fixtures", name, "plan.json")
	}
	acct := "--account-id=111122223333"
	bl := filepath.Join(t.TempDir(), "baseline.json")
	for _, tc := range []struct {
		name, schema string
		args         []string
		lines        bool // JSON lines, one document each
	}{
		{"query demo", "query", []string{"query", plan, acct, "--principal", "aws_iam_role.deployer", "--action", "iam:PassRole", "--resource", "${aws_iam_role.web.arn}", "--state", "both", "--format", "json"}, true},
		{"query any-context", "query", []string{"query", plan, acct, "--principal", "aws_iam_role.web", "--action", "s3:GetObject", "--resource", "${aws_s3_bucket.assets.arn}/x", "--any-context", "--state", "both", "--format", "json"}, true},
		{"query conditional", "query", []string{"query", fixture("mfa_assume_chain"), acct, "--principal", "aws_iam_user.alice", "--action", "sts:AssumeRole", "--resource", "${aws_iam_role.ops_admin.arn}", "--any-context", "--format", "json"}, true},
		{"query unknown", "query", []string{"query", fixture("cross_account"), acct, "--principal", "arn:aws:iam::444455556666:role/deployer", "--action", "s3:GetObject", "--resource", "${aws_s3_bucket.shared.arn}/x", "--state", "both", "--format", "json"}, true},
		{"query with source", "query", []string{"query", fixture("webapp_source"), acct, "--principal", "aws_iam_role.web", "--action", "s3:GetObject", "--resource", "${aws_s3_bucket.assets.arn}/x", "--format", "json"}, true},
		{"query any-context with source", "query", []string{"query", fixture("webapp_source"), acct, "--principal", "aws_iam_role.web", "--action", "s3:GetObject", "--resource", "${aws_s3_bucket.assets.arn}/x", "--any-context", "--format", "json"}, true},
		{"query boundaries", "query", []string{"query", fixture("boundaries"), acct, "--principal", "aws_iam_role.dev", "--action", "iam:CreateUser", "--format", "json"}, true},
		{"check demo", "check", []string{"check", plan, "--config", filepath.Join(demo, "planscan.hcl"), acct, "--format", "json"}, false},
		{"check baselined", "check", []string{"check", plan, acct, "--write-baseline", bl, "--format", "json"}, false},
		{"check unknown", "check", []string{"check", fixture("deferred_documents"), acct, "--fail-on-unknown", "--format", "json"}, false},
		{"check conditional", "check", []string{"check", fixture("mfa_assume_chain"), acct, "--format", "json"}, false},
		{"check escalation", "check", []string{"check", fixture("escalation_two_hop"), acct, "--format", "json"}, false},
		{"check inline suppressions", "check", []string{"check", fixture("escalation_two_hop"), acct, "--source", filepath.Join(root, "internal", "planscan", "testdata", "source_variants", "escalation_ignored"), "--format", "json"}, false},
		{"check org", "check", []string{"check", fixture("org_scp_rcp"), acct, "--format", "json"}, false},
		{"graph two hop", "graph", []string{"graph", fixture("escalation_two_hop"), acct, "--format", "json"}, false},
		{"graph filtered", "graph", []string{"graph", fixture("escalation_two_hop"), acct, "--to", "aws_iam_role.lambda_admin", "--format", "json"}, false},
		{"graph federated", "graph", []string{"graph", fixture("github_oidc"), acct, "--format", "json"}, false},
		{"graph groups", "graph", []string{"graph", fixture("group_terminators"), acct, "--format", "json"}, false},
		{"graph before", "graph", []string{"graph", fixture("escalation_two_hop"), acct, "--side", "before", "--format", "json"}, false},
		{"who-can paths", "who-can", []string{"query", fixture("escalation_two_hop"), acct, "--who-can", "iam:CreateUser", "--resource", "*", "--state", "both", "--format", "json"}, true},
		{"who-can external", "who-can", []string{"query", fixture("org_shared"), acct, "--who-can", "s3:GetObject", "--resource", "arn:aws:s3:::org-shared-111122223333/x", "--format", "json"}, true},
		{"who-can federated", "who-can", []string{"query", fixture("github_oidc"), acct, "--who-can", "sts:AssumeRoleWithWebIdentity", "--resource", "${aws_iam_role.gh_repo.arn}", "--format", "json"}, true},
		{"who-can any permission", "who-can", []string{"query", fixture("escalation_self_policy"), acct, "--who-can", "s3:GetObject", "--resource", "arn:aws:s3:::b/x", "--format", "json"}, true},
		{"diff demo", "diff", []string{"diff", plan, acct, "--format", "json"}, false},
		{"diff updates", "diff", []string{"diff", fixture("updates_deletes"), acct, "--format", "json"}, false},
		{"diff unknown", "diff", []string{"diff", fixture("deferred_documents"), acct, "--format", "json"}, false},
		// issue 9: conditional grants of principals of the plan (when), changes cut per principal (changeLimit)
		{"diff conditional", "diff", []string{"diff", fixture("escalation_cfn_passrole"), acct, "--format", "json"}, false},
		{"diff principal tags", "diff", []string{"diff", fixture("principal_tags"), acct, "--format", "json"}, false},
		{"diff capped", "diff", []string{"diff", fixture("mfa_assume_chain"), acct, "--format", "json"}, false},
		{"diff full", "diff", []string{"diff", fixture("mfa_assume_chain"), acct, "--full", "--format", "json"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			code, out, errOut := runPlanscan(t, "", tc.args...)
			if code == 2 {
				t.Fatalf("exit 2: %s", errOut)
			}
			docs := []string{out}
			if tc.lines {
				docs = strings.Split(strings.TrimSpace(out), "\n")
			}
			for _, d := range docs {
				inst, err := jsonschema.UnmarshalJSON(strings.NewReader(d))
				if err != nil {
					t.Fatalf("%v: %.300s", err, d)
				}
				if err := schemas[tc.schema].Validate(inst); err != nil {
					t.Errorf("%s: %v\n%.500s", tc.schema, err, d)
				}
			}
		})
	}
}
