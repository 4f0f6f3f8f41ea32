// Package textsafe escapes untrusted values for text output read by people
// and by CI runners: a policy's Sid, a resource address or a file name must
// not be able to start a new log line, move the cursor, reorder text, or
// forge a CI workflow command (GitHub Actions "::error ...::", Azure
// Pipelines "##vso[...]" and "##[...]").
//
// Escape works on one value, Line on a whole output line, Lines on a block
// of lines whose values were escaped. A backslash is left as it is, so
// ordinary text (ARNs, paths) prints unchanged; an escaped control
// character reads as \n, \t, \x1b or \u2028.
package textsafe

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// needsEscape reports whether r must be escaped: C0 and C1 controls, DEL,
// the Unicode line and paragraph separators, and the bidirectional
// formatting characters (which can make text read differently from what it
// is, CVE-2021-42574).
func needsEscape(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x2028, r == 0x2029: // line, paragraph separator
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	case r == 0xfeff: // zero width no-break space (BOM)
		return true
	}
	return false
}

// Escape returns s with control characters, line separators and
// bidirectional formatting characters written as escapes (\n, \t, \r,
// \x1b, \u2028) and invalid UTF-8 bytes as \xNN. The result has no line
// break. s is returned as is when nothing needs escaping.
func Escape(s string) string {
	i := 0
	for i < len(s) {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size <= 1) || needsEscape(r) {
			break
		}
		i += size
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteString(`\x`)
			b.WriteString(hex2(s[i]))
		case !needsEscape(r):
			b.WriteString(s[i : i+size])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x80:
			b.WriteString(`\x`)
			b.WriteString(hex2(byte(r)))
		default:
			b.WriteString(`\u`)
			h := strconv.FormatInt(int64(r), 16)
			b.WriteString(strings.Repeat("0", 4-len(h)))
			b.WriteString(h)
		}
		i += size
	}
	return b.String()
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&0xf]})
}

// commandPrefixes start CI workflow commands when a log line begins with
// them, after leading white space (GitHub Actions trims it).
var commandPrefixes = []string{"::", "##[", "##vso["}

// neutralize puts a backslash before a workflow command prefix at the
// start of line (after leading spaces and tabs).
func neutralize(line string) string {
	rest := strings.TrimLeft(line, " \t")
	for _, p := range commandPrefixes {
		if strings.HasPrefix(rest, p) {
			indent := line[:len(line)-len(rest)]
			return indent + `\` + rest
		}
	}
	return line
}

// Line escapes s (see Escape) and neutralizes a CI workflow command at its
// start, so that it prints as one inert log line: "::error::x" becomes
// "\::error::x".
func Line(s string) string { return neutralize(Escape(s)) }

// Lines neutralizes a CI workflow command at the start of every line of
// text, a block whose values were already escaped with Escape (so its line
// breaks are its own), and escapes control characters other than "\n"
// and "\t".
func Lines(text string) string {
	lines := strings.Split(text, "\n")
	changed := false
	for i, l := range lines {
		parts := strings.Split(l, "\t")
		for j, p := range parts {
			parts[j] = Escape(p)
		}
		n := neutralize(strings.Join(parts, "\t"))
		if n != l {
			lines[i] = n
			changed = true
		}
	}
	if !changed {
		return text
	}
	return strings.Join(lines, "\n")
}
