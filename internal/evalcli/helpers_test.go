package evalcli

import (
	"strings"
	"testing"
)

// Tiny assertion helpers (no assertion library).

func equal[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %#v, want %#v", what, got, want)
	}
}

func contains(t *testing.T, what, got, wantSub string) {
	t.Helper()
	if !strings.Contains(got, wantSub) {
		t.Errorf("%s = %q, want it to contain %q", what, got, wantSub)
	}
}

func noError(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}
