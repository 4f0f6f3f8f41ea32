package planscan

import (
	"encoding/json"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

func ParseContextMust(t testing.TB, pairs ...string) evaluator.Context {
	t.Helper()
	ctx, err := ParseContext(pairs)
	if err != nil {
		t.Fatal(err)
	}
	return ctx
}

func jsonLine(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b) + "\n", err
}

func equal[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func decision(s string) evaluator.Decision { return evaluator.Decision(s) }
