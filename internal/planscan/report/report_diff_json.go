package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/analysis"
)

// JSONListLimit bounds the actions and the resources listed per change in
// the default JSON diff (issue 9: on the 4,600-resource plan the full lists
// made a 265 MB document, a dump rather than a report). A cut list keeps its
// first entries (actions in security order, resources sorted) and the
// change says how many there are in all (actionCount, resourceCount);
// ReportOptions.Full (`planscan diff --full`) lists everything. It is the
// text report's default (ReportOptions.MaxItems): the capped JSON lists
// what the text shows.
const JSONListLimit = 8

// JSONChangeLimit bounds the changes listed per principal in the default
// JSON diff, as text and Markdown do (maxGroups): the changes are in
// security order, so what is cut is the least relevant; the principal says
// how many changes it has in all (changeCount) and how many actions the
// cut ones hold (moreActions). With 100 entries per list and every change
// listed, the document was 77 MB on the 4,600-resource plan.
const JSONChangeLimit = maxGroups

// jsonDiff is the diff as --format json writes it (doc/planscan/schemas/
// diff.schema.json): analysis.Diff with its lists capped.
type jsonDiff struct {
	Principals []jsonPrincipal `json:"principals"`
	Unchanged  int             `json:"unchanged"`
	// ListLimit is set when some list was cut to it.
	ListLimit int `json:"listLimit,omitempty"`
	// ChangeLimit is set when some principal's changes were cut to it.
	ChangeLimit int `json:"changeLimit,omitempty"`
}

type jsonPrincipal struct {
	Principal string       `json:"principal"`
	Kind      string       `json:"kind"`
	ARN       string       `json:"arn"`
	Change    string       `json:"change"`
	Changes   []jsonChange `json:"changes"`
	// ChangeCount is the number of changes before the cut and MoreActions
	// the actions of the changes cut, set only when changes were cut.
	ChangeCount int `json:"changeCount,omitempty"`
	MoreActions int `json:"moreActions,omitempty"`
}

type jsonChange struct {
	analysis.AccessChange
	// ActionCount and ResourceCount are the lengths of the lists before the
	// cut, set only when a list was cut.
	ActionCount   int `json:"actionCount,omitempty"`
	ResourceCount int `json:"resourceCount,omitempty"`
	// Statement is the statement that grants a gained access (issue 8).
	Statement *StatementRef `json:"statement,omitempty"`
}

// writeDiffJSON writes the diff one principal at a time (the document is
// never held whole in memory), each list cut to limit and each principal's
// changes to changes (0: no cut).
func writeDiffJSON(w io.Writer, d *analysis.Diff, limit, changes int, src Locator) error {
	jd := jsonDiff{Unchanged: d.Unchanged}
	if d.Principals != nil {
		jd.Principals = make([]jsonPrincipal, len(d.Principals))
	}
	for i, p := range d.Principals {
		jp := jsonPrincipal{Principal: p.Principal, Kind: p.Kind, ARN: p.ARN, Change: p.Change}
		kept := p.Changes
		if changes > 0 && len(kept) > changes {
			kept = kept[:changes]
			jp.ChangeCount, jd.ChangeLimit = len(p.Changes), changes
			for _, c := range p.Changes[changes:] {
				jp.MoreActions += len(c.Actions)
			}
		}
		if kept != nil {
			jp.Changes = make([]jsonChange, len(kept))
		}
		for j, c := range kept {
			jc := jsonChange{AccessChange: c, Statement: statementRef(c.Statement, src)}
			if limit > 0 && len(c.Actions) > limit {
				jc.Actions, jc.ActionCount, jd.ListLimit = c.Actions[:limit], len(c.Actions), limit
			}
			if limit > 0 && len(c.Resources) > limit {
				jc.Resources, jc.ResourceCount, jd.ListLimit = c.Resources[:limit], len(c.Resources), limit
			}
			jp.Changes[j] = jc
		}
		jd.Principals[i] = jp
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	// a bufio.Writer keeps its first error and Flush returns it
	put := func(s string) { _, _ = bw.WriteString(s) }
	if len(jd.Principals) == 0 {
		if err := encodeIndented(bw, jd, ""); err != nil {
			return err
		}
		put("\n")
		return bw.Flush()
	}
	// The bytes json.Encoder with SetIndent("", "  ") gives the whole
	// document, written principal by principal.
	put("{\n  \"principals\": [\n")
	for i := range jd.Principals {
		put("    ")
		if err := encodeIndented(bw, &jd.Principals[i], "    "); err != nil {
			return err
		}
		if i < len(jd.Principals)-1 {
			put(",")
		}
		put("\n")
	}
	put(fmt.Sprintf("  ],\n  \"unchanged\": %d", jd.Unchanged))
	if jd.ListLimit > 0 {
		put(fmt.Sprintf(",\n  \"listLimit\": %d", jd.ListLimit))
	}
	if jd.ChangeLimit > 0 {
		put(fmt.Sprintf(",\n  \"changeLimit\": %d", jd.ChangeLimit))
	}
	put("\n}\n")
	return bw.Flush()
}

// encodeIndented writes v indented under prefix, without HTML escaping and
// without the encoder's final newline.
func encodeIndented(bw *bufio.Writer, v any, prefix string) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	return err
}
