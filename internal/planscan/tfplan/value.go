package tfplan

import (
	"encoding/json"
	"strconv"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// Str is a string leaf of the model (PT-1): known (Value; "" when the
// attribute is null or absent) or known only after apply (Unknown set, with
// the Terraform address it depends on and any known prefix).
type Str struct {
	Value   string
	Unknown *evaluator.Unknown
}

// Known reports whether the value is known at plan time.
func (s Str) Known() bool { return s.Unknown == nil }

// Set reports whether the value is known and not empty.
func (s Str) Set() bool { return s.Unknown == nil && s.Value != "" }

func (s Str) String() string {
	if s.Unknown == nil {
		return s.Value
	}
	if s.Unknown.Prefix != "" {
		return s.Unknown.Prefix + "…(known after apply: " + s.Unknown.Reason + ")"
	}
	return "(known after apply: " + s.Unknown.Reason + ")"
}

func KnownStr(v string) Str { return Str{Value: v} }

func UnknownStr(reason, prefix string) Str {
	return Str{Unknown: &evaluator.Unknown{Reason: reason, Prefix: prefix}}
}

// scalarString renders a JSON scalar as a string ("" for null); ok is false
// for objects and lists.
func ScalarString(v any) (string, bool) {
	switch t := v.(type) {
	case nil:
		return "", true
	case string:
		return t, true
	case bool:
		return strconv.FormatBool(t), true
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64), true
	case json.Number:
		return t.String(), true
	}
	return "", false
}

// isUnknown reports whether an after_unknown node marks the whole value as
// unknown.
func IsUnknown(u any) bool {
	b, ok := u.(bool)
	return ok && b
}

// child returns the after_unknown node for a map key or list index.
func UnknownAtKey(u any, k string) any {
	if m, ok := u.(map[string]any); ok {
		return m[k]
	}
	return nil
}

func UnknownAtIndex(u any, i int) any {
	if l, ok := u.([]any); ok && i < len(l) {
		return l[i]
	}
	return nil
}

// strList reads a list or set of strings. The whole list may be unknown
// (whole set), or single elements (returned as unknown Strs).
func StrList(v any, unk any, reason string) (out []Str, whole *evaluator.Unknown) {
	if IsUnknown(unk) {
		return nil, &evaluator.Unknown{Reason: reason}
	}
	l, _ := v.([]any)
	for i, e := range l {
		if IsUnknown(UnknownAtIndex(unk, i)) {
			out = append(out, UnknownStr(reason, ""))
			continue
		}
		if s, ok := ScalarString(e); ok {
			out = append(out, KnownStr(s))
		}
	}
	return out, nil
}

// tagMap reads a map of strings (tags); unknown when the whole map is.
func TagMap(v any, unk any, reason string) (map[string]string, *evaluator.Unknown) {
	if IsUnknown(unk) {
		return nil, &evaluator.Unknown{Reason: reason}
	}
	m, _ := v.(map[string]any)
	if len(m) == 0 {
		return nil, nil
	}
	out := make(map[string]string, len(m))
	var u *evaluator.Unknown
	for k, e := range m {
		if IsUnknown(UnknownAtKey(unk, k)) {
			u = &evaluator.Unknown{Reason: reason + "." + k}
			continue
		}
		if s, ok := ScalarString(e); ok {
			out[k] = s
		}
	}
	return out, u
}
