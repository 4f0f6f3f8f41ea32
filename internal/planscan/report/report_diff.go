package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/analysis"
)

// ReportOptions configure the reports.
type ReportOptions struct {
	// Color turns on ANSI colour in text output (a terminal only).
	Color bool
	// Plan is the plan file name, for SARIF artifact locations and JUnit.
	Plan string
	// Version of planscan, for SARIF's tool.driver.version.
	Version string
	// MaxItems bounds the actions and resources listed per line in text and
	// Markdown (0 means 8); SARIF and JUnit list everything, the JSON diff
	// JSONListLimit (report_diff_json.go).
	MaxItems int
	// MarkdownLimit caps Markdown output in bytes (0: GitHubCommentLimit);
	// FullReport says where the whole report is (a URL or artifact name),
	// for the note that ends a capped report.
	MarkdownLimit int
	FullReport    string
	// ExitCode is the process exit status the JSON check report records in
	// summary.exitCode: cmd/planscan maps the verdict to it.
	ExitCode int
	// Source locates Terraform addresses in the configuration source (nil:
	// no source; results point at the plan file or planscan.hcl).
	Source Locator
	// Full lists every change, action and resource in the JSON diff (by
	// default each principal's changes are cut to JSONChangeLimit and each
	// list to JSONListLimit, with totals).
	Full bool
}

func (o ReportOptions) maxItems() int {
	if o.MaxItems <= 0 {
		return 8
	}
	return o.MaxItems
}

// SupportedFormats are the output formats of check and diff.
func SupportedFormats() []string {
	return []string{"text", "json", "sarif", "junit", "markdown", "gitlab", "github"}
}

// DiffFormatsHelp lists the formats for flag help.
func DiffFormatsHelp() string { return strings.Join(SupportedFormats(), ", ") }

func unknownFormat(f string) error {
	return fmt.Errorf("unknown format %q (want one of %s)", f, DiffFormatsHelp())
}

// WriteDiff renders the permission diff.
func WriteDiff(w io.Writer, d *analysis.Diff, format string, o ReportOptions) error {
	if format != "json" {
		d = safeDiff(d) // escape.go
	}
	switch format {
	case "text", "":
		return writeDiffText(w, d, o)
	case "markdown":
		return writeCapped(w, o, func(w io.Writer) error { return writeDiffMarkdown(w, d, o) })
	case "json":
		if o.Full {
			return writeDiffJSON(w, d, 0, 0, o.Source)
		}
		return writeDiffJSON(w, d, JSONListLimit, JSONChangeLimit, o.Source)
	case "sarif":
		return writeSARIF(w, analysis.DiffResults(d), false, o)
	case "junit":
		return writeJUnit(w, analysis.DiffResults(d), "planscan diff", o)
	case "gitlab":
		return writeGitLab(w, analysis.DiffResults(d), false, o)
	case "github":
		return writeGitHub(w, analysis.DiffResults(d), false, o)
	}
	return unknownFormat(format)
}

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
)

func paint(on bool, code, s string) string {
	if !on {
		return s
	}
	return code + s + ansiReset
}

var kindSigns = map[analysis.ChangeKind]string{analysis.Gained: "+", analysis.Lost: "-", analysis.BecameUnknown: "?", analysis.Resolved: "="}

