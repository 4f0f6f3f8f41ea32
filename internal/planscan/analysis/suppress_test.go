package analysis

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
)

func TestFingerprintIgnoresMessageAndPositions(t *testing.T) {
	t.Parallel()
	base := CheckResult{Rule: "only", Name: "asset readers", Principal: "aws_iam_role.deployer", Address: "aws_iam_role.deployer",
		Resource: "arn:aws:s3:::b/x", Message: "2 allowed", ConfigPos: "planscan.hcl:3:1"}
	fp := FingerprintOf(&base)
	for _, tc := range []struct {
		name string
		edit func(*CheckResult)
		same bool
	}{
		{"message", func(r *CheckResult) { r.Message = "3 allowed" }, true},
		{"config line", func(r *CheckResult) { r.ConfigPos = "planscan.hcl:40:1" }, true},
		{"depends on", func(r *CheckResult) { r.DependsOn = []string{"x"} }, true},
		{"principal", func(r *CheckResult) { r.Principal = "aws_iam_role.web" }, false},
		{"resource", func(r *CheckResult) { r.Resource = "arn:aws:s3:::c/x" }, false},
		{"rule", func(r *CheckResult) { r.Rule = "assert" }, false},
		{"name", func(r *CheckResult) { r.Name = "other" }, false},
	} {
		r := base
		tc.edit(&r)
		testkit.Equal(t, tc.name, FingerprintOf(&r) == fp, tc.same)
	}
}

func TestBaselineRoundTrip(t *testing.T) {
	t.Parallel()
	rep := &CheckReport{Results: []CheckResult{
		{Rule: "public-access", Name: "public-access b#S", Status: StatusFail, Level: LevelError, Address: "b", Resource: "arn:aws:s3:::b"},
		{Rule: "admin-equivalent", Name: "admin r", Status: StatusUnknown, Level: LevelError, Principal: "r"},
		{Rule: "assert", Name: "ok", Status: StatusPass, Level: LevelError},
		{Rule: "unknown-account", Name: "u", Status: StatusSuppressed, Level: LevelError, Suppressed: "config"},
	}}
	rep.finish(true)
	testkit.Equal(t, "exit before", rep.Summary.Verdict, VerdictFail)
	path := filepath.Join(t.TempDir(), "baseline.json")
	if err := NewBaseline(rep).Write(path); err != nil {
		t.Fatal(err)
	}
	b, err := LoadBaseline(path)
	if err != nil {
		t.Fatal(err)
	}
	testkit.Equal(t, "recorded", len(b.Findings), 2)
	// A later run: the same findings with new messages, and a new one.
	later := &CheckReport{Results: []CheckResult{
		{Rule: "public-access", Name: "public-access b#S", Status: StatusFail, Level: LevelError, Address: "b", Resource: "arn:aws:s3:::b", Message: "edited"},
		{Rule: "admin-equivalent", Name: "admin r", Status: StatusUnknown, Level: LevelError, Principal: "r"},
		{Rule: "public-access", Name: "public-access c#S", Status: StatusFail, Level: LevelError, Address: "c", Resource: "arn:aws:s3:::c"},
	}}
	later.finish(true)
	testkit.Equal(t, "applied", b.Apply(later, path), 2)
	testkit.Equal(t, "suppressed", later.Summary.Suppressed, 2)
	testkit.Equal(t, "still fails on the new one", later.Summary.Verdict, VerdictFail)
	for _, r := range later.Results {
		if r.Status == StatusSuppressed && (!r.Baselined || !strings.Contains(r.Suppressed, "baseline")) {
			t.Errorf("baselined result without its reason: %+v", r)
		}
	}
	// Rewriting keeps the baselined findings and adds the new one.
	testkit.Equal(t, "rewrite", len(NewBaseline(later).Findings), 3)
}

func TestLoadBaselineErrors(t *testing.T) {
	t.Parallel()
	if _, err := LoadBaseline(filepath.Join(t.TempDir(), "missing.json")); err == nil {
		t.Error("missing file: no error")
	}
}

func TestSuppressExpires(t *testing.T) {
	t.Parallel()
	cfg, err := ParseConfig("planscan.hcl", []byte(`
suppress {
  finding = "public-access"
  reason  = "static website"
  expires = "2027-03-31"
}
`))
	if err != nil {
		t.Fatal(err)
	}
	s := cfg.Suppressions[0]
	for _, tc := range []struct {
		now     string
		expired bool
	}{
		{"2027-03-31T23:59:59Z", false},
		{"2027-04-01T00:00:00Z", true},
		{"2026-01-01T00:00:00Z", false},
	} {
		now, _ := time.Parse(time.RFC3339, tc.now)
		testkit.Equal(t, tc.now, s.expired(now), tc.expired)
	}
	now, _ := time.Parse(time.RFC3339, "2028-01-01T00:00:00Z")
	out := expiredSuppressions(cfg, now)
	testkit.Equal(t, "reported", len(out), 1)
	testkit.Equal(t, "rule", out[0].Rule, "expired-suppression")
	testkit.Equal(t, "pos", out[0].ConfigPos, "planscan.hcl:2:1")
}

func TestSuppressConfigErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, src, want string }{
		{"no reason", `suppress { finding = "x" }`, "reason"},
		{"empty reason", `suppress {
  finding = "x"
  reason = " "
}`, "needs a reason"},
		{"bad date", `suppress {
  finding = "x"
  reason = "y"
  expires = "31/03/2027"
}`, "want a date"},
	} {
		_, err := ParseConfig("planscan.hcl", []byte(tc.src))
		var ce *ConfigError
		if !errors.As(err, &ce) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
}
