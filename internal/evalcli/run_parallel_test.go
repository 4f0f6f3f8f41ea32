package evalcli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// batchWithRequests is examples/eval/batch.json with its requests repeated
// and varied to n, every seventh one broken in a way the input layer reports
// per request (an error line), so that chunks hold decisions, errors and
// requests under the resource policy.
func batchWithRequests(t *testing.T, n int, extra func(i int) string) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "examples", "eval", "batch.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	var reqs []map[string]any
	if err := json.Unmarshal(doc["requests"], &reqs); err != nil {
		t.Fatal(err)
	}
	var parts []string
	for i := range n {
		if extra != nil {
			if s := extra(i); s != "" {
				parts = append(parts, s)
				continue
			}
		}
		r := map[string]any{}
		for k, v := range reqs[i%len(reqs)] {
			r[k] = v
		}
		r["id"] = i
		switch i % 7 {
		case 3:
			r["action"] = 42 // wrong type: an error line
		case 5:
			delete(r, "principal")
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, string(b))
	}
	delete(doc, "requests")
	head, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return []byte(string(head[:len(head)-1]) + `,"requests":[` + "\n" + strings.Join(parts, ",\n") + "\n]}\n")
}

func evalBytes(t *testing.T, src []byte, cfg Config) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := Eval(bytes.NewReader(src), &out, cfg)
	return out.String(), err
}

// A batch document decided in chunks on several goroutines gives the
// sequential output byte for byte, in input order, with its error lines,
// its explanations, and the error that ends a reading at the same place.
func TestParallelBatchMatchesSequential(t *testing.T) {
	t.Parallel()
	huge := func(at int) func(int) string {
		return func(i int) string {
			if i != at {
				return ""
			}
			// One request over the MaxTree limit: the reading ends there.
			return `{"id":"huge","principal":"arn:aws:iam::111122223333:role/r","action":"s3:GetObject","resource":"arn:aws:s3:::b/k","context":{"k":"` + strings.Repeat("x", MaxTree) + `"}}`
		}
	}
	dup := batchWithRequests(t, 3*chunkElements, nil)
	dupFirst := []byte(`{"requests":[{"id":"x"}],` + string(dup[1:]))
	dupLast := []byte(string(dup[:len(dup)-2]) + `,"requests":[{"id":"y"},{"id":"z"}]}`)
	tests := []struct {
		name     string
		src      []byte
		explain  bool
		wantErr  bool
		oneChunk bool // the requests that count are not chunked: decided here
	}{
		{name: "realistic 10k", src: realisticBatch(t)},
		{name: "errors and resource policy", src: batchWithRequests(t, 3*chunkElements+17, nil)},
		{name: "explain", src: batchWithRequests(t, 2*chunkElements+1, nil), explain: true},
		{name: "requests given twice, the chunked array last", src: dupFirst},
		{name: "requests given twice, the chunked array first", src: dupLast, oneChunk: true},
		{name: "exactly two chunks", src: batchWithRequests(t, 2*chunkElements, nil)},
		{name: "request over the limit in the second chunk", src: batchWithRequests(t, 3*chunkElements, huge(chunkElements+10)), wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b, err := ParseBatch(tt.src)
			if err != nil && !tt.wantErr {
				t.Fatal(err)
			}
			if b != nil && !tt.oneChunk && len(b.chunks()) < 2 {
				t.Fatalf("%d chunks, want several", len(b.chunks()))
			}
			want, wantErr := evalBytes(t, tt.src, Config{Explain: tt.explain, Workers: 1})
			if (wantErr != nil) != tt.wantErr {
				t.Fatalf("sequential: err = %v, want error %v", wantErr, tt.wantErr)
			}
			if want == "" {
				t.Fatal("sequential output is empty")
			}
			for _, workers := range []int{2, 3, maxEvalWorkers} {
				got, err := evalBytes(t, tt.src, Config{Explain: tt.explain, Workers: workers})
				if fmt.Sprint(err) != fmt.Sprint(wantErr) {
					t.Errorf("%d workers: err = %v, want %v", workers, err, wantErr)
				}
				if got != want {
					t.Errorf("%d workers: output differs from the sequential one (%d vs %d bytes)", workers, len(got), len(want))
				}
			}
		})
	}
}

// failAfter is a writer that fails once it has taken n bytes.
type failAfter struct {
	n   int
	buf bytes.Buffer
}

var errWriteFailed = errors.New("write failed")

func (w *failAfter) Write(p []byte) (int, error) {
	if w.buf.Len()+len(p) > w.n {
		k := w.n - w.buf.Len()
		w.buf.Write(p[:k])
		return k, errWriteFailed
	}
	return w.buf.Write(p)
}

// A failed write ends the parallel reading with that error, as it ends the
// sequential one, after the same bytes.
func TestParallelBatchWriteError(t *testing.T) {
	t.Parallel()
	src := batchWithRequests(t, 4*chunkElements, nil)
	for _, workers := range []int{1, 2} {
		w := &failAfter{n: 100 << 10}
		err := Eval(bytes.NewReader(src), w, Config{Workers: workers})
		if !errors.Is(err, errWriteFailed) {
			t.Fatalf("%d workers: err = %v, want the write error", workers, err)
		}
		if w.buf.Len() != w.n {
			t.Errorf("%d workers: wrote %d bytes, want %d", workers, w.buf.Len(), w.n)
		}
	}
}
