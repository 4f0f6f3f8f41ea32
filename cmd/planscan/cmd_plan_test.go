package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Exit codes of query, check and diff (0 pass/answered, 1 a check failed,
// 2 usage or input error, 3 only unknowns blocked under --fail-on-unknown).
func TestPlanCommandsExitCodes(t *testing.T) {
	t.Parallel()
	demo := filepath.Join("..", "..", "examples", "plans", "pr-gate")
	plan := filepath.Join(demo, "plan.json")
	config := filepath.Join(demo, "planscan.hcl")
	deferred := filepath.Join("..", "..", "internal", "planscan", "testdata", "fixtures", "deferred_documents", "plan.json")
	boundaries := filepath.Join("..", "..", "internal", "planscan", "testdata", "fixtures", "boundaries", "plan.json")
	mfaDir := filepath.Join("..", "..", "internal", "planscan", "testdata", "fixtures", "mfa_assume_chain")
	mfa := filepath.Join(mfaDir, "plan.json")
	mfaState := filepath.Join(mfaDir, "state.json") // after apply against Moto (issue 8)
	orgCreated := filepath.Join("..", "..", "internal", "planscan", "testdata", "fixtures", "org_created", "plan.json")
	groupState := filepath.Join("..", "..", "internal", "planscan", "testdata", "fixtures", "group_terminators", "state.json")
	dir := t.TempDir()
	badConfig := filepath.Join(dir, "bad.hcl")
	if err := os.WriteFile(badConfig, []byte("assert \"x\" {\n  expect = \"maybe\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	acct := "--account-id=111122223333"
	// The deferred plan alone: a copy in a directory without its source.
	data, err := os.ReadFile(deferred)
	if err != nil {
		t.Fatal(err)
	}
	alone := filepath.Join(dir, "plan.json")
	if err := os.WriteFile(alone, data, 0o600); err != nil {
		t.Fatal(err)
	}
	// A source with a file that does not parse: a warning with file and
	// line, the rest of the source still used.
	srcDir := filepath.Join(dir, "src")
	tf, err := os.ReadFile(filepath.Join(filepath.Dir(deferred), "main.tf"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(srcDir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(srcDir, "main.tf"), tf, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(srcDir, "broken.tf"), []byte("resource \"aws_iam_role\" {\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		args     []string
		want     int
		inStdout string
		inStderr string
	}{
		{"query answered", []string{"query", plan, acct, "--principal", "aws_iam_role.web", "--action", "s3:GetObject", "--resource", "${aws_s3_bucket.assets.arn}/k", "--format", "json"}, 0, `"decision":"allowed"`, ""},
		{"query flags first", []string{"query", "--principal", "aws_iam_role.deployer", "--action", "iam:PassRole", acct, plan}, 0, "allowed", ""},
		{"query unknown principal", []string{"query", plan, "--principal", "aws_iam_role.nope", "--action", "s3:GetObject"}, 2, "", "no user or role"},
		{"query bad reference", []string{"query", plan, "--principal", "aws_iam_role.web", "--action", "s3:GetObject", "--resource", "${aws_s3_bucket.nope.arn}"}, 2, "", "in no after state"},
		// issue 9: the answer over every context, with its conditions
		{"query any context", []string{"query", mfa, acct, "--principal", "aws_iam_user.alice", "--action", "sts:AssumeRole", "--resource", "${aws_iam_role.ops_admin.arn}", "--any-context"}, 0,
			"conditional\n    allowed when aws:MultiFactorAuthPresent = true", ""},
		{"query any context json", []string{"query", mfa, acct, "--principal", "aws_iam_user.bob", "--action", "sts:AssumeRole", "--resource", "${aws_iam_role.ops_admin.arn}", "--any-context", "--format", "json"}, 0,
			`"outcome":"conditional"`, ""},
		{"query one request keeps the simulator's semantics", []string{"query", mfa, acct, "--principal", "aws_iam_user.alice", "--action", "sts:AssumeRole", "--resource", "${aws_iam_role.ops_admin.arn}"}, 0,
			"[after]: implicitDeny", ""},
		{"check assert denied names the breaking context", []string{"check", mfa, acct, "--config", filepath.Join(mfaDir, "planscan.hcl")}, 1,
			"allowed when aws:MultiFactorAuthPresent=true", ""},
		{"query missing action", []string{"query", plan, "--principal", "aws_iam_role.web"}, 2, "", "required"},
		// AC-5, RS-10: an answer that is `error` because of the question is an input error.
		{"query unknown action", []string{"query", plan, acct, "--principal", "aws_iam_role.web", "--action", "s3:GetObjekt", "--resource", "${aws_s3_bucket.assets.arn}/k"}, 2, "[after]: error", `invalid question: request: unknown action "s3:GetObjekt" (AC-5)`},
		{"query resource of the wrong type", []string{"query", plan, acct, "--principal", "aws_iam_role.web", "--action", "s3:GetObject", "--resource", "${aws_s3_bucket.assets.arn}", "--format", "json"}, 2, `"decision":"error"`, "is not a resource type of s3:GetObject (RS-10)"},
		{"query one bad action among good ones", []string{"query", plan, acct, "--principal", "aws_iam_role.web", "--action", "s3:GetObject", "--action", "s3:GetObjekt", "--resource", "${aws_s3_bucket.assets.arn}/k"}, 2, "[after]: allowed", "unknown action"},
		// EV-14, PR-9: a federated caller names its identity provider.
		{"query federated caller", []string{"query", plan, acct, "--principal", "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com", "--action", "sts:AssumeRoleWithWebIdentity", "--resource", "${aws_iam_role.web.arn}"}, 0, "[after]: implicitDeny", ""},
		{"query federated caller, wrong action", []string{"query", plan, acct, "--principal", "accounts.google.com", "--action", "sts:AssumeRole", "--resource", "${aws_iam_role.web.arn}"}, 2, "[after]: error", "a web-identity caller can only call"},
		{"query bad state", []string{"query", plan, "--principal", "aws_iam_role.web", "--action", "s3:GetObject", "--state", "later"}, 2, "", "unknown state"},
		{"check fails", []string{"check", plan, "--config", config, acct}, 1, "privilege-escalation", ""},
		{"check passes", []string{"check", boundaries, acct}, 0, "PASSED", ""},
		{"check unknown without flag", []string{"check", alone, acct}, 0, "UNKNOWN", ""},
		{"check unknown blocks", []string{"check", alone, acct, "--fail-on-unknown"}, 3, "UNDECIDED", ""},
		{"check says source not found", []string{"check", alone, acct}, 0, "note: configuration source not found: 3 policies known only after apply stay unknown; pass --source DIR", ""},
		{"check source beside plan", []string{"check", deferred, acct, "--fail-on-unknown"}, 0, "0 unknown", ""},
		{"check source flag", []string{"check", alone, acct, "--source", filepath.Dir(deferred), "--fail-on-unknown"}, 0, "0 unknown", ""},
		{"check source mismatch", []string{"check", alone, acct, "--source", filepath.Dir(boundaries)}, 0, "UNKNOWN", "does not match the plan"},
		{"check source parse error", []string{"check", alone, acct, "--source", srcDir}, 0, "0 unknown", "broken.tf:1:"},
		{"diff json note on stderr", []string{"diff", alone, acct, "--format", "json"}, 0, "{", "planscan: note: configuration source not found"},
		// issue 8 item 3: a plan that creates the organization manages it from its provider's account,
		// the management account, where SCPs never apply (EV-5): said once, and the SCP on the root
		// does not deny the admin role of that account
		{"diff says the management account", []string{"diff", orgCreated, acct}, 0,
			"note: aws_organizations_organization.org is created with provider aws, account 111122223333: that account is taken as the organization's management account, where SCPs and RCPs never apply (EV-5)\n", ""},
		{"diff json management note on stderr", []string{"diff", orgCreated, acct, "--format", "json"}, 0, "{", "planscan: note: aws_organizations_organization.org is created with provider aws, account 111122223333"},
		{"query management account not under the SCP", []string{"query", orgCreated, acct, "--principal", "aws_iam_role.admin", "--action", "s3:DeleteBucket", "--resource", "arn:aws:s3:::any-bucket"}, 0, "allowed", ""},
		// issue 8 item 4: with the source beside the plan, results and answers name their .tf block
		// (paths relative to the repository root, where code scanning and annotations resolve them)
		{"check github at the .tf line", []string{"check", filepath.Join(filepath.Dir(mfa), "..", "escalation_two_hop", "plan.json"), acct, "--format", "github"}, 1,
			"::error file=internal/planscan/testdata/fixtures/escalation_two_hop/main.tf,line=78,title=planscan admin-equivalent::", ""},
		{"query names the .tf blocks", []string{"query", mfa, acct, "--principal", "aws_iam_user.alice", "--action", "sts:AssumeRole", "--resource", "${aws_iam_role.ops_admin.arn}"}, 0,
			"    at internal/planscan/testdata/fixtures/mfa_assume_chain/main.tf:11 (aws_iam_user.alice)\n", ""},
		{"check bad config", []string{"check", plan, "--config", badConfig}, 2, "", "bad.hcl:1:12: Unclosed configuration block"},
		{"check missing plan", []string{"check", filepath.Join(dir, "nope.json")}, 2, "", "nope.json"},
		{"check bad format", []string{"check", plan, "--format", "yaml"}, 2, "", "unknown format"},
		{"check sarif", []string{"check", plan, "--config", config, acct, "--format", "sarif"}, 1, `"version": "2.1.0"`, ""},
		{"check gitlab", []string{"check", plan, "--config", config, acct, "--format", "gitlab"}, 1, `"check_name": "planscan/public-access"`, ""},
		{"check github", []string{"check", plan, "--config", config, acct, "--format", "github"}, 1, "::error file=", ""},
		{"check unknown github warning", []string{"check", alone, acct, "--format", "github"}, 0, "::warning file=", ""},
		{"check bad output", []string{"check", plan, "--output", "yaml=x"}, 2, "", "unknown format"},
		{"check missing baseline", []string{"check", plan, "--baseline", filepath.Join(dir, "none.json")}, 2, "", "none.json"},
		{"diff", []string{"diff", plan, acct}, 0, "gains iam Write: iam:PassRole", ""},
		{"diff markdown", []string{"diff", plan, acct, "--format", "markdown"}, 0, "| gained by `aws_iam_policy.deploy#PassAnyRole` at `examples/plans/pr-gate/main.tf:74` | iam | Write | `iam:PassRole` |", ""},
		{"diff two plans", []string{"diff", plan, plan}, 2, "", "exactly one"},
		// issue 8: a state (terraform show -json without a plan file) is what is deployed now
		{"query on a state", []string{"query", mfaState, "--principal", "aws_iam_user.alice", "--action", "sts:AssumeRole", "--resource", "${aws_iam_role.ops_admin.arn}", "--any-context"}, 0,
			"arn:aws:iam::111122223333:role/ops-admin  [after]: conditional\n    allowed when aws:MultiFactorAuthPresent = true", ""},
		{"query on a state ignores --source", []string{"query", mfaState, "--source", mfaDir, "--principal", "aws_iam_user.bob", "--action", "s3:GetObject"}, 0,
			"[after]: allowed", "--source " + mfaDir + " is not used"},
		{"check on a state", []string{"check", mfaState, "--config", filepath.Join(mfaDir, "planscan.hcl")}, 1,
			"aws_iam_role.ops_admin is allowed every action on every resource (pre-existing)", ""},
		{"diff on a state", []string{"diff", mfaState}, 2, "", "state.json is the `terraform show -json` of a state, not of a plan: diff needs a plan"},
		{"check deny_new on a state: nothing is new", []string{"check", groupState, "--config", filepath.Join(filepath.Dir(groupState), "deny_new.planscan.hcl")}, 0,
			"PASS       deny_new: deny_new \"no new instance terminators\"", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			code, out, errOut := runPlanscan(t, "", tc.args...)
			if code != tc.want {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.want, out, errOut)
			}
			if !strings.Contains(out, tc.inStdout) {
				t.Errorf("stdout does not contain %q:\n%s", tc.inStdout, out)
			}
			if !strings.Contains(errOut, tc.inStderr) {
				t.Errorf("stderr does not contain %q:\n%s", tc.inStderr, errOut)
			}
		})
	}
}

func TestQueryJSONLines(t *testing.T) {
	t.Parallel()
	plan := filepath.Join("..", "..", "examples", "plans", "pr-gate", "plan.json")
	code, out, errOut := runPlanscan(t, "", "query", plan, "--account-id", "111122223333", "--principal", "aws_iam_role.web",
		"--action", "s3:GetObject", "--action", "s3:PutObject", "--resource", "${aws_s3_bucket.assets.arn}/k", "--state", "both", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines, want 4 (2 actions x 2 states):\n%s", len(lines), out)
	}
	want := []string{"implicitDeny", "allowed", "implicitDeny", "implicitDeny"}
	for i, l := range lines {
		var v struct {
			Decision, State string
		}
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatal(err)
		}
		if v.Decision != want[i] {
			t.Errorf("line %d (%s): decision %s, want %s", i, v.State, v.Decision, want[i])
		}
	}
}

// TestCheckBaseline: --write-baseline records today's findings and passes;
// --baseline then reports them as suppressed, and a config change that
// adds a finding fails again.
func TestCheckBaseline(t *testing.T) {
	t.Parallel()
	demo := filepath.Join("..", "..", "examples", "plans", "pr-gate")
	plan := filepath.Join(demo, "plan.json")
	config := filepath.Join(demo, "planscan.hcl")
	bl := filepath.Join(t.TempDir(), "planscan-baseline.json")
	acct := "--account-id=111122223333"
	if code, out, errOut := runPlanscan(t, "", "check", plan, "--config", config, acct, "--write-baseline", bl); code != 0 || !strings.Contains(errOut, "recorded 3 findings") {
		t.Fatalf("write-baseline: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut := runPlanscan(t, "", "check", plan, "--config", config, acct, "--baseline", bl, "--format", "sarif")
	if code != 0 || strings.Count(out, `"suppressions"`) != 3 {
		t.Fatalf("baseline: exit %d, want 0 and 3 SARIF suppressions\n%s\n%s", code, out, errOut)
	}
	sarifFile := filepath.Join(t.TempDir(), "r.sarif")
	if code, _, errOut := runPlanscan(t, "", "check", plan, acct, "--output", "sarif="+sarifFile); code != 1 {
		t.Fatalf("--output: exit %d: %s", code, errOut)
	}
	if data, err := os.ReadFile(sarifFile); err != nil || !strings.Contains(string(data), `"version": "2.1.0"`) {
		t.Fatalf("--output sarif: %v %.200s", err, data)
	}
	// Without the config file the only-block finding goes, the others stay baselined.
	if code, out, errOut := runPlanscan(t, "", "check", plan, acct, "--baseline", bl); code != 0 || !strings.Contains(out, "2 suppressed") {
		t.Fatalf("baseline without config: exit %d\n%s\n%s", code, out, errOut)
	}
}

// TestRepositoryRoot: .tf locations are relative to the enclosing git
// repository (a .git directory or a worktree's .git file), else to the
// directory itself.
func TestRepositoryRoot(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	sub := filepath.Join(dir, "repo", "infra", "prod")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if got := repositoryRoot(sub); got != sub {
		t.Errorf("no repository: %s, want %s", got, sub)
	}
	if err := os.WriteFile(filepath.Join(dir, "repo", ".git"), []byte("gitdir: elsewhere\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := repositoryRoot(sub); got != filepath.Join(dir, "repo") {
		t.Errorf("in a repository: %s, want %s", got, filepath.Join(dir, "repo"))
	}
}
