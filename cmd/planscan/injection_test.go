package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Values from the input (a principal, a Sid, a file name, a JSON key) never
// start an output line, so they cannot forge CI annotations or log lines.
func TestTextOutputInjection(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	evil := filepath.Join(dir, "::error title=Forged::gate passed")
	if err := os.WriteFile(evil, []byte(`{"Version": "2012-10-17", "Statement": [{"Sid": "a\n::error::sid", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"x\u001b[2J\n::warning::key": "v"}}}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	policy := `{"Version": "2012-10-17", "Statement": [{"Sid": "s\n::error::sid", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}`
	evalCase := `{"id": "x\n::error::id", "identityPolicies": [{"name": "p\n::error::name", "policy": ` + policy + `}], "request": {"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k\n::error::resource"}}`
	badCase := `{"id": 2, "request": {"principal": "::error::p", "action": "s3:GetObject\u2028::error::x"}}`
	tests := []struct {
		name  string
		args  []string
		stdin string
	}{
		{"validate text", []string{"validate", evil}, ""},
		{"validate in a directory named like a command", []string{"validate", "--type", "scp", evil}, ""},
		{"eval explain", []string{"eval", "--explain"}, evalCase + "\n" + badCase + "\n"},
		{"eval json", []string{"eval"}, evalCase + "\n" + badCase + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, stdout, stderr := runPlanscan(t, tt.stdin, tt.args...)
			if stdout == "" {
				t.Fatalf("no output; stderr: %s", stderr)
			}
			for i, line := range strings.Split(stdout, "\n") {
				trimmed := strings.TrimLeft(line, " \t")
				if strings.HasPrefix(trimmed, "::") || strings.HasPrefix(trimmed, "##") {
					t.Errorf("line %d starts a workflow command: %q", i+1, line)
				}
				if strings.ContainsAny(line, "\x1b\r\u2028") {
					t.Errorf("line %d holds a control character: %q", i+1, line)
				}
			}
		})
	}
}
