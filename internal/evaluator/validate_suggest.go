package evaluator

import "strings"

// ActionSuggester is implemented by a Catalog that can name the known
// actions closest to a misspelled one (the iamdata package does).
type ActionSuggester interface {
	SuggestActions(name string) []string
}

// didYouMean is the "; did you mean X?" suffix of an AC-4 finding, or "".
func (c *catalogChecker) didYouMean(name string) string {
	sg, ok := c.cat.(ActionSuggester)
	if !ok {
		return ""
	}
	if s := sg.SuggestActions(name); len(s) > 0 {
		return " (did you mean " + strings.Join(s, ", ") + "?)"
	}
	return ""
}
