package tfplan

import (
	"bytes"
	"encoding/json"
)

// topLevelValues returns the members of the JSON object data, by key, as
// json.Unmarshal into a map[string]json.RawMessage would (keys unescaped,
// the last of duplicate keys wins), without checking the syntax again:
// data must be one valid JSON object. It skips over the values instead of
// scanning them with encoding/json's state machine, twice (issue 8: the
// 7 MB plan of 4,600 resources).
func topLevelValues(data []byte) map[string]json.RawMessage {
	top := map[string]json.RawMessage{}
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return top
	}
	i++
	for {
		i = skipSpace(data, i)
		if i >= len(data) || data[i] != '"' {
			return top // '}' (or not an object after all)
		}
		end := skipString(data, i)
		key := objectKey(data[i:end])
		i = skipSpace(data, end)
		if i >= len(data) || data[i] != ':' {
			return top
		}
		i = skipSpace(data, i+1)
		start := i
		i = skipValue(data, i)
		top[key] = data[start:i:i]
		i = skipSpace(data, i)
		if i >= len(data) || data[i] != ',' {
			return top
		}
		i++
	}
}

// objectKey is the string a quoted JSON key (quotes included) decodes to.
func objectKey(quoted []byte) string {
	plain := bytes.IndexByte(quoted, '\\') < 0
	for _, c := range quoted {
		if c >= 0x80 || c < 0x20 {
			plain = false // encoding/json replaces invalid UTF-8
			break
		}
	}
	if plain {
		return string(quoted[1 : len(quoted)-1])
	}
	var s string
	_ = json.Unmarshal(quoted, &s)
	return s
}

func skipSpace(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// skipString returns the index after the string starting at data[i] ('"').
func skipString(data []byte, i int) int {
	for i++; i < len(data); i++ {
		switch data[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(data)
}

// skipValue returns the index after the valid JSON value at data[i].
func skipValue(data []byte, i int) int {
	if i >= len(data) {
		return i
	}
	switch data[i] {
	case '"':
		return skipString(data, i)
	case '{', '[':
		depth := 0
		for i < len(data) {
			switch data[i] {
			case '"':
				i = skipString(data, i)
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return i
	}
	for i < len(data) { // a number, true, false or null
		switch data[i] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return i
		}
		i++
	}
	return i
}
