package evaluator

import (
	"strings"
)

// validate_elements.go checks Sid (GR-5), Action (GR-8, AC-2, AC-6) and
// Resource values (GR-8, RS-5..RS-7, VA-2).

// checkSid applies GR-5: ASCII letters and digits only, unique within the
// policy; E2 in IAM policy types, W elsewhere; an empty Sid is S.
func (b *policyBuilder) checkSid(sid string, pos Position) {
	sev := SeverityWarning
	if lintIAMPolicyType(b.typ) {
		sev = SeverityError
	}
	if sid == "" {
		b.addAt(SeveritySuggestion, "GR-5", pos, "the Sid is empty; remove it or give the statement a name")
		return
	}
	for i := 0; i < len(sid); i++ {
		c := sid[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			b.addAt(sev, "GR-5", pos, "Sid %q contains %s; IAM accepts only ASCII letters (A-Z, a-z) and digits (0-9)", sid, jsonDescribeByte(sid, i))
			break
		}
	}
	if b.sids == nil {
		b.sids = make(map[string]Position)
	}
	if first, ok := b.sids[sid]; ok {
		b.addAt(sev, "GR-5", pos, "duplicate Sid %q (first used at line %d, column %d); a Sid must be unique within the policy", sid, first.Line, first.Column)
		return
	}
	b.sids[sid] = pos
}

