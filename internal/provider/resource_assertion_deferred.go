package provider

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// unknownInputs names the inputs of an assertion that are known only after
// apply, in schema order (the one that defers the requests first).
func unknownInputs(in *queryInput) []string {
	var out []string
	seen := map[string]bool{}
	add := func(name string) {
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	if in.Deferred != "" {
		add(in.Deferred)
	}
	one := func(t *textInput) {
		if t != nil && t.Unknown {
			add(t.name())
		}
	}
	many := func(ts []textInput) {
		for i := range ts {
			one(&ts[i])
		}
	}
	one(&in.Principal)
	many(in.Actions)
	many(in.Resources)
	one(in.ResourceOwner)
	many(in.Identity)
	many(in.Managed)
	one(in.Boundary)
	one(in.Session)
	one(in.ResourcePolicy)
	one(in.Endpoint)
	for _, level := range in.SCPs {
		many(level)
	}
	for _, level := range in.RCPs {
		many(level)
	}
	for _, c := range in.Context {
		if c.Unknown {
			add(c.Path.String())
		}
	}
	return out
}

// addDeferredWarning tells at plan time that the assertion is decided only
// during apply, naming the inputs that are unknown until then.
func addDeferredWarning(diags *diag.Diagnostics, description string, names []string) {
	what := "the assertion"
	if description != "" {
		what = fmt.Sprintf("the assertion %q", description)
	}
	list := strings.Join(names, ", ")
	if len(names) > 4 {
		list = strings.Join(names[:4], ", ") + fmt.Sprintf(" and %d more", len(names)-4)
	}
	verb := "is"
	if len(names) > 1 {
		verb = "are"
	}
	diags.AddWarning("Assertion Deferred to Apply", fmt.Sprintf(
		"%s is checked during apply, not now: %s %s known only after apply. A violation will fail the apply "+
			"before the resources that depend on the assertion (depends_on); `terraform plan` alone does not "+
			"prove it holds.", capitalize(what), list, verb))
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
