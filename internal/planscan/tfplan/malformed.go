package tfplan

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// ErrMalformed is wrapped by every *TypeError: a value the model reads has
// the wrong JSON type. The plan is then refused (an input error), never read
// as if the value were absent: a corrupted plan must not pass the gate.
var ErrMalformed = errors.New("malformed plan")

// TypeError is a value of the wrong JSON type where the model reads one.
type TypeError struct {
	Address string // Terraform address of the resource instance ("" for the plan)
	Attr    string // attribute path such as change.after, inline_policy[0].policy
	Got     string // "a number", "an object", ...
	Want    string // "a string", "an object or null", ...
}

func (e *TypeError) Error() string {
	where := e.Attr
	if e.Address != "" {
		where = e.Address + ": " + e.Attr
	}
	return fmt.Sprintf("%s is %s, expected %s", where, e.Got, e.Want)
}

func (e *TypeError) Unwrap() error { return ErrMalformed }

// JSONType names the JSON type of a decoded value, with its article.
func JSONType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case float64, json.Number:
		return "a number"
	case string:
		return "a string"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("a %T", v)
}

// Problems collects the type errors found while reading one plan; the
// zero value is ready. It is not safe for concurrent use.
type Problems struct {
	errs []*TypeError
	seen map[string]bool
}

// Add records a value of the wrong type (once per address and attribute).
func (p *Problems) Add(address, attr string, v any, want string) {
	if p == nil {
		return
	}
	k := address + "\x00" + attr
	if p.seen[k] {
		return
	}
	if p.seen == nil {
		p.seen = map[string]bool{}
	}
	p.seen[k] = true
	p.errs = append(p.errs, &TypeError{Address: address, Attr: attr, Got: JSONType(v), Want: want})
}

// Err is nil when nothing was recorded, else an error listing every
// problem (sorted), which wraps ErrMalformed and the first *TypeError.
func (p *Problems) Err() error {
	if p == nil || len(p.errs) == 0 {
		return nil
	}
	errs := append([]*TypeError(nil), p.errs...)
	sort.SliceStable(errs, func(i, j int) bool {
		if errs[i].Address != errs[j].Address {
			return errs[i].Address < errs[j].Address
		}
		return errs[i].Attr < errs[j].Attr
	})
	return &MalformedError{Errs: errs}
}

// MalformedError lists the type errors of a plan.
type MalformedError struct{ Errs []*TypeError }

func (e *MalformedError) Error() string {
	const max = 10
	var b strings.Builder
	b.WriteString(ErrMalformed.Error())
	b.WriteString(": ")
	for i, t := range e.Errs {
		if i == max {
			fmt.Fprintf(&b, "; and %d more", len(e.Errs)-max)
			break
		}
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(t.Error())
	}
	return b.String()
}

func (e *MalformedError) Unwrap() []error {
	out := []error{ErrMalformed}
	for _, t := range e.Errs {
		out = append(out, t)
	}
	return out
}

// checkUnknownTree checks an after_unknown node u against the planned
// value v it describes: a boolean, or a list or object of nodes where the
// value is a list or object (Terraform marks a scalar, or a value unknown
// as a whole, with a boolean).
func checkUnknownTree(p *Problems, address, attr string, v, u any, depth int) {
	if depth > 64 {
		return // deeper than the model reads; the JSON parser bounds depth
	}
	switch t := u.(type) {
	case bool:
	case []any:
		l, isList := v.([]any)
		if !isList && depth > 0 {
			p.Add(address, attr, u, "a boolean (the planned value is "+JSONType(v)+")")
			return
		}
		for i, e := range t {
			var ev any
			if i < len(l) {
				ev = l[i]
			}
			checkUnknownTree(p, address, fmt.Sprintf("%s[%d]", attr, i), ev, e, depth+1)
		}
	case map[string]any:
		m, isObj := v.(map[string]any)
		if !isObj && depth > 0 {
			p.Add(address, attr, u, "a boolean (the planned value is "+JSONType(v)+")")
			return
		}
		for k, e := range t {
			checkUnknownTree(p, address, attr+"."+k, m[k], e, depth+1)
		}
	default:
		p.Add(address, attr, u, "a boolean, list or object (after_unknown)")
	}
}
