package evalcli

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/inputlimit"
)

// Input over a limit is refused with an error naming the input, the line
// and the limit; a case over MaxTree is an error decision found before its
// tree is built, and the other cases are still decided.
func TestEvalLimits(t *testing.T) {
	t.Parallel()
	okCase := line("1", "s3:GetObject", "arn:aws:s3:::b/k")
	pad := strings.Repeat("x", MaxTree)
	bigCase := `{"id": 2, "meta": "` + pad + `", "request": {"principal": "` + userARN + `", "action": "s3:GetObject"}}`
	bigRequest := `{"id": 3, "meta": "` + pad + `", "principal": "` + userARN + `", "action": "s3:GetObject"}`
	smallRequest := `{"id": 4, "principal": "` + userARN + `", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}`
	var manyRequests []string
	for i := 0; i < 20; i++ {
		manyRequests = append(manyRequests, `{"id": 5, "meta": "`+pad[:1<<20]+`", "principal": "`+userARN+`", "action": "s3:GetObject"}`)
	}
	tests := []struct {
		name       string
		input      string
		limits     Limits
		wantErr    string   // substring of Eval's error; "" for none
		wantLines  []string // substrings of the output lines, in order
		wantTooBig bool     // the error wraps inputlimit.ErrTooLarge
	}{
		{"line over the limit", okCase + "\n" + okCase + "xxxxxxxxxx\n", Limits{MaxLine: len(okCase) + 5}, "in.jsonl: line 2 is longer than the", nil, true},
		{"first line over the limit", strings.Repeat(" ", 100), Limits{MaxLine: 10}, "in.jsonl: line 1 is longer than the 10 bytes limit of a line", nil, true},
		{"input over the limit", okCase + "\n" + okCase + "\n" + okCase + "\n", Limits{MaxInput: int64(2*len(okCase) + 10)}, "in.jsonl: larger than the", nil, true},
		{"document over the limit", "{\n\"requests\": [\n" + strings.Repeat(smallRequest+",\n", 10) + smallRequest + "]}\n", Limits{MaxDocument: 500}, "in.jsonl: the document starting on line 1 is larger than the 500 bytes limit of a document", nil, false},
		{"case over the tree limit", okCase + "\n" + bigCase + "\n" + okCase + "\n", Limits{}, "", []string{`"decision":"implicitDeny"`, `{"id":null,"decision":"error","error":"line 2, column 1: the value is 16777` /* + more */, `"decision":"implicitDeny"`}, false},
		{"batch whose requests are over the tree limit", `{"requests": [` + strings.Join(manyRequests, ",") + `]}`, Limits{}, "", []string{`"id":5`}, false},
		{"request over the tree limit", `{"requests": [` + smallRequest + `, ` + bigRequest + `]}`, Limits{}, "line 1, column 137: /requests/1: a request is 16777", []string{`"id":4`}, false},
		{"batch policies over the tree limit", `{"meta": "` + pad + `", "requests": [` + smallRequest + `]}`, Limits{}, `line 1, column 1: the value without its "requests" is 16777`, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var out bytes.Buffer
			err := Eval(strings.NewReader(tt.input), &out, Config{Name: "in.jsonl", Limits: tt.limits})
			if tt.wantErr == "" {
				noError(t, err)
			} else {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				if !errors.Is(err, ErrUnreadable) {
					t.Errorf("err %v does not wrap ErrUnreadable", err)
				}
				if tt.wantTooBig != errors.Is(err, inputlimit.ErrTooLarge) {
					t.Errorf("errors.Is(err, ErrTooLarge) = %v", !tt.wantTooBig)
				}
			}
			lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
			if len(tt.wantLines) == 0 {
				return
			}
			if tt.name != "batch whose requests are over the tree limit" && len(lines) != len(tt.wantLines) {
				t.Fatalf("%d output lines, want %d:\n%.2000s", len(lines), len(tt.wantLines), out.String())
			}
			for i, want := range tt.wantLines {
				contains(t, "output line", lines[i], want)
			}
		})
	}
}
