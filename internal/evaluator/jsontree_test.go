package evaluator

import (
	"bytes"
	"encoding/json"
	"runtime"
	"strings"
	"testing"
)

func mustParseJSON(t *testing.T, doc string) *jsonTree {
	t.Helper()
	tree, err := parseJSON([]byte(doc), jsonLimits{})
	if err != nil {
		t.Fatalf("parseJSON(%q): %v", doc, err)
	}
	return tree
}

func TestParseJSONSyntaxErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, doc string
		line, col int
		msg       string
		kind      jsonErrKind
	}{
		{"empty", "", 1, 1, "empty", jsonErrSyntax},
		{"only whitespace", " \n ", 2, 2, "empty", jsonErrSyntax},
		{"trailing comma in object", "{\n  \"a\": 1,\n}", 3, 1, "trailing comma before '}'", jsonErrSyntax},
		{"trailing comma in array", `[1, 2, ]`, 1, 8, "trailing comma before ']'", jsonErrSyntax},
		{"line comment", "{\n // note\n \"a\": 1}", 2, 2, "comments are not allowed", jsonErrSyntax},
		{"block comment value", `{"a": /* x */ 1}`, 1, 7, "comments are not allowed", jsonErrSyntax},
		{"NaN", `{"a": NaN}`, 1, 7, "NaN", jsonErrSyntax},
		{"Infinity", `[Infinity]`, 1, 2, "Infinity", jsonErrSyntax},
		{"leading plus", `[+1]`, 1, 2, "leading +", jsonErrSyntax},
		{"leading zero", `{"Account": 0123}`, 1, 13, "leading zeros", jsonErrSyntax},
		{"negative leading zero", `[-01]`, 1, 2, "leading zeros", jsonErrSyntax},
		{"bare minus", `[-]`, 1, 3, "digit after '-'", jsonErrSyntax},
		{"dot without digits", `[1.]`, 1, 4, "decimal point", jsonErrSyntax},
		{"exponent without digits", `[1e+]`, 1, 5, "exponent", jsonErrSyntax},
		{"raw newline in string", "{\"a\": \"x\ny\"}", 1, 9, "control character U+000A", jsonErrSyntax},
		{"raw tab in string", "[\"a\tb\"]", 1, 4, "control character U+0009", jsonErrSyntax},
		{"bad escape", `["a\x"]`, 1, 4, `invalid escape "\\x"`, jsonErrSyntax},
		{"short unicode escape", `["\u12"]`, 1, 3, "four hexadecimal digits", jsonErrSyntax},
		{"lone high surrogate", `["\ud800"]`, 1, 3, "high surrogate", jsonErrSurrogate},
		{"high surrogate then letter", `["\ud800\u0041"]`, 1, 3, "high surrogate", jsonErrSurrogate},
		{"lone low surrogate", `["x\udc00"]`, 1, 4, "lone low surrogate", jsonErrSurrogate},
		{"invalid UTF-8", "{\"a\": \"caf\xe9\"}", 1, 11, "invalid UTF-8 byte 0xe9", jsonErrUTF8},
		{"invalid UTF-8 outside string", "[\xff]", 1, 2, "byte 0xff", jsonErrSyntax},
		{"single quotes value", `{"a": 'b'}`, 1, 7, "double quotes", jsonErrSyntax},
		{"single quoted key", `{'a': 1}`, 1, 2, "double quotes", jsonErrSyntax},
		{"unquoted key", `{a: 1}`, 1, 2, "double-quoted member name", jsonErrSyntax},
		{"missing colon", `{"a" 1}`, 1, 6, "expected ':'", jsonErrSyntax},
		{"missing comma", "{\"a\": 1\n \"b\": 2}", 2, 2, "expected ',' or '}'", jsonErrSyntax},
		{"unterminated object", `{"a": 1`, 1, 1, "unterminated object", jsonErrSyntax},
		{"unterminated array", `[1, 2`, 1, 1, "unterminated array", jsonErrSyntax},
		{"unterminated string", `{"a": "xyz`, 1, 7, "unterminated string", jsonErrSyntax},
		{"capital True", `[True]`, 1, 2, "invalid character 'T'", jsonErrSyntax},
		{"truncated literal", `[tru]`, 1, 2, `expected "true"`, jsonErrSyntax},
		{"two top-level values", `{} {}`, 1, 4, "after the end of the top-level value", jsonErrSyntax},
		{"byte order mark", "\xef\xbb\xbf{}", 1, 1, "byte order mark", jsonErrBOM},
		{"too deep", strings.Repeat("[", 65) + strings.Repeat("]", 65), 1, 65, "nesting deeper than 64", jsonErrDepth},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := parseJSON([]byte(tc.doc), jsonLimits{})
			if err == nil {
				t.Fatalf("parseJSON(%q) succeeded, want an error containing %q", tc.doc, tc.msg)
			}
			if err.Line != tc.line || err.Column != tc.col || !strings.Contains(err.Msg, tc.msg) || err.kind != tc.kind {
				t.Errorf("parseJSON(%q) = %q (kind %d), want line %d, column %d, %q (kind %d)", tc.doc, err.Error(), err.kind, tc.line, tc.col, tc.msg, tc.kind)
			}
			if !strings.HasPrefix(err.Error(), "line ") {
				t.Errorf("Error() = %q, want it to start with \"line L, column C:\"", err.Error())
			}
		})
	}
}

