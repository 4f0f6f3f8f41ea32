package iamdata

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// RS-11 (RS-10's reading of the formats): whether a statement's actions
// and Resource patterns can meet.
func TestStatementCanApply(t *testing.T) {
	t.Parallel()
	c := &Catalog{services: Default().services, policies: Default().policies, lazy: Default().lazy} // lazy index only
	full := &Catalog{services: c.services, policies: c.policies}                                    // no lazy index
	tests := []struct {
		name             string
		actions, res     []string
		canApply, judged bool
	}{
		// The bucket name is pinned against '/' (arn:aws:s3:::b/k is an object).
		{"ListBucket on objects", []string{"s3:ListBucket"}, []string{"arn:aws:s3:::b/*"}, false, true},
		{"ListBucket on the bucket", []string{"s3:ListBucket"}, []string{"arn:aws:s3:::b"}, true, true},
		{"ListBucket on a bucket pattern", []string{"s3:ListBucket"}, []string{"arn:aws:s3:::data-*"}, true, true},
		{"GetObject on a table", []string{"s3:GetObject"}, []string{"arn:aws:dynamodb:us-east-1:111122223333:table/t"}, false, true},
		{"one action fits", []string{"s3:GetObject", "s3:ListBucket"}, []string{"arn:aws:s3:::b"}, true, true},
		{"one resource fits", []string{"s3:ListBucket"}, []string{"arn:aws:s3:::b/*", "arn:aws:s3:::b"}, true, true},
		{"wildcard actions", []string{"s3:Get*"}, []string{"arn:aws:s3:::b"}, true, true},
		{"wildcard actions, none fits", []string{"s3:GetObject*"}, []string{"arn:aws:s3:::b"}, false, true},
		// Names hold '/' and ':' (RS-10): log groups, IAM paths, SSM parameters.
		{"log group of a Lambda", []string{"logs:PutLogEvents"}, []string{"arn:aws:logs:*:111122223333:log-group:/aws/lambda/fn:*"}, true, true},
		{"role with a path", []string{"iam:PassRole"}, []string{"arn:aws:iam::111122223333:role/app/*"}, true, true},
		{"SSM parameter path", []string{"ssm:GetParameter"}, []string{"arn:aws:ssm:*:111122223333:parameter/app/db/*"}, true, false}, // ssm is a data gap
		{"AssumeRole on a role (iam format)", []string{"sts:AssumeRole"}, []string{"arn:aws:iam::111122223333:role/r"}, true, true},
		{"? is one character or more", []string{"s3:ListBucket"}, []string{"arn:aws:s3:::b?"}, true, true},
		// Not judged.
		{"Resource *", []string{"s3:ListBucket"}, []string{"*"}, true, false},
		{"variable", []string{"s3:ListBucket"}, []string{"arn:aws:s3:::${aws:username}/*"}, true, false},
		{"service wildcard in the ARN", []string{"s3:ListBucket"}, []string{"arn:aws:s*:::b/*"}, true, false},
		{"unknown service in the ARN", []string{"s3:ListBucket"}, []string{"arn:aws:nosuch:::b/*"}, true, false},
		{"ARN fitting no format", []string{"s3:ListBucket"}, []string{"arn:aws:s3:us-east-1:111122223333:nothing/x"}, true, false},
		{"unknown action", []string{"s3:ListBukket"}, []string{"arn:aws:s3:::b/*"}, true, false},
		{"service wildcard in the action", []string{"*:ListBucket"}, []string{"arn:aws:s3:::b/*"}, true, false},
		{"wildcard-only action (RS-9)", []string{"s3:ListAllMyBuckets"}, []string{"arn:aws:s3:::b"}, true, false},
		{"wildcard-only and a dead action", []string{"s3:ListAllMyBuckets", "s3:ListBucket"}, []string{"arn:aws:s3:::b/*"}, false, true},
		{"data gap", []string{"waf-regional:GetWebACLForResource"}, []string{"arn:aws:waf-regional:*:*:*/*"}, true, false},
		// The ELB V2 types of AddTags (SAR, Elastic Load Balancing V2) are in the data now: judged.
		{"ELB V2 tagging", []string{"elasticloadbalancing:AddTags"}, []string{"arn:aws:elasticloadbalancing:*:*:loadbalancer/app/*/*"}, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			can, judged := c.StatementCanApply(tt.actions, tt.res)
			if can != tt.canApply || judged != tt.judged {
				t.Errorf("StatementCanApply(%v, %v) = %v, %v; want %v, %v", tt.actions, tt.res, can, judged, tt.canApply, tt.judged)
			}
			if fc, fj := full.StatementCanApply(tt.actions, tt.res); fc != can || fj != judged {
				t.Errorf("full index: %v, %v; lazy index: %v, %v", fc, fj, can, judged)
			}
		})
	}
}

// TestRS11DataGapsCurrent recomputes rs11DataGaps: the services of the
// actions of AWS managed policy statements that would be judged dead.
func TestRS11DataGapsCurrent(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("walks every AWS managed policy")
	}
	c := Default()
	gaps := map[string]bool{}
	for _, n := range c.ManagedPolicyNames() {
		mp, _ := c.ManagedPolicy(n)
		var p struct{ Statement json.RawMessage }
		if err := json.Unmarshal(mp.Document, &p); err != nil {
			t.Fatal(err)
		}
		var stmts []map[string]any
		if json.Unmarshal(p.Statement, &stmts) != nil {
			var one map[string]any
			if err := json.Unmarshal(p.Statement, &one); err != nil {
				t.Fatal(err)
			}
			stmts = append(stmts, one)
		}
		for _, st := range stmts {
			acts, res := stringsOf(st["Action"]), stringsOf(st["Resource"])
			if can, judged := c.statementCanApply(acts, res, false); judged && !can {
				for _, a := range acts {
					svc, _, _ := strings.Cut(a, ":")
					gaps[strings.ToLower(svc)] = true
				}
				t.Logf("%s: %v on %v", n, acts, res)
			}
		}
	}
	var got, want []string
	for s := range gaps {
		got = append(got, s)
	}
	for s := range rs11DataGaps {
		want = append(want, s)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("services with dead-looking managed policy statements %v; rs11DataGaps lists %v", got, want)
	}
}

func stringsOf(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}
