package analysis

import (
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// adminStatement is "ADDRESS#SID" of the one identity-policy statement
// that makes a principal admin-equivalent on a side: the only Allow without
// conditions whose Action is "*" (or "iam:*" when iamOnly) and whose
// Resource is "*" (EV-1: one Allow that matches every request suffices).
// "" when there is none or several, or the principal is not in the model:
// the result then points at the principal's block (issue 8 item C).
func (s *SideAnalysis) adminStatement(addr string, iamOnly bool) string {
	sub, err := s.Subject(addr)
	if err != nil || sub.Identity == nil {
		return ""
	}
	found := ""
	for _, d := range s.PolicySet(sub.Identity).Identity {
		tree := s.tree(d, evaluator.PolicyIdentity)
		if tree == nil || d.Name == "" {
			continue
		}
		for i := range tree.Statements {
			st := &tree.Statements[i]
			if st.Effect != evaluator.EffectAllow || len(st.Conditions) > 0 || st.NotAction || st.NotResource ||
				!hasValue(st.Actions, "*", iamOnly) || !hasValue(st.Resources, "*", false) {
				continue
			}
			if found != "" {
				return "" // two statements grant it: neither alone is the cause
			}
			found = d.Name + "#" + st.Label()
		}
	}
	return found
}

// hasValue reports a pattern equal to want (or "iam:*" when iamToo).
func hasValue(vs []evaluator.Value, want string, iamToo bool) bool {
	for _, v := range vs {
		if v.Text == want || iamToo && strings.EqualFold(v.Text, "iam:*") {
			return true
		}
	}
	return false
}
