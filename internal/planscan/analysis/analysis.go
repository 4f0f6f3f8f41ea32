package analysis

import (
	"fmt"
	"sync"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/iammodel"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfconfig"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/iamdata"
)

// Analysis holds both sides of a plan, ready for queries, the permission
// diff and checks. Build it with Analyze.
type Analysis struct {
	Plan        *tfjson.Plan
	Before      *SideAnalysis
	After       *SideAnalysis
	Diagnostics []iammodel.Diagnostic
	// Errored: the plan says "errored": true (accepted with
	// --allow-errored-plan); check reports it as an unknown error-level
	// result, so that an incomplete plan never passes unnoticed.
	Errored bool
	// State: the input is the `terraform show -json` of a state
	// (tfplan.Info.State): both sides are what is deployed now, every value
	// known, and nothing is new (deny_new has nothing to report).
	State   bool
	catalog *iamdata.Catalog
	source  *tfconfig.Config // the configuration source (nil: the plan alone)

	uOnce sync.Once
	u     *universe
	mOnce sync.Once
	m     *matrix
}

// SideAnalysis is one side's model with the engine set up for it: policy
// documents validated once (PT-11), compiled policy sets cached per
// identity. It is safe for concurrent use.
type SideAnalysis struct {
	Model *iammodel.Model
	// Invalid lists the documents with E1/E2 findings: the apply would fail
	// on them (PT-11). Decisions that use them are unknown with reason
	// invalid-policy:<name>.
	Invalid []*InvalidPolicy

	side    tfplan.Side
	plan    *tfjson.Plan
	catalog *iamdata.Catalog
	opts    evaluator.Options // with the Catalog: parsing, validation and queries (AC-5, RS-10)
	// fitted decides the access matrix, the escalation graph and the
	// conditional findings: the same reference data as opts (EV-4, EV-15)
	// without the per-request checks (AC-5, RS-10), which their callers
	// make themselves (fittedDecisions).
	fitted evaluator.Options

	caches sideCaches

	mu sync.Mutex
	// keyed by the JSON first: a lookup hashes the document without copying
	// it into a key (ReadOnlyAccess, 100 KB, was copied for each principal
	// it is attached to)
	parses  map[string]map[parseKey]*evaluator.ParsedPolicy // JSON -> type -> the one parse and validation
	checked map[string]map[checkKey]*InvalidPolicy          // JSON -> type and name -> nil (valid) or finding
	sets    map[*iammodel.Identity]*evaluator.CompiledSet
	// the documents of sets, compiled once each (a managed policy
	// attached to a hundred principals was compiled for each)
	policies  evaluator.PolicyCache
	refs      *tfplan.Resolver
	refsReady bool

	// what the gate's resource patterns range over (check_scope.go)
	scopeOnce sync.Once
	scopeRes  []planResource
	scopePats []string
	// accounts the side's policies name (only also asks their root users)
	scopeAccts []string
	// known ARNs of planResources, for the "outside the plan" note (holds)
	heldOnce sync.Once
	held     map[string]bool
}

// InvalidPolicy is a policy document IAM would reject (E1/E2 findings).
type InvalidPolicy struct {
	Name     string // the document's name: usually the Terraform address
	Type     evaluator.PolicyType
	Side     string
	Findings []evaluator.Finding
}

// Summary is the first error finding, for messages.
func (p *InvalidPolicy) Summary() string {
	for _, f := range p.Findings {
		if f.Severity == evaluator.SeverityError {
			return f.String()
		}
	}
	return "invalid"
}

// AnalyzeOptions configure Analyze.
type AnalyzeOptions struct {
	AccountID string
	Region    string
	// Catalog is the reference data (managed policies, actions); nil means
	// iamdata.Default().
	Catalog *iamdata.Catalog
	// Errored marks a plan with "errored": true (tfplan.Info.Errored).
	Errored bool
	// Source is the plan's configuration source (nil: the plan alone).
	Source *tfconfig.Config
	// State marks a state read as a plan that changes nothing
	// (tfplan.Info.State).
	State bool
}

