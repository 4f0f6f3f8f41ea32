package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runPlanscan calls run as the binary would, with stdin.
func runPlanscan(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestRunExitCodes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	clean := write("clean.json", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}`)
	broken := write("broken.json", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allwo", "Action": "s3:GetObject", "Resource": "*"}]}`)
	notJSON := write("doc.json", "{\n  \"requests\": [\n")
	missing := filepath.Join(dir, "missing.json")
	oneCase := `{"id": 1, "identityPolicies": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}], "request": {"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}}`

	tests := []struct {
		name       string
		args       []string
		stdin      string
		wantCode   int
		wantStdout string // substring
		wantStderr string // substring
	}{
		{"no command", nil, "", 2, "", "usage: planscan"},
		{"help", []string{"help"}, "", 0, "eval", ""},
		{"unknown command", []string{"frobnicate"}, "", 2, "", `unknown command "frobnicate"`},
		{"version", []string{"version"}, "", 0, "planscan dev", ""},
		{"eval stdin", []string{"eval"}, oneCase, 0, `{"id":1,"decision":"allowed"`, ""},
		{"eval dash is stdin", []string{"eval", "-"}, oneCase, 0, `"decision":"allowed"`, ""},
		{"eval bad line is an error decision", []string{"eval"}, `{"id": 2, "request": {"action": 5}}`, 0, `{"id":2,"decision":"error","error":"line 1, column 22: /request: missing \"principal\"`, ""},
		{"eval explain", []string{"eval", "--explain"}, oneCase, 0, "== id 1\n", ""},
		{"eval missing file", []string{"eval", missing}, "", 2, "", "no such file"},
		{"eval unreadable document", []string{"eval", notJSON}, "", 2, "", "invalid JSON"},
		{"eval two files", []string{"eval", clean, broken}, "", 2, "", "at most one input file"},
		{"eval bad flag", []string{"eval", "--nope"}, "", 2, "", "flag provided but not defined"},
		{"eval -h", []string{"eval", "-h"}, "", 0, "", "usage: planscan eval"},
		{"validate clean", []string{"validate", clean}, "", 0, "", ""},
		{"validate error finding", []string{"validate", broken}, "", 1, broken + ":1:52: error GR-4", ""},
		{"validate json", []string{"validate", "--format", "json", broken}, "", 1, `"code":"GR-4"`, ""},
		{"validate type", []string{"validate", "--type", "scp", clean}, "", 0, "", ""},
		{"validate --strict clean", []string{"validate", "--strict", clean}, "", 0, "", ""},
		{"validate missing file", []string{"validate", clean, missing}, "", 2, "", "no such file"},
		{"validate unknown type", []string{"validate", "--type", "bucket", clean}, "", 2, "", `unknown policy type "bucket"`},
		{"validate unknown format", []string{"validate", "--format", "xml", clean}, "", 2, "", `unknown format "xml"`},
		{"validate no files", []string{"validate"}, "", 2, "", "usage: planscan validate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := runPlanscan(t, tt.stdin, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit code = %d, want %d\nstdout: %s\nstderr: %s", code, tt.wantCode, stdout, stderr)
			}
			if !strings.Contains(stdout, tt.wantStdout) {
				t.Errorf("stdout = %q, want it to contain %q", stdout, tt.wantStdout)
			}
			if !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("stderr = %q, want it to contain %q", stderr, tt.wantStderr)
			}
		})
	}
}

// Every output line of eval is one JSON object, one per request.
func TestEvalExamplesOutputShape(t *testing.T) {
	t.Parallel()
	for _, f := range []string{"cases.jsonl", "batch.json"} {
		code, stdout, stderr := runPlanscan(t, "", "eval", filepath.Join("..", "..", "examples", "eval", f))
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", f, code, stderr)
		}
		for i, line := range strings.Split(strings.TrimSuffix(stdout, "\n"), "\n") {
			var v struct {
				ID       json.RawMessage `json:"id"`
				Decision string          `json:"decision"`
			}
			if err := json.Unmarshal([]byte(line), &v); err != nil || v.Decision == "" || len(v.ID) == 0 {
				t.Errorf("%s line %d: %q (err %v)", f, i+1, line, err)
			}
		}
	}
}