func TestParseJSONValues(t *testing.T) {
	t.Parallel()
	tree := mustParseJSON(t, `{"s": "a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00", "n": -1.5e+3, "t": true, "f": false, "z": null, "a": [], "o": {}, "u": "é€"}`)
	root := tree.kidsOf(0)
	want := []struct {
		key  string
		kind jsonKind
		text string
	}{
		{"s", jsonString, "a\"b\\c/d\b\f\n\r\té😀"},
		{"n", jsonNumber, "-1.5e+3"},
		{"t", jsonTrue, "true"},
		{"f", jsonFalse, "false"},
		{"z", jsonNull, "null"},
		{"a", jsonArray, ""},
		{"o", jsonObject, ""},
		{"u", jsonString, "é€"},
	}
	if len(root) != 2*len(want) {
		t.Fatalf("root has %d kids, want %d", len(root), 2*len(want))
	}
	for i, w := range want {
		k, v := tree.text(root[2*i]), tree.nodes[root[2*i+1]]
		if vt := tree.text(root[2*i+1]); k != w.key || v.kind != w.kind || vt != w.text {
			t.Errorf("member %d = %q: %v %q, want %q: %v %q", i, k, v.kind, vt, w.key, w.kind, w.text)
		}
	}
}

func TestParseJSONDuplicatesAndPointers(t *testing.T) {
	t.Parallel()
	// GR-2: repeated keys are kept in order and flagged.
	tree := mustParseJSON(t, "{\n \"a/b\": [1, {\"m~n\": 2, \"m~n\": 3}],\n \"a/b\": 4\n}")
	if len(tree.dups) != 2 {
		t.Fatalf("dups = %v, want 2 pairs", tree.dups)
	}
	for _, d := range tree.dups {
		if tree.nodes[d.first].flags&jsonFlagDupLater == 0 || tree.nodes[d.later].flags&jsonFlagDupEarlier == 0 {
			t.Errorf("dup %v not flagged", d)
		}
	}
	var inner int32 = -1
	for i, n := range tree.nodes {
		if n.kind == jsonNumber && tree.text(int32(i)) == "3" {
			inner = int32(i)
		}
	}
	if got, want := tree.pointerOf(inner), "/a~1b/1/m~0n"; got != want {
		t.Errorf("pointerOf(3) = %q, want %q", got, want)
	}
	p := tree.pos(inner, "")
	if p.Line != 2 || p.Column != 31 {
		t.Errorf("pos of 3 = %d:%d, want 2:31", p.Line, p.Column)
	}
	if got := tree.pointerOf(0); got != "" {
		t.Errorf("pointerOf(root) = %q, want empty", got)
	}
}

