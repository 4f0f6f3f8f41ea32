package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/analysis"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
)

// Issue 14: text from the plan cannot forge log lines or CI annotations.
func TestSafeText(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"aws_iam_role.app", "aws_iam_role.app"},
		{"arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/*"},
		{`module.m["ключ"]`, `module.m["ключ"]`},
		{"a\nb", `a\nb`},
		{"x\r\n::error title=pwned::gotcha", `x\r\n::error title=pwned::gotcha`},
		{"::warning::hi", `\::warning::hi`},
		{"  ::notice::hi", `  \::notice::hi`},
		{"\x1b[31mred", `\x1b[31mred`},
		{"a\u2028b\u202ec", `a\u2028b\u202ec`},
	} {
		testkit.Equal(t, tc.in, safeText(tc.in), tc.want)
	}
}

func TestReportsEscapeHostileText(t *testing.T) {
	t.Parallel()
	evil := "aws_iam_role.x\n::error title=forged::the gate passed"
	rep := &analysis.CheckReport{Plan: "plan.json", Results: []analysis.CheckResult{{
		Rule: "public-access", Name: evil, Status: analysis.StatusFail, Level: analysis.LevelError,
		Address: evil, Principal: evil, Message: evil + ": Sid \x1b[2J", DependsOn: []string{evil}}}}
	d := &analysis.Diff{Principals: []analysis.PrincipalDiff{{Principal: "::error::x\n::warning::y", Kind: "role", Change: "created",
		Changes: []analysis.AccessChange{{Kind: analysis.Gained, Service: "s3", AccessLevel: "Read", Actions: []string{"s3:GetObject"}, Resources: []string{evil}}}}}}
	for _, f := range []string{"text", "markdown", "sarif", "junit"} {
		var b bytes.Buffer
		if err := WriteCheck(&b, rep, f, ReportOptions{}); err != nil {
			t.Fatal(err)
		}
		if err := WriteDiff(&b, d, f, ReportOptions{}); err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(b.String(), "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "::") || strings.Contains(line, "\x1b") {
				t.Errorf("%s: forged line %q", f, line)
			}
		}
	}
}
