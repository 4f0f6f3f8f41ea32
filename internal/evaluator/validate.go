package evaluator

import (
	"fmt"
	"strings"
)

// Validate returns every finding for a policy document: ParsePolicy's, plus,
// when opts.Catalog is set, those that need AWS reference data: unknown
// services and actions (AC-4), ARN-scoped statements on wildcard-only
// actions (RS-9), set operators on single-valued keys and plain operators on
// multivalued keys (CO-15, CO-16), and multivalued keys used as variables
// (VA-4). Findings are sorted by byte offset.
func Validate(doc []byte, typ PolicyType, opts Options) []Finding {
	return ParseDocument(PolicyDoc{JSON: doc}, typ, opts).Findings()
}

// validateParsed adds the reference-data findings to those of parsing
// (parsePolicy with the same opts), so that validating and compiling parse
// once.
func validateParsed(p *Policy, fs []Finding, opts Options) []Finding {
	if p == nil || opts.Catalog == nil {
		return fs
	}
	c := catalogChecker{cat: opts.Catalog, varsEnabled: p.Version == "2012-10-17"}
	for i := range p.Statements {
		c.statement(&p.Statements[i])
	}
	if len(c.findings) == 0 {
		return fs
	}
	fs = append(fs, c.findings...)
	sortFindingsByOffset(fs)
	return fs
}

type catalogChecker struct {
	cat         Catalog
	varsEnabled bool
	findings    []Finding
	suggested   int // "did you mean" lookups made for this document (maxSuggestions)
}

func (c *catalogChecker) add(sev Severity, code string, pos Position, format string, args ...any) {
	c.findings = append(c.findings, Finding{Severity: sev, Code: code, Message: fmt.Sprintf(format, args...), Position: pos})
}

func (c *catalogChecker) statement(st *Statement) {
	var wildcardOnly []string
	var firstWO Position
	for _, a := range st.Actions {
		name := a.Text
		svc, act, ok := strings.Cut(name, ":")
		if !ok || svc == "" || act == "" || strings.ContainsAny(svc, "*?") || strings.Contains(name, "${") {
			continue // "*", malformed (GR-8) or service wildcards: nothing to look up
		}
		if !c.cat.ServiceKnown(svc) {
			c.unknownAction(st, a, fmt.Sprintf("service prefix %q is not a known AWS service%s", svc, c.didYouMean(name)))
			continue
		}
		if strings.ContainsAny(act, "*?") {
			continue // patterns over known services are fine; the catalog cannot list actions
		}
		known, wo := c.cat.Action(name)
		if !known {
			c.unknownAction(st, a, fmt.Sprintf("%q is not a known %s action%s", name, svc, c.didYouMean(name)))
			continue
		}
		if wo && !st.NotAction {
			if len(wildcardOnly) == 0 {
				firstWO = a.Pos
			}
			wildcardOnly = append(wildcardOnly, name)
		}
	}
	// RS-9: wildcard-only actions are requested on resource "*", which only
	// a Resource entry of exactly "*" matches.
	if len(wildcardOnly) > 0 && st.HasResource && !st.NotResource && !lintHasValue(st.Resources, "*") {
		list := strings.Join(wildcardOnly, ", ")
		if st.Effect == EffectDeny {
			c.add(SeverityWarning, "RS-9", firstWO, "this Deny has no effect on %s: the action supports no resource-level permissions, so requests carry resource \"*\", which the listed ARNs never match; add \"*\" to Resource in a separate statement", list)
		} else {
			c.add(SeverityWarning, "RS-9", firstWO, "this statement never grants %s: the action supports no resource-level permissions and matches only \"Resource\": \"*\"; move it to a statement with \"Resource\": \"*\"", list)
		}
	}
	c.deadStatement(st)
	for i := range st.Conditions {
		c.condition(&st.Conditions[i])
	}
}

// ScopeChecker is implemented by a Catalog that can tell whether the
// actions and the resource ARN patterns of a statement can ever meet
// (iamdata does); judged is false when the data cannot settle it.
type ScopeChecker interface {
	StatementCanApply(actions, resources []string) (canApply, judged bool)
}

// deadStatement reports RS-11: no action of the statement has a resource
// type whose ARN formats can match one of its Resource patterns, so no
// request meets both (RS-10) and the statement never applies. Only
// Action + Resource statements are judged, and the catalog answers only
// when every action and every Resource is one it knows.
func (c *catalogChecker) deadStatement(st *Statement) {
	sc, ok := c.cat.(ScopeChecker)
	if !ok || !st.HasAction || st.NotAction || !st.HasResource || st.NotResource || len(st.Actions) == 0 || len(st.Resources) == 0 {
		return
	}
	actions := make([]string, len(st.Actions))
	for i, a := range st.Actions {
		actions[i] = a.Text
	}
	resources := make([]string, len(st.Resources))
	for i, r := range st.Resources {
		resources[i] = r.Text
	}
	if can, judged := sc.StatementCanApply(actions, resources); !judged || can {
		return
	}
	what := "grants nothing"
	if st.Effect == EffectDeny {
		what = "denies nothing"
	}
	c.add(SeverityWarning, "RS-11", st.Resources[0].Pos, "this statement %s: no resource type of %s has an ARN that %s can match, so no request meets both (RS-10)", what, strings.Join(actions, ", "), strings.Join(resources, ", "))
}