func TestParseJSONManyDuplicateKeysUseMap(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("{")
	for i := 0; i < 40; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`"k` + itoa(i%20) + `": 1`)
	}
	b.WriteString("}")
	tree := mustParseJSON(t, b.String())
	if len(tree.dups) != 20 {
		t.Errorf("dups = %d, want 20", len(tree.dups))
	}
}

func TestParseJSONDeepNestingDoesNotRecurse(t *testing.T) {
	t.Parallel()
	for _, open := range []string{"[", `{"a":`} {
		doc := strings.Repeat(open, 10000)
		_, err := parseJSON([]byte(doc), jsonLimits{})
		if err == nil || err.kind != jsonErrDepth {
			t.Fatalf("10,000-deep %q: err = %v, want a depth error", open, err)
		}
	}
	if _, err := parseJSON([]byte(strings.Repeat("[", 64)+strings.Repeat("]", 64)), jsonLimits{}); err != nil {
		t.Errorf("64 levels: %v, want accepted", err)
	}
}

func TestParseJSONSizeLimit(t *testing.T) {
	t.Parallel()
	_, err := parseJSON([]byte(`{"a": "0123456789"}`), jsonLimits{maxBytes: 10})
	if err == nil || err.kind != jsonErrSize {
		t.Fatalf("err = %v, want a size error", err)
	}
}

// bigPolicy builds a realistic policy of at least n bytes.
func bigPolicy(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"Version": "2012-10-17", "Statement": [`)
	for i := 0; b.Len() < n; i++ {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteString(`{"Sid": "S` + itoa(i) + `", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "kms:Decrypt"],
  "Resource": ["arn:aws:s3:::bucket-` + itoa(i) + `/*", "arn:aws:kms:us-east-1:123456789012:key/abc"],
  "Condition": {"StringEquals": {"aws:PrincipalTag/team": ["a", "b"]}, "Bool": {"aws:SecureTransport": "true"}}}`)
	}
	b.WriteString("]}")
	return b.Bytes()
}

func TestParseJSONLargeDocumentBoundedMemory(t *testing.T) {
	// Not parallel: TotalAlloc is process-wide, so other tests must not run
	// meanwhile (sequential tests run before the parallel ones resume).
	doc := bigPolicy(10 << 20)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	// Its time is BenchmarkParseJSONLarge's to measure, not this test's.
	tree, err := parseJSON(doc, jsonLimits{})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	if ratio := float64(alloc) / float64(len(doc)); ratio > 6 {
		t.Errorf("parsing %d bytes allocated %d bytes (%.1fx the input), want at most 6x", len(doc), alloc, ratio)
	}
	if !json.Valid(doc) || len(tree.nodes) < 1000 {
		t.Errorf("unexpected tree: %d nodes", len(tree.nodes))
	}
}

// jsonTreeValue converts a tree to encoding/json's shape (last key wins),
// for comparison with json.Unmarshal.
func jsonTreeValue(t *jsonTree, n int32) any {
	node := t.nodes[n]
	switch node.kind {
	case jsonNull:
		return nil
	case jsonTrue:
		return true
	case jsonFalse:
		return false
	case jsonNumber:
		return json.Number(t.text(n))
	case jsonString:
		return t.text(n)
	case jsonArray:
		out := []any{}
		for _, k := range t.kidsOf(n) {
			out = append(out, jsonTreeValue(t, k))
		}
		return out
	}
	out := map[string]any{}
	kids := t.kidsOf(n)
	for i := 0; i < len(kids); i += 2 {
		out[t.text(kids[i])] = jsonTreeValue(t, kids[i+1])
	}
	return out
}
