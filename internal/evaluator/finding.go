package evaluator

import "fmt"

// Severity says how serious a finding or diagnostic is. It is the
// project's one severity scale: validation findings use error, warning and
// suggestion; planscan's model diagnostics (iammodel.Diagnostic) use error,
// warning and info.
type Severity string

const (
	// SeverityError is what IAM rejects (levels E1 and E2 of the semantics doc).
	SeverityError Severity = "error"
	// SeverityWarning is what IAM accepts but is almost certainly a mistake.
	SeverityWarning Severity = "warning"
	// SeveritySuggestion is a matter of style or clarity.
	SeveritySuggestion Severity = "suggestion"
	// SeverityInfo is an assumption made, not a problem (planscan's model
	// diagnostics: "account id ... taken from ...").
	SeverityInfo Severity = "info"
)

// Finding is one validation result. Code is the semantics rule id (GR-5,
// CO-17, ...), Position says where in the document.
type Finding struct {
	Severity Severity
	Code     string
	Message  string
	Position
}

// String renders "line:col: severity CODE: message (pointer)".
func (f Finding) String() string {
	ptr := f.Pointer
	if ptr == "" {
		ptr = "/"
	}
	return fmt.Sprintf("%d:%d: %s %s: %s (%s)", f.Line, f.Column, f.Severity, f.Code, f.Message, ptr)
}

// HasErrors reports whether any finding is an error.
func HasErrors(fs []Finding) bool {
	for i := range fs {
		if fs[i].Severity == SeverityError {
			return true
		}
	}
	return false
}
