package analysis

import "sort"

// Status is the outcome of one check.
type Status string

const (
	StatusPass       Status = "pass"
	StatusFail       Status = "fail"
	StatusUnknown    Status = "unknown" // the verdict depends on values known only after apply
	StatusSuppressed Status = "suppressed"
)

// Level is how much a failing check matters: error fails the gate,
// warning and note are reported only.
type Level string

const (
	LevelError   Level = "error"
	LevelWarning Level = "warning"
	LevelNote    Level = "note"
)

// SupportedLevels lists the levels, for the config file's severities.
func SupportedLevels() []string {
	return []string{string(LevelError), string(LevelWarning), string(LevelNote)}
}

// CheckResult is one assertion or finding.
type CheckResult struct {
	// Rule is the check kind: assert, only, deny_new, iamsim_assertion, or
	// a built-in finding (admin-equivalent, privilege-escalation, ...).
	Rule   string `json:"rule"`
	Name   string `json:"name"`
	Status Status `json:"status"`
	Level  Level  `json:"level"`
	// PreExisting marks a finding that holds before the plan too.
	PreExisting bool   `json:"preExisting,omitempty"`
	Principal   string `json:"principal,omitempty"`
	Action      string `json:"action,omitempty"`
	Resource    string `json:"resource,omitempty"`
	// Address is the Terraform address the result is about (SARIF logical
	// location); ConfigPos is file:line:col of a config block.
	Address   string `json:"address,omitempty"`
	ConfigPos string `json:"configPos,omitempty"`
	Message   string `json:"message"`
	Decision  string `json:"decision,omitempty"`
	// Conditions are the context conditions a conditional finding needs
	// (issue 9), e.g. "aws:MultiFactorAuthPresent = true"; ConditionClass
	// (mfa, network, context) selects a severity "RULE/CLASS".
	Conditions     string   `json:"conditions,omitempty"`
	ConditionClass string   `json:"conditionClass,omitempty"`
	DependsOn      []string `json:"dependsOn,omitempty"`
	Suppressed     string   `json:"suppressedBecause,omitempty"`
	// SuppressedAt is file:line:col of the planscan:ignore comment of the
	// .tf source that suppressed the result (SARIF kind inSource).
	SuppressedAt string `json:"suppressedAt,omitempty"`
	// Path is the escalation path of an escalation-path finding (issue 10).
	Path []EscalationStep `json:"path,omitempty"`
	// Baselined: suppressed because a baseline file records the result.
	Baselined bool `json:"baselined,omitempty"`
	// Fingerprint is the result's stable id (see FingerprintOf).
	Fingerprint string `json:"fingerprint,omitempty"`
	// Statement is the one statement that causes the result, as
	// "ADDRESS#SID" (the Sid, else its 1-based index) of the policy's
	// resource; "" when no single statement does. The reports point at its
	// line when the source writes it as a block or a jsonencode object
	// (issue 8 item C), else at the block of Address.
	Statement string `json:"-"`
}

// CheckReport is the result of planscan check.
type CheckReport struct {
	Plan    string        `json:"plan"`
	Results []CheckResult `json:"results"`
	Summary CheckSummary  `json:"summary"`
	// FailOnUnknown: unknown error-level results block the gate (the flag
	// or the config file's fail_on_unknown).
	FailOnUnknown bool `json:"-"`
}

// CheckSummary counts results by status. The process exit status that
// follows from the verdict is cmd/planscan's business, not the library's.
type CheckSummary struct {
	Passed     int `json:"passed"`
	Failed     int `json:"failed"`
	Unknown    int `json:"unknown"`
	Suppressed int `json:"suppressed"`
	Warnings   int `json:"warnings"`
	// Notes counts note-level findings (shared-access, ...): reported,
	// never blocking.
	Notes   int     `json:"notes,omitempty"`
	Verdict Verdict `json:"verdict"`
}

