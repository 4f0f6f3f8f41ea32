package analysis

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/iammodel"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// Subject is a principal a question is about: an identity of the model, or
// a principal given by ARN (outside the plan, or found in the model by ARN).
type Subject struct {
	// Ref is how the user named it (Terraform address or ARN).
	Ref       string
	Identity  *iammodel.Identity
	Principal evaluator.Principal
	// Absent is set when the address names no identity on this side (it
	// is created or destroyed by the plan): it can do nothing there.
	Absent bool
	// scope: what a caller outside the plan sends beyond its principal
	// (an organization's callers, check_org.go); nil for the others.
	scope *callerScope
}

// Label is the address of an identity, else the ARN.
func (sub *Subject) Label() string {
	if sub.Identity != nil {
		return sub.Identity.Address
	}
	return sub.Ref
}

// ErrNoPrincipal is returned for a principal reference that names nothing.
var ErrNoPrincipal = errors.New("no such principal")

// Subject resolves a principal reference: a Terraform address of a user or
// role (a role means a session of it), or a principal ARN (PR-*). An ARN of
// a user or role in the model uses its policies; any other ARN is a
// principal outside the plan whose identity policies are unknown. An
// identity provider (an oidc-provider or saml-provider ARN,
// cognito-identity.amazonaws.com, accounts.google.com, ...) names the
// web-identity or SAML caller of sts:AssumeRoleWith* (PR-9, EV-14).
func (s *SideAnalysis) Subject(ref string) (*Subject, error) {
	if id := s.Model.Identity(ref); id != nil {
		return &Subject{Ref: ref, Identity: id, Principal: s.Model.PrincipalOf(id)}, nil
	}
	if !strings.HasPrefix(ref, "arn:") && !strings.Contains(ref, ".amazonaws.com") && ref != "*" && ref != "anonymous" &&
		!evaluator.IsWebIdentityProviderName(ref) {
		return &Subject{Ref: ref, Absent: true}, nil
	}
	p, err := evaluator.ParsePrincipal(ref)
	if err != nil {
		return nil, fmt.Errorf("principal %q: %w", ref, err)
	}
	if id := s.identityByARN(p); id != nil {
		pp := s.Model.PrincipalOf(id)
		if p.Kind == evaluator.PrincipalRoleSession && p.SessionName != "" {
			pp.ARN, pp.SessionName = p.ARN, p.SessionName
		}
		return &Subject{Ref: ref, Identity: id, Principal: pp}, nil
	}
	return &Subject{Ref: ref, Principal: p}, nil
}

func (s *SideAnalysis) identityByARN(p evaluator.Principal) *iammodel.Identity {
	want := p.ARN
	if p.Kind == evaluator.PrincipalRoleSession {
		want = p.RoleARN
	}
	for _, id := range s.Model.Principals() {
		if !id.ARN.Known() {
			continue
		}
		if id.ARN.Value == want {
			return id
		}
		// a session ARN carries the role name without its path
		if p.Kind == evaluator.PrincipalRoleSession && id.Kind == iammodel.KindRole && p.RoleARN == "" && id.Account.Value == p.Account && id.Name.Value == p.Name {
			return id
		}
	}
	return nil
}

// compiledFor is the compiled set of a subject.
func (s *SideAnalysis) compiledFor(sub *Subject) *evaluator.CompiledSet {
	if sub.Identity != nil {
		return s.compiled(sub.Identity)
	}
	var set evaluator.PolicySet
	switch sub.Principal.Kind {
	case evaluator.PrincipalUser, evaluator.PrincipalRoleSession, evaluator.PrincipalFederatedUser:
		// PT-5: the policies of a principal outside the plan are out of view.
		set.Identity = []evaluator.PolicyDoc{{Name: sub.Ref, Unknown: &evaluator.Unknown{Reason: "identity policies of " + sub.Ref + " (outside the plan)"}}}
	}
	return evaluator.Compile(set, s.opts)
}

// Target is a resource a question is about.
type Target struct {
	// Ref is the resource as the user wrote it (may contain ${...}).
	Ref string
	// ARN is the resolved ARN ("*" for wildcard-only actions); with Unknown
	// set it holds the known prefix.
	ARN     string
	Unknown *evaluator.Unknown
	// Policy is the model's entry for the resource (nil: outside the plan).
	Policy *iammodel.ResourcePolicy
	// Identity is the role, when the resource is a role of the model.
	Identity *iammodel.Identity
	// Absent is set when a reference names a resource that does not exist
	// on this side (created or destroyed by the plan).
	Absent bool
	// Maybe are the resources of the plan that a literal ARN outside the
	// plan could name, their ARN being known only up to a part generated
	// at apply (query_maybe_symbol.go); MaybeOf is the address of such a
	// resource, on the targets of Maybe.
	Maybe   []*Target
	MaybeOf string
}

