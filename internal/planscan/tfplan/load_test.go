package tfplan

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
)

const minimalPlan = `{"format_version":"1.2","terraform_version":"1.11.4","planned_values":{"root_module":{}},"resource_changes":[],"configuration":{"root_module":{}}}`

func TestLoadBytesErrors(t *testing.T) {
	t.Parallel()
	full, err := os.ReadFile(testkit.Path("corpus", "awslabs__terraform-iam-policy-validator__iam_check_test_iam_policy_test_plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name     string
		data     string
		sentinel error
		want     []string // substrings of the message
	}{
		{"truncated", string(full[:len(full)/2]), ErrInvalidJSON, []string{"x.json:", "truncated", "byte "}},
		{"garbled", `{"format_version": "1.2",, }`, ErrInvalidJSON, []string{"x.json:1:26 (byte 25)"}},
		{"raw tfstate", `{"version":4,"terraform_version":"1.11.4","serial":1,"lineage":"x","outputs":{},"resources":[]}`, ErrStateFile, []string{"terraform.tfstate", "`terraform show -json` (no plan file)"}},
		{"format 2.0", `{"format_version":"2.0","resource_changes":[]}`, ErrUnsupportedFormat, []string{`"2.0"`, "format_version"}},
		{"format 0.0", `{"format_version":"0.0","resource_changes":[]}`, ErrUnsupportedFormat, []string{`"0.0"`}},
		{"format garbage", `{"format_version":"one","resource_changes":[]}`, ErrUnsupportedFormat, []string{`"one"`}},
		{"no format", `{"resource_changes":[]}`, ErrNotPlan, []string{"format_version is missing"}},
		{"empty", "  \n", ErrNotPlan, []string{"empty"}},
		{"array", `[1,2]`, ErrNotPlan, []string{"not an object"}},
		{"truncated array", `[1,`, ErrInvalidJSON, []string{"truncated"}},
		{"no plan keys", `{"format_version":"1.2","terraform_version":"1.11.4"}`, ErrNotPlan, []string{"none of resource_changes"}},
		{"type error", `{"format_version":"1.2","resource_changes":"oops"}`, ErrInvalidJSON, []string{"resource_changes", "expected"}},
		{"binary plan", "PK\x03\x04rest-of-zip", ErrBinaryPlan, []string{"terraform show -json"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := LoadBytes("x.json", []byte(tc.data))
			wantLoadError(t, err, tc.sentinel, "x.json", tc.want)
		})
	}
}

// wantLoadError checks that err is a LoadError naming file, wrapping
// sentinel, whose message holds every want.
func wantLoadError(t *testing.T, err, sentinel error, file string, want []string) {
	t.Helper()
	if err == nil {
		t.Fatalf("loading succeeded, want %v", sentinel)
	}
	if !errors.Is(err, sentinel) {
		t.Errorf("error %q is not %v", err, sentinel)
	}
	var le *LoadError
	if !errors.As(err, &le) || le.File != file {
		t.Errorf("error %q does not name the file", err)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q lacks %q", err, w)
		}
	}
}

func TestLoadBytesTruncatedOffset(t *testing.T) {
	t.Parallel()
	data := []byte(minimalPlan[:40])
	_, err := LoadBytes("p.json", data)
	var le *LoadError
	if !errors.As(err, &le) {
		t.Fatalf("got %v, want a LoadError", err)
	}
	if le.Offset != int64(len(data)) || le.Line != 1 || le.Column != len(data)+1 {
		t.Errorf("offset %d line %d col %d, want %d 1 %d", le.Offset, le.Line, le.Column, len(data), len(data)+1)
	}
}

func TestLoadSupportedFormats(t *testing.T) {
	t.Parallel()
	for _, v := range []string{"0.1", "0.2", "1.0", "1.2", "1.9"} {
		t.Run(v, func(t *testing.T) {
			t.Parallel()
			data := strings.Replace(minimalPlan, `"1.2"`, `"`+v+`"`, 1)
			if _, err := LoadBytes("p.json", []byte(data)); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestLoadFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if _, err := Load(filepath.Join(dir, "missing.json")); err == nil || !strings.Contains(err.Error(), "missing.json") {
		t.Errorf("missing file: %v", err)
	}
	p := filepath.Join(dir, "plan.json")
	if err := os.WriteFile(p, []byte(minimalPlan), 0o600); err != nil {
		t.Fatal(err)
	}
	plan, err := Load(p)
	if err != nil || plan.FormatVersion != "1.2" {
		t.Fatalf("Load: %v %v", plan, err)
	}
}

func TestLoadRealStateFile(t *testing.T) {
	t.Parallel()
	// the hand-written prior state of the updates_deletes fixture (version 4)
	_, err := Load(testkit.Path("fixtures", "updates_deletes", "prior-state.json"))
	if !errors.Is(err, ErrStateFile) || !strings.Contains(err.Error(), "prior-state.json") {
		t.Errorf("got %v, want ErrStateFile naming the file", err)
	}
}

func TestSupportedFormat(t *testing.T) {
	t.Parallel()
	for v, want := range map[string]bool{"0.1": true, "0.2": true, "1.0": true, "1.10": true, "0.0": false, "2.0": false, "1": false, "1.x": false, "": false, "01.0": false} {
		if got := supportedFormat(v); got != want {
			t.Errorf("supportedFormat(%q) = %t, want %t", v, got, want)
		}
	}
}
