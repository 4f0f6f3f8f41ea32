// Package testkit holds the test helpers shared by planscan's stage
// packages: golden files, the shared testdata folder and gzip'd plans. Only
// tests import it.
package testkit

import (
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Update is the -update flag: rewrite golden files instead of comparing.
var Update = flag.Bool("update", false, "rewrite the golden files under internal/planscan/testdata")

// Dir is the shared testdata folder of planscan's stage packages, relative
// to a stage package's directory (the working directory of its tests).
const Dir = "../testdata"

// Path joins elements under Dir.
func Path(elem ...string) string { return filepath.Join(append([]string{Dir}, elem...)...) }

// Golden compares got with the file at path, or rewrites it under -update.
func Golden(t *testing.T, path, got string) {
	t.Helper()
	if *Update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if string(want) != got {
		t.Errorf("output differs from %s (run go test -update and review the diff):\n%s", path, FirstDiff(string(want), got))
	}
}

// FirstDiff names the first line where a and b differ.
func FirstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d\nwant: %s\n got: %s", i+1, x, y)
		}
	}
	return ""
}

// ReadGz reads a gzip'd file whole.
func ReadGz(tb testing.TB, path string) []byte {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatal(err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// FixturePlan is the plan of a genuine fixture case under testdata/fixtures.
func FixturePlan(c string) string { return Path("fixtures", c, "plan.json") }

// Equal reports got != want as a test error naming what.
func Equal[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}