// Verdict is the outcome of the gate as a whole.
type Verdict string

const (
	// VerdictPass: no error-level result fails (unknowns do not block).
	VerdictPass Verdict = "pass"
	// VerdictFail: an error-level result fails.
	VerdictFail Verdict = "fail"
	// VerdictUnknown: nothing fails, but an error-level unknown blocks the
	// gate under fail-on-unknown (PT-3: never report pass or fail that an
	// unknown value could change).
	VerdictUnknown Verdict = "unknown"
)

// blocking reports whether a result fails the gate: an error-level
// failure, or (with failOnUnknown) an error-level unknown.
func (r *CheckResult) blocking() bool { return r.Status == StatusFail && r.Level == LevelError }

func (r *CheckResult) blockingUnknown() bool {
	return r.Status == StatusUnknown && r.Level == LevelError
}

// finish sorts the results and computes the summary and verdict.
func (rep *CheckReport) finish(failOnUnknown bool) {
	rep.FailOnUnknown = failOnUnknown
	for i := range rep.Results {
		rep.Results[i].Fingerprint = FingerprintOf(&rep.Results[i])
	}
	sort.SliceStable(rep.Results, func(i, j int) bool {
		a, b := rep.Results[i], rep.Results[j]
		if sa, sb := statusOrder[a.Status], statusOrder[b.Status]; sa != sb {
			return sa < sb
		}
		if la, lb := levelOrder2[a.Level], levelOrder2[b.Level]; la != lb {
			return la < lb
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		if a.Principal != b.Principal {
			return a.Principal < b.Principal
		}
		if a.Address != b.Address {
			return a.Address < b.Address
		}
		if a.Action != b.Action {
			return a.Action < b.Action
		}
		return a.Resource < b.Resource
	})
	s := CheckSummary{}
	fail, unk := false, false
	for i := range rep.Results {
		r := &rep.Results[i]
		switch r.Status {
		case StatusPass:
			s.Passed++
		case StatusFail:
			switch r.Level {
			case LevelError:
				s.Failed++
			case LevelNote:
				s.Notes++
			default:
				s.Warnings++
			}
		case StatusUnknown:
			s.Unknown++
		case StatusSuppressed:
			s.Suppressed++
		}
		fail = fail || r.blocking()
		unk = unk || r.blockingUnknown()
	}
	switch {
	case fail:
		s.Verdict = VerdictFail
	case unk && failOnUnknown:
		s.Verdict = VerdictUnknown
	default:
		s.Verdict = VerdictPass
	}
	rep.Summary = s
}

var statusOrder = map[Status]int{StatusFail: 0, StatusUnknown: 1, StatusPass: 2, StatusSuppressed: 3}
var levelOrder2 = map[Level]int{LevelError: 0, LevelWarning: 1, LevelNote: 2}

// diffResults turns diff changes into results for SARIF and JUnit: one per
// principal, change kind, service and access level (note level).
func DiffResults(d *Diff) []CheckResult {
	var out []CheckResult
	for _, p := range d.Principals {
		addr := p.Principal
		if p.Kind == externalKind {
			addr = "" // a principal outside the plan has no Terraform address
		}
		for _, c := range p.Changes {
			r := CheckResult{
				Rule: "access-" + string(c.Kind), Name: p.Principal + " " + string(c.Kind) + " " + c.Service + " " + c.AccessLevel,
				Status: StatusFail, Level: LevelNote, Principal: p.Principal, Address: addr,
				Message: p.Principal + " " + c.Kind.Verb() + " " + c.Service + " " + c.AccessLevel + ": " +
					Abbreviate(c.Actions, 20) + " on " + Abbreviate(c.Resources, 20),
				DependsOn: c.DependsOn, Conditions: c.When, Statement: c.Statement,
			}
			if c.When != "" {
				r.Message += " when " + c.When
			}
			out = append(out, r)
		}
	}
	return out
}
