package analysis

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfconfig"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// relativePlan has roles and a user with assorted identity policies, and
// buckets and keys whose resource documents name their own resource: the
// shapes the relative comparison (matrix_relative.go) merges, and the ones
// it must keep apart (a policy variable, an AMB-1 case reading, NotPrincipal,
// a pattern that matches several buckets, a document about another bucket,
// another condition value, an account, a principal of another account).
func relativePlan(t testing.TB) *tfjson.Plan {
	t.Helper()
	const acct = "111122223333"
	roleARN := func(n string) string { return "arn:aws:iam::" + acct + ":role/" + n }
	doc := func(stmts ...map[string]any) string {
		b, err := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": stmts})
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	trust := doc(map[string]any{"Effect": "Allow", "Principal": map[string]any{"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"})
	secure := func(arn string) map[string]any {
		return map[string]any{"Sid": "DenyInsecure", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
			"Resource":  []string{arn, arn + "/*"},
			"Condition": map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}}}
	}
	read := func(arn, who string) map[string]any {
		return map[string]any{"Sid": "AppRead", "Effect": "Allow", "Principal": map[string]any{"AWS": who},
			"Action": []string{"s3:GetObject", "s3:ListBucket"}, "Resource": []string{arn, arn + "/*"}}
	}
	var rcs []map[string]any
	add := func(typ, name string, after map[string]any) {
		rcs = append(rcs, map[string]any{"address": typ + "." + name, "mode": "managed", "type": typ, "name": name,
			"change": map[string]any{"actions": []string{"create"}, "before": nil, "after": after, "after_unknown": map[string]any{}}})
	}
	roles := []struct{ name, policy string }{
		{"r1", doc(map[string]any{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b1/*"})},
		{"r2", doc(map[string]any{"Effect": "Allow", "Action": []string{"s3:*", "kms:Decrypt"}, "Resource": "*"})},
		{"r3", doc(map[string]any{"Effect": "Allow", "Action": "s3:Put*", "Resource": "arn:aws:s3:::b*"},
			map[string]any{"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"})},
		{"r4", ""},
	}
	for _, r := range roles {
		after := map[string]any{"name": r.name, "path": "/", "arn": roleARN(r.name), "assume_role_policy": trust}
		if r.policy != "" {
			after["inline_policy"] = []map[string]any{{"name": "p", "policy": r.policy}}
		}
		add("aws_iam_role", r.name, after)
	}
	add("aws_iam_user", "alice", map[string]any{"name": "alice", "path": "/", "arn": "arn:aws:iam::" + acct + ":user/alice"})
	add("aws_iam_user_policy", "alice", map[string]any{"user": "alice", "name": "p",
		"policy": doc(map[string]any{"Effect": "Allow", "Action": "s3:List*", "Resource": "*"})})
	bucket := func(name string, stmts ...map[string]any) {
		add("aws_s3_bucket", name, map[string]any{"bucket": name, "arn": "arn:aws:s3:::" + name, "policy": doc(stmts...)})
	}
	b := func(n string) string { return "arn:aws:s3:::" + n }
	// one template instantiated per bucket: merged
	for i, who := range []string{"r1", "r2", "r3", "r4", "r1", "r2"} {
		n := fmt.Sprintf("b%d", i+1)
		bucket(n, secure(b(n)), read(b(n), roleARN(who)))
	}
	bucket("b7", secure(b("b7")))                                // everyone's statement only
	bucket("b8", secure(b("b8")), read(b("b8"), acct))           // the account
	bucket("b9", secure(b("b9")), read(b("b9"), "444455556666")) // another account
	bucket("c1", read("arn:aws:s3:::c1/${aws:username}", "*"))   // a policy variable
	bucket("c2", read("arn:aws:S3:::c2", "*"))                   // RS-6: AMB-1
	bucket("c3", read("arn:aws:s3:::c*", "*"))                   // matches c1..c5
	bucket("c4", read("arn:aws:s3:::c4", "*"))
	bucket("c6", read("arn:aws:s3:::zz", "*")) // another bucket's, as c4's is its own
	bucket("c5", map[string]any{"Effect": "Deny", "NotPrincipal": map[string]any{"AWS": roleARN("r2")},
		"Action": "s3:*", "Resource": []string{b("c5"), b("c5") + "/*"}})
	bucket("d1", secure(b("d1")))
	denyTo := func(n, who string) map[string]any {
		return map[string]any{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": []string{b(n), b(n) + "/*"},
			"Condition": map[string]any{"StringEquals": map[string]any{"aws:PrincipalArn": roleARN(who)}}}
	}
	bucket("d2", denyTo("d2", "r2"), read(b("d2"), "*"))
	bucket("d5", denyTo("d5", "r3"), read(b("d5"), "*")) // another condition value
	bucket("d3", map[string]any{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": b("d3") + "/*"})
	bucket("d4", map[string]any{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": b("d4") + "/*"})
	key := func(id string, who string) {
		arn := "arn:aws:kms:us-east-1:" + acct + ":key/" + id
		add("aws_kms_key", id, map[string]any{"key_id": id, "arn": arn, "policy": doc(
			map[string]any{"Sid": "Root", "Effect": "Allow", "Principal": map[string]any{"AWS": "arn:aws:iam::" + acct + ":root"}, "Action": "kms:*", "Resource": "*"},
			map[string]any{"Sid": "Use", "Effect": "Allow", "Principal": map[string]any{"AWS": roleARN(who)}, "Action": "kms:Decrypt", "Resource": arn})})
	}
	key("k1", "r1")
	key("k2", "r3")
	key("k3", "r4")
	data, err := json.Marshal(map[string]any{"format_version": "1.2", "terraform_version": "1.9.0",
		"planned_values": map[string]any{"root_module": map[string]any{}}, "resource_changes": rcs})
	if err != nil {
		t.Fatal(err)
	}
	plan, err := tfplan.LoadBytes("relative.json", data)
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

// relativeMatches decides the principals of a plan that pick keeps, with
// and without the relative comparison, and wants the same decision and
// reasons in every cell; it returns the explicit groups of each.
func relativeMatches(t *testing.T, analyze func() *Analysis, pick func(i int) bool) (with, without int) {
	t.Helper()
	a, b := analyze(), analyze()
	ua, ub := a.universe(), b.universe()
	for _, tg := range ub.targets {
		tg.rel = [2]*relTarget{}
	}
	if len(ua.classes) != len(ub.classes) || len(ua.targets) != len(ub.targets) {
		t.Fatalf("the universes differ: %d/%d classes, %d/%d targets", len(ua.classes), len(ub.classes), len(ua.targets), len(ub.targets))
	}
	ma, mb := &matrix{u: ua}, &matrix{u: ub}
	for si, get := range sides {
		ida, idb := get(a).Model.Principals(), get(b).Model.Principals()
		for i := range ida {
			if !pick(i) {
				continue
			}
			pa, pb := ua.access(si, ida[i]), ub.access(si, idb[i])
			with += len(pa.extra)
			without += len(pb.extra)
			for ci, c := range ua.classes {
				for ti, tg := range ua.targets {
					if !classOn(c, tg) {
						continue
					}
					if ua.actions[c.rep] != ub.actions[ub.classes[ci].rep] || tg.Label != ub.targets[ti].Label {
						t.Fatalf("the universes differ at class %d, target %d", ci, ti)
					}
					ra, rb := ma.decision(pa, c.id, tg), mb.decision(pb, int32(ci), ub.targets[ti])
					if ra.set != rb.set || ra.dec() != rb.dec() || strings.Join(ra.reasons(), ",") != strings.Join(rb.reasons(), ",") {
						t.Errorf("%s (%s) %s on %s: %+v with the relative comparison, %+v without",
							ida[i].Address, sides[si](a).SideName(), ua.actions[c.rep], tg.Label, *ra, *rb)
					}
				}
			}
		}
	}
	return with, without
}

func every(int) bool { return true }

// TestRelativeGroupsDecideAlike: merging targets whose resource documents
// agree relative to the target changes no decision of the matrix, on the
// shapes of relativePlan and on every fixture (with its source).
func TestRelativeGroupsDecideAlike(t *testing.T) {
	t.Parallel()
	t.Run("relativePlan", func(t *testing.T) {
		t.Parallel()
		with, without := relativeMatches(t, func() *Analysis {
			a, err := Analyze(relativePlan(t), AnalyzeOptions{AccountID: "111122223333", Region: "us-east-1"})
			if err != nil {
				t.Fatal(err)
			}
			return a
		}, every)
		t.Logf("explicit groups: %d with, %d without", with, without)
		if with >= without {
			t.Errorf("%d explicit groups with the relative comparison, %d without: nothing merged", with, without)
		}
	})
	fixtures, _ := filepath.Glob(testkit.FixturePlan("*"))
	for _, f := range fixtures {
		t.Run(filepath.Base(filepath.Dir(f)), func(t *testing.T) {
			t.Parallel()
			relativeMatches(t, func() *Analysis {
				plan, err := tfplan.Load(f)
				if err != nil {
					t.Fatal(err)
				}
				src, _ := tfconfig.Load(filepath.Dir(f))
				if ok, _ := src.Match(plan); !ok {
					src = nil
				}
				a, err := Analyze(plan, AnalyzeOptions{AccountID: "111122223333", Source: src})
				if err != nil {
					t.Fatal(err)
				}
				return a
			}, every)
		})
	}
}

// TestPlan4600RelativeGroups: on the 4,600-resource plan with its source,
// the 500 bucket policies (one template, each naming its bucket, one role
// and everyone) merge into a few explicit groups per principal instead of
// 1,000, and the decisions stay the same (every 50th role and the first
// "Oops" role, 0097, decided both ways).
func TestPlan4600RelativeGroups(t *testing.T) {
	if testing.Short() {
		t.Skip("decides 21 principals of the 4,600-resource plan twice")
	}
	t.Parallel()
	data := testkit.ReadGz(t, testkit.Path("plan-4600.json.gz"))
	n := 0
	with, without := relativeMatches(t, func() *Analysis { return analyzePlan4600(t, data, true) }, func(i int) bool {
		if i%50 == 0 || i == 97 {
			n++
			return true
		}
		return false
	})
	testkit.Equal(t, "explicit groups without the relative comparison", without, n*1000)
	if with > 4*n {
		t.Errorf("%d explicit groups with the relative comparison for %d principals, want at most 4 each", with, n)
	}
}
