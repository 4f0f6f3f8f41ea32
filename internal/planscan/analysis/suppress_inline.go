package analysis

import (
	"time"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfconfig"
)

// Inline suppressions (issue 12): `# planscan:ignore RULE reason="..."
// expires=YYYY-MM-DD` comments in the .tf source, each scoped to the one
// resource or data block it sits in or directly above (tfconfig reads
// them; a malformed one is a source warning and never applied). They work
// as suppress blocks of planscan.hcl do: the result is reported as
// suppressed with the reason, never dropped, and an expired comment
// silences nothing and is reported (expired-suppression).

// inlineSuppression is a comment as a suppress block: the rule glob, the
// reason and the expiry; its scope (the block) is matched by address.
func inlineSuppression(s tfconfig.Suppression) ConfigSuppression {
	return ConfigSuppression{Pos: s.Pos(), Finding: s.Rule, Reason: s.Reason, Expires: s.Expires, Inline: true}
}

// configRules are the results of planscan.hcl's own blocks and of the
// plan's iamsim_assertion resources: requirements someone wrote down, which
// a comment in the code under review does not waive (suppress blocks do).
var configRules = map[string]bool{"assert": true, "only": true, "deny_new": true, "iamsim_assertion": true, "expired-suppression": true}

// applyInlineSuppressions suppresses the failed and unknown findings whose
// Terraform address belongs to a block with a matching, unexpired comment.
func (a *Analysis) applyInlineSuppressions(results []CheckResult, now time.Time) {
	if a.source == nil {
		return
	}
	for i := range results {
		r := &results[i]
		if (r.Status != StatusFail && r.Status != StatusUnknown) || configRules[r.Rule] {
			continue
		}
		for _, s := range a.source.Suppressions(r.Address) {
			cs := inlineSuppression(s)
			if cs.matches(&CheckResult{Rule: r.Rule}) && !cs.expired(now) {
				r.Status, r.Suppressed, r.SuppressedAt = StatusSuppressed, s.Reason, cs.Pos
				break
			}
		}
	}
}

// expiredInlineSuppressions reports the expired comments of the source.
func (a *Analysis) expiredInlineSuppressions(now time.Time) []CheckResult {
	if a.source == nil {
		return nil
	}
	var cfg Config
	for _, s := range a.source.AllSuppressions() {
		cfg.Suppressions = append(cfg.Suppressions, inlineSuppression(s))
	}
	return expiredSuppressions(&cfg, now)
}
