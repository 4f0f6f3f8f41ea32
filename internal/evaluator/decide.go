package evaluator

import (
	"strings"
	"sync"
)

// Decide answers one request (§1). It never panics; an invalid request or
// a policy with an E1/E2 finding gives DecisionError (EV-21).
func (c *CompiledSet) Decide(req *Request) Result {
	var res Result
	c.DecideInto(req, &res)
	return res
}

// DecideInto is Decide writing into res, reusing its buffers: in steady
// state a decision does not allocate.
func (c *CompiledSet) DecideInto(req *Request, res *Result) {
	res.Reset()
	sc := scratchPool.Get().(*decideScratch)
	sc.env.reset(req, res, &sc.derived)
	sc.env.warmSink += req.Context.warm()
	d := &sc.d
	*d = decider{c: c, req: req, res: res, e: &sc.env}
	d.decide()
	*d = decider{}
	sc.env.reset(nil, nil, nil)
	scratchPool.Put(sc)
}

// decideScratch is the per-decision state, pooled so that a decision
// allocates nothing (the matchers receive a pointer to env).
type decideScratch struct {
	env     evalEnv
	derived derivedKeys
	d       decider
}

var scratchPool = sync.Pool{New: func() any { return new(decideScratch) }}

// decider carries one decision.
type decider struct {
	c   *CompiledSet
	req *Request
	res *Result
	e   *evalEnv
	svc actionServiceKey
	// keys are the request's action and resource keys for big policies.
	keys requestKeys

	p           *Principal
	hasBoundary bool // the caller has a permissions boundary (EV-12, EV-20)
}

// Request kinds of EV-9 and EV-14.
func isTrustAction(action string) bool {
	switch {
	case strings.EqualFold(action, "sts:AssumeRole"),
		strings.EqualFold(action, "sts:AssumeRoleWithWebIdentity"),
		strings.EqualFold(action, "sts:AssumeRoleWithSAML"),
		strings.EqualFold(action, "sts:TagSession"),
		strings.EqualFold(action, "sts:SetSourceIdentity"):
		return true
	}
	return false
}

// decideARNField returns the i-th colon-separated field of an ARN (0-based), or "".
func decideARNField(arn string, i int) string {
	for f := 0; ; f++ {
		j := strings.IndexByte(arn, ':')
		if f == i {
			if j < 0 || f == 5 {
				return arn
			}
			return arn[:j]
		}
		if j < 0 {
			return ""
		}
		arn = arn[j+1:]
	}
}

// isServiceLinkedRoleARN reports whether a role ARN has the service-linked
// roles' path (EV-19).
func isServiceLinkedRoleARN(arn string) bool {
	return strings.Contains(arn, ":role/aws-service-role/")
}

// arnIs reports whether r is an ARN of service (five colons at least)
// whose resource part starts with prefix: an IAM role ("iam", "role/")
// for EV-14, a KMS key ("kms", "key/") for EV-9. It reads the shape of r
// (shapeOf) that a decision computes once.
func arnIs(sh *arnShape, r, service, prefix string) bool {
	return sh.fifth >= 0 && sh.fields[0] == "arn" && sh.fields[2] == service && strings.HasPrefix(r[sh.fifth+1:], prefix)
}

// rcpServices are the services that support RCPs (EV-4, [RCP], 2025).
var rcpServices = map[string]bool{
	"s3": true, "sts": true, "sqs": true, "secretsmanager": true, "kms": true, "dynamodb": true,
	"ecr": true, "cognito-identity": true, "logs": true, "s3tables": true, "aoss": true,
}

// applicability is what takes part in one request: which policy types
// apply (EV-2), whether the resource side is a trust or key policy that
// must allow (EV-9, EV-14), and the RCP gate (EV-4). decide computes it
// once and passes it along instead of a dozen local flags.
type applicability struct {
	awsCaller, isSession, slr   bool
	idApplies, sessionApplies   bool
	scpApplies, vpceApplies     bool
	rcpApplies, rcpAmbiguous    bool
	trustReq, kmsReq, keyReq    bool
	mustAllow, missingMustAllow bool
	rp                          *CompiledPolicy
}

// outcomes are the truth values of every policy group that applies.
type outcomes struct {
	id, pb, sess, vpce, rcp, res0 policyOutcome
	deny                          Tri // any explicit deny
	scpOK, scpDeny                Tri // EV-5: an Allow at every SCP level; any SCP deny
	vpceOK                        Tri
}

