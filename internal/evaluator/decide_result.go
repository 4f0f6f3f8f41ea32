package evaluator

// finish turns the deny and allow truth values into the decision and the
// possible decisions (PT-2).
func (d *decider) finish(deny, allow Tri) {
	res := d.res
	switch {
	case deny == TriTrue:
		res.Decision = ExplicitDeny
	case deny == TriFalse && allow == TriTrue:
		res.Decision = Allowed
	case deny == TriFalse && allow == TriFalse:
		res.Decision = ImplicitDeny
	case deny == TriFalse:
		res.Decision = DecisionUnknown
		res.Possible = append(res.Possible, Allowed, ImplicitDeny)
	case allow == TriFalse:
		// PT-2's exception: every completion denies.
		res.Decision = ImplicitDeny
		res.Possible = append(res.Possible, ImplicitDeny, ExplicitDeny)
	default:
		res.Decision = DecisionUnknown
		res.Possible = append(res.Possible, Allowed, ExplicitDeny)
		if allow == TriUnknown {
			res.Possible = append(res.Possible, ImplicitDeny)
		}
	}
	if len(res.Possible) == 0 {
		res.Unknowns = res.Unknowns[:0] // a definite answer depends on nothing unknown
	}
}

// blockedBy names the guardrails that stopped an otherwise granted request
// (EV-23), and the side that did not grant on a cross-account call.
func (d *decider) blockedBy(gp *grantInputs, same, grant Tri, ap *applicability, o *outcomes) {
	res := d.res
	g := *gp
	scpOK, scpDeny, vpceOK, vpceDeny, rcpDeny := o.scpOK, o.scpDeny, o.vpceOK, o.vpce.deny, o.rcp.deny
	pb, sess, sessionApplies := o.pb, o.sess, ap.sessionApplies
	add := func(s string) {
		for _, b := range res.BlockedBy {
			if b == s {
				return
			}
		}
		res.BlockedBy = append(res.BlockedBy, s)
	}
	if scpDeny == TriTrue || grant == TriTrue && scpOK == TriFalse {
		add(BlockedBySCP)
	}
	if rcpDeny == TriTrue {
		add(BlockedByRCP)
	}
	if vpceDeny == TriTrue || grant == TriTrue && vpceOK == TriFalse {
		add(BlockedByVPCE)
	}
	if same == TriUnknown {
		return
	}
	sameB := same == TriTrue
	if d.hasBoundary {
		h := g
		h.pbOK = TriTrue
		if pb.deny == TriTrue || grant != TriTrue && h.grant(nil, sameB) == TriTrue {
			add(BlockedByBoundary)
		}
	}
	if sessionApplies || g.spOK == TriFalse {
		h := g
		h.spOK = TriTrue
		if sess.deny == TriTrue || grant != TriTrue && h.grant(nil, sameB) == TriTrue {
			add(BlockedBySession)
		}
	}
	if !isAWSPrincipal(g.p) || grant == TriTrue {
		return
	}
	idSide := g.id.And(g.pbOK).And(g.spOK)
	rpAny := g.rp.kinds.any().Or(g.rp.starArn)
	switch {
	case (!sameB || g.mustAllow) && idSide == TriTrue && rpAny == TriFalse:
		add(BlockedByResource)
	case (!sameB || g.mustAllow) && rpAny == TriTrue && g.id == TriFalse:
		add(BlockedByIdentity)
	}
}
