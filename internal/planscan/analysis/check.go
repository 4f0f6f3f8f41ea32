package analysis

import (
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/iamdata"
)

// CheckOptions configure Check.
type CheckOptions struct {
	Config        *Config // nil: built-in findings and plan assertions only
	FailOnUnknown bool
	Plan          string
	Now           time.Time // the clock for suppressions' expires; zero: time.Now()
}

// Check runs the CI gate: the config file's assertions, the plan's
// iamsim_assertion resources and the built-in findings, then applies the
// config's severities and suppressions. The report's Summary holds the
// verdict.
func (a *Analysis) Check(o CheckOptions) (*CheckReport, error) {
	cfg := o.Config
	if cfg == nil {
		cfg = &Config{Severities: map[string]Level{}}
	}
	rep := &CheckReport{Plan: o.Plan, Results: []CheckResult{}}
	for i := range cfg.Asserts {
		r, err := a.checkAssert(&cfg.Asserts[i])
		if err != nil {
			return nil, err
		}
		rep.Results = append(rep.Results, r...)
	}
	for i := range cfg.Only {
		r, err := a.checkOnly(&cfg.Only[i])
		if err != nil {
			return nil, err
		}
		rep.Results = append(rep.Results, r)
	}
	if len(cfg.DenyNew) > 0 {
		d := a.Diff()
		for i := range cfg.DenyNew {
			r, err := a.checkDenyNew(&cfg.DenyNew[i], d)
			if err != nil {
				return nil, err
			}
			rep.Results = append(rep.Results, r)
		}
	}
	rep.Results = append(rep.Results, a.planAssertions()...)
	trusted := map[string]bool{}
	for _, t := range cfg.TrustedAccounts {
		trusted[t] = true
	}
	rep.Results = append(rep.Results, a.policyResults(trusted)...)
	rep.Results = append(rep.Results, a.principalResults()...)
	rep.Results = append(rep.Results, a.escalationResults()...)
	now := o.Now
	if now.IsZero() {
		now = time.Now()
	}
	rep.Results = append(rep.Results, expiredSuppressions(cfg, now)...)
	rep.Results = append(rep.Results, a.expiredInlineSuppressions(now)...)
	for i := range rep.Results {
		r := &rep.Results[i]
		if lv, ok := cfg.Severities[r.Rule]; ok && !r.PreExisting {
			r.Level = lv
		}
		if lv, ok := cfg.Severities[r.Rule+"/"+r.ConditionClass]; ok && r.ConditionClass != "" && !r.PreExisting {
			r.Level = lv
		}
		for _, s := range cfg.Suppressions {
			if s.matches(r) && r.Status != StatusPass && !s.expired(now) {
				r.Status, r.Suppressed = StatusSuppressed, s.Reason
				break
			}
		}
	}
	a.applyInlineSuppressions(rep.Results, now)
	rep.finish(o.FailOnUnknown || cfg.FailOnUnknown)
	return rep, nil
}

// matches: every set field must match (globs allowed).
func (s ConfigSuppression) matches(r *CheckResult) bool {
	m := func(pat, v string) bool {
		if pat == "" {
			return true
		}
		ok, _ := path.Match(pat, v)
		return ok || pat == v
	}
	return m(s.Finding, r.Rule) && m(s.Principal, r.Principal) && m(s.Address, r.Address) && m(s.Resource, r.Resource)
}

// outcome accumulates the decisions of one assertion.
type outcome struct {
	failed, unknown []string
	depends         []string
	total           int
	// statement is the decisive statement of the first violation whose
	// counterexample was decided again (check_witness.go).
	statement string
	witnessed bool
}

// addQuantified adds an answer over every context (issue 9): a violation
// names the context that breaks the expectation; witness (nil: none)
// decides that context again for the statement that causes the violation.
func (o *outcome) addQuantified(expect, label string, q *evaluator.Quantified, witness func(evaluator.ContextSample) evaluator.Result) {
	o.total++
	holds, counter, d := evaluator.Expectation(expect).HoldsOver(q)
	switch holds {
	case evaluator.TriTrue:
	case evaluator.TriUnknown:
		o.unknown = append(o.unknown, label)
		o.depends = append(o.depends, evaluator.ReasonStrings(q.Unknowns)...)
	default:
		msg := label + ": " + string(d)
		switch {
		case q.Error != nil:
			msg += " (" + q.Error.Message + ")"
		case counter != nil:
			msg += " when " + counter.String()
		}
		if !o.witnessed && q.Error == nil && witness != nil {
			o.witnessed = true
			// the same decision, or it is not the counterexample's
			if res := witness(counter); res.Decision == d {
				o.statement = decisiveStatement(&res)
			}
		}
		o.failed = append(o.failed, msg)
	}
}

