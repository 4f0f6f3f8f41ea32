package evalcli

import (
	"bytes"
	"encoding/json"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// Case is one request with the policy set it is decided against.
type Case struct {
	// ID is the case id exactly as written (JSON text: a number stays a
	// number, a string a string); nil when the case has none.
	ID      []byte
	Set     evaluator.PolicySet
	Request evaluator.Request
}

// DecodeCase decodes one JSON-lines case. line is the input line number,
// used in error messages. The Case points into src (policy bytes, strings):
// src must not be modified while the Case is in use. On error the returned Case still carries the id
// when it could be read, so the error can be reported against it.
func DecodeCase(src []byte, line int) (Case, error) {
	m := lineMap{src: src, firstLine: line}
	v, err := parseJSON(src)
	if err != nil {
		return Case{}, m.inputError(err)
	}
	c, err := decodeCaseValue(src, &v)
	if err != nil {
		return c, m.inputError(err)
	}
	return c, nil
}

func decodeCaseValue(src []byte, v *jsonValue) (Case, error) {
	var c Case
	if v.kind != jsonObject {
		return c, newFieldError(v, "", "a case must be a JSON object, not %s", v.kind)
	}
	c.ID = rawID(src, v)
	if err := decodePolicySet(src, v, &c.Set); err != nil {
		return c, err
	}
	req := present(v, "request")
	if req == nil {
		return c, newFieldError(v, "", "missing \"request\"")
	}
	if err := decodeRequestFields(req, "/request", &c.Request); err != nil {
		return c, err
	}
	defaultResourceAccount(&c.Request, "")
	return c, nil
}

// rawID returns the "id" member of obj as written, on one line.
func rawID(src []byte, obj *jsonValue) []byte {
	id := obj.get("id")
	if id == nil {
		return nil
	}
	raw := src[id.start:id.end:id.end]
	if id.kind == jsonObject || id.kind == jsonArray {
		var b bytes.Buffer
		if json.Compact(&b, raw) == nil {
			return b.Bytes()
		}
	}
	return raw
}
