package analysis

// Organization principals of the gate (issue 13): "organization" (the
// organization of the plan's accounts), "organization:o-..." and
// "ou:..." name a caller from some account of that organization or
// organizational unit that no policy of the plan names otherwise. It is
// the diff's "any AWS account" (diff_external.go: the root user of an
// account no policy names, which holds every identity-side permission of
// its account, so the plan's resource policies decide) with the facts AWS
// sends for a member of the organization (CTX-9): aws:PrincipalOrgID is
// the organization's id and aws:PrincipalOrgPaths ranges over the paths of
// that organization (or of that OU) only. The engine then decides
// aws:PrincipalOrgID and aws:PrincipalOrgPaths conditions as AWS does.
// "organization" and "ou:ou-..." need the plan's organization id: known
// (aws_organizations_organization in the plan), known only after apply
// (the plan creates it: answers that depend on it are unknown, PT-1), or
// an error when the plan has no organization.

import (
	"fmt"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

const (
	keyPrincipalOrgID    = "aws:PrincipalOrgID"
	keyPrincipalOrgPaths = "aws:PrincipalOrgPaths"
)

// AWS Organizations id formats (the Organizations API reference).
var (
	orgIDPattern  = lazyRegexp(`^o-[a-z0-9]{10,32}$`)
	rootIDPattern = lazyRegexp(`^r-[0-9a-z]{4,32}$`)
	ouIDPattern   = lazyRegexp(`^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$`)
)

// orgPrincipal is a parsed organization principal.
type orgPrincipal struct {
	ref string
	// id is the organization id; "" for the plan's organization (then
	// resolved from the plan) or an OU given by its id only.
	id string
	// path is an OU path "o-.../r-.../ou-.../" (ou:PATH); ou an OU id
	// (ou:ou-...).
	path, ou string
	planOrg  bool
}

// parseOrgPrincipal reads "organization", "organization:o-...",
// "ou:ou-..." and "ou:o-.../r-.../ou-...[/ou-...]"; ok is false for any
// other principal.
func parseOrgPrincipal(ref string) (o orgPrincipal, ok bool, err error) {
	o.ref = ref
	switch {
	case ref == "organization":
		o.planOrg = true
		return o, true, nil
	case strings.HasPrefix(ref, "organization:"):
		o.id = strings.TrimPrefix(ref, "organization:")
		if !orgIDPattern().MatchString(o.id) {
			return o, true, fmt.Errorf("principal %q: want organization:o-<10 to 32 lower-case letters or digits> (an organization id)", ref)
		}
		return o, true, nil
	case strings.HasPrefix(ref, "ou:"):
		v := strings.TrimPrefix(ref, "ou:")
		if ouIDPattern().MatchString(v) {
			o.ou = v
			return o, true, nil
		}
		parts := strings.Split(strings.TrimSuffix(v, "/"), "/")
		bad := len(parts) < 3 || !orgIDPattern().MatchString(parts[0]) || !rootIDPattern().MatchString(parts[1])
		for _, p := range parts[min(2, len(parts)):] {
			bad = bad || !ouIDPattern().MatchString(p)
		}
		if bad {
			return o, true, fmt.Errorf("principal %q: want ou:ou-<root part>-<8 to 32 letters or digits> (an OU id) or ou:o-.../r-.../ou-...[/ou-...] (its path, as in aws:PrincipalOrgPaths)", ref)
		}
		o.id, o.path = parts[0], strings.Join(parts, "/")+"/"
		return o, true, nil
	}
	return o, false, nil
}

// callerScope is what a subject outside the plan sends beyond its
// principal: context keys it pins and ranges of free keys.
type callerScope struct {
	pins   evaluator.Context
	ranges []evaluator.KeyRange
}

// context adds the scope's pins to a question's context.
func (cs *callerScope) context(ctx evaluator.Context) evaluator.Context {
	if cs == nil {
		return ctx
	}
	out := ctx.Clone()
	for _, v := range cs.pins.Entries() {
		switch {
		case v.Unknown != nil:
			out.SetUnknown(v.Key, *v.Unknown)
		case v.Multi:
			out.SetList(v.Key, v.Values)
		default:
			out.Set(v.Key, v.Values[0])
		}
	}
	return out
}

func (cs *callerScope) options() evaluator.QuantifyOptions {
	if cs == nil {
		return evaluator.QuantifyOptions{}
	}
	return evaluator.QuantifyOptions{Ranges: cs.ranges}
}

// planOrgID is the plan's organization id: known, or unknown when the
// plan creates the organization; an error names the fix when the plan has
// no organization (its id is not a value the plan will know after apply).
func (s *SideAnalysis) planOrgID(ref string) (string, *evaluator.Unknown, error) {
	id := s.Model.Org.ID
	switch {
	case id.Set():
		return id.Value, nil, nil
	case !id.Known():
		return "", id.Unknown, nil
	}
	return "", nil, fmt.Errorf("principal %q: the plan has no aws_organizations_organization, so its organization id is not known; name the organization as organization:o-... (or an OU by its path, ou:o-.../r-.../ou-...)", ref)
}

// freshAccount is the account that stands for every account no policy of
// this side names (the diff's "any AWS account").
func (s *SideAnalysis) freshAccount() string {
	taken := map[string]bool{"account:" + s.repAccount(): true}
	for _, ref := range s.otherAccounts() {
		taken[ref] = true
	}
	return freshAccount(taken)
}

// freshAccount returns an account id that taken ("account:ID") lacks.
func freshAccount(taken map[string]bool) string {
	fresh := "999999999999"
	for taken["account:"+fresh] {
		fresh = strings.Repeat(string(rune(fresh[0]-1)), 12)
	}
	return fresh
}

// orgSubject is a caller from some account of the organization or OU that
// no policy of the plan names (see the file comment).
func (s *SideAnalysis) orgSubject(o orgPrincipal) (*Subject, error) {
	p, err := evaluator.ParsePrincipal(s.freshAccount())
	if err != nil {
		return nil, err
	}
	cs := &callerScope{}
	id := o.id
	var unknown *evaluator.Unknown
	if id == "" {
		if id, unknown, err = s.planOrgID(o.ref); err != nil {
			return nil, err
		}
	}
	switch {
	case unknown != nil && o.planOrg:
		// paths start with the id: neither can be decided
		cs.pins.SetUnknown(keyPrincipalOrgID, *unknown)
		cs.pins.SetUnknown(keyPrincipalOrgPaths, *unknown)
	case unknown != nil: // ou:ou-... of an organization the plan does not state
		cs.pins.SetUnknown(keyPrincipalOrgID, *unknown)
		cs.ranges = append(cs.ranges, evaluator.KeyRange{Key: keyPrincipalOrgPaths, Like: []string{"o-*/r-*/" + o.ou + "/*"}, Present: true})
	default:
		cs = knownOrgScope(id, o)
	}
	return &Subject{Ref: o.ref, Principal: p, scope: cs}, nil
}

// knownOrgScope is what a caller of organization id (or of its OU o)
// sends: aws:PrincipalOrgID pinned, aws:PrincipalOrgPaths within the
// organization or the OU (CTX-9).
func knownOrgScope(id string, o orgPrincipal) *callerScope {
	cs := &callerScope{}
	cs.pins.Set(keyPrincipalOrgID, id)
	like := id + "/*"
	switch {
	case o.path != "":
		like = o.path + "*"
	case o.ou != "":
		like = id + "/r-*/" + o.ou + "/*"
	}
	cs.ranges = append(cs.ranges, evaluator.KeyRange{Key: keyPrincipalOrgPaths, Like: []string{like}, Present: true})
	return cs
}

// excludeOrgs narrows "any AWS account" to the callers outside the
// organizations and OUs an only block allows. An allowed organization
// whose id the plan does not state cannot be excluded: its reason is
// returned, and a grant that depends on the organization keys is then
// unknown rather than a violation.
func (s *SideAnalysis) excludeOrgs(allowed []orgPrincipal) (cs *callerScope, undecided string, err error) {
	cs = &callerScope{}
	var ids, paths []string
	for _, o := range allowed {
		id := o.id
		if id == "" {
			var u *evaluator.Unknown
			if id, u, err = s.planOrgID(o.ref); err != nil {
				return nil, "", err
			}
			if u != nil {
				if o.planOrg || o.ou == "" {
					undecided = u.Reason
					continue
				}
				paths = append(paths, "o-*/r-*/"+o.ou+"/*")
				continue
			}
		}
		switch {
		case o.path != "":
			paths = append(paths, o.path+"*")
		case o.ou != "":
			paths = append(paths, id+"/r-*/"+o.ou+"/*")
		default:
			ids, paths = append(ids, id), append(paths, id+"/*")
		}
	}
	if len(ids) > 0 {
		cs.ranges = append(cs.ranges, evaluator.KeyRange{Key: keyPrincipalOrgID, NotLike: ids})
	}
	if len(paths) > 0 {
		cs.ranges = append(cs.ranges, evaluator.KeyRange{Key: keyPrincipalOrgPaths, NotLike: paths})
	}
	return cs, undecided, nil
}

// dependsOnOrg: the answer ranged over an organization key.
func dependsOnOrg(q *evaluator.Quantified) bool {
	for _, k := range q.Keys {
		if strings.EqualFold(k, keyPrincipalOrgID) || strings.EqualFold(k, keyPrincipalOrgPaths) {
			return true
		}
	}
	return false
}

// anyAccount is the only block's candidate for every account the plan
// does not name (the diff's "any AWS account"), outside the allowed
// organizations.
func (s *SideAnalysis) anyAccount(allowed []orgPrincipal) (member, string, error) {
	cs, undecided, err := s.excludeOrgs(allowed)
	if err != nil {
		return member{}, "", err
	}
	p, _ := evaluator.ParsePrincipal(s.freshAccount())
	return member{sub: &Subject{Ref: anyAccountLabel, Principal: p, scope: cs}, label: anyAccountLabel}, undecided, nil
}

// outsiderActions are the actions of the given access levels that the
// resource and trust policies of either side grant to principals outside
// the plan (the statements the diff's external rows read).
func (a *Analysis) outsiderActions(levels map[string]bool) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range []*SideAnalysis{a.Before, a.After} {
		for _, d := range s.resourceDocs() {
			if d.doc.Unknown != nil || !mayNameOutsidersText(d.doc.JSON) {
				continue
			}
			tree := s.tree(d.doc, d.typ)
			if tree == nil {
				continue
			}
			for i := range tree.Statements {
				st := &tree.Statements[i]
				if st.Effect != evaluator.EffectAllow || !mayNameOutsiders(st) {
					continue
				}
				for _, act := range a.statementActions(st, d.resource) {
					if ac, ok := a.catalog.LookupAction(act); ok && levels[string(ac.AccessLevel)] && !seen[act] {
						seen[act] = true
						out = append(out, act)
					}
				}
			}
		}
	}
	return out
}
