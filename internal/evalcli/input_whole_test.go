package evalcli

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// A regular file is read whole, or mapped (Config.MapFile), and its lines
// used in place (readWhole, mapWhole, newBytesLineReader); a stream is read
// line by line. Both must give the
// same output and the same error, byte for byte, on every input form:
// JSON lines (CRLF, blank lines, a broken line), one-line and
// pretty-printed batch documents, a pretty-printed case, and each limit.
func TestFileReadAgreesWithStream(t *testing.T) {
	t.Parallel()
	ok := line("1", "s3:GetObject", "arn:aws:s3:::b/k")
	req := `{"id": 4, "principal": "` + userARN + `", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}`
	bad := `{"id": 5, "principal": 7, "action": "s3:GetObject"}`
	pol := `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}`
	batch := `{"identityPolicies": [` + pol + `], "requests": [` + req + `, ` + bad + `, ` + req + `]}`
	pretty := "{\n  \"identityPolicies\": [" + pol + "],\n  \"requests\": [\n    " + req + ",\n    " + bad + "\n  ]\n}\n"
	examples, err := filepath.Glob(filepath.Join("..", "..", "examples", "eval", "*.json*"))
	noError(t, err)
	tests := []struct {
		name   string
		input  string
		limits Limits
	}{
		{"json lines", ok + "\n" + ok + "\n", Limits{}},
		{"json lines, CRLF, blank lines, no final newline", "\r\n" + ok + "\r\n\n  \n" + ok, Limits{}},
		{"json lines with a broken line", ok + "\n{\"id\": 2, \n" + ok + "\n", Limits{}},
		{"broken first line", "{\"id\": 2, \n" + ok + "\n", Limits{}},
		{"one-line batch", batch, Limits{}},
		{"one-line batch and a newline", batch + "\n\n", Limits{}},
		{"pretty batch", pretty, Limits{}},
		{"pretty batch, CRLF", strings.ReplaceAll(pretty, "\n", "\r\n"), Limits{}},
		{"pretty batch, blank first lines", "\n\n" + pretty, Limits{}},
		{"pretty case", strings.ReplaceAll(ok, `"request": `, "\n\"request\":\n"), Limits{}},
		{"broken document", "{\n\"requests\": [\n" + req + "\n", Limits{}},
		{"empty", "", Limits{}},
		{"blank", "\n \n", Limits{}},
		{"line over the limit", ok + "\n" + ok + "xxxxxxxxxx\n", Limits{MaxLine: len(ok) + 5}},
		{"last line over the limit", ok + "\n" + ok + "xxxxxxxxxx", Limits{MaxLine: len(ok) + 5}},
		{"line at the limit", ok + "\n" + ok, Limits{MaxLine: len(ok)}},
		{"input over the limit", ok + "\n" + ok + "\n" + ok + "\n", Limits{MaxInput: int64(2*len(ok) + 10)}},
		{"document over the limit", pretty, Limits{MaxDocument: 300}},
		{"document at the limit", pretty, Limits{MaxDocument: int64(len(pretty))}},
	}
	for _, name := range examples {
		src, err := os.ReadFile(name)
		noError(t, err)
		tests = append(tests, struct {
			name   string
			input  string
			limits Limits
		}{filepath.Base(name), string(src), Limits{}})
	}
	dir := t.TempDir()
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for _, explain := range []bool{false, true} {
				cfg := Config{Name: "in.jsonl", Limits: tt.limits, Explain: explain}
				var stream bytes.Buffer
				serr := Eval(strings.NewReader(tt.input), &stream, cfg)

				name := filepath.Join(dir, strings.Repeat("f", i+1))
				noError(t, os.WriteFile(name, []byte(tt.input), 0o600))
				for _, mapped := range []bool{false, true} {
					cfg.MapFile = mapped
					f, err := os.Open(name)
					noError(t, err)
					var file bytes.Buffer
					ferr := Eval(f, &file, cfg)
					f.Close()

					equal(t, "output", file.String(), stream.String())
					equal(t, "error", errText(ferr), errText(serr))
				}
			}
		})
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// A file handed over part-read is read, or mapped, from its offset on.
func TestFileReadFromOffset(t *testing.T) {
	t.Parallel()
	ok := line("1", "s3:GetObject", "arn:aws:s3:::b/k")
	skipped := "not JSON, read before Eval\n"
	var want bytes.Buffer
	noError(t, Eval(strings.NewReader(ok+"\n"), &want, Config{}))
	name := filepath.Join(t.TempDir(), "in.jsonl")
	noError(t, os.WriteFile(name, []byte(skipped+ok+"\n"), 0o600))
	for _, mapped := range []bool{false, true} {
		f, err := os.Open(name)
		noError(t, err)
		_, err = f.Seek(int64(len(skipped)), 0)
		noError(t, err)
		if mapped && runtime.GOOS == "linux" {
			m, done := mapWhole(f, int64(len(skipped)), int64(len(ok)+1))
			equal(t, "mapped", done, true)
			equal(t, "mapped bytes", string(m), ok+"\n")
		}
		var got bytes.Buffer
		noError(t, Eval(f, &got, Config{MapFile: mapped}))
		f.Close()
		equal(t, "output", got.String(), want.String())
	}
}
