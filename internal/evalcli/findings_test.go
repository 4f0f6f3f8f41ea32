package evalcli

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

var sampleFindings = []FileFindings{
	{File: "a.json", Findings: []evaluator.Finding{
		{Severity: evaluator.SeverityError, Code: "GR-5", Message: "bad Effect", Position: evaluator.Position{Pointer: "/Statement/0/Effect", Line: 4, Column: 17}},
		{Severity: evaluator.SeverityWarning, Code: "AC-4", Message: "unknown action", Position: evaluator.Position{Line: 5, Column: 3}},
	}},
	{File: "clean.json"},
}

func TestWriteFindingsText(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	noError(t, WriteFindings(&b, FormatText, sampleFindings))
	equal(t, "text", b.String(), "a.json:4:17: error GR-5: bad Effect (/Statement/0/Effect)\na.json:5:3: warning AC-4: unknown action (/)\n")
}

func TestWriteFindingsJSON(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	noError(t, WriteFindings(&b, FormatJSON, sampleFindings))
	var got []map[string]any
	noError(t, json.Unmarshal(b.Bytes(), &got))
	equal(t, "count", len(got), 2)
	equal(t, "file", got[0]["file"], any("a.json"))
	equal(t, "code", got[0]["code"], any("GR-5"))
	equal(t, "line", got[0]["line"], any(4.0))
	equal(t, "column", got[0]["column"], any(17.0))
	equal(t, "pointer", got[1]["pointer"], any(""))

	b.Reset()
	noError(t, WriteFindings(&b, FormatJSON, nil))
	equal(t, "empty", b.String(), "[]\n")
}

func TestWriteFindingsUnknownFormat(t *testing.T) {
	t.Parallel()
	if err := WriteFindings(&bytes.Buffer{}, "sarif", nil); err == nil {
		t.Fatal("want an error for an unknown format")
	}
}

func TestParsePolicyType(t *testing.T) {
	t.Parallel()
	for _, typ := range evaluator.SupportedPolicyTypes() {
		got, err := ParsePolicyType(string(typ))
		noError(t, err)
		equal(t, "type", got, typ)
	}
	got, err := ParsePolicyType("SCP")
	noError(t, err)
	equal(t, "case-insensitive", got, evaluator.PolicySCP)
	if _, err := ParsePolicyType("bucket"); err == nil {
		t.Error("want an error for an unknown type")
	}
}

func TestAnyErrors(t *testing.T) {
	t.Parallel()
	equal(t, "with an error", AnyErrors(sampleFindings), true)
	equal(t, "warnings only", AnyErrors([]FileFindings{{File: "w", Findings: sampleFindings[0].Findings[1:]}}), false)
}
