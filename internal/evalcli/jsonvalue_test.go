package evalcli

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestParseJSONValid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		src  string
	}{
		{"object", `{"a": 1, "b": [true, false, null], "c": {"d": "e"}}`},
		{"empty containers", `{"a": {}, "b": []}`},
		{"numbers", `[0, -1, 1.5, 2e10, -3.25E-2, 10]`},
		{"escapes", `"\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"`},
		{"utf-8", `"héllo wörld ✓"`},
		{"whitespace", " \t\r\n {\"a\" : \"b\" } \n"},
		{"lone surrogate", `"\ud800x"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v, err := parseJSON([]byte(tt.src))
			noError(t, err)
			equal(t, "value text", strings.TrimSpace(tt.src[v.start:v.end]), strings.TrimSpace(tt.src))
			if v.kind == jsonString {
				var want string
				noError(t, json.Unmarshal([]byte(tt.src), &want))
				equal(t, "decoded string", v.text, want)
			}
		})
	}
}

func TestParseJSONErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		src     string
		wantMsg string
		wantOff int
		wantEOF bool
	}{
		{"trailing comma", `{"a": 1,}`, "looking for an object key", 8, false},
		{"missing colon", `{"a" 1}`, "expected ':'", 5, false},
		{"unquoted key", `{a: 1}`, "looking for an object key", 1, false},
		{"bad literal", `[tru]`, "in literal true", 4, false},
		{"leading zero ok, then junk", `01`, "after the JSON value", 1, false},
		{"bad number", `-x`, "in number", 1, false},
		{"bad fraction", `1.`, "after decimal point", 2, false},
		{"control char", "\"a\tb\"", "invalid control character", 2, false},
		{"invalid utf-8", "\"a\xffb\"", "invalid UTF-8", 2, false},
		{"bad escape", `"\x"`, `invalid escape sequence \x`, 2, false},
		{"bad unicode escape", `"\u12g4"`, `in \u escape`, 5, false},
		{"unterminated string", `{"a": "b`, "in string", 8, true},
		{"unterminated object", `{"a": 1`, "in object", 7, true},
		{"empty", ``, "looking for a value", 0, true},
		{"two values", `{} {}`, "after the JSON value", 3, false},
		{"too deep", strings.Repeat("[", maxDepth+1) + strings.Repeat("]", maxDepth+1), "nested deeper than 512", maxDepth, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := parseJSON([]byte(tt.src))
			var se *syntaxError
			if !errors.As(err, &se) {
				t.Fatalf("err = %v, want a syntax error", err)
			}
			contains(t, "message", se.msg, tt.wantMsg)
			equal(t, "offset", se.off, tt.wantOff)
			equal(t, "eof", se.eof, tt.wantEOF)
		})
	}
}

func TestParseJSONDepthLimitAccepted(t *testing.T) {
	t.Parallel()
	src := strings.Repeat("[", maxDepth) + strings.Repeat("]", maxDepth)
	_, err := parseJSON([]byte(src))
	noError(t, err)
}

func TestParseJSONSkippingKeepsBounds(t *testing.T) {
	t.Parallel()
	src := []byte(`{"requests": [{"id": 1}, {"id": 2}], "other": {"x": [1]}}`)
	v, err := parseJSONSkipping(src, "requests")
	noError(t, err)
	r := v.get("requests")
	equal(t, "requests kind", r.kind, jsonArray)
	equal(t, "requests elements built", len(r.elems), 0)
	equal(t, "requests text", string(src[r.start:r.end]), `[{"id": 1}, {"id": 2}]`)
	equal(t, "other built", len(v.get("other").members), 1)

	var ids []string
	noError(t, forEachElement(src, r, func(i int, e *jsonValue) error {
		ids = append(ids, e.get("id").text)
		return nil
	}))
	equal(t, "ids", strings.Join(ids, ","), "1,2")
}

func TestParseJSONLastDuplicateWins(t *testing.T) {
	t.Parallel()
	v, err := parseJSON([]byte(`{"a": 1, "a": 2}`))
	noError(t, err)
	equal(t, "a", v.get("a").text, "2")
	equal(t, "members kept", len(v.members), 2)
}

// The parser must accept exactly what encoding/json accepts.
func FuzzParseJSON(f *testing.F) {
	for _, s := range []string{`{}`, `[1,2]`, `"\u00e9"`, `{"a":[{"b":null}]}`, `1e5`, "\"\xff\"", `{"a":1,}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		_, err := parseJSON(src)
		if want := json.Valid(src); (err == nil) != want {
			// encoding/json accepts invalid UTF-8 in strings (it replaces it);
			// this parser rejects it on purpose (GR-12).
			if want && !isValidUTF8Strings(src) {
				return
			}
			t.Fatalf("parseJSON(%q) err = %v, json.Valid = %v", src, err, want)
		}
	})
}

func isValidUTF8Strings(src []byte) bool {
	return bytes.Equal(bytes.ToValidUTF8(src, []byte("\ufffd")), src)
}

// TestPlainASCIIEndAgrees checks the eight-bytes-at-a-time scan against a
// byte loop: every byte value at every offset of a 20-byte window, behind
// plain, special and non-ASCII neighbours.
func TestPlainASCIIEndAgrees(t *testing.T) {
	t.Parallel()
	byteLoop := func(src []byte, i int) int {
		for ; i < len(src); i++ {
			if c := src[i]; c == '"' || c == '\\' || c < 0x20 || c >= 0x80 {
				return i
			}
		}
		return i
	}
	tests := []struct {
		name  string
		fill  byte
		after byte // written after the probe byte, to catch borrows
	}{
		{"plain", 'a', 'a'},
		{"quote after", 'a', '"'},
		{"control after", 'z', 0x1f},
		{"non-ASCII after", '~', 0xc3},
		{"space fill", ' ', '\\'},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for c := 0; c < 256; c++ {
				for at := 0; at < 20; at++ {
					src := bytes.Repeat([]byte{tt.fill}, 20)
					src[at] = byte(c)
					if at+1 < len(src) {
						src[at+1] = tt.after
					}
					for from := 0; from <= at; from++ {
						if got, want := plainASCIIEnd(src, from), byteLoop(src, from); got != want {
							t.Fatalf("byte %#x at %d, from %d: got %d, want %d", c, at, from, got, want)
						}
					}
				}
			}
		})
	}
}
