package report

// planscan query --who-can (issue 10): who can perform an action on a
// resource, directly or through a path of the principal graph; text or
// JSON lines (doc/planscan/schemas/who-can.schema.json).

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/analysis"
)

// WriteWhoCan renders the rows of one question on one side; text says
// so when nobody can.
func WriteWhoCan(w io.Writer, action, resource, state string, rows []analysis.WhoCanRow, format string) error {
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, r := range rows {
			if err := enc.Encode(r); err != nil {
				return err
			}
		}
		return nil
	}
	if format != "text" && format != "" {
		return fmt.Errorf("unknown format %q (want text or json)", format)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "who can %s on %s [%s]:", safeText(action), safeText(resource), safeText(state))
	if len(rows) == 0 {
		b.WriteString(" nobody, under any context\n")
	} else {
		b.WriteString("\n")
	}
	for i := range rows {
		r := &rows[i]
		fmt.Fprintf(&b, "  %s (%s): %s", safeText(r.Principal), r.Kind, r.Outcome)
		if r.Via != "" {
			fmt.Fprintf(&b, ", through %s", safeText(r.Via))
		}
		if r.Conditions != "" {
			fmt.Fprintf(&b, ", when %s", safeText(r.Conditions))
		}
		b.WriteString("\n")
		for j, st := range r.Path {
			l := fmt.Sprintf("step %d: %s --%s--> %s: %s", j+1, st.From, st.Technique, st.To, strings.Join(st.Grants, "; "))
			if st.Conditions != "" {
				l += "; when " + st.Conditions
			}
			fmt.Fprintf(&b, "      %s\n", safeText(l))
		}
		lead := ""
		if len(r.Path) > 0 {
			lead = "then: "
		}
		fmt.Fprintf(&b, "      %s%s\n", lead, safeText(r.Grant))
		if len(r.DependsOn) > 0 {
			fmt.Fprintf(&b, "      depends on: %s\n", safeText(strings.Join(r.DependsOn, ", ")))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
