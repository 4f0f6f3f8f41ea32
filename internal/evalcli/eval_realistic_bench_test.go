package evalcli

import (
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// realisticBatch is the realistic 10,000-request batch document (the same
// bytes as shared/bench/realistic-10k.json, kept gzipped by the evaluator's
// tests).
func realisticBatch(tb testing.TB) []byte {
	tb.Helper()
	f, err := os.Open(filepath.Join("..", "evaluator", "testdata", "realistic-10k.json.gz"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatal(err)
	}
	doc, err := io.ReadAll(zr)
	if err != nil {
		tb.Fatal(err)
	}
	return doc
}

// BenchmarkEvalRealistic is planscan eval's batch path on the realistic
// set, in process (read, decode, compile once, decide, encode): the part of
// bench/eval-vs-oracle.sh that is not process start. ns/op is per request.
func BenchmarkEvalRealistic(b *testing.B) {
	const n = 10000
	doc := realisticBatch(b)
	// From a file, as planscan eval FILE reads it (readWhole).
	name := filepath.Join(b.TempDir(), "realistic-10k.json")
	if err := os.WriteFile(name, doc, 0o600); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(doc)) / n)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i += n {
		f, err := os.Open(name)
		if err != nil {
			b.Fatal(err)
		}
		err = Eval(f, io.Discard, Config{})
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkValidateRealistic is the pass that validates the realistic
// batch document and marks its chunks (parseJSONMarking), which runs before
// any request is decided. ns/op is per document.
func BenchmarkValidateRealistic(b *testing.B) {
	doc := realisticBatch(b)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		if _, marks, err := parseJSONMarking(doc, "requests"); err != nil || len(marks.at) < 2 {
			b.Fatalf("err %v, %d chunks", err, len(marks.at))
		}
	}
}
