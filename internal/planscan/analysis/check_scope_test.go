package analysis

import (
	"strings"
	"sync"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

var (
	gateOnce sync.Once
	gateA    map[string]*Analysis
)

// gateAnalysis analyses a real fixture once per test binary.
func gateAnalysis(t *testing.T, fixture string) *Analysis {
	t.Helper()
	gateOnce.Do(func() {
		gateA = map[string]*Analysis{}
		for _, f := range []string{"group_terminators", "cross_account", "org_shared", "org_scp_rcp"} {
			plan, err := tfplan.Load(testkit.FixturePlan(f))
			if err != nil {
				panic(err)
			}
			a, err := Analyze(plan, AnalyzeOptions{AccountID: "111122223333"})
			if err != nil {
				panic(err)
			}
			gateA[f] = a
		}
	})
	return gateA[fixture]
}

// Issue 13 on the group_terminators fixture (a real plan): resource
// entries are patterns over resources, groups stand for their members.
func TestGateScope(t *testing.T) {
	t.Parallel()
	const instance = "arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0"
	for _, tc := range []struct {
		name, fixture, config string
		status                Status
		// named: the message names these; absent: it must not
		named, absent []string
	}{
		// RS-4: * is every resource; the web role's grant on
		// arn:aws:ec2:*:*:instance/* reaches a representative instance.
		{"only *", "group_terminators", `only "t" {
			principals = [aws_iam_group.developers]
			actions = ["ec2:TerminateInstances"]
			resources = ["*"]
		}`, StatusFail,
			[]string{"aws_iam_role.web (ec2:TerminateInstances on arn:aws:ec2:us-east-1:111122223333:instance/planscan-any (outside the plan))"},
			[]string{"alice", "bob", "carol", "dave"}},
		// RS-0: literal("*") is the simulator's request resource *: only
		// Resource "*" statements reach it, so the web role is not seen.
		{"only literal *", "group_terminators", `only "t" {
			principals = [aws_iam_group.developers]
			actions = ["ec2:TerminateInstances"]
			resources = [literal("*")]
		}`, StatusPass, nil, []string{"aws_iam_role.web"}},
		// RS-3: a pattern with inner wildcards is a violation, not unknown.
		{"only instance pattern", "group_terminators", `only "t" {
			principals = [aws_iam_group.developers]
			actions = ["ec2:TerminateInstances"]
			resources = ["arn:aws:ec2:*:*:instance/*"]
		}`, StatusFail, []string{"aws_iam_role.web"}, []string{"alice", "dave"}},
		// a concrete ARN: the group's members are not violators
		{"only concrete instance", "group_terminators", `only "t" {
			principals = [aws_iam_group.developers]
			actions = ["ec2:TerminateInstances"]
			resources = ["` + instance + `"]
		}`, StatusFail, []string{"aws_iam_role.web (ec2:TerminateInstances on " + instance + ")"}, []string{"alice", "bob", "carol"}},
		// the role listed too: only its sessions were violators
		{"only group and role", "group_terminators", `only "t" {
			principals = [aws_iam_group.developers, aws_iam_role.web]
			actions = ["ec2:TerminateInstances"]
			resources = ["*"]
		}`, StatusPass, nil, nil},
		// a user in several groups (dave: developers and ops) is a member of each
		{"only ops describes", "group_terminators", `only "t" {
			principals = [aws_iam_group.ops]
			actions = ["ec2:TerminateInstances"]
			resources = ["*"]
		}`, StatusFail, []string{"aws_iam_user.alice", "aws_iam_role.web"}, []string{"aws_iam_user.dave"}},
		// RS-9: DescribeInstances has no resource-level permissions: * is the
		// literal *, and an instance pattern matches nothing it applies to.
		{"only wildcard-only action", "group_terminators", `only "t" {
			principals = [aws_iam_group.ops]
			actions = ["ec2:DescribeInstances"]
			resources = ["*"]
		}`, StatusPass, nil, nil},
		{"assert wildcard-only action on a pattern", "group_terminators", `assert "t" {
			principals = [aws_iam_group.ops]
			actions = ["ec2:DescribeInstances"]
			resources = ["arn:aws:ec2:*:*:instance/*"]
			expect = "allowed"
		}`, StatusFail, []string{"no resource matching arn:aws:ec2:*:*:instance/* that it applies to"}, nil},
		// assert on a group: every member must hold
		{"assert group members allowed", "group_terminators", `assert "t" {
			principals = [aws_iam_group.developers]
			actions = ["ec2:TerminateInstances"]
			resources = ["arn:aws:ec2:*:*:instance/*"]
			expect = "allowed"
		}`, StatusPass, []string{"all 4 allowed"}, nil},
		{"assert group members denied", "group_terminators", `assert "t" {
			principals = [aws_iam_group.developers]
			actions = ["ec2:TerminateInstances"]
			resources = ["*"]
			expect = "denied"
		}`, StatusFail, []string{"8 of 8 not denied", "aws_iam_user.alice: ec2:TerminateInstances on"}, nil},
		{"assert ops reads reports, not others", "group_terminators", `assert "t" {
			principals = [aws_iam_group.ops]
			actions = ["s3:GetObject"]
			resources = ["${aws_s3_bucket.reports.arn}/*"]
			expect = "allowed"
		}`, StatusPass, nil, nil},
		// EV-10, PR-4: the partner account reads the reports bucket through
		// its policy; only names it as an outside principal.
		{"only reports readers", "group_terminators", `only "t" {
			principals = [aws_iam_group.ops]
			actions = ["s3:GetObject"]
			resources = ["arn:aws:s3:::reports-111122223333/*"]
		}`, StatusFail, []string{"account:444455556666 (s3:GetObject on arn:aws:s3:::reports-111122223333/planscan-any (outside the plan))"}, []string{"dave"}},
		{"only reports readers with the partner", "group_terminators", `only "t" {
			principals = [aws_iam_group.ops, "account:444455556666"]
			actions = ["s3:GetObject"]
			resources = ["*"]
		}`, StatusPass, nil, nil},
		// EV-16: anonymous callers have no grant here
		{"assert anonymous denied", "group_terminators", `assert "t" {
			principals = ["anonymous"]
			actions = ["s3:GetObject", "ec2:TerminateInstances"]
			resources = ["*"]
			expect = "denied"
		}`, StatusPass, nil, nil},
		// a concrete object ARN of a bucket in another fixture: the partner's
		// root (account:) reads through the bucket policy (EV-10)
		{"assert account reads shared", "cross_account", `assert "t" {
			principals = ["account:444455556666"]
			actions = ["s3:GetObject"]
			resources = ["${aws_s3_bucket.shared.arn}/*"]
			expect = "allowed"
		}`, StatusPass, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			checkGate(t, gateResult(t, tc.fixture, tc.config), tc.status, tc.named, tc.absent)
		})
	}
}

