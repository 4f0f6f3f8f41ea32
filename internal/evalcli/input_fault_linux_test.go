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
	path := filepath.Join(t.TempDir(), "in.jsonl")
	line := `{"policies":{"identity":[{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}]},"request":{"principal":"arn:aws:iam::111122223333:role/r","action":"s3:GetObject","resource":"arn:aws:s3:::b/k"}}` + "\n"
	if err := os.WriteFile(path, []byte(strings.Repeat(line, 4000)), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	off, size, whole := unreadSize(f, 1<<30)
	src, ok := mapWhole(f, off, size)
	if !whole || !ok {
		t.Skip("the file could not be mapped here")
	}
	if err := os.Truncate(path, 0); err != nil {
		t.Fatal(err)
	}
	var w bytes.Buffer
	out := &evalRunner{cfg: Config{}}
	out.w = bufio.NewWriter(&w)
	err = readMapped(src, "in.jsonl", Limits{}.withDefaults(), out)
	t.Log(err)
	if !errors.Is(err, ErrUnreadable) || !strings.Contains(err.Error(), "in.jsonl: the file changed while it was read") {
		t.Fatalf("err = %v, want an unreadable-input error naming the file", err)
	}
}
