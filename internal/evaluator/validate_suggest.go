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
