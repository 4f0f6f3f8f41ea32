package textsafe

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEscape(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"", ""},
		{"arn:aws:iam::111122223333:role/app", "arn:aws:iam::111122223333:role/app"},
		{`C:\policies\a.json`, `C:\policies\a.json`},
		{"héllo wörld ✓", "héllo wörld ✓"},
		{"a\nb", `a\nb`},
		{"a\r\nb\tc", `a\r\nb\tc`},
		{"\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"\x00\x7f", `\x00\x7f`},
		{"\u0085next line", `\u0085next line`},
		{"a\u2028b\u2029c", `a\u2028b\u2029c`},
		{"admin\u202e\u2066txt", `admin\u202e\u2066txt`},
		{"bad \xff\xfe utf8", `bad \xff\xfe utf8`},
		{"\ufeffbom", `\ufeffbom`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			if got := Escape(tt.in); got != tt.want {
				t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestLine(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"policy.json:1:2: error GR-4: x", "policy.json:1:2: error GR-4: x"},
		{"::error title=Forged::gate passed", `\::error title=Forged::gate passed`},
		{"  ::warning::x", `  \::warning::x`},
		{"\t::set-output name=x::y", `\t::set-output name=x::y`}, // the tab is escaped, so no command either
		{"##vso[task.setvariable variable=x]y", `\##vso[task.setvariable variable=x]y`},
		{"##[error]x", `\##[error]x`},
		{"ok\n::error::injected", `ok\n::error::injected`},
		{"a::b", "a::b"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			if got := Line(tt.in); got != tt.want {
				t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestLines(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"a\n  b\tc\n", "a\n  b\tc\n"},
		{"head\n::error::x\n  ::notice::y\n", "head\n\\::error::x\n  \\::notice::y\n"},
		{"\x1b[2Jclear\n", "\\x1b[2Jclear\n"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			if got := Lines(tt.in); got != tt.want {
				t.Errorf("Lines(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// isSafeLine is the property every Line result has.
func isSafeLine(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if needsEscape(r) {
			return false
		}
	}
	rest := strings.TrimLeft(s, " ")
	for _, p := range commandPrefixes {
		if strings.HasPrefix(rest, p) {
			return false
		}
	}
	return true
}

func FuzzLine(f *testing.F) {
	for _, s := range []string{"", "::error::x", "a\nb", "\x1b[31m", "\u202e", "\xff", "  ##vso[x]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Line(s)
		if !isSafeLine(got) {
			t.Fatalf("Line(%q) = %q is not safe", s, got)
		}
		if e := Escape(s); e == s && strings.ContainsFunc(s, needsEscape) {
			t.Fatalf("Escape(%q) left it unchanged", s)
		}
	})
}
