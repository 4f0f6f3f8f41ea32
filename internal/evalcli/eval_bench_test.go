package evalcli

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// benchBatch builds a batch document of n requests from
// examples/eval/batch.json (its policies, its requests repeated).
func benchBatch(b *testing.B, n int) []byte {
	b.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "examples", "eval", "batch.json"))
	if err != nil {
		b.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(src, &doc); err != nil {
		b.Fatal(err)
	}
	base := doc["requests"].([]any)
	reqs := make([]any, n)
	for i := range reqs {
		r := map[string]any{}
		for k, v := range base[i%len(base)].(map[string]any) {
			r[k] = v
		}
		r["id"] = i
		reqs[i] = r
	}
	doc["requests"] = reqs
	out, err := json.Marshal(doc)
	if err != nil {
		b.Fatal(err)
	}
	return out
}

// BenchmarkEvalBatch is planscan eval on a 10,000-request batch document,
// in process: decode, compile once, decide, encode. ns/op is per request.
func BenchmarkEvalBatch(b *testing.B) {
	const n = 10000
	doc := benchBatch(b, n)
	b.SetBytes(int64(len(doc)) / n)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i += n {
		if err := Eval(bytes.NewReader(doc), io.Discard, Config{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeBatch is the input layer alone on the same document.
func BenchmarkDecodeBatch(b *testing.B) {
	const n = 10000
	doc := benchBatch(b, n)
	b.SetBytes(int64(len(doc)) / n)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i += n {
		if err := readInput(bytes.NewReader(doc), "stdin", Limits{}.withDefaults(), &countingHandler{}); err != nil {
			b.Fatal(err)
		}
	}
}

// countingHandler decodes every request and does nothing else.
type countingHandler struct{ n int }

func (h *countingHandler) handleCase(*Case, []byte, error) error { h.n++; return nil }

func (h *countingHandler) handleBatch(batch *Batch, _ error) error {
	return batch.EachRequest(func(*BatchRequest, error) error { h.n++; return nil })
}
