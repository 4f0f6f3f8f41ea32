package iammodel

import (
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
)

// plan-4600.json.gz: 1,000 roles, 1,000 policies, 1,100 attachments, 500
// buckets, 500 deferred documents and bucket policies (see PROVENANCE.md).
func TestPlan4600Model(t *testing.T) {
	t.Parallel()
	data := testkit.ReadGz(t, testkit.Path("plan-4600.json.gz"))
	plan, err := tfplan.LoadBytes("plan-4600.json", data)
	if err != nil {
		t.Fatal(err)
	}
	before, after, diags, err := BuildModel(plan, ModelOptions{AccountID: "111122223333"})
	if err != nil {
		t.Fatal(err)
	}
	if len(before.Principals()) != 0 || len(after.Roles) != 1000 || len(after.Policies) != 1000 || len(diags) != 0 {
		t.Fatalf("before %d principals; after %d roles %d policies; diags %v", len(before.Principals()), len(after.Roles), len(after.Policies), diags)
	}
	unknownRO, buckets, unknownBucket := 0, 0, 0
	for _, r := range after.Roles {
		set := after.PolicySetFor(r)
		for _, d := range set.Identity {
			if d.Unknown != nil && d.Unknown.Reason == "unknown managed policy arn:aws:iam::aws:policy/ReadOnlyAccess" {
				unknownRO++
			}
		}
		// every role gets its own aws_iam_policy.app[key] through the reference
		if len(set.Identity) == 0 || set.Identity[0].Name != "aws_iam_policy.app"+r.Address[len("aws_iam_role.app"):] {
			t.Fatalf("%s identity %+v", r.Address, set.Identity)
		}
	}
	for _, rp := range after.ResourcePolicies {
		if rp.Service == "s3" {
			buckets++
			if rp.Doc != nil && rp.Doc.Unknown != nil {
				unknownBucket++
			}
		}
	}
	if unknownRO != 100 || buckets != 500 || unknownBucket != 500 {
		t.Errorf("ReadOnlyAccess attachments %d (want 100), buckets %d (500), unknown bucket policies %d (500)", unknownRO, buckets, unknownBucket)
	}
	if rp := after.ResourcePolicyFor("arn:aws:s3:::data-0042/key"); rp == nil || rp.Address != `aws_s3_bucket.data["0042"]` {
		t.Errorf("bucket lookup = %+v", rp)
	}
}

func BenchmarkLoadAndModelPlan4600(b *testing.B) {
	data := testkit.ReadGz(b, testkit.Path("plan-4600.json.gz"))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		plan, err := tfplan.LoadBytes("plan-4600.json", data)
		if err != nil {
			b.Fatal(err)
		}
		if _, _, _, err := BuildModel(plan, ModelOptions{AccountID: "111122223333"}); err != nil {
			b.Fatal(err)
		}
	}
}
