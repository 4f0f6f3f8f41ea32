package evalcli

import (
	"fmt"
	"io"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/textsafe"
)

// FileFindings are the validation findings of one policy file.
type FileFindings struct {
	File     string
	Findings []evaluator.Finding
}

// Output formats of planscan validate.
const (
	FormatText = "text"
	FormatJSON = "json"
)

// SupportedFormats lists the validate output formats.
func SupportedFormats() []string { return []string{FormatText, FormatJSON} }

// ParsePolicyType reads a --type value (identity, resource, trust, ...).
func ParsePolicyType(s string) (evaluator.PolicyType, error) {
	for _, t := range evaluator.SupportedPolicyTypes() {
		if strings.EqualFold(s, string(t)) {
			return t, nil
		}
	}
	names := make([]string, 0, 8)
	for _, t := range evaluator.SupportedPolicyTypes() {
		names = append(names, string(t))
	}
	return "", fmt.Errorf("unknown policy type %q (want one of %s)", s, strings.Join(names, ", "))
}

// AnyErrors reports whether some file has an error finding.
func AnyErrors(files []FileFindings) bool {
	for _, f := range files {
		if evaluator.HasErrors(f.Findings) {
			return true
		}
	}
	return false
}

// WriteFindings writes findings as text lines
// "FILE:LINE:COL: severity CODE: message (pointer)", escaped with
// textsafe.Line, or as one JSON array of
// {file, severity, code, message, pointer, line, column}.
func WriteFindings(w io.Writer, format string, files []FileFindings) error {
	var buf []byte
	switch format {
	case FormatText:
		for _, f := range files {
			for _, finding := range f.Findings {
				// One inert line: the file name and the message may
				// hold control characters or a CI workflow command.
				buf = append(buf, textsafe.Line(f.File+":"+finding.String())...)
				buf = append(buf, '\n')
			}
		}
	case FormatJSON:
		buf = append(buf, '[')
		n := 0
		for _, f := range files {
			for i := range f.Findings {
				if n > 0 {
					buf = append(buf, ',')
				}
				buf = append(buf, "\n  "...)
				buf = appendFinding(buf, f.File, &f.Findings[i])
				n++
			}
		}
		if n > 0 {
			buf = append(buf, '\n')
		}
		buf = append(buf, ']', '\n')
	default:
		return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(SupportedFormats(), " or "))
	}
	_, err := w.Write(buf)
	return err
}
