package evaluator

import "fmt"

// fail makes the decision an error of kind k (EV-21).
func (d *decider) fail(k ErrorKind, format string, args ...any) {
	d.res.Decision = DecisionError
	d.res.Error = &DecideError{Kind: k, Message: fmt.Sprintf(format, args...)}
}

// failRequest makes the decision an error because of the request itself,
// not of a policy: an input error of the question (ErrorInRequest).
func (d *decider) failRequest(format string, args ...any) {
	d.fail(ErrorInRequest, format, args...)
}

// validRequest checks the request itself (EV-21, AC-5, RS-10).
func (d *decider) validRequest() bool {
	req := d.req
	p := &req.Principal
	if p.Kind == PrincipalInvalid {
		d.failRequest("request: the principal is missing or invalid")
		return false
	}
	a := req.Action
	colon, wildcard := scanAction(a)
	switch {
	case a == "":
		d.failRequest("request: the action is empty")
		return false
	case colon <= 0 || colon == len(a)-1:
		d.failRequest("request: action %q is not service:Action", a)
		return false
	case wildcard:
		d.failRequest("request: action %q contains a wildcard; ask about one action", a)
		return false
	}
	if req.Resource == "" && req.ResourceUnknown == nil {
		d.failRequest("request: the resource is empty (use \"*\" for actions without resource-level permissions)")
		return false
	}
	cat := d.c.opts.Catalog
	if cat == nil || d.c.opts.FittedRequests {
		return true
	}
	if known, _ := cat.Action(a); !known {
		d.failRequest("request: unknown action %q (AC-5)", a)
		return false
	}
	if req.Resource != "*" && req.ResourceUnknown == nil {
		if fits, ok := cat.ResourceFits(a, req.Resource); ok && !fits {
			d.failRequest("request: resource %q is not a resource type of %s (RS-10)", req.Resource, a)
			return false
		}
	}
	return true
}

// failInvalid makes the decision an error when one of the policies has an
// E1/E2 finding (EV-21); it reports whether it did.
func (d *decider) failInvalid(ps []*CompiledPolicy) bool {
	for _, p := range ps {
		if d.failInvalid1(p) {
			return true
		}
	}
	return false
}

func (d *decider) failInvalid1(p *CompiledPolicy) bool {
	if !p.invalid {
		return false
	}
	var first *Finding
	for i := range p.findings {
		if p.findings[i].Severity == SeverityError {
			if first == nil {
				first = &p.findings[i]
			}
			d.res.Findings = append(d.res.Findings, p.findings[i])
		}
	}
	msg := "invalid"
	if first != nil {
		msg = first.String()
	}
	d.fail(ErrorInPolicy, "policy %q (%s) is invalid: %s", p.name, p.typ, msg)
	return true
}
