package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every input path is bounded: a device that never ends, a directory or an
// oversized file is an input error (exit 2) naming the file and the limit.
func TestInputLimits(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	big := filepath.Join(dir, "big.json")
	if err := os.WriteFile(big, []byte(`{"Statement": []}`+strings.Repeat(" ", 16<<20)), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		args       []string
		wantStderr string
	}{
		{"eval dev zero", []string{"eval", "/dev/zero"}, "planscan eval: /dev/zero: line 1 is longer than the 64 MiB limit of a line"},
		{"eval directory", []string{"eval", dir}, "is a directory"},
		{"validate dev zero", []string{"validate", "/dev/zero"}, "planscan validate: /dev/zero: larger than the 16 MiB limit of a policy document"},
		{"validate oversized file", []string{"validate", big}, big + ": larger than the 16 MiB limit"},
		{"actions override dev zero", []string{"actions", "--actions-override", "/dev/zero", "s3:GetObject"}, "/dev/zero: larger than the 64 MiB limit of an override file"},
		{"managed policies override directory", []string{"managed-policy", "--managed-policies-override", dir, "PowerUserAccess"}, "is a directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, _, stderr := runPlanscan(t, "", tt.args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d", code, exitUsage)
			}
			if !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("stderr = %q, want %q", stderr, tt.wantStderr)
			}
		})
	}
}
