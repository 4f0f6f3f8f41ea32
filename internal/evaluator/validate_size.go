package evaluator

import (
	"fmt"
	"strconv"
)

// validate_size.go holds the document-wide checks: sizes (GR-11), allowed
// characters (GR-12) and repeated JSON keys (GR-2).

// policySize counts characters (not bytes) for GR-11.
func (t *jsonTree) policySize() PolicySize {
	total := len(t.src) - t.contBytes
	noWS := total - t.wsOutside
	return PolicySize{Total: total, NoWhitespace: noWS, NoAnyWhitespace: noWS - t.spacesInside}
}

// gr11Limit is one row of the GR-11 table.
type gr11Limit struct {
	limit   int
	counted bool     // whitespace counts toward the limit
	sev     Severity // when every reading exceeds the limit
	what    string
}

func sizeLimitFor(typ PolicyType, trustQuota int) (gr11Limit, bool) {
	switch typ {
	case PolicyIdentity, PolicyBoundary:
		// A warning, not an error: the type does not say whether the document
		// is customer managed (6,144), inline (2,048 to 10,240 per identity,
		// aggregated) or AWS managed (larger; dozens of AWS managed policies
		// exceed 6,144), and an error would turn every decision into "error".
		return gr11Limit{6144, false, SeverityWarning, "a customer managed policy (inline policies share 2,048 to 10,240 per identity; AWS managed policies may be larger)"}, true
	case PolicyTrust:
		if trustQuota > 0 {
			return gr11Limit{trustQuota, false, SeverityError, "the account's role trust policy quota"}, true
		}
		return gr11Limit{2048, false, SeverityWarning, "the default role trust policy quota (raise it with a quota increase and configure it here)"}, true
	case PolicySCP, PolicyRCP:
		return gr11Limit{5120, true, SeverityError, "an " + string(typ) + " (whitespace counts)"}, true
	case PolicyEndpoint:
		return gr11Limit{20480, true, SeverityError, "a VPC endpoint policy (whitespace counts)"}, true
	case PolicySession:
		return gr11Limit{2048, false, SeverityWarning, "a session policy (plaintext, before packing)"}, true
	case PolicyResource:
		return gr11Limit{20480, false, SeverityWarning, "an S3 bucket policy (KMS key policies allow 32 KB, SQS queue policies 8 KB)"}, true
	}
	return gr11Limit{}, false
}

// sizeFindings applies GR-11: an error (or the row's severity) when every
// whitespace reading exceeds the limit, a warning when the limit lies
// between the readings.
func (b *policyBuilder) sizeFindings(sz PolicySize, trustQuota int) {
	lim, ok := sizeLimitFor(b.typ, trustQuota)
	if !ok {
		return
	}
	lo, hi := sz.NoAnyWhitespace, sz.NoWhitespace
	if lim.counted {
		lo, hi = sz.Total, sz.Total
	}
	pos := b.t.pos(0, "")
	switch {
	case lo > lim.limit:
		b.addAt(lim.sev, "GR-11", pos, "the policy has %s characters, more than the %s allowed for %s", sizeCountWords(lo, hi), strconv.Itoa(lim.limit), lim.what)
	case hi > lim.limit:
		b.addAt(SeverityWarning, "GR-11", pos, "the policy has %s characters depending on how whitespace inside strings is counted; the limit for %s is %d, so AWS may reject it", sizeCountWords(lo, hi), lim.what, lim.limit)
	}
}

func sizeCountWords(lo, hi int) string {
	if lo == hi {
		return strconv.Itoa(lo)
	}
	return fmt.Sprintf("%d to %d", lo, hi)
}

// characterFindings applies GR-12: IAM policy documents may hold only tab,
// newline, carriage return and U+0020-U+00FF; E1 for the policy types IAM
// stores, W elsewhere.
func (b *policyBuilder) characterFindings() {
	sev := SeverityWarning
	if lintIAMPolicyType(b.typ) {
		sev = SeverityError
	}
	for _, bc := range b.t.badChars {
		ch := fmt.Sprintf("%U", bc.r)
		if bc.r >= 0x20 {
			ch += " " + strconv.QuoteRune(bc.r)
		}
		b.addAt(sev, "GR-12", b.t.posAt(int(bc.off), b.t.pointerOf(bc.node)), "character %s is not allowed in IAM policy documents: they may contain only tab, newline, carriage return and U+0020 to U+00FF", ch)
	}
}

// duplicateKeyFindings reports GR-2 for each repeated key.
func (b *policyBuilder) duplicateKeyFindings() {
	t := b.t
	for _, d := range t.dups {
		first := t.pos(d.first, "")
		name := t.text(d.later)
		b.addAt(SeverityWarning, "GR-2", t.pos(d.later, t.pointerOf(d.later)),
			"ambiguous document: key %q repeats the one at line %d, column %d; AWS does not document which one IAM uses (encoding/json and JSON.parse keep the last), so iamsim evaluates both and answers unknown where they differ",
			name, first.Line, first.Column)
	}
}