// Analyze builds the before and after models of a plan with the reference
// data as managed-policy resolver and engine Catalog.
func Analyze(plan *tfjson.Plan, o AnalyzeOptions) (*Analysis, error) {
	cat := o.Catalog
	if cat == nil {
		cat = iamdata.Default()
	}
	// one copy of each managed policy's document for the whole analysis
	// (the catalog copies it per call: ReadOnlyAccess was copied for each
	// principal it is attached to, on each side); nobody writes to it
	var managedMu sync.Mutex
	managed := map[string][]byte{}
	resolve := func(arn string) ([]byte, bool) {
		managedMu.Lock()
		defer managedMu.Unlock()
		if doc, ok := managed[arn]; ok {
			return doc, doc != nil
		}
		d, ok := cat.ManagedPolicy(arn)
		if !ok {
			managed[arn] = nil
			return nil, false
		}
		managed[arn] = d.Document
		return d.Document, true
	}
	before, after, diags, err := iammodel.BuildModel(plan, iammodel.ModelOptions{AccountID: o.AccountID, Region: o.Region, ManagedPolicies: resolve, Source: o.Source})
	if err != nil {
		return nil, err
	}
	if o.Errored {
		diags = append(diags, iammodel.Diagnostic{Severity: evaluator.SeverityWarning,
			Summary: "the plan is errored (terraform plan failed): resources it did not reach are missing from the model"})
	}
	a := &Analysis{Plan: plan, Diagnostics: diags, Errored: o.Errored, State: o.State, catalog: cat, source: o.Source}
	a.Before = newSideAnalysis(before, plan, cat)
	a.After = newSideAnalysis(after, plan, cat)
	return a, nil
}

func newSideAnalysis(m *iammodel.Model, plan *tfjson.Plan, cat *iamdata.Catalog) *SideAnalysis {
	return &SideAnalysis{
		Model: m, side: m.Side, plan: plan, catalog: cat,
		opts:    evaluator.Options{Catalog: cat.Engine()},
		fitted:  evaluator.Options{Catalog: cat.Engine(), FittedRequests: true},
		parses:  map[string]map[parseKey]*evaluator.ParsedPolicy{},
		checked: map[string]map[checkKey]*InvalidPolicy{},
		sets:    map[*iammodel.Identity]*evaluator.CompiledSet{},
	}
}

// Sides returns the analyses for a --state value: before, after or both.
func (a *Analysis) Sides(state string) ([]*SideAnalysis, error) {
	switch state {
	case "", "after":
		return []*SideAnalysis{a.After}, nil
	case "before":
		return []*SideAnalysis{a.Before}, nil
	case "both":
		return []*SideAnalysis{a.Before, a.After}, nil
	}
	return nil, fmt.Errorf("unknown state %q (want before, after or both)", state)
}

// SideName is "before" or "after".
func (s *SideAnalysis) SideName() string { return string(s.side) }

// parse parses and validates a known document (d.Unknown == nil) once per
// side, type and
// reading of RS-1 (ImpliedResource), whatever its name: every later use
// (sanitize, the compiled sets, the policy trees planscan reads) shares it.
func (s *SideAnalysis) parse(d evaluator.PolicyDoc, typ evaluator.PolicyType) *evaluator.ParsedPolicy {
	key := parseKey{typ, d.ImpliedResource}
	s.mu.Lock()
	p := s.parses[string(d.JSON)][key]
	s.mu.Unlock()
	if p != nil {
		return p
	}
	p = evaluator.ParseDocument(d, typ, s.opts)
	s.mu.Lock()
	byType := s.parses[string(d.JSON)]
	if byType == nil {
		byType = map[parseKey]*evaluator.ParsedPolicy{}
		s.parses[string(d.JSON)] = byType
	}
	if prev := byType[key]; prev != nil {
		p = prev
	} else {
		byType[key] = p
	}
	s.mu.Unlock()
	return p
}

// parseKey and checkKey tell apart the parses and validations of one JSON
// text.
type parseKey struct {
	typ     evaluator.PolicyType
	implied bool
}

type checkKey struct {
	parseKey
	name string
}

// tree is the parsed form of a document (nil: unknown, or not a JSON
// object).
func (s *SideAnalysis) tree(d evaluator.PolicyDoc, typ evaluator.PolicyType) *evaluator.Policy {
	if d.Unknown != nil {
		return nil
	}
	return s.parse(d, typ).Tree()
}