func (o *outcome) result(r CheckResult, expect string) CheckResult {
	r.DependsOn = dedupe(o.depends)
	switch {
	case len(o.failed) > 0:
		r.Status = StatusFail
		r.Statement = o.statement
		r.Message += fmt.Sprintf(": %d of %d not %s: %s", len(o.failed), o.total, expect, Abbreviate(o.failed, 5))
	case len(o.unknown) > 0:
		r.Status = StatusUnknown
		r.Message += fmt.Sprintf(": %d of %d unknown (known only after apply): %s", len(o.unknown), o.total, Abbreviate(o.unknown, 5))
	default:
		r.Status = StatusPass
		r.Message += fmt.Sprintf(": all %d %s", o.total, expect)
	}
	return r
}

// checkAssert decides an assert block: one result per principal. A group
// holds when every member does; each resource entry ranges over every
// resource it matches (check_scope.go).
func (a *Analysis) checkAssert(c *ConfigAssert) ([]CheckResult, error) {
	ctx, err := ParseContext(c.ContextPairs())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", c.Pos, err)
	}
	sides, _ := a.Sides(c.State)
	actions := a.expandActions(c.Actions)
	scopes := make([]map[string][]scopeTarget, len(sides))
	var empty []string // named actions that no entry's resource fits
	for si, s := range sides {
		if scopes[si], err = s.blockScope(c.Resources, actions); err != nil {
			return nil, fmt.Errorf("%s: %w", c.Pos, err)
		}
		for _, act := range actions {
			if len(scopes[si][act]) == 0 && isNamedAction(c.Actions, act) {
				empty = append(empty, fmt.Sprintf("%s: no resource matching %s that it applies to", act, strings.Join(c.Resources, ", ")))
			}
		}
	}
	var out []CheckResult
	for _, pref := range c.Principals {
		o := outcome{failed: dedupe(empty), total: len(dedupe(empty))}
		group := a.isGroupRef(pref)
		for si, s := range sides {
			mems, err := s.members(pref)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", c.Pos, err)
			}
			for _, m := range mems {
				for _, act := range actions {
					for _, t := range scopes[si][act] {
						qa := s.DecideAnyContext(m.sub, act, t.Target, ctx)
						label := act + " on " + t.label()
						if group {
							label = m.label + ": " + label
						}
						if len(sides) > 1 {
							label += " (" + s.SideName() + ")"
						}
						o.addQuantified(c.Expect, label, &qa.Q, s.witnessOf(&qa))
					}
				}
			}
		}
		r := CheckResult{Rule: "assert", Name: c.Name, Level: LevelError, Principal: pref, Address: pref, ConfigPos: c.Pos,
			Message: fmt.Sprintf("assert %q (%s): %s", c.Name, c.Pos, pref)}
		out = append(out, o.result(r, c.Expect))
	}
	return out, nil
}

// blockScope lists, per action, the resources a block's entries stand for.
func (s *SideAnalysis) blockScope(entries, actions []string) (map[string][]scopeTarget, error) {
	out := map[string][]scopeTarget{}
	for _, act := range actions {
		seen := map[string]bool{}
		for _, ref := range entries {
			ts, err := s.scopeTargets(ref, act)
			if err != nil {
				return nil, err
			}
			for _, t := range ts {
				if k := t.Ref + "\x00" + t.ARN; !seen[k] {
					seen[k] = true
					out[act] = append(out[act], t)
				}
			}
		}
	}
	return out, nil
}

// isNamedAction: the config names the action itself, not through a
// wildcard (an expanded wildcard may take in actions no entry fits).
func isNamedAction(patterns []string, act string) bool {
	for _, p := range patterns {
		if strings.EqualFold(p, act) {
			return true
		}
	}
	return false
}

// expandActions expands wildcard patterns with the reference data.
func (a *Analysis) expandActions(patterns []string) []string {
	return expandActionPatterns(a.catalog, patterns)
}

// expandActionPatterns expands the wildcard patterns with the catalog.
func expandActionPatterns(cat *iamdata.Catalog, patterns []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range patterns {
		list := []string{p}
		if strings.ContainsAny(p, "*?") {
			list = cat.ExpandActions(p)
		}
		for _, x := range list {
			if !seen[strings.ToLower(x)] {
				seen[strings.ToLower(x)] = true
				out = append(out, x)
			}
		}
	}
	return out
}