func kindColor(k analysis.ChangeKind) string {
	switch k {
	case analysis.Gained:
		return ansiRed
	case analysis.Lost:
		return ansiGreen
	}
	return ansiYellow
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func writeDiffText(w io.Writer, d *analysis.Diff, o ReportOptions) error {
	var b strings.Builder
	if len(d.Principals) == 0 {
		fmt.Fprintf(&b, "No principal's access changes (%s compared).\n", plural(d.Unchanged, "principal"))
		_, err := io.WriteString(w, b.String())
		return err
	}
	n := o.maxItems()
	for _, p := range d.Principals {
		fmt.Fprintf(&b, "%s (%s, %s)\n", paint(o.Color, ansiBold, p.Principal), p.Kind, p.Change)
		if l, ok := principalLocation(p, o); ok {
			fmt.Fprintf(&b, "  at %s\n", l)
		}
		cs, rest := capGroups(collapse(p.Changes))
		for _, c := range cs {
			sign := paint(o.Color, kindColor(c.Kind), kindSigns[c.Kind])
			if c.Service != "" && c.Service[0] >= '0' && c.Service[0] <= '9' { // collapsed
				fmt.Fprintf(&b, "  %s %s %s in %s: %s\n", sign, c.Kind.Verb(), c.AccessLevel, c.Service, capList(c.Actions, n))
			} else {
				fmt.Fprintf(&b, "  %s %s %s %s: %s\n", sign, c.Kind.Verb(), c.Service, c.AccessLevel, capList(c.Actions, n))
			}
			fmt.Fprintf(&b, "      on %s\n", analysis.Abbreviate(c.Resources, n))
			if w := c.WhenPhrase(); w != "" {
				fmt.Fprintf(&b, "      %s\n", w)
			}
			if l, ok := grantLocation(c, o); ok {
				fmt.Fprintf(&b, "      granted by %s at %s\n", c.Statement, l)
			}
			if c.Kind == analysis.BecameUnknown || c.Kind == analysis.Resolved {
				fmt.Fprintf(&b, "      %s\n", strings.Join(c.Transitions, ", "))
				if len(c.DependsOn) > 0 {
					fmt.Fprintf(&b, "      depends on %s\n", analysis.Abbreviate(c.DependsOn, 3))
				}
			}
		}
		if rest != "" {
			fmt.Fprintf(&b, "  %s\n", rest)
		}
	}
	fmt.Fprintf(&b, "\n%s change access; %s unchanged.\n", plural(len(d.Principals), "principal"), plural(d.Unchanged, "principal"))
	_, err := io.WriteString(w, b.String())
	return err
}

// mdEscape escapes the characters Markdown tables and emphasis use.
func mdEscape(s string) string {
	r := strings.NewReplacer("|", "\\|", "*", "\\*", "_", "\\_", "<", "&lt;", ">", "&gt;", "`", "\\`")
	return r.Replace(s)
}

// mdCell protects a table cell of code spans: only the pipe needs escaping.
func mdCell(s string) string { return strings.ReplaceAll(s, "|", "\\|") }

func mdList(items []string, n int) string {
	q := make([]string, 0, len(items))
	for _, s := range items {
		q = append(q, "`"+strings.ReplaceAll(s, "`", "'")+"`")
	}
	if len(q) > n {
		return strings.Join(q[:n], ", ") + fmt.Sprintf(", … (%d more)", len(q)-n)
	}
	return strings.Join(q, ", ")
}

func writeDiffMarkdown(w io.Writer, d *analysis.Diff, o ReportOptions) error {
	var b strings.Builder
	b.WriteString("## IAM access changes\n\n")
	if len(d.Principals) == 0 {
		fmt.Fprintf(&b, "No principal's access changes (%s compared).\n", plural(d.Unchanged, "principal"))
		_, err := io.WriteString(w, b.String())
		return err
	}
	fmt.Fprintf(&b, "%s change access; %s unchanged.\n", plural(len(d.Principals), "principal"), plural(d.Unchanged, "principal"))
	n := o.maxItems()
	for _, p := range d.Principals {
		fmt.Fprintf(&b, "\n### `%s` (%s, %s)\n\n", strings.ReplaceAll(p.Principal, "`", "'"), p.Kind, p.Change)
		if l, ok := principalLocation(p, o); ok {
			fmt.Fprintf(&b, "at `%s`\n\n", strings.ReplaceAll(l.String(), "`", "'"))
		}
		b.WriteString("| change | service | access level | actions | resources |\n|---|---|---|---|---|\n")
		cs, rest := capGroups(collapse(p.Changes))
		for _, c := range cs {
			what := string(c.Kind)
			if w := c.WhenPhrase(); w != "" {
				what += " " + mdEscape(w)
			}
			if c.Kind == analysis.BecameUnknown || c.Kind == analysis.Resolved {
				what += " (" + mdEscape(strings.Join(c.Transitions, ", ")) + ")"
			}
			if l, ok := grantLocation(c, o); ok {
				what += " by `" + mdCell(strings.ReplaceAll(c.Statement, "`", "'")) + "` at `" + mdCell(strings.ReplaceAll(l.String(), "`", "'")) + "`"
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", what, mdEscape(c.Service), mdEscape(c.AccessLevel),
				mdCell(mdList(c.Actions, n)), mdCell(mdList(c.Resources, n)))
		}
		if rest != "" {
			fmt.Fprintf(&b, "\n%s\n", mdEscape(rest))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// grantLocation is the .tf location of the statement that grants a
// change (issue 8 item 4): the statement, else its policy's block; none
// without source.
func grantLocation(c analysis.AccessChange, o ReportOptions) (Location, bool) {
	if c.Statement == "" {
		return Location{}, false
	}
	addr, sid, _ := strings.Cut(c.Statement, "#")
	return statementLocation(addr, sid, o.Source)
}

// collapseAbove is the number of service lines of one change kind above
// which text and Markdown show one line per access level instead.
const collapseAbove = 12

// collapse merges, per change kind with many services, the changes of each
// access level into one line whose service names the count ("312
// services"); JSON keeps every group.
func collapse(cs []analysis.AccessChange) []analysis.AccessChange {
	count := map[analysis.ChangeKind]int{}
	for _, c := range cs {
		count[c.Kind]++
	}
	var out []analysis.AccessChange
	merged := map[[3]string]int{}
	front := map[int][]string{} // actions of ranked services per merged line
	services := map[[3]string]map[string]bool{}
	// the resource lists a merged line holds already: a principal's changes
	// over the same targets share one list (analysis), merged once
	type list struct {
		first *string
		n     int
	}
	seen := map[int]map[list]bool{}
	for _, c := range cs {
		if count[c.Kind] <= collapseAbove {
			out = append(out, c)
			continue
		}
		k := [3]string{string(c.Kind), c.AccessLevel, c.When} // a grant with conditions keeps them
		i, ok := merged[k]
		if !ok {
			i = len(out)
			merged[k] = i
			services[k] = map[string]bool{}
			out = append(out, analysis.AccessChange{Kind: c.Kind, AccessLevel: c.AccessLevel, When: c.When})
		}
		services[k][c.Service] = true
		m := &out[i]
		if analysis.ServiceRanked(c.Service) {
			front[i] = append(front[i], c.Actions...)
		} else {
			m.Actions = append(m.Actions, c.Actions...)
		}
		if len(c.Resources) > 0 {
			if l := (list{&c.Resources[0], len(c.Resources)}); !seen[i][l] {
				if seen[i] == nil {
					seen[i] = map[list]bool{}
				}
				seen[i][l] = true
				m.Resources = mergeSorted(m.Resources, c.Resources)
			}
		}
		if m.Statement == "" {
			m.Statement = c.Statement // the first group's representative
		}
		m.Transitions = mergeSorted(m.Transitions, c.Transitions)
		m.DependsOn = mergeSorted(m.DependsOn, c.DependsOn)
	}
	for k, i := range merged {
		out[i].Service = plural(len(services[k]), "service")
		// IAM, STS and Organizations first, in security order; then the
		// rest alphabetically (their actions share the last rank).
		f := front[i]
		analysis.SortBySecurity(f)
		sort.Strings(out[i].Actions)
		out[i].Actions = append(f, out[i].Actions...)
	}
	return out
}

// mergeSorted is the sorted union of two sorted lists without duplicates.
func mergeSorted(a, b []string) []string {
	out := make([]string, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || i < len(a) && a[i] < b[j]:
			out = append(out, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}

// maxGroups bounds the change lines per principal in text and Markdown;
// the groups are in security order (analysis.SortBySecurity), so what is
// cut is the least relevant. JSON cuts as many (JSONChangeLimit) unless
// --full.
const maxGroups = 12

// capGroups keeps the first maxGroups groups and sums up the rest.
func capGroups(cs []analysis.AccessChange) ([]analysis.AccessChange, string) {
	if len(cs) <= maxGroups {
		return cs, ""
	}
	actions := 0
	for _, c := range cs[maxGroups:] {
		actions += len(c.Actions)
	}
	return cs[:maxGroups], fmt.Sprintf("… %d more %s (%s; diff --full --format json lists every one)",
		len(cs)-maxGroups, pluralWord(len(cs)-maxGroups, "group"), plural(actions, "action"))
}

// capList lists the first n items (in security order) and the total.
func capList(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:n], ", ") + fmt.Sprintf(", … (%d more, %d in all)", len(items)-n, len(items))
}

func pluralWord(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