// ErrNoResource is wrapped by resource references that name no resource.
var ErrNoResource = errors.New("no such resource")

// Label is the ARN, or the reference when unknown.
func (t *Target) Label() string {
	if t.Unknown != nil {
		return t.Ref
	}
	return t.ARN
}

// Target resolves a resource reference: an ARN or "*", in which
// ${address.attribute} references are replaced by the plan's values for
// this side. A reference known only after apply makes the ARN unknown,
// keeping the known prefix (PT-4).
func (s *SideAnalysis) Target(ref string) (*Target, error) {
	t := &Target{Ref: ref}
	var b strings.Builder
	rest := ref
	for {
		before, expr, after, found, ok := cutRef(rest)
		if !ok {
			return nil, fmt.Errorf("resource %q: unterminated ${", ref)
		}
		b.WriteString(before)
		if !found {
			break
		}
		rest = after
		v, err := s.resolveRef(strings.TrimSpace(expr))
		if errors.Is(err, ErrNoResource) {
			t.Absent = true
			t.ARN = ref
			return t, nil
		}
		if err != nil {
			return nil, fmt.Errorf("resource %q: %w", ref, err)
		}
		if !v.Known() {
			if t.Unknown == nil {
				// a symbol keeps its identity when nothing is before it and
				// only known text follows it (an object key after a
				// bucket's ARN: its Suffix)
				sym := b.Len() == 0 && v.Unknown.Suffix == "" && !strings.Contains(after, "${")
				b.WriteString(v.Unknown.Prefix)
				t.Unknown = &evaluator.Unknown{Reason: v.Unknown.Reason, Prefix: b.String()}
				if sym {
					t.Unknown.Symbol, t.Unknown.Fresh = v.Unknown.Symbol, v.Unknown.Fresh
					t.Unknown.Suffix = strings.TrimSpace(after)
				}
			}
			continue
		}
		if t.Unknown == nil {
			b.WriteString(v.Value)
		}
	}
	if t.Unknown != nil {
		t.ARN = t.Unknown.Prefix
	} else {
		t.ARN = b.String()
	}
	if t.ARN == "" && t.Unknown == nil {
		return nil, fmt.Errorf("resource %q is empty", ref)
	}
	if t.Unknown == nil && t.ARN != "*" {
		t.Policy = s.Model.ResourcePolicyFor(t.ARN)
		t.Identity = s.roleByARN(t.ARN)
		if t.Policy == nil && t.Identity == nil && !s.holds(t.ARN) {
			t.Maybe = s.maybeSymbols(t.ARN)
		}
	} else if t.Unknown != nil {
		// an unknown ARN written as one reference: find the resource by address
		if addr, ok := singleRefAddress(ref); ok {
			t.Policy = s.Model.ResourceByAddress(addr)
			if id := s.Model.Identity(addr); id != nil && id.Kind == iammodel.KindRole {
				t.Identity = id
			}
		}
	}
	return t, nil
}

// cutRef cuts s at its first "${...}" reference: the text before it, the
// text inside it and the text after it. found is false when s holds no
// "${" (before is then s); ok is false for a "${" without its "}".
func cutRef(s string) (before, ref, after string, found, ok bool) {
	i := strings.Index(s, "${")
	if i < 0 {
		return s, "", "", false, true
	}
	j := strings.IndexByte(s[i:], '}')
	if j < 0 {
		return "", "", "", false, false
	}
	return s[:i], s[i+2 : i+j], s[i+j+1:], true, true
}

// singleRefAddress returns ADDR for a reference of the form
// "${ADDR.arn}" or "${ADDR.arn}/...".
func singleRefAddress(ref string) (string, bool) {
	if !strings.HasPrefix(ref, "${") {
		return "", false
	}
	j := strings.IndexByte(ref, '}')
	if j < 0 {
		return "", false
	}
	addr, attr, ok := splitRef(ref[2:j])
	return addr, ok && attr == "arn"
}

// splitRef splits "ADDR.attr" at the last dot outside brackets.
func splitRef(expr string) (addr, attr string, ok bool) {
	depth := 0
	inStr := false
	last := -1
	for i := 0; i < len(expr); i++ {
		switch c := expr[i]; {
		case c == '"':
			inStr = !inStr
		case inStr:
		case c == '[':
			depth++
		case c == ']':
			depth--
		case c == '.' && depth == 0:
			last = i
		}
	}
	if last <= 0 || last == len(expr)-1 {
		return "", "", false
	}
	return expr[:last], expr[last+1:], true
}