// checkOnly: no principal of the after state other than the listed ones
// (a group: its members) may perform the actions on any resource the
// entries match; anonymous callers and the other accounts the plan names
// are asked too (check_scope.go).
func (a *Analysis) checkOnly(c *ConfigOnly) (CheckResult, error) {
	s := a.After
	allowed := map[string]bool{}
	var orgs []orgPrincipal
	for _, p := range c.Principals {
		allowed[p] = true
		if o, ok, _ := parseOrgPrincipal(p); ok {
			orgs = append(orgs, o)
		}
		mems, err := s.members(p)
		if err != nil {
			return CheckResult{}, fmt.Errorf("%s: %w", c.Pos, err)
		}
		for _, m := range mems {
			allowed[m.label] = true
		}
	}
	actions := a.expandActions(c.Actions)
	scope, err := s.blockScope(c.Resources, actions)
	if err != nil {
		return CheckResult{}, fmt.Errorf("%s: %w", c.Pos, err)
	}
	candidates := []member{}
	for _, id := range s.Model.Principals() {
		candidates = append(candidates, member{sub: &Subject{Ref: id.Address, Identity: id, Principal: s.Model.PrincipalOf(id)}, label: id.Address})
	}
	candidates = append(candidates, s.externalPrincipals()...)
	// Every account the plan does not name, outside the allowed
	// organizations (check_org.go).
	anyAccount, undecidedOrg, err := s.anyAccount(orgs)
	if err != nil {
		return CheckResult{}, fmt.Errorf("%s: %w", c.Pos, err)
	}
	candidates = append(candidates, anyAccount)
	var offenders, unknown, depends []string
	var first *QuantifiedAnswer
	firstOffender := ""
	for _, m := range candidates {
		if allowed[m.label] {
			continue
		}
		can, maybe, canWhen := "", "", false
		var canQ *evaluator.Quantified
		for _, act := range actions {
			for _, t := range scope[act] {
				if m.sub.Identity == nil && !t.owned() {
					continue // outside principals act on their own account's resources
				}
				// Over every context (issue 9): a principal that may act
				// under some context is a violation, with the conditions.
				qa := s.DecideAnyContext(m.sub, act, t.Target, evaluator.Context{})
				switch {
				case qa.Q.HasAllowed:
					// Prefer a grant for every context to a conditional one.
					if can == "" || (canWhen && qa.Q.Outcome == evaluator.OutcomeAlways) {
						can, canWhen, canQ = act+" on "+t.label()+allowedWhen(&qa.Q), qa.Q.Outcome != evaluator.OutcomeAlways, &qa.Q
						if first == nil || first.Subject == m.sub {
							first = &qa
						}
					}
				case qa.Q.Outcome == evaluator.OutcomeUnknown, qa.Q.Outcome == evaluator.OutcomeError:
					if maybe == "" {
						maybe = act + " on " + t.label()
					}
					depends = append(depends, evaluator.ReasonStrings(qa.Q.Unknowns)...)
				}
			}
			if can != "" && !canWhen {
				break
			}
		}
		label := m.label
		if m.sub == anyAccount.sub && can != "" {
			switch {
			case undecidedOrg != "" && dependsOnOrg(canQ):
				// it may be a caller of the allowed organization
				can, maybe = "", can
				depends = append(depends, undecidedOrg)
			case orgOnly(canQ):
				label = orgLabel
			}
		}
		switch {
		case can != "":
			if len(offenders) == 0 {
				firstOffender = label
			}
			offenders = append(offenders, label+" ("+can+")")
		case maybe != "":
			unknown = append(unknown, label+" ("+maybe+")")
		}
	}
	r := CheckResult{Rule: "only", Name: c.Name, Level: LevelError, ConfigPos: c.Pos, DependsOn: dedupe(depends),
		Message: fmt.Sprintf("only %q (%s): only %s may %s on %s", c.Name, c.Pos, strings.Join(c.Principals, ", "), strings.Join(c.Actions, ", "), strings.Join(c.Resources, ", "))}
	switch {
	case len(offenders) > 0:
		r.Status = StatusFail
		r.Message += "; also allowed: " + Abbreviate(offenders, 5)
		r.Address = firstOffender
		r.Principal, r.Action, r.Resource = r.Address, first.Action, first.Target.Label()
		// the statement that grants it, in the context that allows it (issue 8)
		if res := s.Witness(first, first.Q.Allowed); res.Decision == evaluator.Allowed {
			r.Statement = decisiveStatement(&res)
		}
		if first.Q.Outcome == evaluator.OutcomeConditional {
			r.Conditions, r.ConditionClass = first.Q.Condition(), conditionClass(&first.Q)
		}
	case len(unknown) > 0:
		r.Status = StatusUnknown
		r.Message += "; unknown for: " + Abbreviate(unknown, 5)
	default:
		r.Status = StatusPass
	}
	return r, nil
}

