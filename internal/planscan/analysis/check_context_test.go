package analysis

import (
	"strings"
	"sync"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

var (
	mfaOnce sync.Once
	mfaA    *Analysis
)

// mfaAnalysis analyses the mfa_assume_chain fixture (a real plan): alice
// and bob may assume ops-admin when they sign in with MFA.
func mfaAnalysis(t *testing.T) *Analysis {
	t.Helper()
	mfaOnce.Do(func() {
		plan, err := tfplan.Load(testkit.FixturePlan("mfa_assume_chain"))
		if err != nil {
			panic(err)
		}
		if mfaA, err = Analyze(plan, AnalyzeOptions{AccountID: "111122223333"}); err != nil {
			panic(err)
		}
	})
	return mfaA
}

// only and deny_new read access over every context (issue 9): a principal
// that may act under some context is a violation, with the conditions.
func TestGateOverEveryContext(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, config string
		status       Status
		named        []string
		absent       []string
		conditions   string
	}{
		{"only: MFA-gated assume is a violation", `only "t" {
			principals = [aws_iam_role.ops_admin]
			actions = ["sts:AssumeRole"]
			resources = ["${aws_iam_role.ops_admin.arn}"]
		}`, StatusFail, []string{"aws_iam_user.alice (sts:AssumeRole on arn:aws:iam::111122223333:role/ops-admin when aws:MultiFactorAuthPresent = true)",
			"aws_iam_user.bob"}, nil, "aws:MultiFactorAuthPresent = true"},
		{"only: listed principals", `only "t" {
			principals = [aws_iam_user.alice, aws_iam_user.bob, aws_iam_role.ops_admin]
			actions = ["sts:AssumeRole"]
			resources = ["${aws_iam_role.ops_admin.arn}"]
		}`, StatusPass, nil, []string{"also allowed"}, ""},
		{"deny_new: MFA-gated assume is new access", `deny_new "t" {
			actions = ["sts:AssumeRole"]
			resources = ["${aws_iam_role.ops_admin.arn}"]
		}`, StatusFail, []string{"aws_iam_user.alice gained sts:AssumeRole", "aws_iam_user.bob gained sts:AssumeRole"}, nil, ""},
		{"deny_new: principal filter", `deny_new "t" {
			actions = ["sts:AssumeRole"]
			principals = [aws_iam_user.bob]
		}`, StatusFail, []string{"aws_iam_user.bob gained sts:AssumeRole"}, []string{"alice"}, ""},
		{"deny_new: other actions", `deny_new "t" {
			actions = ["iam:CreateUser"]
			principals = [aws_iam_user.alice]
		}`, StatusPass, nil, nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cfg, err := ParseConfig("planscan.hcl", []byte(tc.config))
			if err != nil {
				t.Fatal(err)
			}
			rep, err := mfaAnalysis(t).Check(CheckOptions{Config: cfg})
			if err != nil {
				t.Fatal(err)
			}
			var got *CheckResult
			for i := range rep.Results {
				if r := &rep.Results[i]; r.Name == "t" {
					got = r
				}
			}
			if got == nil {
				t.Fatal("no result for the block")
			}
			testkit.Equal(t, "status ("+got.Message+")", got.Status, tc.status)
			for _, n := range tc.named {
				if !strings.Contains(got.Message, n) {
					t.Errorf("message does not name %q: %s", n, got.Message)
				}
			}
			for _, n := range tc.absent {
				if strings.Contains(got.Message, n) {
					t.Errorf("message names %q: %s", n, got.Message)
				}
			}
			testkit.Equal(t, "conditions", got.Conditions, tc.conditions)
		})
	}
}

// contextGains sees grants that need context conditions, with them; the
// lines the diff already reports are skipped.
func TestContextGains(t *testing.T) {
	t.Parallel()
	a := mfaAnalysis(t)
	c := &ConfigDenyNew{Name: "t", Actions: []string{"sts:AssumeRole"}, Resources: []string{"${aws_iam_role.ops_admin.arn}"}}
	for _, tc := range []struct {
		name  string
		seen  map[string]bool
		named []string
		count int
	}{
		{"nothing seen", nil, []string{"aws_iam_user.alice gained sts:AssumeRole on arn:aws:iam::111122223333:role/ops-admin when aws:MultiFactorAuthPresent = true",
			"aws_iam_user.bob gained sts:AssumeRole on arn:aws:iam::111122223333:role/ops-admin when aws:MultiFactorAuthPresent = true"}, 3},
		{"alice seen in the diff", map[string]bool{"aws_iam_user.alice\x00sts:assumerole": true}, []string{"aws_iam_user.bob gained"}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			gained, unknown, _, err := a.contextGains(c, nil, tc.seen, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			testkit.Equal(t, "gained lines ("+strings.Join(gained, "; ")+")", len(gained), tc.count)
			testkit.Equal(t, "unknown lines", len(unknown), 0)
			for _, n := range tc.named {
				if !strings.Contains(strings.Join(gained, "\n"), n) {
					t.Errorf("gained lacks %q: %q", n, gained)
				}
			}
		})
	}
}
