package analysis

import (
	"fmt"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// typeSamples gives, per Terraform resource type whose ARN is known only
// after apply with no known prefix, one ARN of the form every such
// resource gets (the id parts are placeholders). The engine checks RS-10
// on known ARNs only; for a question about "${ADDR.arn}" of such a
// resource the type is nevertheless certain, so an action that does not
// act on it is an invalid question on every completion of the unknown ARN
// (PT-2), as the state after apply shows (issue 8, ground truth).
var typeSamples = map[string]string{
	"aws_kms_key":                           "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000000",
	"aws_secretsmanager_secret":             "arn:aws:secretsmanager:us-east-1:123456789012:secret:planscan-sample-AbCdEf",
	"aws_organizations_policy":              "arn:aws:organizations::123456789012:policy/o-planscan00/service_control_policy/p-planscan0",
	"aws_organizations_organizational_unit": "arn:aws:organizations::123456789012:ou/o-planscan00/ou-ab12-planscan",
	// an organization the plan creates (fixture org_created)
	"aws_organizations_organization": "arn:aws:organizations::123456789012:organization/o-planscan00",
}

// hiddenTypeError is the RS-10 error of a question whose resource is
// exactly "${ADDR.arn}" of a resource of the plan with an unknown ARN, when
// the action does not act on that resource's type; nil otherwise.
func (s *SideAnalysis) hiddenTypeError(action string, t *Target) *evaluator.DecideError {
	if u := t.Unknown; u != nil && u.Symbol != "" && u.Fresh && nthColonAt(u.Prefix, 5) && s.opts.Catalog != nil {
		// a resource the plan creates whose ARN is a symbol, or an object
		// inside it ("${ADDR.arn}/key"): the known prefix (through the
		// resource field) and suffix fix its type, the generated part
		// between them holding no "/" or ":" (evaluator/symbol.go)
		sample := u.Prefix + "planscan0" + u.Suffix
		if fits, known := s.opts.Catalog.ResourceFits(action, sample); known && !fits {
			return &evaluator.DecideError{Kind: evaluator.ErrorInRequest,
				Message: fmt.Sprintf("request: resource %s (whose ARN is known after apply) is not a resource type of %s (RS-10)", t.Ref, action)}
		}
		return nil
	}
	if t.Unknown == nil || !strings.HasPrefix(t.Ref, "${") || !strings.HasSuffix(t.Ref, ".arn}") || strings.Count(t.Ref, "${") != 1 {
		return nil
	}
	// Target resolved the reference: the address names a resource of this
	// side (an unknown value, not ErrNoResource).
	addr, ok := singleRefAddress(t.Ref)
	if !ok || t.Absent {
		return nil
	}
	sample, ok := typeSamples[resourceTypeOf(addr)]
	if !ok || s.opts.Catalog == nil {
		return nil
	}
	if fits, known := s.opts.Catalog.ResourceFits(action, sample); !known || fits {
		return nil
	}
	return &evaluator.DecideError{Kind: evaluator.ErrorInRequest,
		Message: fmt.Sprintf("request: resource %s (an %s, whose ARN is known after apply) is not a resource type of %s (RS-10)", t.Ref, resourceTypeOf(addr), action)}
}

// resourceTypeOf is the Terraform type of a managed resource instance
// address (module.m["k"].aws_kms_key.app[0] -> aws_kms_key); "" for a data
// source or an address it cannot read.
func resourceTypeOf(addr string) string {
	rest := addr
	for strings.HasPrefix(rest, "module.") {
		rest = rest[len("module."):]
		i := strings.IndexAny(rest, ".[")
		switch {
		case i < 0:
			return ""
		case rest[i] == '.':
			rest = rest[i+1:]
		default:
			j := strings.Index(rest, "].")
			if j < 0 {
				return ""
			}
			rest = rest[j+2:]
		}
	}
	typ, _, ok := strings.Cut(rest, ".")
	if !ok || typ == "data" {
		return ""
	}
	return typ
}

// nthColonAt reports whether s holds at least n colons.
func nthColonAt(s string, n int) bool { return strings.Count(s, ":") >= n }