// resolveRef returns the value of ADDR.attr on this side: the model's
// resolved values first (synthesised ARNs), then the plan's values.
func (s *SideAnalysis) resolveRef(expr string) (tfplan.Str, error) {
	addr, attr, ok := splitRef(expr)
	if !ok {
		return tfplan.Str{}, fmt.Errorf("reference ${%s} is not ADDRESS.ATTRIBUTE", expr)
	}
	m := s.Model
	if id := m.Identity(addr); id != nil {
		switch attr {
		case "arn":
			return id.ARN, nil
		case "name", "id":
			return id.Name, nil
		case "unique_id":
			return id.UniqueID, nil
		}
	}
	if rp := m.ResourceByAddress(addr); rp != nil && attr == "arn" {
		return rp.ARN, nil
	}
	for _, p := range m.Policies {
		if p.Address == addr && attr == "arn" {
			return p.ARN, nil
		}
	}
	for _, g := range m.Groups {
		if g.Address == addr && attr == "arn" {
			return g.ARN, nil
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	refs := s.resolver()
	for _, in := range refs.Instances {
		if in.Address == addr {
			return refs.Str(in, attr), nil
		}
	}
	return tfplan.Str{}, fmt.Errorf("${%s}: %w %s in the %s state of the plan", expr, ErrNoResource, addr, s.side)
}

// resolver builds (once) the side's value resolver; s.mu must be held.
func (s *SideAnalysis) resolver() *tfplan.Resolver {
	if !s.refsReady {
		s.refsReady = true
		m := s.Model
		cfg := tfplan.NewConfigIndex(s.plan.Config)
		acct := ""
		if m.Account.Known() {
			acct = m.Account.Value
		}
		s.refs = iammodel.NewAWSResolver(s.side, tfplan.CollectInstances(s.plan, s.side, cfg, nil), cfg, acct, m.Region)
		s.refs.Place = m.Place
	}
	return s.refs
}

// holds reports whether arn is a resource of this side of the plan, or
// inside one (an object of a bucket, an index of a table, a stream of a log
// group): the ARN of an instance, as the plan or the model's synthesis knows
// it, is arn or a prefix of it ending before a '/' or ':'.
func (s *SideAnalysis) holds(arn string) bool {
	s.heldOnce.Do(func() {
		s.held = map[string]bool{}
		for _, r := range s.planResources() {
			if r.arn.Known() {
				s.held[r.arn.Value] = true
			}
		}
	})
	if s.held[arn] {
		return true
	}
	// the resource part starts after the fifth ':'
	start, colons := 0, 0
	for i := 0; i < len(arn) && colons < 5; i++ {
		if arn[i] == ':' {
			colons++
			start = i + 1
		}
	}
	for i := len(arn) - 1; i > start; i-- {
		if (arn[i] == '/' || arn[i] == ':') && s.held[arn[:i]] {
			return true
		}
	}
	return false
}

// resourceDoc picks the resource-side document for an action on a target:
// a role's trust policy for the trust actions, else the resource policy.
func (s *SideAnalysis) resourceDoc(action string, t *Target) *evaluator.PolicyDoc {
	if evaluator.IsTrustAction(action) {
		if t.Identity != nil && t.Identity.Trust != nil {
			d := s.sanitize(*t.Identity.Trust, evaluator.PolicyTrust)
			return &d
		}
		return nil
	}
	if t.Policy == nil || t.Policy.Doc == nil || t.Policy.Type == evaluator.PolicyTrust {
		return nil
	}
	d := s.sanitize(*t.Policy.Doc, evaluator.PolicyResource)
	return &d
}

// Request builds the engine request for a subject, action and target.
func (s *SideAnalysis) Request(sub *Subject, action string, t *Target, ctx evaluator.Context) *evaluator.Request {
	// PR-9: cognito-identity.amazonaws.com is the web-identity caller on
	// AssumeRoleWithWebIdentity, the service principal elsewhere.
	req := &evaluator.Request{Principal: evaluator.CallerFor(sub.Principal, action), Action: action, Resource: t.ARN, Context: ctx}
	if t.Unknown != nil {
		u := *t.Unknown
		req.ResourceUnknown = &u
	}
	if t.Policy != nil && t.Policy.Type != evaluator.PolicyTrust && t.Policy.Account.Set() {
		req.ResourceAccount = t.Policy.Account.Value
	} else if t.Policy != nil && !t.Policy.Account.Known() {
		u := *t.Policy.Account.Unknown
		req.ResourceAccountUnknown = &u
	}
	return req
}

// Answer is one decided question.
type Answer struct {
	Subject *Subject
	Action  string
	Target  *Target
	State   string
	Request *evaluator.Request
	Result  evaluator.Result
	// Notes are planscan's remarks (ReasonNote: outside the plan, absent
	// principal).
	Notes []evaluator.Reason
}

// absentNote is the note that answers a question about a principal or a
// resource that does not exist on this side (absent false when both do).
func (s *SideAnalysis) absentNote(sub *Subject, t *Target) (note evaluator.Reason, absent bool) {
	switch {
	case sub.Absent:
		return evaluator.NoteReason("", fmt.Sprintf("%s does not exist in the %s state", sub.Ref, s.side)), true
	case t.Absent:
		return evaluator.NoteReason("", fmt.Sprintf("%s names a resource that does not exist in the %s state", t.Ref, s.side)), true
	}
	return evaluator.Reason{}, false
}

// questionSet is the principal's compiled policies with the target's
// resource policy for the action, when it has one.
func (s *SideAnalysis) questionSet(sub *Subject, action string, t *Target) *evaluator.CompiledSet {
	cs := s.compiledFor(sub)
	if doc := s.resourceDoc(action, t); doc != nil {
		cs = cs.WithCompiledResource(s.compiledResource(doc))
	}
	return cs
}

// Decide answers one question on this side.
func (s *SideAnalysis) Decide(sub *Subject, action string, t *Target, ctx evaluator.Context) Answer {
	ans := Answer{Subject: sub, Action: action, Target: t, State: string(s.side)}
	req := s.Request(sub, action, t, sub.scope.context(ctx))
	ans.Request = req
	if note, absent := s.absentNote(sub, t); absent {
		ans.Result = evaluator.Result{Decision: evaluator.ImplicitDeny}
		ans.Notes = append(ans.Notes, note)
		return ans
	}
	if e := s.hiddenTypeError(action, t); e != nil {
		ans.Result = evaluator.Result{Decision: evaluator.DecisionError, Error: e}
		return ans
	}
	// the tags of a resource of the plan (resource_tags.go)
	req.Context, _ = s.resourceTagContext(sub, action, t, req.Context, evaluator.QuantifyOptions{})
	ans.Result = s.questionSet(sub, action, t).Decide(req)
	s.settleGrant(sub.Identity, t.Policy, s.compiledFor(sub), req, &ans.Result) // kms_grants.go
	grantsNote(t.Policy, ans.Result.Notes)
	for _, m := range t.Maybe {
		mreq := s.Request(sub, action, m, req.Context)
		mres := s.questionSet(sub, action, m).Decide(mreq)
		s.settleGrant(sub.Identity, m.Policy, s.compiledFor(sub), mreq, &mres)
		grantsNote(m.Policy, mres.Notes)
		mergeMaybeResult(&ans.Result, mres, m)
	}
	if k := req.Principal.Kind; sub.Identity == nil && k != evaluator.PrincipalWebIdentity && k != evaluator.PrincipalSAML {
		// a web-identity or SAML caller has no identity policies to miss
		ans.Notes = append(ans.Notes, evaluator.NoteReason("", "principal outside the plan"))
	}
	if len(t.Maybe) > 0 {
		ans.Notes = append(ans.Notes, maybeNote(t))
	} else if t.Unknown == nil && t.ARN != "*" && t.Policy == nil && t.Identity == nil && !s.holds(t.ARN) {
		ans.Notes = append(ans.Notes, evaluator.NoteReason("", "resource outside the plan: its resource policy, if any, is not modelled"))
	}
	return ans
}

// InvalidPolicies lists the invalid documents found so far on both sides,
// sorted.
func (a *Analysis) InvalidPolicies() []*InvalidPolicy {
	var out []*InvalidPolicy
	for _, s := range []*SideAnalysis{a.Before, a.After} {
		s.mu.Lock()
		out = append(out, s.Invalid...)
		s.mu.Unlock()
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return out[i].Side < out[j].Side
	})
	return out
}

// ParseContext reads key=value pairs; a repeated key makes a list.
func ParseContext(pairs []string) (evaluator.Context, error) {
	var ctx evaluator.Context
	vals := map[string][]string{}
	var order []string
	for _, p := range pairs {
		k, v, ok := strings.Cut(p, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return ctx, fmt.Errorf("context %q: want key=value", p)
		}
		if _, seen := vals[k]; !seen {
			order = append(order, k)
		}
		vals[k] = append(vals[k], v)
	}
	for _, k := range order {
		if len(vals[k]) == 1 {
			ctx.Set(k, vals[k][0])
		} else {
			ctx.SetList(k, vals[k])
		}
	}
	return ctx, nil
}
