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
	sc.env = evalEnv{req: req, res: res, derived: sc.derived.context(&req.Principal)}
	d := &sc.d
	*d = decider{c: c, req: req, res: res, e: &sc.env}
	d.decide()
	*d = decider{}
	sc.env = evalEnv{}
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

func isIAMRoleARN(arn string) bool {
	return strings.HasPrefix(arn, "arn:") && decideARNField(arn, 2) == "iam" && strings.HasPrefix(decideARNField(arn, 5), "role/")
}

func isKMSKeyARN(arn string) bool {
	return strings.HasPrefix(arn, "arn:") && decideARNField(arn, 2) == "kms" && strings.HasPrefix(decideARNField(arn, 5), "key/")
}

// rcpServices are the services that support RCPs (EV-4, [RCP], 2025).
var rcpServices = map[string]bool{
	"s3": true, "sts": true, "sqs": true, "secretsmanager": true, "kms": true, "dynamodb": true,
	"ecr": true, "cognito-identity": true, "logs": true, "s3tables": true, "aoss": true,
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
	stsReq := d.svc.equal("sts")
	// EV-22: GetCallerIdentity needs no permission, whatever the policies say.
	if stsReq && NeedsNoPermission(req.Action) {
		res.Decision = Allowed
		res.Notes = append(res.Notes, "EV-22: sts:GetCallerIdentity is always allowed")
		return
	}

	awsCaller := isAWSPrincipal(p)
	isSession := p.Kind == PrincipalRoleSession || p.Kind == PrincipalFederatedUser
	slr := p.Kind == PrincipalRoleSession && (p.ServiceLinked || strings.Contains(p.RoleARN, ":role/aws-service-role/"))
	idApplies := p.Kind == PrincipalUser || isSession // EV-2; root: implicit (EV-18)
	d.hasBoundary = idApplies && len(c.boundaries) > 0
	sessionApplies := isSession && c.hasSession
	scpApplies := awsCaller && !p.ManagementAccount && !slr && len(c.scps) > 0
	vpceApplies := len(c.endpoint) > 0 && p.Kind != PrincipalService && p.Kind != PrincipalWebIdentity && p.Kind != PrincipalSAML

	if p.Kind == PrincipalWebIdentity || p.Kind == PrincipalSAML {
		if why := federatedActionMismatch(p, req.Action); why != "" {
			d.failRequest("principal %q: a %s caller %s (EV-14, PR-9)", p.ARN, p.Kind, why)
			return
		}
	}

	// The resource-side document: trust policy for AssumeRole* and friends
	// on a role (EV-14), key policy for KMS keys (EV-9), else the resource policy.
	trustReq := stsReq && isTrustAction(req.Action) && (req.ResourceUnknown != nil || isIAMRoleARN(req.Resource))
	kmsReq := d.svc.equal("kms")
	keyReq := kmsReq && (isKMSKeyARN(req.Resource) || (req.ResourceUnknown != nil && !strings.Contains(req.Resource, ":alias/")))
	mustAllow := trustReq || keyReq
	rp := c.resource
	if trustReq {
		rp = c.trust
	}
	// EV-9: a trust or key policy that is not given grants nothing (the
	// PolicySet says the resource has none); the result notes it.
	missingMustAllow := mustAllow && rp == nil

	// EV-4: the RCP gate.
	rcpApplies := len(c.rcps) > 0 && !req.ResourceManagementAccount && !slr && d.rcpService()
	if rcpApplies && kmsReq && (req.AWSManagedKMSKey || strings.EqualFold(req.Action, "kms:RetireGrant")) {
		rcpApplies = false
	}
	if rcpApplies && trustReq && strings.Contains(req.Resource, ":role/aws-service-role/") {
		rcpApplies = false // RCPs do not touch an SLR's trust policy (EV-19)
	}
	rcpAmbiguous := false
	if rcpApplies && c.opts.Catalog != nil {
		if _, wildcardOnly := c.opts.Catalog.Action(req.Action); wildcardOnly {
			rcpAmbiguous = true // EV-4: actions without a resource type (AMB-1)
		}
	}

	// EV-21: a policy the request uses must be valid.
	if idApplies && d.failInvalid(c.identity) ||
		d.hasBoundary && d.failInvalid(c.boundaries) ||
		sessionApplies && d.failInvalid(c.session) ||
		rp != nil && d.failInvalid1(rp) ||
		vpceApplies && d.failInvalid(c.endpoint) {
		return
	}
	if scpApplies {
		for _, l := range c.scps {
			if d.failInvalid(l) {
				return
			}
		}
	}
	if rcpApplies {
		for _, l := range c.rcps {
			if d.failInvalid(l) {
				return
			}
		}
	}

	// Evaluate every policy that applies (EV-1, EV-2).
	var deny Tri
	var id, pb, sess, vpce, rcp, res0 policyOutcome
	if idApplies {
		id = d.evalGroup(c.identity, -1)
		deny = deny.Or(id.deny)
	}
	if d.hasBoundary {
		pb = d.evalGroup(c.boundaries, -1)
		deny = deny.Or(pb.deny)
	}
	if sessionApplies {
		sess = d.evalGroup(c.session, -1)
		deny = deny.Or(sess.deny)
	}
	scpOK := TriTrue
	var scpDeny Tri
	if scpApplies {
		for lvl, l := range c.scps {
			o := d.evalGroup(l, lvl)
			scpDeny = scpDeny.Or(o.deny)
			scpOK = scpOK.And(o.allow) // EV-5: an Allow at every level
		}
		deny = deny.Or(scpDeny)
	}
	if rcpApplies {
		// RCPFullAWSAccess sits at every level (EV-4), so only denies count.
		for lvl, l := range c.rcps {
			rcp.or(d.evalGroup(l, lvl))
		}
		if rcpAmbiguous && rcp.deny != TriFalse {
			d.e.noteUnknown("ambiguous:EV-4")
			rcp.deny = TriUnknown
		}
		deny = deny.Or(rcp.deny)
	}
	vpceOK := TriTrue
	if vpceApplies {
		vpce = d.evalGroup(c.endpoint, -1)
		vpceOK = vpce.allow
		deny = deny.Or(vpce.deny)
	}
	switch {
	case rp != nil:
		res0 = d.evalPolicy(rp, -1)
		deny = deny.Or(res0.deny)
	}

	g := grantInputs{
		p: p, id: id.allow, rp: res0, mustAllow: mustAllow,
		pbOK: TriTrue, spOK: TriTrue,
	}
	if p.Kind == PrincipalRoot {
		g.id = TriTrue // EV-18
	}
	if d.hasBoundary {
		g.pbOK = pb.allow
	}
	if p.Kind == PrincipalFederatedUser && !c.hasSession {
		g.spOK = TriFalse // EV-13
	} else if sessionApplies {
		g.spOK = sess.allow
	}

	same := d.sameAccount()
	// EV-15: on a key in another account only the KMS cross-account
	// operations can be granted at all.
	kmsLocalOnly := keyReq && same != TriTrue && !kmsCrossAccount(c.opts.Catalog, req.Action)
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
	allow := grant.And(scpOK).And(vpceOK)
	d.finish(deny, allow)

	if kmsLocalOnly && same == TriFalse && res.Decision != DecisionError {
		res.Notes = append(res.Notes, kmsLocalOnlyNote(req.Action))
		if res.Decision == ImplicitDeny {
			res.BlockedBy = append(res.BlockedBy, BlockedByResource)
		}
	} else if res.Decision != Allowed && res.Decision != DecisionError {
		d.blockedBy(g, same, grant, scpOK, scpDeny, vpceOK, vpce.deny, rcp.deny, pb, sess, sessionApplies)
	}
	if missingMustAllow {
		if trustReq {
			res.Notes = append(res.Notes, "no-trust-policy-given")
		} else {
			res.Notes = append(res.Notes, "no-key-policy-given")
		}
	}
	if kmsReq {
		// EV-15: grants are not modelled.
		res.Notes = append(res.Notes, "kms-grants-not-modelled")
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
			d.e.noteUnknown("kms-grants")
		}
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
		d.e.noteUnknown(unknownReasonOr(req.ResourceAccountUnknown, "resource-account"))
		return TriUnknown
	}
	ra := req.ResourceAccount
	if ra == "" {
		if req.ResourceUnknown != nil {
			d.e.noteUnknown(unknownReasonOr(req.ResourceUnknown, "resource"))
			return TriUnknown
		}
		ra = decideARNField(req.Resource, 4)
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

func unknownReasonOr(u *Unknown, def string) string {
	if u.Reason != "" {
		return u.Reason
	}
	return def
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
				e.noteUnknown("ambiguous:EV-8")
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