// RS-3, RS-5: how a resource entry matches an ARN.
func TestARNPatternMatch(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		pattern, arn string
		want         bool
	}{
		{"*", "arn:aws:ec2:us-east-1:111122223333:instance/i-1", true},
		{"*", "*", true},
		{"arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:us-east-1:111122223333:instance/i-1", true},
		{"arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:us-east-1:111122223333:volume/v-1", false},
		{"arn:aws:ec2:*:*:instance/*", "*", false},
		{"arn:aws:s3:::b/*", "arn:aws:s3:::b/k/deep", true},
		{"arn:aws:s3:::b?", "arn:aws:s3:::b1", true},
		{"arn:aws:s3:::b?", "arn:aws:s3:::b12", false},
		{"arn:aws:sqs:*", "arn:aws:sqs:us-east-1:111122223333:q", true}, // RS-3.2: trailing * crosses colons
		{"arn:aws:sqs", "arn:aws:sqs:us-east-1:111122223333:q", false},  // RS-5: no padding
		{"arn:aws:ec2:us-*:*:instance/*", "arn:aws:ec2:eu-west-1:111122223333:instance/i", false},
		{"arn:aws:iam::*:role/Web", "arn:aws:iam::111122223333:role/web", false}, // RS-6: case-sensitive
		{"arn:aws:lambda:*:*:function:*", "arn:aws:lambda:us-east-1:111122223333:function:f:live", true},
	} {
		testkit.Equal(t, tc.pattern+" ~ "+tc.arn, arnPatternMatch(tc.pattern, tc.arn), tc.want)
	}
}