func lintLowerAlnumDash(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// checkAction applies GR-8 and AC-2/AC-6 to one Action or NotAction value.
func (b *policyBuilder) checkAction(v *Value, notAction bool) {
	elem := lintPick(notAction, "NotAction", "Action")
	b.checkText(v, elem, false, "VA-2")
	s := v.Text
	if s == "*" {
		return
	}
	if s == "" {
		b.addAt(SeverityError, "GR-8", v.Pos, `%s entry is empty; write "service:action", such as "s3:GetObject", or "*"`, elem)
		return
	}
	i := strings.IndexByte(s, ':')
	if i < 0 {
		if strings.Trim(s, "*") == "" {
			return
		}
		b.addAt(SeverityError, "GR-8", v.Pos, `action %q has no service prefix; IAM requires "service:action", such as "s3:GetObject"`, s)
		return
	}
	svc, act := s[:i], s[i+1:]
	switch {
	case svc == "" || act == "":
		b.addAt(SeverityError, "GR-8", v.Pos, `action %q is malformed; IAM requires "service:action", such as "s3:GetObject"`, s)
		return
	case strings.IndexByte(act, ':') >= 0:
		b.addAt(SeverityError, "GR-8", v.Pos, `action %q has more than one colon; IAM requires "service:action"`, s)
		return
	}
	for j := 0; j < len(svc); j++ {
		c := svc[j] | 0x20
		if !(c >= 'a' && c <= 'z' || svc[j] >= '0' && svc[j] <= '9' || svc[j] == '-' || svc[j] == '*' || svc[j] == '?') {
			b.addAt(SeverityError, "GR-8", v.Pos, "service prefix %q of action %q contains %s; service prefixes are letters, digits and hyphens", svc, s, jsonDescribeByte(svc, j))
			return
		}
	}
	for j := 0; j < len(act); j++ {
		c := act[j] | 0x20
		if !(c >= 'a' && c <= 'z' || act[j] >= '0' && act[j] <= '9' || act[j] == '*' || act[j] == '?' || act[j] == '-' || act[j] == '_') {
			b.addAt(SeverityWarning, "GR-8", v.Pos, "action name in %q contains %s; AWS action names are letters and digits, so this matches no action", s, jsonDescribeByte(act, j))
			break
		}
	}
	if strings.ContainsAny(svc, "*?") {
		b.addAt(SeveritySuggestion, "AC-2", v.Pos, "action %q has a wildcard in the service prefix, which matches actions of services you may not intend; name the services", s)
	}
	if b.typ == PolicySCP {
		if k := strings.IndexAny(s, "*?"); k >= 0 && (k != len(s)-1 || s[k] == '?') {
			b.addAt(SeverityWarning, "AC-6", v.Pos, "SCP action %q has a wildcard that is not at the end; Organizations has documented that SCP actions may use * only at the end of a string", s)
		}
	}
}

// lintPartitions lists the AWS partitions (GR-8).
var lintPartitions = []string{"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"}

// lintSplitARN splits s at its first five colons, treating ${...} as
// opaque when variables are enabled. It returns the fields (n of them) and
// the index of the first field (0-4) holding a variable, or -1.
func lintSplitARN(s string, varsEnabled bool) (fields [6]string, n int, varField int) {
	varField = -1
	start := 0
	for i := 0; i < len(s) && n < 5; i++ {
		if varsEnabled && s[i] == '$' && i+1 < len(s) && s[i+1] == '{' {
			if varField < 0 {
				varField = n
			}
			e := strings.IndexByte(s[i:], '}')
			if e < 0 {
				break
			}
			i += e
			continue
		}
		if s[i] == ':' {
			fields[n] = s[start:i]
			n++
			start = i + 1
		}
	}
	fields[n] = s[start:]
	return fields, n + 1, varField
}

var lintARNFieldNames = [...]string{"prefix", "partition", "service", "region", "account", "resource"}

// checkResource applies GR-8, RS-5, RS-6, RS-7 and VA-2 to one Resource or
// NotResource value.
func (b *policyBuilder) checkResource(v *Value) {
	b.checkText(v, "Resource", true, "VA-2")
	s := v.Text
	if s == "*" {
		return
	}
	if !strings.HasPrefix(s, "arn:") {
		if strings.Trim(s, "*") == "" {
			return
		}
		b.addAt(SeverityError, "GR-8", v.Pos, `resource %q is not an ARN; IAM expects "*" or "arn:partition:service:region:account:resource"`, s)
		return
	}
	fields, nf, varField := lintSplitARN(s, b.varsEnabled)
	if varField >= 0 {
		b.addAt(SeverityError, "VA-2", v.Pos, "resource %q has a policy variable in its %s field; variables are allowed only in the resource part, after the 5th colon (RS-7)", s, lintARNFieldNames[varField])
		return
	}
	if nf < 6 && !strings.HasSuffix(s, "*") {
		b.addAt(SeverityWarning, "RS-5", v.Pos, "resource %q has %d of the 6 ARN fields and no trailing *, so it matches no resource; write arn:partition:service:region:account:resource", s, nf)
	}
	for i := 1; i < nf && i < 5; i++ {
		f := fields[i]
		if !b.varsEnabled && strings.Contains(f, "${") {
			return // VA-1 already warned: the text is literal and matches nothing useful
		}
		wild := strings.ContainsAny(f, "*?")
		switch i {
		case 1:
			if f == "" || (!wild && !lintContains(lintPartitions, f)) {
				b.addAt(SeverityError, "GR-8", v.Pos, "resource %q has an unknown partition %q; expected one of %s", s, f, strings.Join(lintPartitions, ", "))
				return
			}
		case 2:
			switch {
			case wild:
				b.addAt(SeverityError, "RS-7", v.Pos, "resource %q has a wildcard in the service field; IAM does not allow wildcards there, name the service", s)
				return
			case f == "" && nf > 3:
				b.addAt(SeverityError, "GR-8", v.Pos, "resource %q has an empty service field", s)
				return
			case strings.ToLower(f) != f:
				b.addAt(SeverityError, "RS-6", v.Pos, "resource %q has a service field that is not lower-case; write %q", s, strings.ToLower(f))
				return
			case !lintLowerAlnumDash(f):
				b.addAt(SeverityError, "GR-8", v.Pos, "resource %q has an invalid service field %q", s, f)
				return
			}
		case 3:
			if f != "" && !wild && !lintValidRegion(f) {
				b.addAt(SeverityError, "GR-8", v.Pos, "resource %q has an invalid region %q; expected a region such as us-east-1, an empty field or a wildcard", s, f)
				return
			}
		case 4:
			if f != "" && !wild && f != "aws" && !IsAccountID(f) {
				b.addAt(SeverityError, "GR-8", v.Pos, "resource %q has an invalid account %q; expected a 12-digit account ID, an empty field or a wildcard", s, f)
				return
			}
		}
	}
}

func lintContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// lintValidRegion matches lower-case region names such as us-east-1,
// us-gov-west-1 or eu-isoe-west-1: letters, hyphen-separated, ending in a number.
func lintValidRegion(s string) bool {
	parts, last := 0, 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] != '-' {
			continue
		}
		p := s[last:i]
		if p == "" {
			return false
		}
		final := i == len(s)
		for j := 0; j < len(p); j++ {
			c := p[j]
			if final && !(c >= '0' && c <= '9') || !final && !(c >= 'a' && c <= 'z') {
				return false
			}
		}
		parts++
		last = i + 1
	}
	return parts >= 3
}