// unknownAction reports AC-4; inside NotAction the typo changes what the
// statement covers, so the wording is stronger.
func (c *catalogChecker) unknownAction(st *Statement, a Value, why string) {
	switch {
	case st.NotAction && st.Effect == EffectAllow:
		c.add(SeverityWarning, "AC-4", a.Pos, "high severity: %s; inside NotAction a misspelling widens the grant, because the action you meant to exclude is not excluded and is allowed", why)
	case st.NotAction:
		c.add(SeverityWarning, "AC-4", a.Pos, "high severity: %s; inside NotAction a misspelling exempts nothing, so this Deny also covers the action you meant to exclude", why)
	default:
		c.add(SeverityWarning, "AC-4", a.Pos, "%s; the entry matches no request (check the spelling against the service authorization reference)", why)
	}
}

// multivalued says whether a condition key is multivalued, from the global
// keys of CO-16 and then the catalog.
func (c *catalogChecker) multivalued(key string) (multi, known bool) {
	if lintMultivaluedKey(key) {
		return true, true
	}
	if lintSingleValuedKey(key) {
		return false, true
	}
	return c.cat.MultivaluedKey(key)
}

func (c *catalogChecker) condition(cd *Condition) {
	if !cd.Op.Valid || cd.Op.Base == OpNull {
		return
	}
	multi, known := c.multivalued(cd.Key)
	switch {
	case !known:
		c.unknownKey(cd)
	case multi && cd.Op.Set == SetNone:
		c.add(SeverityWarning, "CO-15", cd.KeyPos, "%s is multivalued but %s has no ForAllValues:/ForAnyValue: prefix; AWS does not document how a plain operator treats several values, so write ForAnyValue:%s (any value matches) or ForAllValues:%s (all values match)", cd.Key, cd.Operator, cd.Operator, cd.Operator)
	case !multi && cd.Op.Set != SetNone:
		c.add(SeverityWarning, "CO-16", cd.KeyPos, "%s is single-valued; %s treats it as a one-element set, which is overly permissive (ForAllValues is true when the key is absent); drop the prefix", cd.Key, cd.Operator)
	}
	if !c.varsEnabled {
		return
	}
	fam := cd.Op.Base.Family()
	if fam != FamilyString && fam != FamilyARN {
		return
	}
	for _, v := range cd.Values {
		c.multivaluedVariables(v)
	}
}

// multivaluedVariables reports VA-4 for keys the catalog knows are
// multivalued (the built-in ones are reported by ParsePolicy).
func (c *catalogChecker) multivaluedVariables(v Value) {
	reported := false
	lintVariables(v.Text, func(pv lintVar) {
		if reported || pv.problem != "" || pv.name == "*" || pv.name == "?" || pv.name == "$" || lintMultivaluedKey(pv.name) {
			return
		}
		if multi, known := c.cat.MultivaluedKey(pv.name); known && multi {
			reported = true
			c.add(SeverityError, "VA-4", v.Pos, "policy variable ${%s} names a multivalued key; only single-valued keys can be used as variables", pv.name)
		}
	})
}

// lintSingleValuedKey lists global keys known to be single-valued, so
// CO-16 works even when the catalog lacks global keys.
func lintSingleValuedKey(key string) bool {
	k := strings.ToLower(key)
	for _, prefix := range []string{"aws:principaltag/", "aws:resourcetag/", "aws:requesttag/"} {
		if strings.HasPrefix(k, prefix) {
			return true
		}
	}
	switch k {
	case "aws:principalarn", "aws:principalaccount", "aws:principalorgid", "aws:principaltype", "aws:userid", "aws:username",
		"aws:sourceip", "aws:sourcevpc", "aws:sourcevpce", "aws:vpcsourceip", "aws:sourcearn", "aws:sourceaccount", "aws:sourceorgid",
		"aws:resourceaccount", "aws:resourceorgid", "aws:securetransport", "aws:requestedregion", "aws:multifactorauthpresent",
		"aws:multifactorauthage", "aws:currenttime", "aws:epochtime", "aws:viaawsservice", "aws:principalisawsservice",
		"aws:calledviafirst", "aws:calledvialast", "aws:sourceidentity", "aws:tokenissuetime", "aws:useragent", "aws:referer",
		"aws:principalservicename", "aws:federatedprovider":
		return true
	}
	return false
}
