package evalcli

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A mapped input file cut short while it is read is an unreadable-input
// error (planscan exits 2 with a message naming the file), not a crash
// (issue 14). The file is truncated after mapWhole maps it, as another
// process could do; reading the lost pages faults.
func TestMappedFileCutShortIsAnError(t *testing.T) {
	t.Parallel()
	line := `{"policies":{"identity":[{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}]},"request":{"principal":"arn:aws:iam::111122223333:role/r","action":"s3:GetObject","resource":"arn:aws:s3:::b/k"}}` + "\n"
	path, src := mapTestFile(t, "in.jsonl", []byte(strings.Repeat(line, 4000)))
	if err := os.Truncate(path, 0); err != nil {
		t.Fatal(err)
	}
	var w bytes.Buffer
	out := &evalRunner{cfg: Config{}}
	out.w = bufio.NewWriter(&w)
	err := readMapped(src, "in.jsonl", Limits{}.withDefaults(), out)
	t.Log(err)
	if !errors.Is(err, ErrUnreadable) || !strings.Contains(err.Error(), "in.jsonl: the file changed while it was read") {
		t.Fatalf("err = %v, want an unreadable-input error naming the file", err)
	}
}

// A fault while a chunk of a batch document is decided on another
// goroutine is raised again on the reading one: the same unreadable-input
// error, not a crash of the worker (handleBatchParallel).
func TestMappedBatchCutShortInAWorkerIsAnError(t *testing.T) {
	t.Parallel()
	path, src := mapTestFile(t, "batch.json", batchWithRequests(t, 40*chunkElements, nil))
	b, err := ParseBatch(src)
	if err != nil {
		t.Fatal(err)
	}
	// The document is read, its chunks marked and its policies compiled;
	// only the workers touch the file after it is cut.
	sets, chunks := newBatchSets(b, Config{}.Options), b.chunks()
	if err := os.Truncate(path, 0); err != nil {
		t.Fatal(err)
	}
	var w bytes.Buffer
	out := &evalRunner{cfg: Config{Workers: 2}}
	out.w = bufio.NewWriter(&w)
	err = guardMapped("batch.json", func() error { return out.handleBatchParallel(b, sets, chunks, 2) })
	if !errors.Is(err, ErrUnreadable) || !strings.Contains(err.Error(), "batch.json: the file changed while it was read") {
		t.Fatalf("err = %v, want an unreadable-input error naming the file", err)
	}
}

// mapTestFile writes content to a new file name and maps it as planscan
// eval does (skipping the test where it cannot be mapped).
func mapTestFile(t *testing.T, name string, content []byte) (path string, src []byte) {
	t.Helper()
	path = filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	off, size, whole := unreadSize(f, 1<<30)
	src, ok := mapWhole(f, off, size)
	if !whole || !ok {
		t.Skip("the file could not be mapped here")
	}
	return path, src
}
