package main

import (
	"flag"
	"io"
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/analysis"
)

// FuzzFlags parses arbitrary command lines of the plan commands' flags
// (repeatable flags, flags after positional arguments, "--", --context
// pairs): parsing never panics, every positional argument is kept, and the
// --context pairs either parse or are rejected with an error.
func FuzzFlags(f *testing.F) {
	f.Add("plan.json\x00--principal\x00aws_iam_role.web\x00--context\x00aws:SourceIp=10.0.0.1\x00--context\x00aws:TagKeys=a\x00--context\x00aws:TagKeys=b")
	f.Add("--\x00--principal\x00x")
	f.Add("--context\x00=\x00--context\x00k=\x00--resource\x00${aws_s3_bucket.b.arn}/*")
	f.Add("-principal=a\x00p\x00--state\x00both\x00-h")
	f.Fuzz(func(t *testing.T, joined string) {
		args := strings.Split(joined, "\x00")
		fs := flag.NewFlagSet("fuzz", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		var principals, ctxPairs, resources stringList
		fs.Var(&principals, "principal", "")
		fs.Var(&resources, "resource", "")
		fs.Var(&ctxPairs, "context", "")
		fs.String("state", "after", "")
		var pf planFlags
		pf.register(fs)
		pos, err := parseInterspersed(fs, args)
		if err != nil {
			return
		}
		for _, p := range pos {
			if !strings.Contains(joined, p) {
				t.Fatalf("positional %q not in the input", p)
			}
		}
		ctx, err := analysis.ParseContext(ctxPairs)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		_ = ctx
	})
}

// FuzzEvalCommand runs 'planscan eval' (and --explain) on arbitrary stdin:
// the status is 0 or 2, never a panic (4).
func FuzzEvalCommand(f *testing.F) {
	f.Add(`{"id": 1, "request": {"principal": "anonymous", "action": "s3:GetObject"}}`, false)
	f.Add("{\n\"requests\": [{\"id\": 1}]\n}", true)
	f.Fuzz(func(t *testing.T, stdin string, explain bool) {
		args := []string{"eval"}
		if explain {
			args = append(args, "--explain")
		}
		var out, errOut strings.Builder
		code := run(args, strings.NewReader(stdin), &out, &errOut)
		if code != exitOK && code != exitUsage {
			t.Fatalf("exit %d: %s", code, errOut.String())
		}
	})
}
