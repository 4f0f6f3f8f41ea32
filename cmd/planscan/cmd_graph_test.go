package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// planscan graph: formats, filters and input errors (issue 10).
func TestGraphCommand(t *testing.T) {
	t.Parallel()
	plan := filepath.Join("..", "..", "internal", "planscan", "testdata", "fixtures", "escalation_two_hop", "plan.json")
	acct := "--account-id=111122223333"
	for _, tc := range []struct {
		name               string
		args               []string
		want               int
		inStdout, inStderr string
	}{
		{"mermaid by default", []string{plan, acct}, 0, "flowchart LR\n", ""},
		{"dot", []string{plan, acct, "--format", "dot"}, 0, `"aws_iam_user.dev" -> "aws_iam_role.deployer" [label="assume-role"]`, ""},
		{"json", []string{plan, acct, "--format=json"}, 0, `"technique": "lambda-create-invoke"`, ""},
		{"to by ARN", []string{plan, acct, "--to", "arn:aws:iam::111122223333:role/deployer", "--format", "dot"}, 0, `"aws_iam_user.auditor" -> "aws_iam_role.deployer"`, ""},
		{"from drops the others", []string{plan, acct, "--from", "aws_iam_user.dev", "--format", "dot"}, 0, "aws_iam_role.lambda_admin", ""},
		{"before side", []string{plan, acct, "--side", "before", "--format", "json"}, 0, `"side": "before"`, ""},
		{"unknown node", []string{plan, acct, "--to", "aws_iam_role.nothing"}, 2, "", `--to: "aws_iam_role.nothing" names no principal of the after side`},
		{"unknown format", []string{plan, "--format", "svg"}, 2, "", `unknown format "svg" (want mermaid, dot, json)`},
		{"unknown side", []string{plan, "--side", "both"}, 2, "", `unknown side "both"`},
		{"no plan", []string{"--format", "dot"}, 2, "", "want exactly one plan file"},
		{"missing plan", []string{filepath.Join(t.TempDir(), "none.json")}, 2, "", "none.json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			code, out, errOut := runPlanscan(t, "", append([]string{"graph"}, tc.args...)...)
			if code != tc.want || !strings.Contains(out, tc.inStdout) || !strings.Contains(errOut, tc.inStderr) {
				t.Errorf("exit %d (want %d)\nstdout: %.600s\nstderr: %s", code, tc.want, out, errOut)
			}
			if tc.name == "from drops the others" && (strings.Contains(out, "auditor") || strings.Contains(out, "intern")) {
				t.Errorf("--from kept principals off dev's paths:\n%s", out)
			}
		})
	}
}
