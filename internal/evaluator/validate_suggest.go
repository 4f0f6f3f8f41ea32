package evaluator

import "strings"

// ActionSuggester is implemented by a Catalog that can name the known
// actions closest to a misspelled one (the iamdata package does).
type ActionSuggester interface {
	SuggestActions(name string) []string
}

// maxSuggestions bounds the "did you mean" lookups per document: each one
// compares the name with every action of its service, and a document is
// input (a plan may hold a policy of 20,000 made-up actions). Findings past
// the bound carry no suggestion.
const maxSuggestions = 64

// didYouMean is the "; did you mean X?" suffix of an AC-4 finding, or "".
func (c *catalogChecker) didYouMean(name string) string {
	sg, ok := c.cat.(ActionSuggester)
	if !ok || c.suggested >= maxSuggestions {
		return ""
	}
	c.suggested++
	if s := sg.SuggestActions(name); len(s) > 0 {
		return " (did you mean " + strings.Join(s, ", ") + "?)"
	}
	return ""
}

// KeySuggester is implemented by a Catalog that can tell a condition key
// no data set knows and name the known keys closest to it (iamdata does).
type KeySuggester interface {
	UnknownConditionKey(key string) bool
	SuggestConditionKeys(key string) []string
}

// unknownKey reports CO-19: a condition key of "aws" or a known service
// that no service defines is never in a request, so the condition is
// evaluated as for a missing key (CO-3): a positive operator never holds,
// a negated one always does.
func (c *catalogChecker) unknownKey(cd *Condition) {
	ks, ok := c.cat.(KeySuggester)
	if !ok || !ks.UnknownConditionKey(cd.Key) {
		return
	}
	hint := ""
	if c.suggested < maxSuggestions {
		c.suggested++
		if s := ks.SuggestConditionKeys(cd.Key); len(s) > 0 {
			hint = " (did you mean " + strings.Join(s, ", ") + "?)"
		}
	}
	c.add(SeverityWarning, "CO-19", cd.KeyPos, "%q is not a known condition key%s; no request carries it, so %s is evaluated as for a missing key (CO-3)", cd.Key, hint, cd.Operator)
}
