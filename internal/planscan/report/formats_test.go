package report

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/analysis"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
)

// deferredReport is a check whose findings are unknown (deferred policy
// documents), with and without fail-on-unknown.
func deferredReport(t *testing.T, failOnUnknown bool) *analysis.CheckReport {
	t.Helper()
	a := analyzeFile(t, testkit.FixturePlan("deferred_documents"), "111122223333")
	rep, err := a.Check(analysis.CheckOptions{Plan: "plan.json", FailOnUnknown: failOnUnknown})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func render(t *testing.T, f func(*bytes.Buffer) error) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := f(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestSARIFValidatesAgainstSchema validates the written SARIF (as read
// back) against the SARIF 2.1.0 JSON schema that go-sarif embeds.
func TestSARIFValidatesAgainstSchema(t *testing.T) {
	t.Parallel()
	a, demo := demoReport(t)
	for _, tc := range []struct {
		name string
		doc  func(*bytes.Buffer) error
	}{
		{"check demo", func(b *bytes.Buffer) error {
			return WriteCheck(b, demo, "sarif", ReportOptions{Plan: "plan.json", Version: "test"})
		}},
		{"diff demo", func(b *bytes.Buffer) error { return WriteDiff(b, a.Diff(), "sarif", ReportOptions{Plan: "plan.json"}) }},
		{"check deferred", func(b *bytes.Buffer) error {
			return WriteCheck(b, deferredReport(t, false), "sarif", ReportOptions{Plan: "plan.json"})
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			validateWrittenSARIF(t, render(t, tc.doc))
		})
	}
}

// validateWrittenSARIF validates a written SARIF log (read back) against
// the SARIF 2.1.0 schema.
func validateWrittenSARIF(t *testing.T, doc []byte) {
	t.Helper()
	log, err := sarif.FromBytes(doc)
	if err != nil {
		t.Fatal(err)
	}
	// Reading back fills the properties the writer leaves out at their
	// default with Go zero values; put the defaults back.
	for _, run := range log.Runs {
		run.Language, run.NewlineSequences = "en-US", []string{"\r\n", "\n"}
		run.Tool.Driver.Language = "en-US"
	}
	if err := log.Validate(); err != nil {
		t.Error(err)
	}
}

// TestSARIFBuiltValidates validates the log as go-sarif builds it, before
// the writer drops the properties at their default.
func TestSARIFBuiltValidates(t *testing.T) {
	t.Parallel()
	_, demo := demoReport(t)
	for _, rep := range []*analysis.CheckReport{demo, deferredReport(t, true)} {
		if err := buildSARIF(rep.Results, rep.FailOnUnknown, ReportOptions{Plan: "plan.json", Version: "test"}).Validate(); err != nil {
			t.Error(err)
		}
	}
}

// TestLevelsFollowTheExitCode: an unknown error-level result is a warning
// in SARIF, GitLab and GitHub unless --fail-on-unknown makes it block.
func TestLevelsFollowTheExitCode(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		failOnUnknown                  bool
		sarifLevel, gitlab, githubWord string
		verdict                        analysis.Verdict
	}{
		{false, "warning", "minor", "::warning ", analysis.VerdictPass},
		{true, "error", "critical", "::error ", analysis.VerdictUnknown},
	} {
		rep := deferredReport(t, tc.failOnUnknown)
		testkit.Equal(t, "verdict", rep.Summary.Verdict, tc.verdict)
		var log struct {
			Runs []struct {
				Results []struct{ Kind, Level string }
			}
		}
		if err := json.Unmarshal(render(t, func(b *bytes.Buffer) error { return WriteCheck(b, rep, "sarif", ReportOptions{}) }), &log); err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, r := range log.Runs[0].Results {
			if r.Kind == "review" {
				n++
				testkit.Equal(t, "sarif level", r.Level, tc.sarifLevel)
			}
		}
		if n == 0 {
			t.Fatal("no unknown results in the fixture")
		}
		var issues []gitlabIssue
		if err := json.Unmarshal(render(t, func(b *bytes.Buffer) error { return WriteCheck(b, rep, "gitlab", ReportOptions{}) }), &issues); err != nil {
			t.Fatal(err)
		}
		for _, is := range issues {
			testkit.Equal(t, "gitlab severity", is.Severity, tc.gitlab)
		}
		for _, line := range strings.Split(strings.TrimSpace(string(render(t, func(b *bytes.Buffer) error { return WriteCheck(b, rep, "github", ReportOptions{}) }))), "\n") {
			if !strings.HasPrefix(line, tc.githubWord) {
				t.Errorf("annotation %q, want %q", line, tc.githubWord)
			}
		}
	}
}

// TestGitLabCodeQuality checks the fields GitLab documents as required:
// description, check_name, fingerprint (unique), severity (one of its
// five), location.path and location.lines.begin.
func TestGitLabCodeQuality(t *testing.T) {
	t.Parallel()
	_, rep := demoReport(t)
	var issues []map[string]any
	if err := json.Unmarshal(render(t, func(b *bytes.Buffer) error { return WriteCheck(b, rep, "gitlab", ReportOptions{Plan: "plan.json"}) }), &issues); err != nil {
		t.Fatal(err)
	}
	testkit.Equal(t, "issues", len(issues), rep.Summary.Failed+rep.Summary.Warnings+rep.Summary.Unknown)
	seen := map[string]bool{}
	for _, is := range issues {
		for _, k := range []string{"description", "check_name", "fingerprint", "severity"} {
			if s, _ := is[k].(string); s == "" {
				t.Errorf("issue without %s: %v", k, is)
			}
		}
		fp := is["fingerprint"].(string)
		if seen[fp] {
			t.Errorf("duplicate fingerprint %s", fp)
		}
		seen[fp] = true
		if !slices.Contains(GitLabSeverities(), is["severity"].(string)) {
			t.Errorf("severity %v", is["severity"])
		}
		loc := is["location"].(map[string]any)
		if p, _ := loc["path"].(string); p == "" {
			t.Errorf("no location.path: %v", is)
		}
		if begin, _ := loc["lines"].(map[string]any)["begin"].(float64); begin < 1 {
			t.Errorf("location.lines.begin = %v", begin)
		}
	}
}

func TestGitHubEscaping(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, data, prop string }{
		{"plain", "plain", "plain"},
		{"100%", "100%25", "100%25"},
		{"a\r\nb", "a%0D%0Ab", "a%0D%0Ab"},
		{"arn:aws:s3:::b,c", "arn:aws:s3:::b,c", "arn%3Aaws%3As3%3A%3A%3Ab%2Cc"},
		{"%0A", "%250A", "%250A"},
		{"x\n::error::injected", "x%0A::error::injected", "x%0A%3A%3Aerror%3A%3Ainjected"},
	} {
		testkit.Equal(t, "data "+tc.in, githubEscapeData(tc.in), tc.data)
		testkit.Equal(t, "property "+tc.in, githubEscapeProperty(tc.in), tc.prop)
	}
}

// TestGitHubAnnotationsOneLineEach: a message with line breaks stays one
// workflow command.
func TestGitHubAnnotationsOneLineEach(t *testing.T) {
	t.Parallel()
	results := []analysis.CheckResult{
		{Rule: "assert", Status: analysis.StatusFail, Level: analysis.LevelError, ConfigPos: "dir/planscan.hcl:7:1", Message: "two\nlines, 50%"},
		{Rule: "public-access", Status: analysis.StatusFail, Level: analysis.LevelNote, Message: "note"},
		{Rule: "assert", Status: analysis.StatusPass, Level: analysis.LevelError, Message: "left out"},
		{Rule: "assert", Status: analysis.StatusSuppressed, Level: analysis.LevelError, Message: "left out"},
	}
	got := string(render(t, func(b *bytes.Buffer) error { return writeGitHub(b, results, false, ReportOptions{Plan: "p,1.json"}) }))
	want := "::error file=dir/planscan.hcl,line=7,title=planscan assert::two%0Alines, 50%25\n" +
		"::notice file=p%2C1.json,title=planscan public-access::note\n"
	testkit.Equal(t, "annotations", got, want)
}

func TestCapMarkdown(t *testing.T) {
	t.Parallel()
	long := "## planscan check\n\n```\n" + strings.Repeat("- **FAIL** `only`: a line of a long report é\n", 3000) + "```\n"
	for _, tc := range []struct {
		name  string
		in    string
		o     ReportOptions
		cut   bool
		where string
	}{
		{"short stays", "## ok\n", ReportOptions{}, false, ""},
		{"long is cut", long, ReportOptions{FullReport: "artifact planscan-report"}, true, "artifact planscan-report"},
		{"small limit", long, ReportOptions{MarkdownLimit: 1000}, true, "--format json"},
	} {
		got := capMarkdown(tc.in, tc.o)
		limit := tc.o.MarkdownLimit
		if limit == 0 {
			limit = GitHubCommentLimit
		}
		if len(got) > limit {
			t.Errorf("%s: %d bytes, limit %d", tc.name, len(got), limit)
		}
		if !tc.cut {
			testkit.Equal(t, tc.name, got, tc.in)
			continue
		}
		if !strings.Contains(got, "Report truncated") || !strings.Contains(got, tc.where) {
			t.Errorf("%s: no pointer to the full report: %q", tc.name, got[len(got)-200:])
		}
		if strings.Count(got, "```")%2 != 0 {
			t.Errorf("%s: code fence left open", tc.name)
		}
	}
}