func (d *decider) decide() {
	req, res, c := d.req, d.res, d.c
	p := &req.Principal
	d.p = p
	if !d.validRequest() {
		return
	}
	d.svc.set(req.Action)
	d.keys.set(req)
	// EV-22: GetCallerIdentity needs no permission, whatever the policies say.
	if d.svc.equal("sts") && NeedsNoPermission(req.Action) {
		res.Decision = Allowed
		res.Notes = append(res.Notes, NoteReason("EV-22", "sts:GetCallerIdentity is always allowed"))
		return
	}
	if p.Kind == PrincipalWebIdentity || p.Kind == PrincipalSAML {
		if why := federatedActionMismatch(p, req.Action); why != "" {
			d.failRequest("principal %q: a %s caller %s (EV-14, PR-9)", p.ARN, p.Kind, why)
			return
		}
	}
	var ap applicability
	d.applicable(&ap)
	if d.failInvalidApplicable(&ap) {
		return
	}
	var o outcomes
	d.evaluate(&ap, &o)
	g := d.grantInputsOf(&ap, &o)

	same := d.sameAccount()
	// EV-15: on a key in another account only the KMS cross-account
	// operations can be granted at all.
	kmsLocalOnly := ap.keyReq && same != TriTrue && !kmsCrossAccount(c.opts.Catalog, req.Action)
	var grant Tri
	switch same {
	case TriTrue:
		grant = g.grant(d.e, true)
	case TriFalse:
		grant = g.grant(d.e, false)
		if kmsLocalOnly {
			grant = TriFalse
		}
	default:
		// PT-6: evaluate both branches.
		a, b := g.grant(d.e, true), g.grant(d.e, false)
		if kmsLocalOnly {
			b = TriFalse
		}
		grant = a
		if a != b {
			grant = TriUnknown
		}
	}
	allow := grant.And(o.scpOK).And(o.vpceOK)
	d.finish(o.deny, allow)

	if kmsLocalOnly && same == TriFalse && res.Decision != DecisionError {
		res.Notes = append(res.Notes, kmsLocalOnlyNote(req.Action))
		if res.Decision == ImplicitDeny {
			res.BlockedBy = append(res.BlockedBy, BlockedByResource)
		}
	} else if res.Decision != Allowed && res.Decision != DecisionError {
		d.blockedBy(&g, same, grant, &ap, &o)
	}
	if ap.missingMustAllow {
		if ap.trustReq {
			res.Notes = append(res.Notes, Reason{Kind: ReasonCode, Ref: "no-trust-policy-given"})
		} else {
			res.Notes = append(res.Notes, Reason{Kind: ReasonCode, Ref: "no-key-policy-given"})
		}
	}
	if ap.kmsReq {
		d.kmsGrantsNote()
	}
}

// applicable fills ap for the request (EV-2, EV-4, EV-9, EV-14).
func (d *decider) applicable(ap *applicability) {
	req, c, p := d.req, d.c, d.p
	ap.awsCaller = isAWSPrincipal(p)
	ap.isSession = p.Kind == PrincipalRoleSession || p.Kind == PrincipalFederatedUser
	ap.slr = p.Kind == PrincipalRoleSession && (p.ServiceLinked || d.e.slr.serviceLinked(p.RoleARN))
	ap.idApplies = p.Kind == PrincipalUser || ap.isSession // EV-2; root: implicit (EV-18)
	d.hasBoundary = ap.idApplies && len(c.boundaries) > 0
	ap.sessionApplies = ap.isSession && c.hasSession
	ap.scpApplies = ap.awsCaller && !p.ManagementAccount && !ap.slr && len(c.scps) > 0
	ap.vpceApplies = len(c.endpoint) > 0 && p.Kind != PrincipalService && p.Kind != PrincipalWebIdentity && p.Kind != PrincipalSAML

	// The resource-side document: trust policy for AssumeRole* and friends
	// on a role (EV-14), key policy for KMS keys (EV-9), else the resource policy.
	ap.trustReq = d.svc.equal("sts") && isTrustAction(req.Action) && (req.ResourceUnknown != nil || arnIs(d.e.resourceShape(), req.Resource, "iam", "role/"))
	ap.kmsReq = d.svc.equal("kms")
	ap.keyReq = ap.kmsReq && (arnIs(d.e.resourceShape(), req.Resource, "kms", "key/") || (req.ResourceUnknown != nil && !strings.Contains(req.Resource, ":alias/")))
	ap.mustAllow = ap.trustReq || ap.keyReq
	ap.rp = c.resource
	if ap.trustReq {
		ap.rp = c.trust
	}
	// EV-9: a trust or key policy that is not given grants nothing (the
	// PolicySet says the resource has none); the result notes it.
	ap.missingMustAllow = ap.mustAllow && ap.rp == nil

	// EV-4: the RCP gate.
	ap.rcpApplies = len(c.rcps) > 0 && !req.ResourceManagementAccount && !ap.slr && d.rcpService()
	if ap.rcpApplies && ap.kmsReq && (req.AWSManagedKMSKey || strings.EqualFold(req.Action, "kms:RetireGrant")) {
		ap.rcpApplies = false
	}
	if ap.rcpApplies && ap.trustReq && isServiceLinkedRoleARN(req.Resource) {
		ap.rcpApplies = false // RCPs do not touch an SLR's trust policy (EV-19)
	}
	if ap.rcpApplies && c.opts.Catalog != nil {
		if _, wildcardOnly := c.opts.Catalog.Action(req.Action); wildcardOnly {
			ap.rcpAmbiguous = true // EV-4: actions without a resource type (AMB-1)
		}
	}
}

