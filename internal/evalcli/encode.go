package evalcli

import (
	"strconv"
	"unicode/utf8"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/textsafe"
)

// Output lines are built by appending to a reused buffer: one decision costs
// a few hundred bytes and no reflection (the batch path writes 10,000 of
// them in a few milliseconds).

// appendResultLine appends one output line for a decided request:
// {"id", "decision", "matchedStatements", "blockedBy", "missingContextKeys",
// "unknowns", "possible", "notes", "error", "findings"}, empty fields left out.
func appendResultLine(dst, id []byte, res *evaluator.Result) []byte {
	dst = appendIDAndDecision(dst, id, string(res.Decision))
	if len(res.MatchedStatements) > 0 {
		dst = append(dst, `,"matchedStatements":[`...)
		for i := range res.MatchedStatements {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendMatchedStatement(dst, &res.MatchedStatements[i])
		}
		dst = append(dst, ']')
	}
	dst = appendStringsField(dst, "blockedBy", res.BlockedBy)
	dst = appendStringsField(dst, "missingContextKeys", res.MissingContextKeys)
	dst = appendListField(dst, "unknowns", res.Unknowns, evaluator.Reason.String)
	if len(res.Possible) > 0 {
		dst = append(dst, `,"possible":[`...)
		for i, d := range res.Possible {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendString(dst, string(d))
		}
		dst = append(dst, ']')
	}
	dst = appendListField(dst, "notes", res.Notes, evaluator.Reason.String)
	if res.Error != nil {
		dst = append(dst, `,"error":`...)
		dst = appendString(dst, res.Error.Message)
	}
	if len(res.Findings) > 0 {
		dst = append(dst, `,"findings":[`...)
		for i := range res.Findings {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendFinding(dst, "", &res.Findings[i])
		}
		dst = append(dst, ']')
	}
	return append(dst, '}', '\n')
}

// appendErrorLine appends the line of a case the input layer rejected.
func appendErrorLine(dst, id []byte, err error) []byte {
	dst = appendIDAndDecision(dst, id, string(evaluator.DecisionError))
	dst = append(dst, `,"error":`...)
	dst = appendString(dst, err.Error())
	return append(dst, '}', '\n')
}

func appendIDAndDecision(dst, id []byte, decision string) []byte {
	dst = append(dst, `{"id":`...)
	if id == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, id...)
	}
	dst = append(dst, `,"decision":`...)
	return appendString(dst, decision)
}

func appendMatchedStatement(dst []byte, m *evaluator.MatchedStatement) []byte {
	dst = append(dst, `{"policy":`...)
	dst = appendString(dst, m.Policy)
	dst = append(dst, `,"policyType":`...)
	dst = appendString(dst, string(m.PolicyType))
	dst = append(dst, `,"sid":`...)
	dst = appendString(dst, m.Sid)
	dst = append(dst, `,"effect":`...)
	dst = appendString(dst, m.Effect.String())
	if m.Level >= 0 && (m.PolicyType == evaluator.PolicySCP || m.PolicyType == evaluator.PolicyRCP) {
		dst = append(dst, `,"level":`...)
		dst = strconv.AppendInt(dst, int64(m.Level), 10)
	}
	if m.Applies == evaluator.TriUnknown {
		dst = append(dst, `,"applies":`...)
		dst = appendString(dst, m.Applies.String())
	}
	return append(dst, '}')
}

// appendFinding appends a finding object; file is left out when empty.
func appendFinding(dst []byte, file string, f *evaluator.Finding) []byte {
	dst = append(dst, '{')
	if file != "" {
		dst = append(dst, `"file":`...)
		dst = appendString(dst, file)
		dst = append(dst, ',')
	}
	dst = append(dst, `"severity":`...)
	dst = appendString(dst, string(f.Severity))
	dst = append(dst, `,"code":`...)
	dst = appendString(dst, f.Code)
	dst = append(dst, `,"message":`...)
	dst = appendString(dst, f.Message)
	dst = append(dst, `,"pointer":`...)
	dst = appendString(dst, f.Pointer)
	dst = append(dst, `,"line":`...)
	dst = strconv.AppendInt(dst, int64(f.Line), 10)
	dst = append(dst, `,"column":`...)
	dst = strconv.AppendInt(dst, int64(f.Column), 10)
	return append(dst, '}')
}

func appendStringsField(dst []byte, name string, values []string) []byte {
	return appendListField(dst, name, values, func(s string) string { return s })
}

// appendListField appends `,"name":[...]` with the text of each value; an
// empty list is left out.
func appendListField[T any](dst []byte, name string, values []T, text func(T) string) []byte {
	if len(values) == 0 {
		return dst
	}
	dst = append(dst, ',', '"')
	dst = append(dst, name...)
	dst = append(dst, `":[`...)
	for i := range values {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendString(dst, text(values[i]))
	}
	return append(dst, ']')
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string. Like encoding/json it escapes
// control characters, '<', '>', '&', U+2028 and U+2029, and replaces
// invalid UTF-8 with U+FFFD.
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// appendExplainHeader starts one --explain block: "== id <id>".
func appendExplainHeader(dst, id []byte) []byte {
	dst = append(dst, "== id "...)
	if id == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, textsafe.Escape(string(id))...)
	}
	return append(dst, '\n')
}

// appendNewlines ends an --explain block with one newline and a blank line.
func appendNewlines(dst []byte) []byte {
	for len(dst) > 0 && dst[len(dst)-1] == '\n' {
		dst = dst[:len(dst)-1]
	}
	return append(dst, '\n', '\n')
}
