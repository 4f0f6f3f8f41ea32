package evalcli

import (
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// decodeUnknown reads an unknown marker {"unknown": true, "reason"?, "prefix"?}
// (PT-1, PT-4). isMarker is false when v has no "unknown" member.
func decodeUnknown(v *jsonValue, ptr, defaultReason string) (u *evaluator.Unknown, isMarker bool, err error) {
	if v.kind != jsonObject {
		return nil, false, nil
	}
	flag := v.get("unknown")
	if flag == nil {
		return nil, false, nil
	}
	if flag.kind != jsonBool || flag.text != "true" {
		return nil, true, newFieldError(flag, pointerAppend(ptr, "unknown"), "an unknown marker needs \"unknown\": true")
	}
	out := evaluator.Unknown{Reason: defaultReason}
	for _, f := range []struct {
		key string
		dst *string
	}{{"reason", &out.Reason}, {"prefix", &out.Prefix}} {
		if s := present(v, f.key); s != nil {
			if s.kind != jsonString {
				return nil, true, newFieldError(s, pointerAppend(ptr, f.key), "must be a string, not %s", s.kind)
			}
			*f.dst = s.text
		}
	}
	return &out, true, nil
}

// decodeRequestFields reads the request members of obj (a case's "request"
// object, or a batch request) at pointer ptr into req. The resource account
// is left empty when not given (see defaultResourceAccount).
//
// Pointers below ptr are built only for an error: a valid request is
// decoded without allocating (besides its context's first use and the
// principal's parse, see principalCache).
func decodeRequestFields(obj *jsonValue, ptr string, req *evaluator.Request) error {
	return decodeRequestFieldsCached(obj, ptr, req, nil)
}

// decodeRequestFieldsCached is decodeRequestFields with the principal's
// parse taken from pc when the same principal text came before (pc may be
// nil). req.Context is added to: the caller resets it.
func decodeRequestFieldsCached(obj *jsonValue, ptr string, req *evaluator.Request, pc *principalCache) error {
	if obj.kind != jsonObject {
		return newFieldError(obj, ptr, "a request must be an object, not %s", obj.kind)
	}
	if err := decodePrincipal(obj, ptr, req, pc); err != nil {
		return err
	}
	action := present(obj, "action")
	if action == nil {
		return newFieldError(obj, ptr, "missing \"action\"")
	}
	if action.kind != jsonString {
		return newFieldError(action, pointerAppend(ptr, "action"), "must be a string such as \"s3:GetObject\", not %s", action.kind)
	}
	req.Action = action.text

	req.Resource = "*" // wildcard-only actions (RS-9); also the oracle's default
	if v := present(obj, "resource"); v != nil && v.kind == jsonString {
		req.Resource = v.text
	} else if v != nil {
		rptr := pointerAppend(ptr, "resource")
		u, isMarker, err := decodeUnknown(v, rptr, "resource")
		switch {
		case err != nil:
			return err
		case isMarker:
			req.Resource, req.ResourceUnknown = u.Prefix, u
		default:
			return newFieldError(v, rptr, "must be an ARN string, \"*\" or {\"unknown\": true}, not %s", v.kind)
		}
	}
	if v := present(obj, "resourceAccount"); v != nil && v.kind == jsonString {
		req.ResourceAccount = v.text
	} else if v != nil {
		aptr := pointerAppend(ptr, "resourceAccount")
		u, isMarker, err := decodeUnknown(v, aptr, "resourceAccount")
		switch {
		case err != nil:
			return err
		case isMarker:
			req.ResourceAccountUnknown = u
		default:
			return newFieldError(v, aptr, "must be an account id string or {\"unknown\": true}, not %s", v.kind)
		}
	}
	for _, f := range []struct {
		key string
		dst *bool
	}{
		{"viaEndpoint", &req.ViaEndpoint},
		{"resourceManagementAccount", &req.ResourceManagementAccount},
		{"awsManagedKmsKey", &req.AWSManagedKMSKey},
		{"unknownKmsGrants", &req.UnknownKMSGrants},
	} {
		if v := present(obj, f.key); v != nil {
			if v.kind != jsonBool {
				return newFieldError(v, pointerAppend(ptr, f.key), "must be true or false, not %s", v.kind)
			}
			*f.dst = v.text == "true"
		}
	}
	if v := present(obj, "context"); v != nil {
		return decodeContext(v, ptr, &req.Context)
	}
	return nil
}

func decodePrincipal(obj *jsonValue, ptr string, req *evaluator.Request, pc *principalCache) error {
	v := present(obj, "principal")
	if v == nil {
		return newFieldError(obj, ptr, "missing \"principal\" (an ARN, a service principal, an identity provider or \"anonymous\")")
	}
	if v.kind != jsonString {
		pptr := pointerAppend(ptr, "principal")
		u, isMarker, err := decodeUnknown(v, pptr, "principal")
		switch {
		case err != nil:
			return err
		case isMarker:
			req.Principal = evaluator.Principal{ARN: u.Prefix, Unknown: u}
			return nil
		}
		return newFieldError(v, pptr, "must be an ARN, a service principal or \"anonymous\", not %s", v.kind)
	}
	// The action tells a web-identity caller named
	// cognito-identity.amazonaws.com from the service principal (PR-9).
	action := ""
	if a := present(obj, "action"); a != nil && a.kind == jsonString {
		action = a.text
	}
	p, err := pc.parse(v.text)
	if err != nil {
		return newFieldError(v, pointerAppend(ptr, "principal"), "%v", err)
	}
	req.Principal = evaluator.CallerFor(p, action)
	return nil
}

// principalCache keeps the last principal text parsed and its parse
// (evaluator.ParsePrincipal is pure), since a batch usually asks about one
// principal many times. The nil cache parses every time.
type principalCache struct {
	text string
	p    evaluator.Principal
	err  error
	ok   bool
}

func (pc *principalCache) parse(text string) (evaluator.Principal, error) {
	if pc == nil {
		return evaluator.ParsePrincipal(text)
	}
	if !pc.ok || pc.text != text {
		pc.p, pc.err = evaluator.ParsePrincipal(text)
		pc.text, pc.ok = text, true
	}
	return pc.p, pc.err
}

// decodeContext reads the request context, the member "context" of the
// request at reqPtr: strings, lists (multivalued keys), numbers and
// booleans as their JSON text (CO-18), null as absent, and unknown markers
// (PT-1). Its values are kept in ctx's own storage (Grow, GrowValues).
func decodeContext(v *jsonValue, reqPtr string, ctx *evaluator.Context) error {
	if v.kind != jsonObject {
		return newFieldError(v, pointerAppend(reqPtr, "context"), "must be an object of context keys, not %s", v.kind)
	}
	values := 0
	for i := range v.members {
		if m := &v.members[i]; m.val.kind == jsonArray {
			values += len(m.val.elems)
		} else {
			values++
		}
	}
	ctx.Grow(len(v.members))
	ctx.GrowValues(values)
	for i := range v.members {
		m := &v.members[i]
		switch m.val.kind {
		case jsonNull:
			continue
		case jsonString, jsonNumber, jsonBool:
			ctx.Set(m.key, m.val.text)
		case jsonArray:
			values := ctx.ListBuffer(len(m.val.elems))
			for j := range m.val.elems {
				e := &m.val.elems[j]
				if e.kind != jsonString && e.kind != jsonNumber && e.kind != jsonBool {
					return newFieldError(e, pointerIndex(pointerAppend(pointerAppend(reqPtr, "context"), m.key), j), "a context list holds strings, numbers or booleans, not %s", e.kind)
				}
				values = append(values, e.text)
			}
			ctx.SetList(m.key, values)
		case jsonObject:
			kptr := pointerAppend(pointerAppend(reqPtr, "context"), m.key)
			u, isMarker, err := decodeUnknown(&m.val, kptr, m.key)
			if err != nil {
				return err
			}
			if !isMarker {
				return newFieldError(&m.val, kptr, "a context value must be a string, a list, or {\"unknown\": true}, not an object")
			}
			ctx.SetUnknown(m.key, *u)
		}
	}
	return nil
}

// defaultResourceAccount fills RA when the request did not give it: the
// given fallback (a batch resource policy's account), else the resource
// ARN's account field, else the principal's account (EV-0). An unknown
// resource whose known prefix does not reach the account field leaves RA
// unknown for the same reason.
func defaultResourceAccount(req *evaluator.Request, fallback string) {
	if req.ResourceAccount != "" || req.ResourceAccountUnknown != nil {
		return
	}
	if fallback != "" {
		req.ResourceAccount = fallback
		return
	}
	if acct, ok := arnAccount(req.Resource); ok {
		req.ResourceAccount = acct
		return
	}
	if req.ResourceUnknown != nil && !arnAccountKnown(req.Resource) {
		u := *req.ResourceUnknown
		req.ResourceAccountUnknown = &u
		return
	}
	req.ResourceAccount = req.Principal.Account
}

// arnAccount returns the 12-digit account field of an ARN (its fifth
// field, followed by a sixth).
func arnAccount(arn string) (string, bool) {
	if !strings.HasPrefix(arn, "arn:") {
		return "", false
	}
	start := 0 // of the field being skipped
	for field := 0; field < 4; field++ {
		i := strings.IndexByte(arn[start:], ':')
		if i < 0 {
			return "", false
		}
		start += i + 1
	}
	n := strings.IndexByte(arn[start:], ':')
	if n < 0 || !isAccountID(arn[start:start+n]) {
		return "", false
	}
	return arn[start : start+n], true
}

// arnAccountKnown says a (partial) ARN is written up to and including its
// account field, so a missing account there really means "none".
func arnAccountKnown(prefix string) bool {
	return strings.Count(prefix, ":") >= 5
}

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