// checkDenyNew fails when the diff grants new access of the given kinds,
// to the given principals (a group: its members on either side) and on the
// resources the entries match (as in assert).
func (a *Analysis) checkDenyNew(c *ConfigDenyNew, d *Diff) (CheckResult, error) {
	levels := map[string]bool{}
	for _, l := range c.AccessLevels {
		levels[l] = true
	}
	principals := map[string]bool{}
	for _, p := range c.Principals {
		principals[p] = true
		for _, s := range []*SideAnalysis{a.Before, a.After} {
			mems, err := s.members(p)
			if err != nil {
				return CheckResult{}, fmt.Errorf("%s: %w", c.Pos, err)
			}
			for _, m := range mems {
				principals[m.label] = true
			}
		}
	}
	onResources, err := a.After.resourceFilter(c.Resources, a.universe().representatives())
	if err != nil {
		return CheckResult{}, fmt.Errorf("%s: %w", c.Pos, err)
	}
	match := func(ch AccessChange) []string {
		var out []string
		for _, a := range ch.Actions {
			if levels[ch.AccessLevel] || actionMatchesAny(c.Actions, a) {
				out = append(out, a)
			}
		}
		return out
	}
	var gained, unknown []string
	grant := "" // the statement of the first gain
	seen := map[string]bool{}
	for _, p := range d.Principals {
		if len(principals) > 0 && !principals[p.Principal] {
			continue
		}
		for _, ch := range p.Changes {
			if ch.Kind != Gained && ch.Kind != BecameUnknown {
				continue
			}
			acts := match(ch)
			res := onResources(ch.Resources)
			if len(acts) == 0 || len(res) == 0 {
				continue
			}
			for _, act := range acts {
				seen[p.Principal+"\x00"+strings.ToLower(act)] = true
			}
			line := fmt.Sprintf("%s %s %s on %s", p.Principal, ch.Kind, Abbreviate(acts, 3), Abbreviate(res, 2))
			if w := ch.WhenPhrase(); w != "" {
				line += " " + w
			}
			if ch.Kind == Gained {
				if len(gained) == 0 { // the statement that grants the matched action (issue 8)
					grant = a.After.grantStatement(p.Principal, acts[0], res[0])
				}
				gained = append(gained, line)
			} else {
				unknown = append(unknown, line)
			}
		}
	}
	// Over every context (issue 9): grants that need context conditions.
	var orgs []string
	for _, p := range c.Principals {
		if _, ok, _ := parseOrgPrincipal(p); ok {
			orgs = append(orgs, p)
		}
	}
	var levelActs []string
	if len(orgs) > 0 && len(levels) > 0 {
		levelActs = a.outsiderActions(levels)
	}
	cg, cu, cdep, err := a.contextGains(c, principals, seen, orgs, levelActs)
	if err != nil {
		return CheckResult{}, fmt.Errorf("%s: %w", c.Pos, err)
	}
	gained, unknown = append(gained, cg...), append(unknown, cu...)
	what := append(append([]string{}, c.AccessLevels...), c.Actions...)
	r := CheckResult{Rule: "deny_new", Name: c.Name, Level: LevelError, ConfigPos: c.Pos, DependsOn: dedupe(cdep),
		Message: fmt.Sprintf("deny_new %q (%s): no new %s", c.Name, c.Pos, strings.Join(what, ", "))}
	switch {
	case len(gained) > 0:
		r.Status = StatusFail
		r.Message += "; gained: " + Abbreviate(gained, 5)
		r.Address = strings.SplitN(gained[0], " ", 2)[0]
		r.Principal = r.Address
		r.Statement = grant
	case len(unknown) > 0:
		r.Status = StatusUnknown
		r.Message += "; may be gained (unknown): " + Abbreviate(unknown, 5)
	default:
		r.Status = StatusPass
	}
	return r, nil
}

// actionMatchesAny: case-insensitive glob (AC-1, AC-2).
func actionMatchesAny(patterns []string, action string) bool {
	la := strings.ToLower(action)
	for _, p := range patterns {
		if ok, _ := path.Match(strings.ToLower(p), la); ok {
			return true
		}
	}
	return false
}
