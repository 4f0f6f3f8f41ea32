package analysis

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"
)

// FingerprintOf identifies a result across runs: a hash of its rule, name,
// principal, address, action and resource. The message (which counts and
// lists what it found) and every position are left out, so that edits
// elsewhere in the plan or the config file do not change it.
func FingerprintOf(r *CheckResult) string {
	h := sha256.New()
	for _, f := range []string{r.Rule, r.Name, r.Principal, r.Address, r.Action, r.Resource} {
		h.Write([]byte(f))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// expired reports whether the suppression's last day is before now (UTC).
func (s ConfigSuppression) expired(now time.Time) bool {
	return !s.Expires.IsZero() && !now.UTC().Before(s.Expires.AddDate(0, 0, 1))
}

// expiredSuppressions reports each expired suppress block as a warning:
// the findings it silenced are reported again.
func expiredSuppressions(cfg *Config, now time.Time) []CheckResult {
	var out []CheckResult
	for _, s := range cfg.Suppressions {
		if !s.expired(now) {
			continue
		}
		kind := "suppress block"
		if s.Inline {
			kind = "planscan:ignore comment"
		}
		out = append(out, CheckResult{Rule: "expired-suppression", Name: "suppress " + s.Finding + " " + s.Pos,
			Status: StatusFail, Level: LevelWarning, ConfigPos: s.Pos, Address: s.Address, Principal: s.Principal, Resource: s.Resource,
			Message: fmt.Sprintf("%s (%s) for %s expired on %s (reason was %q): its findings are reported again",
				kind, s.Pos, s.Finding, s.Expires.Format(time.DateOnly), s.Reason)})
	}
	return out
}

// BaselineVersion is the format version of baseline files.
const BaselineVersion = 1

// Baseline is a file of accepted findings (planscan check
// --write-baseline): findings it records are reported as suppressed.
type Baseline struct {
	Version  int             `json:"version"`
	Findings []BaselineEntry `json:"findings"`
}

// BaselineEntry is one recorded finding. A result matches when its rule,
// principal, resource and fingerprint are all the same; name and address
// are there for the reader.
type BaselineEntry struct {
	Rule        string `json:"rule"`
	Name        string `json:"name"`
	Principal   string `json:"principal,omitempty"`
	Address     string `json:"address,omitempty"`
	Resource    string `json:"resource,omitempty"`
	Fingerprint string `json:"fingerprint"`
}

func (e BaselineEntry) key() string {
	return e.Rule + "\x00" + e.Principal + "\x00" + e.Resource + "\x00" + e.Fingerprint
}

// NewBaseline records the findings of a report: every failed or unknown
// result, and those a baseline already suppressed (not those the config
// file suppresses: they keep their own reason).
func NewBaseline(rep *CheckReport) *Baseline {
	b := &Baseline{Version: BaselineVersion, Findings: []BaselineEntry{}}
	seen := map[string]bool{}
	for i := range rep.Results {
		r := &rep.Results[i]
		if r.Status == StatusPass || (r.Status == StatusSuppressed && !r.Baselined) {
			continue
		}
		e := BaselineEntry{Rule: r.Rule, Name: r.Name, Principal: r.Principal, Address: r.Address, Resource: r.Resource, Fingerprint: FingerprintOf(r)}
		if !seen[e.key()] {
			seen[e.key()] = true
			b.Findings = append(b.Findings, e)
		}
	}
	sort.Slice(b.Findings, func(i, j int) bool { return b.Findings[i].key() < b.Findings[j].key() })
	return b
}

// LoadBaseline reads a baseline file.
func LoadBaseline(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	var b Baseline
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, fmt.Errorf("baseline %s: %w", path, err)
	}
	if b.Version != BaselineVersion {
		return nil, fmt.Errorf("baseline %s: version %d, want %d", path, b.Version, BaselineVersion)
	}
	return &b, nil
}

// Write writes the baseline as indented JSON.
func (b *Baseline) Write(path string) error {
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	return nil
}

// Apply marks the failed and unknown results the baseline records as
// suppressed (the reason names the file) and recomputes the summary and
// verdict. It returns how many results it suppressed.
func (b *Baseline) Apply(rep *CheckReport, file string) int {
	keys := map[string]bool{}
	for _, e := range b.Findings {
		keys[e.key()] = true
	}
	n := 0
	for i := range rep.Results {
		r := &rep.Results[i]
		if r.Status != StatusFail && r.Status != StatusUnknown {
			continue
		}
		e := BaselineEntry{Rule: r.Rule, Principal: r.Principal, Resource: r.Resource, Fingerprint: FingerprintOf(r)}
		if keys[e.key()] {
			r.Status, r.Suppressed, r.Baselined = StatusSuppressed, "recorded in baseline "+strings.TrimSpace(file), true
			n++
		}
	}
	rep.finish(rep.FailOnUnknown)
	return n
}