// failInvalidApplicable answers error when a policy the request uses is
// invalid (EV-21).
func (d *decider) failInvalidApplicable(ap *applicability) bool {
	c := d.c
	if !c.someInvalid {
		return ap.rp != nil && d.failInvalid1(ap.rp)
	}
	if ap.idApplies && d.failInvalid(c.identity) ||
		d.hasBoundary && d.failInvalid(c.boundaries) ||
		ap.sessionApplies && d.failInvalid(c.session) ||
		ap.rp != nil && d.failInvalid1(ap.rp) ||
		ap.vpceApplies && d.failInvalid(c.endpoint) {
		return true
	}
	if ap.scpApplies {
		for _, l := range c.scps {
			if d.failInvalid(l) {
				return true
			}
		}
	}
	if ap.rcpApplies {
		for _, l := range c.rcps {
			if d.failInvalid(l) {
				return true
			}
		}
	}
	return false
}

// evaluate evaluates every policy that applies (EV-1, EV-2).
func (d *decider) evaluate(ap *applicability, o *outcomes) {
	c := d.c
	if ap.idApplies {
		o.id = d.evalGroup(c.identity, -1)
		o.deny = o.deny.Or(o.id.deny)
	}
	if d.hasBoundary {
		o.pb = d.evalGroup(c.boundaries, -1)
		o.deny = o.deny.Or(o.pb.deny)
	}
	if ap.sessionApplies {
		o.sess = d.evalGroup(c.session, -1)
		o.deny = o.deny.Or(o.sess.deny)
	}
	o.scpOK = TriTrue
	if ap.scpApplies {
		for lvl, l := range c.scps {
			so := d.evalGroup(l, lvl)
			o.scpDeny = o.scpDeny.Or(so.deny)
			o.scpOK = o.scpOK.And(so.allow) // EV-5: an Allow at every level
		}
		o.deny = o.deny.Or(o.scpDeny)
	}
	if ap.rcpApplies {
		// RCPFullAWSAccess sits at every level (EV-4), so only denies count.
		for lvl, l := range c.rcps {
			o.rcp.or(d.evalGroup(l, lvl))
		}
		if ap.rcpAmbiguous && o.rcp.deny != TriFalse {
			d.e.noteUnknown(AmbiguousReason("EV-4"))
			o.rcp.deny = TriUnknown
		}
		o.deny = o.deny.Or(o.rcp.deny)
	}
	o.vpceOK = TriTrue
	if ap.vpceApplies {
		o.vpce = d.evalGroup(c.endpoint, -1)
		o.vpceOK = o.vpce.allow
		o.deny = o.deny.Or(o.vpce.deny)
	}
	if ap.rp != nil {
		o.res0 = d.evalPolicy(ap.rp, -1)
		o.deny = o.deny.Or(o.res0.deny)
	}
}

// grantInputsOf gathers what the grant rule needs (EV-7, EV-13, EV-18).
func (d *decider) grantInputsOf(ap *applicability, o *outcomes) grantInputs {
	p, c := d.p, d.c
	g := grantInputs{
		p: p, id: o.id.allow, rp: o.res0, mustAllow: ap.mustAllow,
		pbOK: TriTrue, spOK: TriTrue,
	}
	if p.Kind == PrincipalRoot {
		g.id = TriTrue // EV-18
	}
	if d.hasBoundary {
		g.pbOK = o.pb.allow
	}
	if p.Kind == PrincipalFederatedUser && !c.hasSession {
		g.spOK = TriFalse // EV-13
	} else if ap.sessionApplies {
		g.spOK = o.sess.allow
	}
	return g
}

