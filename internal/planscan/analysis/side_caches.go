package analysis

import (
	"strconv"
	"sync"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/iammodel"
)

// sideCaches hold what questions on one side ask again and again: the
// compiled resource and trust policies (one compile per distinct document,
// not one per question) and the roles by ARN (Target used to scan every
// role per call, which made checks on 10,000-role plans quadratic).
type sideCaches struct {
	resMu    sync.Mutex
	compiled map[string]*evaluator.CompiledResource

	rolesOnce  sync.Once
	rolesByARN map[string]*iammodel.Identity

	// tagSession: whether a role's trust may allow sts:TagSession
	// (principal_tags.go), parsed once per role.
	tagMu      sync.Mutex
	tagSession map[*iammodel.Identity]bool

	// readsTags: whether a document of the side reads aws:ResourceTag/
	// (resource_tags.go), scanned once.
	readsTagsOnce sync.Once
	readsTags     bool

	// conditionFree: *iammodel.Identity -> whether no policy of its set
	// has a condition, a policy variable or an unknown (contextMatters).
	conditionFree sync.Map
}

// compiledResource compiles a resource-side document once per side: the
// one cache of compiled resource and trust documents for queries,
// quantified questions, the access matrix and the escalation graph. A
// sanitized document brings its parse (sanitize), so compiling it as its
// own type parses nothing.
func (s *SideAnalysis) compiledResource(doc *evaluator.PolicyDoc) *evaluator.CompiledResource {
	key := doc.Name + "\x00" + strconv.FormatBool(doc.ImpliedResource) + "\x00" + string(doc.JSON)
	if doc.Unknown != nil {
		key += "\x00unknown\x00" + doc.Unknown.Reason + "\x00" + doc.Unknown.Prefix
	}
	s.caches.resMu.Lock()
	c := s.caches.compiled[key]
	s.caches.resMu.Unlock()
	if c != nil {
		return c
	}
	c = evaluator.CompileResource(doc, s.opts)
	s.caches.resMu.Lock()
	if s.caches.compiled == nil {
		s.caches.compiled = map[string]*evaluator.CompiledResource{}
	}
	s.caches.compiled[key] = c
	s.caches.resMu.Unlock()
	return c
}

// trustOnly is a set of the resource-side document alone (a trust policy
// decides AssumeRole by itself: EV-9), decided with s.fitted.
func (s *SideAnalysis) trustOnly(doc *evaluator.PolicyDoc) *evaluator.CompiledSet {
	return evaluator.Compile(evaluator.PolicySet{}, s.fitted).WithCompiledResource(s.compiledResource(doc))
}

// roleByARN is the role of the side's model with this known ARN (the last
// one, as the scan it replaces found), or nil.
func (s *SideAnalysis) roleByARN(arn string) *iammodel.Identity {
	s.caches.rolesOnce.Do(func() {
		s.caches.rolesByARN = make(map[string]*iammodel.Identity, len(s.Model.Roles))
		for _, id := range s.Model.Roles {
			if id.ARN.Known() {
				s.caches.rolesByARN[id.ARN.Value] = id
			}
		}
	})
	return s.caches.rolesByARN[arn]
}