// sanitize validates a known document once and replaces an invalid one by
// an unknown document with reason invalid-policy:<name> (PT-11: the apply
// would fail, leaving the old policy or none). A valid one comes back with
// its parse (PolicyDoc.Parsed), so that compiling it parses nothing.
func (s *SideAnalysis) sanitize(d evaluator.PolicyDoc, typ evaluator.PolicyType) evaluator.PolicyDoc {
	if d.Unknown != nil {
		return d
	}
	p := s.parse(d, typ)
	key := checkKey{parseKey{typ, d.ImpliedResource}, d.Name}
	s.mu.Lock()
	inv, done := s.checked[string(d.JSON)][key]
	if !done {
		if fs := p.Findings(); evaluator.HasErrors(fs) {
			inv = &InvalidPolicy{Name: d.Name, Type: typ, Side: string(s.side), Findings: fs}
			s.Invalid = append(s.Invalid, inv)
		}
		byName := s.checked[string(d.JSON)]
		if byName == nil {
			byName = map[checkKey]*InvalidPolicy{}
			s.checked[string(d.JSON)] = byName
		}
		byName[key] = inv
	}
	s.mu.Unlock()
	if inv == nil {
		d.Parsed = p
		return d
	}
	return evaluator.PolicyDoc{Name: d.Name, Unknown: &evaluator.Unknown{Reason: "invalid-policy:" + d.Name}}
}

func (s *SideAnalysis) sanitizeAll(ds []evaluator.PolicyDoc, typ evaluator.PolicyType) []evaluator.PolicyDoc {
	if len(ds) == 0 {
		return ds
	}
	out := make([]evaluator.PolicyDoc, len(ds))
	for i, d := range ds {
		out[i] = s.sanitize(d, typ)
	}
	return out
}

func (s *SideAnalysis) sanitizeLevels(ls [][]evaluator.PolicyDoc, typ evaluator.PolicyType) [][]evaluator.PolicyDoc {
	if len(ls) == 0 {
		return ls
	}
	out := make([][]evaluator.PolicyDoc, len(ls))
	for i, l := range ls {
		out[i] = s.sanitizeAll(l, typ)
	}
	return out
}

// PolicySet is the model's policy set of an identity with invalid
// documents made unknown (PT-11). The resource policy is nil.
func (s *SideAnalysis) PolicySet(id *iammodel.Identity) evaluator.PolicySet {
	set := s.Model.PolicySetFor(id)
	set.Identity = s.sanitizeAll(set.Identity, evaluator.PolicyIdentity)
	set.Boundaries = s.sanitizeAll(set.Boundaries, evaluator.PolicyBoundary)
	set.SCPs = s.sanitizeLevels(set.SCPs, evaluator.PolicySCP)
	set.RCPs = s.sanitizeLevels(set.RCPs, evaluator.PolicyRCP)
	return set
}

// compiled returns the identity's compiled set (no resource policy), for
// queries; the matrix decides it WithOptions(s.fitted).
func (s *SideAnalysis) compiled(id *iammodel.Identity) *evaluator.CompiledSet {
	s.mu.Lock()
	c := s.sets[id]
	s.mu.Unlock()
	if c != nil {
		return c
	}
	c = evaluator.CompileCached(s.PolicySet(id), s.opts, &s.policies)
	s.mu.Lock()
	s.sets[id] = c
	s.mu.Unlock()
	return c
}

// Fitted decisions (issue 11): the access matrix decides one
// representative action per class on every target its service acts on and
// keeps the members that fit the target itself (fitting, RS-9, RS-10):
// with the catalog's per-request checks, a representative that does not
// fit would make the whole class an error. So the matrix, the escalation
// graph and the conditional findings decide with SideAnalysis.fitted:
// evaluator.Options.FittedRequests skips those checks and keeps every rule
// the reference data decides (the KMS cross-account operations, EV-15; the
// wildcard-only reading of RCPs, EV-4; the key types of quantification),
// so they answer as query and assert do. The classes keep apart the
// actions those rules tell apart (decisionTraits).

// Subject is a principal a question is about: an identity of the model, or
// a principal given by ARN (outside the plan, or found in the model by ARN).
