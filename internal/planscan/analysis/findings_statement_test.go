package analysis

import (
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// adminPlan: role one is admin through one statement of its inline policy
// (Sid Everything); role two through two statements, neither alone the
// cause.
const adminPlan = `{
 "format_version": "1.2",
 "terraform_version": "1.9.0",
 "planned_values": {"root_module": {}},
 "resource_changes": [
  {"address": "aws_iam_role.one", "mode": "managed", "type": "aws_iam_role", "name": "one",
   "change": {"actions": ["create"], "before": null, "after": {"name": "one", "path": "/", "arn": "arn:aws:iam::111122223333:role/one",
     "assume_role_policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"},
     "after_unknown": {}}},
  {"address": "aws_iam_role_policy.one", "mode": "managed", "type": "aws_iam_role_policy", "name": "one",
   "change": {"actions": ["create"], "before": null, "after": {"name": "p", "role": "one",
     "policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"ReadLogs\",\"Effect\":\"Allow\",\"Action\":\"logs:GetLogEvents\",\"Resource\":\"*\"},{\"Sid\":\"Everything\",\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"},
     "after_unknown": {}}},
  {"address": "aws_iam_role.two", "mode": "managed", "type": "aws_iam_role", "name": "two",
   "change": {"actions": ["create"], "before": null, "after": {"name": "two", "path": "/", "arn": "arn:aws:iam::111122223333:role/two",
     "assume_role_policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"},
     "after_unknown": {}}},
  {"address": "aws_iam_role_policy.two", "mode": "managed", "type": "aws_iam_role_policy", "name": "two",
   "change": {"actions": ["create"], "before": null, "after": {"name": "p", "role": "two",
     "policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},{\"Effect\":\"Allow\",\"Action\":[\"*\"],\"Resource\":[\"*\"]}]}"},
     "after_unknown": {}}}
 ]
}`

// TestAdminEquivalentStatement: an admin-equivalent result names the one
// statement that grants every action on every resource (EV-1: one Allow
// that matches suffices), for the reports to point at its line (issue 8
// item C); none when two statements each would.
func TestAdminEquivalentStatement(t *testing.T) {
	t.Parallel()
	plan, err := tfplan.LoadBytes("admin.json", []byte(adminPlan))
	if err != nil {
		t.Fatal(err)
	}
	a, err := Analyze(plan, AnalyzeOptions{AccountID: "111122223333", Region: "us-east-1"})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := a.Check(CheckOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range rep.Results {
		if r.Rule == "admin-equivalent" && r.Status == StatusFail {
			got[r.Principal] = r.Statement
		}
	}
	if _, ok := got["aws_iam_role.two"]; !ok || len(got) != 2 {
		t.Fatalf("admin-equivalent results %v, want both roles", got)
	}
	testkit.Equal(t, "role one", got["aws_iam_role.one"], "aws_iam_role_policy.one#Everything")
	testkit.Equal(t, "role two", got["aws_iam_role.two"], "")
}
