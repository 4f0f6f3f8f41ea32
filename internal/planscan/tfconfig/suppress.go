package tfconfig

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// Suppression is an inline suppression in the source, a comment
//
//	# planscan:ignore RULE reason="why" expires=2027-03-31
//
// (or //, or /* */) in the lines directly above a resource or data block
// or inside it; it silences that block's results of RULE (a glob) and only
// those. The reason is required; expires is optional (the last day, UTC,
// it applies).
type Suppression struct {
	Rule    string
	Reason  string
	Expires time.Time // zero: never expires
	File    string
	Line    int
	Column  int
}

// Pos is file:line:col of the comment.
func (s Suppression) Pos() string { return fmt.Sprintf("%s:%d:%d", s.File, s.Line, s.Column) }

// ignoreDirective starts a suppression comment's text.
const ignoreDirective = "planscan:ignore"

// ParseIgnore reads the text of one comment, with its delimiters (# ...,
// // ..., /* ... */). ok is false when the comment is not a
// planscan:ignore directive; err says what is wrong with one that is
// (no rule, no reason, a bad expires date, an unknown or repeated field).
func ParseIgnore(comment string) (s Suppression, ok bool, err error) {
	text := strings.TrimSpace(comment)
	switch {
	case strings.HasPrefix(text, "#"):
		text = text[1:]
	case strings.HasPrefix(text, "//"):
		text = text[2:]
	case strings.HasPrefix(text, "/*"):
		text = strings.TrimSuffix(text[2:], "*/")
	default:
		return Suppression{}, false, nil
	}
	text = strings.TrimSpace(text)
	rest, found := strings.CutPrefix(text, ignoreDirective)
	if !found || (rest != "" && !unicode.IsSpace(rune(rest[0]))) {
		return Suppression{}, false, nil
	}
	rest = strings.TrimSpace(rest)
	rule, rest, _ := strings.Cut(rest, " ")
	if rule == "" || strings.Contains(rule, "=") {
		return Suppression{}, true, fmt.Errorf("%s needs a rule id first (%s RULE reason=\"...\")", ignoreDirective, ignoreDirective)
	}
	s.Rule = rule
	seen := map[string]bool{}
	for rest = strings.TrimSpace(rest); rest != ""; rest = strings.TrimSpace(rest) {
		key, after, hasEq := strings.Cut(rest, "=")
		if !hasEq || key == "" || strings.ContainsAny(key, " \t") {
			return s, true, fmt.Errorf("%s %s: want key=value, not %q", ignoreDirective, rule, firstWord(rest))
		}
		var val string
		if strings.HasPrefix(after, `"`) {
			q, err := strconv.QuotedPrefix(after)
			if err != nil {
				return s, true, fmt.Errorf("%s %s: %s: unterminated or malformed quoted value", ignoreDirective, rule, key)
			}
			val, _ = strconv.Unquote(q)
			rest = after[len(q):]
		} else {
			val = firstWord(after)
			rest = after[len(val):]
		}
		if seen[key] {
			return s, true, fmt.Errorf("%s %s: %s given twice", ignoreDirective, rule, key)
		}
		seen[key] = true
		switch key {
		case "reason":
			s.Reason = strings.TrimSpace(val)
		case "expires":
			t, err := time.Parse(time.DateOnly, val)
			if err != nil {
				return s, true, fmt.Errorf("%s %s: expires %q is not a date YYYY-MM-DD", ignoreDirective, rule, val)
			}
			s.Expires = t
		default:
			return s, true, fmt.Errorf("%s %s: unknown field %q (want reason and expires)", ignoreDirective, rule, key)
		}
	}
	if s.Reason == "" {
		return s, true, fmt.Errorf("%s %s: a reason is required (reason=\"...\")", ignoreDirective, rule)
	}
	return s, true, nil
}

func firstWord(s string) string {
	if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
		return s[:i]
	}
	return s
}

// span is a resource or data block of one file: its header line and the
// line of its closing brace.
type span struct {
	res        *Resource
	head, last int
}

// inlineSuppressions reads the planscan:ignore comments of a native-syntax
// file (hclsyntax's lexer gives the comments) and gives each to the block
// it sits in or directly above. A directive that is malformed, or that is
// next to no block, is a diagnostic and is not applied.
func inlineSuppressions(src []byte, filename string, blocks []span) []Diagnostic {
	toks, _ := hclsyntax.LexConfig(src, filename, hcl.InitialPos)
	commentOnly := map[int]bool{} // lines holding nothing but comments
	var comments []hclsyntax.Token
	for i, t := range toks {
		if t.Type != hclsyntax.TokenComment {
			continue
		}
		comments = append(comments, t)
		if i == 0 || toks[i-1].Type == hclsyntax.TokenNewline || toks[i-1].Type == hclsyntax.TokenComment {
			last := t.Range.End.Line
			if t.Range.End.Column == 1 && last > t.Range.Start.Line {
				last-- // a line comment ends with its newline
			}
			for l := t.Range.Start.Line; l <= last; l++ {
				commentOnly[l] = true
			}
		}
	}
	sort.Slice(blocks, func(i, j int) bool { return blocks[i].head < blocks[j].head })
	owner := func(line int) *Resource {
		for _, b := range blocks {
			if line >= b.head && line <= b.last {
				return b.res // inside the block
			}
			if line < b.head {
				for l := line; l < b.head; l++ {
					if !commentOnly[l] {
						return nil
					}
				}
				return b.res // in the comment lines directly above it
			}
		}
		return nil
	}
	var diags []Diagnostic
	for _, t := range comments {
		s, ok, err := ParseIgnore(string(t.Bytes))
		if !ok {
			continue
		}
		at := Diagnostic{File: filename, Line: t.Range.Start.Line}
		if err != nil {
			at.Summary = err.Error() + "; the suppression is not applied"
			diags = append(diags, at)
			continue
		}
		r := owner(t.Range.Start.Line)
		if r == nil {
			at.Summary = fmt.Sprintf("%s %s is neither inside nor directly above a resource or data block; it is not applied", ignoreDirective, s.Rule)
			diags = append(diags, at)
			continue
		}
		s.File, s.Line, s.Column = filename, t.Range.Start.Line, t.Range.Start.Column
		r.Suppressions = append(r.Suppressions, s)
	}
	return diags
}

// Suppressions are the inline suppressions of the block a resource
// address belongs to (every instance of a count/for_each block shares
// them); nil when the source does not declare it.
func (c *Config) Suppressions(address string) []Suppression {
	if r, _, _ := c.resource(address); r != nil {
		return r.Suppressions
	}
	return nil
}

// AllSuppressions lists every inline suppression of the root module and
// the modules it calls (each comment once), by position.
func (c *Config) AllSuppressions() []Suppression {
	if c == nil || c.Root == nil {
		return nil
	}
	var out []Suppression
	seen := map[string]bool{}
	var walk func(m *Module, depth int)
	walk = func(m *Module, depth int) {
		if m == nil || depth > maxModuleDepth {
			return
		}
		for _, r := range m.Resources {
			for _, s := range r.Suppressions {
				if !seen[s.Pos()] {
					seen[s.Pos()] = true
					out = append(out, s)
				}
			}
		}
		for _, call := range m.Calls {
			walk(call.Module, depth+1)
		}
	}
	walk(c.Root, 0)
	sort.Slice(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Line < out[j].Line || out[i].Line == out[j].Line && out[i].Column < out[j].Column
	})
	return out
}
