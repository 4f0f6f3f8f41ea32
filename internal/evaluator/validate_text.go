package evaluator

import "strings"

// validate_text.go holds the checks every string value of a policy gets:
// Terraform escaping leftovers (PT-10) and policy-variable rules (VA-1..VA-4).

// lintVar is one ${...} occurrence in a value (VA-3).
type lintVar struct {
	start, end int    // byte range of ${...} in the value
	name       string // key name, or "*", "?", "$"
	hasDefault bool
	problem    string // why it is malformed; "" when well-formed
}

// lintVariables calls fn for every ${ in s, in order. It parses the forms
// of VA-3: ${key}, ${key, 'default'} and the literals ${*} ${?} ${$}.
func lintVariables(s string, fn func(v lintVar)) {
	for i := 0; i+1 < len(s); {
		j := strings.Index(s[i:], "${")
		if j < 0 {
			return
		}
		start := i + j
		v := lintParseVariable(s, start)
		fn(v)
		i = v.end
		if i <= start {
			i = start + 2
		}
	}
}

func lintParseVariable(s string, start int) lintVar {
	v := lintVar{start: start}
	k := start + 2
	for k < len(s) && s[k] != '}' && s[k] != ',' && !(s[k] == '$' && k+1 < len(s) && s[k+1] == '{') {
		k++
	}
	v.name = s[start+2 : k]
	switch {
	case k >= len(s) || s[k] == '$':
		v.end = k
		v.problem = "it has no closing brace"
		return v
	case s[k] == '}':
		v.end = k + 1
	default: // ',' starts a default: ", 'text'}"
		if !strings.HasPrefix(s[k:], ", '") {
			v.end = k + 1
			v.problem = "a default value must follow a comma and one space, in single quotes: ${key, 'default'}"
			return v
		}
		q := strings.IndexByte(s[k+3:], '\'')
		if q < 0 {
			v.end = len(s)
			v.problem = "its default value has no closing single quote"
			return v
		}
		e := k + 3 + q + 1
		if e >= len(s) || s[e] != '}' {
			v.end = e
			v.problem = "it has no closing brace after the default value"
			return v
		}
		v.hasDefault = true
		v.end = e + 1
	}
	switch v.name {
	case "":
		v.problem = "the variable name is empty"
	case "*", "?", "$":
		if v.hasDefault {
			v.problem = "${*}, ${?} and ${$} take no default"
		}
	default:
		for i := 0; i < len(v.name); i++ {
			c := v.name[i]
			switch {
			case c == ' ':
				v.problem = "the variable name contains a space"
			case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
			case strings.IndexByte(":/_.-+=@", c) >= 0:
			default:
				v.problem = "the variable name contains " + jsonDescribeByte(v.name, i)
			}
			if v.problem != "" {
				break
			}
		}
	}
	return v
}

// lintMultivaluedKey reports the multivalued global keys of CO-16
// (the service reference data knows the service-specific ArrayOf* keys).
func lintMultivaluedKey(key string) bool {
	switch strings.ToLower(key) {
	case "aws:tagkeys", "aws:calledvia", "aws:principalorgpaths", "aws:resourceorgpaths", "aws:principalservicenameslist":
		return true
	}
	return lintHasSuffixFold(key, ":amr")
}

func lintHasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}

func (b *policyBuilder) versionWords() string {
	if !b.hasVersion {
		return "the policy has no Version"
	}
	return "the policy's Version is " + lintQuoteShort(b.version)
}

// checkText runs the checks every string value gets. allowVars says whether
// policy variables may appear in this place (VA-2); elem names the place for
// messages; varCode is the rule id for a forbidden variable (VA-2, or CO-9
// for Bool).
func (b *policyBuilder) checkText(v *Value, elem string, allowVars bool, varCode string) {
	s := v.Text
	if v.Kind != KindString {
		return
	}
	// PT-10: the value is already JSON-decoded, so jsonencode's \u0026{ is &{.
	if i := strings.Index(s, "&{"); i >= 0 {
		b.addAt(SeverityWarning, "PT-10", v.Pos, "%s contains %q: &{...} is the aws_iam_policy_document spelling of a policy variable; anywhere else AWS receives it as literal text that never matches (write ${...} in JSON, $${...} in HCL strings)", elem, lintExcerpt(s, i))
	}
	if i := strings.Index(s, "$${"); i >= 0 {
		b.addAt(SeverityWarning, "PT-10", v.Pos, "%s contains %q: $${ is Terraform's escape for ${ and survives only in text Terraform does not interpolate; AWS then sees '$' followed by a variable", elem, lintExcerpt(s, i))
	}
	if !strings.Contains(s, "${") {
		return
	}
	if !b.varsEnabled {
		// VA-1: under 2008-10-17 or without Version, ${...} is literal.
		b.addAt(SeverityWarning, "VA-1", v.Pos, `%s contains %q, which is literal text because %s: policy variables need "Version": "2012-10-17"`, elem, lintExcerpt(s, strings.Index(s, "${")), b.versionWords())
		return
	}
	reported := false
	lintVariables(s, func(pv lintVar) {
		if reported {
			return
		}
		text := s[pv.start:pv.end]
		switch {
		case !allowVars:
			reported = true
			if varCode == "CO-9" {
				b.addAt(SeverityError, "CO-9", v.Pos, "%s uses the policy variable %s: AWS pages disagree on whether Bool accepts variables (IAM Access Analyzer rejects them); compare with a String operator instead", elem, text)
				return
			}
			b.addAt(SeverityError, varCode, v.Pos, "policy variable %s is not allowed in %s: variables work only in the resource part of an ARN (after the 5th colon) and in String and ARN condition values", text, elem)
		case pv.problem != "":
			reported = true
			b.addAt(SeverityError, "VA-3", v.Pos, "malformed policy variable %q in %s: %s", text, elem, pv.problem)
		case pv.name != "*" && pv.name != "?" && pv.name != "$" && lintMultivaluedKey(pv.name):
			reported = true
			b.addAt(SeverityError, "VA-4", v.Pos, "policy variable %s names a multivalued key; only single-valued keys can be used as variables", text)
		}
	})
}

// excerpt returns up to 40 bytes of s around i, for messages.
func lintExcerpt(s string, i int) string {
	if len(s) <= 40 {
		return s
	}
	lo := max(0, i-10)
	hi := min(len(s), lo+40)
	return s[lo:hi]
}

func lintQuoteShort(s string) string {
	if len(s) > 60 {
		s = s[:60] + "..."
	}
	return `"` + s + `"`
}

// hasWildcard reports a * or ? outside ${...} when variables are enabled
// (${*} and ${?} are literal characters, VA-3).
func (b *policyBuilder) hasWildcard(s string) bool {
	if !b.varsEnabled || !strings.Contains(s, "${") {
		return strings.ContainsAny(s, "*?")
	}
	found := false
	last := 0
	lintVariables(s, func(pv lintVar) {
		if strings.ContainsAny(s[last:pv.start], "*?") {
			found = true
		}
		last = pv.end
	})
	return found || strings.ContainsAny(s[min(last, len(s)):], "*?")
}
