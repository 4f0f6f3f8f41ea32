package evaluator

// policyOutcome is what one policy (or a group of policies of one type)
// contributes to a decision, each part three-valued (PT-2).
type policyOutcome struct {
	deny  Tri // some Deny statement applies (EV-3)
	allow Tri // some Allow statement applies (any principal kind)
	// kinds: an Allow applies and names the caller with that kind (EV-8).
	// kinds[kindStar] counts "*" grants without an aws:PrincipalArn
	// condition; starArn those with one.
	kinds   kindTris
	starArn Tri
}

func (o *policyOutcome) or(p policyOutcome) {
	o.deny = o.deny.Or(p.deny)
	o.allow = o.allow.Or(p.allow)
	for i := range o.kinds {
		o.kinds[i] = o.kinds[i].Or(p.kinds[i])
	}
	o.starArn = o.starArn.Or(p.starArn)
}

// unknownOutcome is a document that may contain any Allow and any Deny (PT-5).
var unknownOutcome = func() policyOutcome {
	o := policyOutcome{deny: TriUnknown, allow: TriUnknown, starArn: TriUnknown}
	for i := range o.kinds {
		o.kinds[i] = TriUnknown
	}
	return o
}()

// mergeReadings combines two readings of one document (GR-2): parts that
// agree stay, parts that differ become unknown.
func mergeReadings(a, b policyOutcome) (policyOutcome, bool) {
	if a == b {
		return a, false
	}
	m := func(x, y Tri) Tri {
		if x == y {
			return x
		}
		return TriUnknown
	}
	a.deny = m(a.deny, b.deny)
	a.allow = m(a.allow, b.allow)
	for i := range a.kinds {
		a.kinds[i] = m(a.kinds[i], b.kinds[i])
	}
	a.starArn = m(a.starArn, b.starArn)
	return a, true
}

// evalPolicy evaluates every statement of cp that can match the request
// (EV-1), recording the ones that apply in the result.
func (d *decider) evalPolicy(cp *CompiledPolicy, level int) policyOutcome {
	var o policyOutcome
	d.evalPolicyInto(cp, level, &o)
	return o
}

// evalPolicyInto ORs the policy's outcome into o.
func (d *decider) evalPolicyInto(cp *CompiledPolicy, level int, o *policyOutcome) {
	if cp.unknown != nil {
		d.e.noteUnknown(cp.unknownReason)
		o.or(unknownOutcome)
		return
	}
	if cp.alt == nil {
		d.evalStatements(cp, level, true, o)
		return
	}
	var main, alt policyOutcome
	d.evalStatements(cp, level, true, &main)
	d.evalStatements(cp.alt, level, false, &alt)
	merged, differ := mergeReadings(main, alt)
	if differ {
		d.e.noteUnknown(AmbiguousReason("GR-2"))
	}
	o.or(merged)
}

func (d *decider) evalStatements(cp *CompiledPolicy, level int, record bool, o *policyOutcome) {
	if list, ok := cp.statementsFor(d.keys.interned(), d.req.Action, &d.svc); ok {
		// The action admits exactly these statements (action_plan.go).
		for _, si := range list {
			d.evalStatement(cp, &cp.stmts[si], level, record, o)
		}
		return
	}
	var cur stmtCursor
	cp.index.cursor(&d.svc, &d.keys, &cur)
	for {
		si, ok := cur.next()
		if !ok {
			break
		}
		st := &cp.stmts[si]
		if st.actions.match(d.req.Action) == st.notAction {
			continue
		}
		d.evalStatement(cp, st, level, record, o)
	}
}

// evalStatement evaluates one statement whose Action/NotAction admits the
// request action: principal, resource and condition (EV-1).
func (d *decider) evalStatement(cp *CompiledPolicy, st *compiledStatement, level int, record bool, o *policyOutcome) {
	e := d.e
	endpoint := cp.endpoint
	// Principal (resource-side policy types only, §2).
	var kinds kindTris
	who := TriTrue
	switch {
	case st.principal != nil:
		kinds = st.principal.match(e, endpoint)
		if who = kinds.any(); who == TriFalse {
			return
		}
	case st.notPrincipal != nil:
		if st.effect == EffectDeny && d.hasBoundary {
			// EV-20: a NotPrincipal Deny always denies a principal
			// that has a permissions boundary.
			who = TriTrue
		} else {
			who = st.notPrincipal.listed(e).Not()
		}
		if who == TriFalse {
			return
		}
		kinds[kindStar] = who
	default:
		kinds[kindStar] = TriTrue
	}
	t := TriTrue
	if st.hasResource && !st.resourceAll {
		if st.notResource {
			t = st.resources.matchNot(e)
		} else {
			t = st.resources.match(e)
		}
		if t == TriFalse {
			return
		}
	}
	if st.hasConds {
		c := st.conds.eval(e)
		if c == TriFalse {
			return
		}
		t = t.And(c)
	}
	applies := t.And(who)
	if record {
		d.res.MatchedStatements = append(d.res.MatchedStatements, MatchedStatement{
			Policy: cp.name, PolicyType: cp.typ, Sid: st.label, Effect: st.effect, Level: level, Applies: applies,
			Delegates: st.effect == EffectAllow && st.principal != nil && d.p.Kind != PrincipalRoot && onlyAccountKind(&kinds),
		})
	}
	if st.effect == EffectDeny {
		o.deny = o.deny.Or(applies)
		return
	}
	o.allow = o.allow.Or(applies)
	// Only resource-side policies name principals; the others need no kinds.
	if !cp.sidePrincipals {
		return
	}
	for k := range kinds {
		if kinds[k] == TriFalse {
			continue
		}
		kt := t.And(kinds[k])
		if matchKind(k) == kindStar && st.principalArnCond {
			o.starArn = o.starArn.Or(kt)
			continue
		}
		o.kinds[k] = o.kinds[k].Or(kt)
	}
}

// evalGroup ORs the outcomes of several documents of one type. A plain
// document (known, one reading) whose statements for the action are
// cached is evaluated here, without the calls evalPolicyInto and
// evalStatements would make for it: the common case, once per document.
func (d *decider) evalGroup(ps []*CompiledPolicy, level int) policyOutcome {
	var o policyOutcome
	id := d.keys.interned().id
	for _, cp := range ps {
		if list, ok := cp.cachedStatements(id); ok {
			for _, si := range list {
				d.evalStatement(cp, &cp.stmts[si], level, true, &o)
			}
			continue
		}
		d.evalPolicyInto(cp, level, &o)
	}
	return o
}

// onlyAccountKind reports whether a principal matched only as its account
// (EV-8 kind ACCOUNT): such a grant delegates to the IAM policies of that
// account and grants nothing by itself.
func onlyAccountKind(k *kindTris) bool {
	for i := range k {
		if matchKind(i) != kindAccount && k[i] != TriFalse {
			return false
		}
	}
	return k[kindAccount] != TriFalse
}