// The config reads literal("*") only in resource lists, and external
// principal names.
func TestConfigLiteralAndExternal(t *testing.T) {
	t.Parallel()
	cfg, err := ParseConfig("c.hcl", []byte(`only "o" {
		principals = ["anonymous", "account:444455556666"]
		actions = ["s3:GetObject"]
		resources = [literal("*"), "*"]
		}
		deny_new "d" {
		actions = ["ec2:*"]
		principals = [aws_iam_group.developers]
		resources = ["arn:aws:ec2:*:*:instance/*"]
		}`))
	if err != nil {
		t.Fatal(err)
	}
	testkit.Equal(t, "literal", cfg.Only[0].Resources[0], `literal("*")`)
	testkit.Equal(t, "deny_new resources", cfg.DenyNew[0].Resources[0], "arn:aws:ec2:*:*:instance/*")
	if _, err := ParseConfig("c.hcl", []byte(`only "o" {
		principals = ["x"]
		actions = ["s3:GetObject"]
		resources = [upper("*")]
		}`)); err == nil || !strings.Contains(err.Error(), "literal") {
		t.Errorf("upper(): %v", err)
	}
	if _, _, err := externalPrincipal("account:12"); err == nil {
		t.Error("account:12 accepted")
	}
}

// deny_new: a group filter stands for its members; resources filter the
// changes (the diff's resource labels).
func TestDenyNewGroupAndResources(t *testing.T) {
	t.Parallel()
	a := gateAnalysis(t, "group_terminators")
	for _, tc := range []struct {
		name, config string
		status       Status
		named        []string
	}{
		{"group members gain", `deny_new "t" {
			actions = ["ec2:TerminateInstances"]
			principals = [aws_iam_group.developers]
		}`, StatusFail, []string{"aws_iam_user.alice gained"}},
		{"ops filter: dave only", `deny_new "t" {
			actions = ["ec2:TerminateInstances"]
			principals = [aws_iam_group.ops]
		}`, StatusFail, []string{"aws_iam_user.dave gained"}},
		{"resources: reports objects", `deny_new "t" {
			access_levels = ["Read"]
			resources = ["arn:aws:s3:::reports-111122223333/*"]
		}`, StatusFail, []string{"aws_iam_user.dave gained s3:GetObject"}},
		{"resources: other bucket", `deny_new "t" {
			access_levels = ["Read"]
			resources = ["arn:aws:s3:::other/*"]
		}`, StatusPass, nil},
		{"resources: literal * only", `deny_new "t" {
			actions = ["s3:GetObject"]
			resources = [literal("*")]
		}`, StatusPass, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := denyNewResult(t, a, tc.config)
			testkit.Equal(t, "status ("+r.Message+")", r.Status, tc.status)
			for _, n := range tc.named {
				if !strings.Contains(r.Message, n) {
					t.Errorf("message does not name %q: %s", n, r.Message)
				}
			}
			if tc.name == "ops filter: dave only" && strings.Contains(r.Message, "alice") {
				t.Errorf("alice is not in ops: %s", r.Message)
			}
		})
	}
}