// kmsGrantsNote: grants are not modelled (EV-15); unknown grants may allow.
func (d *decider) kmsGrantsNote() {
	req, res := d.req, d.res
	// EV-15: grants are not modelled.
	res.Notes = append(res.Notes, Reason{Kind: ReasonCode, Ref: "kms-grants-not-modelled"})
	if req.UnknownKMSGrants && res.Decision != ExplicitDeny {
		if res.Decision != DecisionUnknown {
			if len(res.Possible) == 0 {
				res.Possible = append(res.Possible, res.Decision)
			}
			if res.Decision != Allowed {
				res.Possible = append(res.Possible, Allowed)
			}
		}
		res.Decision = DecisionUnknown
		d.e.noteUnknown(Reason{Kind: ReasonInput, Ref: "kms-grants"})
	}
}

// rcpService reports whether the action's service supports RCPs.
func (d *decider) rcpService() bool {
	if d.svc.lower {
		return rcpServices[d.svc.s]
	}
	return rcpServices[string(d.svc.buf[:d.svc.n])]
}

// sameAccount decides PA = RA, three-valued (PT-6).
func (d *decider) sameAccount() Tri {
	req, p := d.req, d.p
	if !isAWSPrincipal(p) {
		return TriFalse // no caller account: only the resource side grants
	}
	if req.ResourceAccountUnknown != nil {
		d.e.noteUnknown(req.ResourceAccountUnknown.reasonOr(Reason{Kind: ReasonInput, Ref: "resource-account"}))
		return TriUnknown
	}
	ra := req.ResourceAccount
	if ra == "" {
		if u := req.ResourceUnknown; u != nil {
			// PT-4: a known prefix through the 5th colon holds the whole
			// account field (a symbol's ARN head, an instance's ARN)
			if nthColon(u.Prefix, 5) < 0 {
				d.e.noteUnknown(u.reasonOr(Reason{Kind: ReasonInput, Ref: "resource"}))
				return TriUnknown
			}
			ra = decideARNField(u.Prefix, 4)
		} else {
			ra = decideARNField(req.Resource, 4)
		}
	}
	if ra == "" {
		// RA defaults to the principal's account (Request.ResourceAccount):
		// the same account by definition, even when that account is unknown
		// (PT-6 has no relationship left to branch on).
		return TriTrue
	}
	if p.Account == "" {
		noteUnknownPrincipal(d.e, p)
		return TriUnknown
	}
	return TriOf(ra == p.Account)
}

// grantInputs are the terms of EV-7, EV-9 and EV-10.
type grantInputs struct {
	p          *Principal
	id         Tri // ID: an identity policy allows (root: true)
	pbOK, spOK Tri
	rp         policyOutcome
	mustAllow  bool // EV-9: trust or key policy
}

// grant is the granting part of the decision for one account branch.
func (g *grantInputs) grant(e *evalEnv, same bool) Tri {
	rp := &g.rp.kinds
	switch g.p.Kind {
	case PrincipalService:
		// EV-17, PR-12: the resource policy alone grants.
		return rp[kindService].Or(rp[kindStar]).Or(g.rp.starArn)
	case PrincipalAnonymous:
		return rp[kindStar].Or(g.rp.starArn) // EV-16
	case PrincipalWebIdentity, PrincipalSAML:
		return rp[kindFederated].Or(rp[kindStar]).Or(g.rp.starArn) // EV-14
	}
	idSide := g.id.And(g.pbOK).And(g.spOK)
	if !same {
		// EV-10: both sides must allow; any kind of grant on RA's side.
		any := rp[kindUser].Or(rp[kindSession]).Or(rp[kindRole]).Or(rp[kindParentUser]).
			Or(rp[kindStar]).Or(g.rp.starArn).Or(rp[kindAccount])
		return idSide.And(any)
	}
	// EV-7 / EV-8 same account.
	limits := g.pbOK.And(g.spOK)
	star := TriFalse
	if rp[kindStar] != TriFalse {
		// EV-8: "*" skips PBs and session policies only with an
		// aws:PrincipalArn condition; otherwise AMB-1 when they would deny.
		bypass := limits
		if limits != TriTrue {
			if e != nil {
				e.noteUnknown(AmbiguousReason("EV-8"))
			}
			bypass = TriUnknown
		}
		star = rp[kindStar].And(bypass)
	}
	direct := rp[kindUser].Or(rp[kindSession]).Or(star).Or(g.rp.starArn).
		Or(rp[kindRole].Or(rp[kindParentUser]).And(limits))
	if g.mustAllow {
		// EV-9: an identity Allow alone never suffices; an ACCOUNT grant
		// delegates to the identity side.
		return direct.Or(rp[kindAccount].And(idSide))
	}
	return idSide.Or(direct)
}
