package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// commandCase is one command line, its exit status and what stdout and
// stderr must hold.
type commandCase struct {
	name               string
	args               []string
	want               int
	inStdout, inStderr string
}

// runCommandCases runs each case of one command in parallel.
func runCommandCases(t *testing.T, command string, cases []commandCase, extra func(*testing.T, commandCase, string)) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			code, out, errOut := runPlanscan(t, "", append([]string{command}, tc.args...)...)
			if code != tc.want || !strings.Contains(out, tc.inStdout) || !strings.Contains(errOut, tc.inStderr) {
				t.Errorf("exit %d (want %d)\nstdout: %.600s\nstderr: %s", code, tc.want, out, errOut)
			}
			if extra != nil {
				extra(t, tc, out)
			}
		})
	}
}

// planscan graph: formats, filters and input errors (issue 10).
func TestGraphCommand(t *testing.T) {
	t.Parallel()
	plan := filepath.Join("..", "..", "internal", "planscan", "testdata", "fixtures", "escalation_two_hop", "plan.json")
	acct := "--account-id=111122223333"
	runCommandCases(t, "graph", []commandCase{
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
	}, func(t *testing.T, tc commandCase, out string) {
		if tc.name == "from drops the others" && (strings.Contains(out, "auditor") || strings.Contains(out, "intern")) {
			t.Errorf("--from kept principals off dev's paths:\n%s", out)
		}
	})
}

// planscan query --who-can: answers, paths and input errors (issue 10).
func TestQueryWhoCan(t *testing.T) {
	t.Parallel()
	plan := filepath.Join("..", "..", "internal", "planscan", "testdata", "fixtures", "escalation_two_hop", "plan.json")
	acct := "--account-id=111122223333"
	runCommandCases(t, "query", []commandCase{
		{"path", []string{plan, acct, "--who-can", "iam:CreateUser", "--resource", "*"}, 0, "aws_iam_user.dev (user): always, through aws_iam_role.lambda_admin", ""},
		{"json lines", []string{plan, acct, "--who-can", "iam:CreateUser", "--resource", "*", "--format", "json"}, 0, `"via":"aws_iam_role.lambda_admin"`, ""},
		{"nobody before", []string{plan, acct, "--who-can", "iam:CreateUser", "--resource", "*", "--state", "before"}, 0, "[before]: nobody, under any context", ""},
		{"reference", []string{plan, acct, "--who-can", "sts:AssumeRole", "--resource", "${aws_iam_role.deployer.arn}"}, 0, "aws_iam_user.auditor (user): conditional, when aws:MultiFactorAuthPresent = true", ""},
		{"invalid question", []string{plan, acct, "--who-can", "iam:CreateUser", "--resource", "arn:aws:s3:::b/x"}, 2, "", "RS-10"},
		{"unknown action", []string{plan, acct, "--who-can", "iam:MakeMeAdmin", "--resource", "*"}, 2, "", "invalid question"},
		{"no resource", []string{plan, "--who-can", "iam:CreateUser"}, 2, "", "--who-can needs --resource"},
		{"with principal", []string{plan, "--who-can", "iam:CreateUser", "--resource", "*", "--principal", "aws_iam_user.dev"}, 2, "", "--who-can takes no --principal"},
		{"with context", []string{plan, "--who-can", "iam:CreateUser", "--resource", "*", "--context", "aws:SourceIp=1.2.3.4"}, 2, "", "over every context"},
		{"unknown reference", []string{plan, "--who-can", "iam:CreateUser", "--resource", "${aws_iam_role.nothing.arn}"}, 2, "", "aws_iam_role.nothing"},
	}, nil)
}
