package evaluator

// derivedKeys holds the context keys the principal alone determines (CTX-1):
// aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType, aws:userid,
// aws:username, aws:PrincipalIsAWSService and aws:PrincipalServiceName.
// The request's own keys always win (evalEnv.lookup asks the request first).
// The keys live in fixed arrays and are recomputed only when the principal
// changes, so a decision does not allocate for them.
type derivedKeys struct {
	valid     bool
	principal Principal
	n         int
	entries   [8]ContextValue
	values    [8][1]string
	unknowns  [8]Unknown
	ctx       Context // entries[:n], built by fill
}

// context returns the derived keys for p as a Context backed by d.
func (d *derivedKeys) context(p *Principal) *Context {
	if !d.valid || d.principal != *p {
		d.fill(p)
	}
	return &d.ctx
}

func (d *derivedKeys) set(key, value string) {
	d.values[d.n][0] = value
	d.entries[d.n] = ContextValue{Key: key, Values: d.values[d.n][:], fold: foldHash(key)}
	d.n++
}

func (d *derivedKeys) setUnknown(key string, reason Reason) {
	d.unknowns[d.n] = Unknown{why: reason}
	d.entries[d.n] = ContextValue{Key: key, Unknown: &d.unknowns[d.n], fold: foldHash(key)}
	d.n++
}

func (d *derivedKeys) fill(p *Principal) {
	d.valid, d.principal, d.n = true, *p, 0
	var unknownReason Reason // zero: the principal is known
	if p.Unknown != nil {
		unknownReason = p.Unknown.reasonOr(reasonPrincipal)
	}
	// arnKey sets aws:PrincipalArn, unknown when the caller's ARN is.
	arnKey := func(arn string) {
		if !unknownReason.IsZero() && (arn == "" || p.Kind != PrincipalRoleSession) {
			d.setUnknown("aws:PrincipalArn", unknownReason)
			if arn == "" && p.Unknown.Symbol != "" {
				// the caller's ARN is a symbol: conditions compare it as
				// itself (condition_symbol.go)
				u := &d.unknowns[d.n-1]
				u.Prefix, u.Symbol, u.Fresh, u.Suffix = p.Unknown.Prefix, p.Unknown.Symbol, p.Unknown.Fresh, p.Unknown.Suffix
			}
			return
		}
		if arn == "" {
			d.setUnknown("aws:PrincipalArn", Reason{Kind: ReasonInput, Ref: "aws:PrincipalArn"})
			return
		}
		d.set("aws:PrincipalArn", arn)
	}
	accountKey := func() {
		if p.Account != "" {
			d.set("aws:PrincipalAccount", p.Account)
		} else if !unknownReason.IsZero() {
			d.setUnknown("aws:PrincipalAccount", unknownReason)
		}
	}
	// useridKey sets aws:userid when it is known, else marks it unknown:
	// AWS always sends it (CTX-6), so absence would be a wrong answer.
	useridKey := func(id string) {
		if id != "" && unknownReason.IsZero() {
			d.set("aws:userid", id)
		} else {
			d.setUnknown("aws:userid", Reason{Kind: ReasonInput, Ref: "aws:userid"})
		}
	}
	switch p.Kind {
	case PrincipalUser:
		arnKey(p.ARN)
		accountKey()
		d.set("aws:PrincipalType", "User")
		useridKey(p.UniqueID)
		// CTX-7: aws:username for IAM users only.
		if !unknownReason.IsZero() {
			d.setUnknown("aws:username", unknownReason)
		} else if p.Name != "" {
			d.set("aws:username", p.Name)
		}
		d.set("aws:PrincipalIsAWSService", "false")
	case PrincipalRoleSession:
		// CTX-5: the role ARN for any role session.
		arnKey(p.RoleARN)
		accountKey()
		d.set("aws:PrincipalType", "AssumedRole")
		id := ""
		if p.UniqueID != "" && p.SessionName != "" {
			id = p.UniqueID + ":" + p.SessionName
		}
		useridKey(id)
		d.set("aws:PrincipalIsAWSService", "false")
	case PrincipalFederatedUser:
		arnKey(p.ARN)
		accountKey()
		d.set("aws:PrincipalType", "FederatedUser")
		id := ""
		if p.Account != "" && p.Name != "" {
			id = p.Account + ":" + p.Name
		}
		useridKey(id)
		d.set("aws:PrincipalIsAWSService", "false")
	case PrincipalRoot:
		root := ""
		if p.Account != "" {
			part := p.Partition
			if part == "" {
				part = "aws"
			}
			root = "arn:" + part + ":iam::" + p.Account + ":root"
		}
		arnKey(root)
		accountKey()
		d.set("aws:PrincipalType", "Account")
		useridKey(p.Account)
		d.set("aws:PrincipalIsAWSService", "false")
	case PrincipalService:
		// CTX-5: aws:PrincipalArn for service callers is not documented
		// (AMB-1); CTX-6 does not list a PrincipalType for them either.
		d.setUnknown("aws:PrincipalArn", AmbiguousReason("CTX-5"))
		d.setUnknown("aws:PrincipalType", AmbiguousReason("CTX-6"))
		d.set("aws:PrincipalIsAWSService", "true")
		d.set("aws:PrincipalServiceName", p.Name)
	case PrincipalAnonymous:
		// CTX-5/CTX-6: no ARN; type and userid say anonymous.
		d.set("aws:PrincipalType", "Anonymous")
		d.set("aws:userid", "anonymous")
	}
	d.ctx = Context{entries: d.entries[:d.n]}
	for i := range d.ctx.entries {
		d.ctx.setFold(i)
	}
}
