package inputlimit

import (
	"errors"
	"strings"
	"testing"
)

func TestJSONDepth(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		src     string
		max     int
		errLine int // 0: no error
		errCol  int
	}{
		{"flat", `{"a": [1, 2], "b": {}}`, 2, 0, 0},
		{"exactly max", `[[{"a": 1}]]`, 3, 0, 0},
		{"over", `[[{"a": [1]}]]`, 3, 1, 9},
		{"brackets in strings", `{"a": "[[[[[[{{{{\"[[[["}`, 1, 0, 0},
		{"escaped backslash before quote", `["\\", [[1]]]`, 2, 1, 9},
		{"second line", "{\n  \"a\": [[1]]\n}", 2, 2, 9},
		{"unbalanced closers do not go negative", `]]]]][[`, 2, 0, 0},
		{"deep", strings.Repeat("[", 100000), 512, 1, 513},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := JSONDepth([]byte(tt.src), tt.max)
			checkDepthErr(t, err, tt.errLine, tt.errCol)
		})
	}
}

func TestHCLDepth(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		src     string
		max     int
		errLine int
		errCol  int
	}{
		{"config", "assert \"x\" {\n  principal = \"aws_iam_role.a\"\n  actions = [\"s3:*\"]\n}\n", 2, 0, 0},
		{"nested list", "a = [[[1]]]\n", 3, 0, 0},
		{"nested list over", "a = [[[[1]]]]\n", 3, 1, 8},
		{"block nesting", "a {\n b {\n  c {\n  }\n }\n}\n", 2, 3, 5},
		{"brackets in strings and comments", "a = \"[[[[\" # [[[[\n// {{{{\n/* (((( */ b = 1\n", 1, 0, 0},
		{"interpolation nests", "a = \"${[[1]]}\"\n", 2, 1, 9},
		{"escaped interpolation", "a = \"$${[[1]]}\"\n", 0, 0, 0},
		{"heredoc text skipped", "a = <<EOT\n[[[[[[\nEOT\nb = 1\n", 0, 0, 0},
		{"heredoc interpolation", "a = <<-EOT\n  ${[1]}\n  EOT\n", 1, 2, 5},
		{"chained conditionals", "a = " + strings.Repeat("x ? 1 : ", 10) + "0\n", 5, 1, 47},
		{"conditionals in a list reset at commas", "a = [" + strings.Repeat("x ? 1 : 0, ", 100) + "]\n", 3, 0, 0},
		{"unary run", "a = " + strings.Repeat("!", 10) + "true\n", 5, 1, 10},
		{"not equal is no unary", "a = " + strings.Repeat("x != y && ", 50) + "true\n", 2, 0, 0},
		{"hyphenated names", "a = foo-bar-baz-qux\n", 1, 0, 0},
		{"deep trusted_accounts", "trusted_accounts = " + strings.Repeat("[", 100000), 64, 1, 84},
		{"deep parens", "a = " + strings.Repeat("(", 1000) + "1" + strings.Repeat(")", 1000), 64, 1, 69},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkDepthErr(t, HCLDepth([]byte(tt.src), tt.max), tt.errLine, tt.errCol)
		})
	}
}

func checkDepthErr(t *testing.T, err error, line, col int) {
	t.Helper()
	if line == 0 {
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return
	}
	var de *DepthError
	if !errors.As(err, &de) {
		t.Fatalf("err = %v, want a *DepthError at %d:%d", err, line, col)
	}
	if de.Line != line || de.Column != col {
		t.Errorf("error at %d:%d, want %d:%d (%v)", de.Line, de.Column, line, col, err)
	}
}
