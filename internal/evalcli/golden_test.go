package evalcli

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/iamdata"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// TestEvalExamplesGolden pins planscan eval's output on the shipped
// examples (examples/eval), with the embedded reference data as planscan
// eval uses it. Run `go test ./internal/evalcli -update` after
// an intended change and review the diff.
func TestEvalExamplesGolden(t *testing.T) {
	t.Parallel()
	tests := []struct {
		input, golden string
		explain       bool
	}{
		{"cases.jsonl", "cases.golden", false},
		{"batch.json", "batch.golden", false},
		{"cases.jsonl", "cases-explain.golden", true},
		{"federated.jsonl", "federated.golden", false},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			t.Parallel()
			in, err := os.ReadFile(filepath.Join("..", "..", "examples", "eval", tt.input))
			noError(t, err)
			var out bytes.Buffer
			cfg := Config{Explain: tt.explain, Options: evaluator.Options{Catalog: iamdata.Default().Engine()}}
			noError(t, Eval(bytes.NewReader(in), &out, cfg))
			golden := filepath.Join("testdata", tt.golden)
			if *update {
				noError(t, os.WriteFile(golden, out.Bytes(), 0o644))
				return
			}
			want, err := os.ReadFile(golden)
			noError(t, err)
			if got := out.String(); got != string(want) {
				t.Errorf("output differs from %s (run with -update to accept):\n%s", golden, lineDiff(string(want), got))
			}
		})
	}
}

// lineDiff lists the lines that differ, by line number.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("line ")
			b.WriteString(strconv.Itoa(i + 1))
			b.WriteString(":\n  want: ")
			b.WriteString(wl)
			b.WriteString("\n  got:  ")
			b.WriteString(gl)
			b.WriteString("\n")
		}
	}
	return b.String()
}
