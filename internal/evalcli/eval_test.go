package evalcli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// Eval writes exactly one JSON line per non-blank input line, in order,
// whatever the line holds (no panic, no lost or extra lines).
func TestEvalOneLinePerCase(t *testing.T) {
	t.Parallel()
	input := strings.Join([]string{
		line("1", "s3:GetObject", "arn:aws:s3:::b/k"),
		`{"id": 2, "request": {"action": 5}}`,
		`not json`,
		"",
		`{"id": "four", "identityPolicies": ["{not a policy"], "request": {"principal": "` + userARN + `", "action": "s3:GetObject"}}`,
		`{"id": 5, "identityPolicies": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}], "request": {"principal": "` + userARN + `", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}}`,
	}, "\n")
	var out bytes.Buffer
	noError(t, Eval(strings.NewReader(input), &out, Config{}))
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	wantIDs := []string{`1`, `2`, `null`, `"four"`, `5`}
	wantDecisions := []string{"implicitDeny", "error", "error", "error", "allowed"}
	if len(lines) != len(wantIDs) {
		t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(wantIDs), out.String())
	}
	for i, l := range lines {
		var v struct {
			ID       json.RawMessage `json:"id"`
			Decision string          `json:"decision"`
			Error    string          `json:"error"`
		}
		noError(t, json.Unmarshal([]byte(l), &v))
		equal(t, "id", string(v.ID), wantIDs[i])
		equal(t, "decision of "+wantIDs[i], v.Decision, wantDecisions[i])
		if v.Decision == "error" && v.Error == "" {
			t.Errorf("line %d: error decision without a message: %s", i+1, l)
		}
	}
}

// A batch compiles each resource policy once and decides per request.
func TestEvalBatchResourcePolicies(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	noError(t, Eval(strings.NewReader(batchDoc), &out, Config{}))
	got := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	equal(t, "lines", len(got), 5)
	contains(t, "request 1 (bucket policy applies)", got[0], `"policyType":"resource"`)
	contains(t, "request 4 (bad action)", got[3], `{"id":4,"decision":"error","error":"line 11, column 78: /requests/3/action`)
}

func FuzzEvalLine(f *testing.F) {
	f.Add([]byte(line("1", "s3:GetObject", "arn:aws:s3:::b/k")))
	f.Add([]byte(`{"id": 1, "identityPolicies": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringLike": {"aws:username": "${aws:username}"}}}]}], "request": {"principal": "` + userARN + `", "action": "s3:GetObject", "resource": {"unknown": true}, "context": {"k": ["a", 1], "u": {"unknown": true}}}}`))
	f.Add([]byte(`{"id": "x", "scps": [[{"Statement": []}]], "rcps": [{"Statement": "x"}], "sessionPolicy": "{}", "request": {"principal": "anonymous", "action": "s3:GetObject"}}`))
	f.Add([]byte(`{"requests": []}`))
	f.Add([]byte(`[`))
	f.Fuzz(func(t *testing.T, src []byte) {
		// One line in, so a newline-free input: the case is this line.
		src = bytes.ReplaceAll(bytes.ReplaceAll(src, []byte{'\n'}, []byte{' '}), []byte{'\r'}, []byte{' '})
		var out bytes.Buffer
		err := Eval(bytes.NewReader(src), &out, Config{})
		if len(bytes.TrimSpace(src)) == 0 {
			if out.Len() != 0 {
				t.Fatalf("blank input produced output %q", out.String())
			}
			return
		}
		if err != nil {
			// Only a one-line batch document (a "requests" key) may be unreadable.
			if !bytes.Contains(src, []byte(`"requests"`)) {
				t.Fatalf("Eval(%q) = %v", src, err)
			}
			return
		}
		if bytes.Contains(src, []byte(`"requests"`)) {
			return // a batch: one line per request
		}
		lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
		if len(lines) != 1 || !json.Valid([]byte(lines[0])) {
			t.Fatalf("Eval(%q) wrote %q, want one JSON line", src, out.String())
		}
	})
}
