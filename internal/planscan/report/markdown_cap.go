package report

import (
	"fmt"
	"io"
	"strings"
)

// GitHubCommentLimit is the most characters a GitHub issue or pull-request
// comment (and a job summary section) holds.
const GitHubCommentLimit = 65536

// capMarkdown cuts a Markdown report that is longer than limit (0:
// GitHubCommentLimit) bytes at a line end, and ends it with a note that
// points at the full report, leaving 256 bytes spare. Bytes are counted, never fewer than
// characters, so the result fits whatever GitHub counts.
func capMarkdown(s string, o ReportOptions) string {
	limit := o.MarkdownLimit
	if limit <= 0 {
		limit = GitHubCommentLimit
	}
	if len(s) <= limit {
		return s
	}
	where := o.FullReport
	if where == "" {
		where = "run `planscan` with `--format json` (or `markdown` into a file) and keep it as a build artifact"
	}
	note := func(shown int) string {
		return fmt.Sprintf("\n\n---\n**Report truncated** to %d of %d characters (a GitHub comment holds %d). Full report: %s\n",
			shown, len(s), GitHubCommentLimit, where)
	}
	// The count shown is no longer than len(s); 256 bytes are left for what
	// a caller wraps around the report (the Action's comment marker).
	budget := limit - len(note(len(s))) - 256
	if budget < 0 {
		budget = 0
	}
	cut := strings.LastIndexByte(s[:budget], '\n')
	if cut < 0 {
		cut = 0
	}
	head := s[:cut]
	// Close a code fence the cut left open.
	if strings.Count(head, "```")%2 == 1 {
		head += "\n```"
	}
	return head + note(len(head))
}

// writeCapped renders Markdown into a buffer and writes it capped.
func writeCapped(w io.Writer, o ReportOptions, render func(io.Writer) error) error {
	var b strings.Builder
	if err := render(&b); err != nil {
		return err
	}
	_, err := io.WriteString(w, capMarkdown(b.String(), o))
	return err
}