// The one-request diff's targets include a representative of each policy
// pattern with inner wildcards (RS-3): the web role's grant on
// arn:aws:ec2:*:*:instance/* shows, on the representative, and a deny_new
// filter on a concrete instance or a narrower pattern takes it (the
// representative stands for every instance the pattern matches).
func TestDiffInnerWildcardTargets(t *testing.T) {
	t.Parallel()
	a := gateAnalysis(t, "group_terminators")
	const rep = "arn:aws:ec2:us-east-1:111122223333:instance/planscan-any (outside the plan)"
	testkit.Equal(t, "stands for", a.universe().representatives()[rep], "arn:aws:ec2:*:*:instance/*")
	var web *PrincipalDiff
	for i := range a.Diff().Principals {
		if p := &a.Diff().Principals[i]; p.Principal == "aws_iam_role.web" {
			web = p
		}
	}
	if web == nil || len(web.Changes) != 1 {
		t.Fatalf("web role's changes: %+v", web)
	}
	ch := web.Changes[0]
	testkit.Equal(t, "change", string(ch.Kind)+" "+strings.Join(ch.Actions, ",")+" on "+strings.Join(ch.Resources, ","),
		"gained ec2:TerminateInstances on "+rep)
	for _, tc := range []struct {
		name, resources string
		status          Status
	}{
		{"a concrete instance the pattern covers", `["arn:aws:ec2:eu-west-1:444455556666:instance/i-0123456789abcdef0"]`, StatusFail},
		{"a narrower pattern", `["arn:aws:ec2:*:111122223333:instance/i-0*"]`, StatusFail},
		{"a volume: not covered", `["arn:aws:ec2:*:*:volume/*"]`, StatusPass},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := denyNewResult(t, a, `deny_new "t" {
				access_levels = ["Write"]
				principals = [aws_iam_role.web]
				resources = `+tc.resources+`
			}`)
			testkit.Equal(t, "status ("+r.Message+")", r.Status, tc.status)
		})
	}
}

// denyNewResult decides the first deny_new block of a config.
func denyNewResult(t *testing.T, a *Analysis, config string) CheckResult {
	t.Helper()
	cfg, err := ParseConfig("planscan.hcl", []byte(config))
	if err != nil {
		t.Fatal(err)
	}
	r, err := a.checkDenyNew(&cfg.DenyNew[0], a.Diff())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// arnPatternMatchSplit is arnPatternMatch as first written (with
// strings.SplitN), the reference of the allocation-free one.
func arnPatternMatchSplit(pattern, arn string) bool {
	if pattern == "*" {
		return true
	}
	if !strings.HasPrefix(arn, "arn:") {
		return pattern == arn
	}
	pp := strings.SplitN(pattern, ":", 6)
	ap := strings.SplitN(arn, ":", 6)
	if len(ap) != 6 {
		return globMatchAll(pattern, arn)
	}
	if len(pp) < 6 {
		last := len(pp) - 1
		if !strings.HasSuffix(pp[last], "*") {
			return false
		}
		for i := 0; i < last; i++ {
			if !globMatchAll(pp[i], ap[i]) {
				return false
			}
		}
		return globMatchAll(pp[last], strings.Join(ap[last:], ":"))
	}
	for i := range pp {
		if !globMatchAll(pp[i], ap[i]) {
			return false
		}
	}
	return true
}

func FuzzARNPatternMatch(f *testing.F) {
	f.Add("arn:aws:logs:*:111122223333:log-group:/app/0001:*", "arn:aws:logs:us-east-1:111122223333:log-group:/app/0001:log-stream:x")
	f.Add("arn:aws:s3:::b*", "arn:aws:s3:::b1/k")
	f.Add("arn:aws:iam::*", "arn:aws:iam::111122223333:role/a")
	f.Add("arn:*", "arn:aws:s3:::b")
	f.Add("a:b", "arn:x")
	f.Fuzz(func(t *testing.T, pattern, arn string) {
		if got, want := arnPatternMatch(pattern, arn), arnPatternMatchSplit(pattern, arn); got != want {
			t.Fatalf("arnPatternMatch(%q, %q) = %v, want %v", pattern, arn, got, want)
		}
	})
}
