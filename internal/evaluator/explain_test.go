package evaluator

import (
	"strings"
	"testing"
)

func TestExplain(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		set  PolicySet
		req  Request
		want []string
	}{
		{"deny statement named", PolicySet{Identity: []PolicyDoc{doc("p", pol(allowAll, `{"Sid":"NoS3","Effect":"Deny","Action":"s3:*","Resource":"*"}`))}},
			rq(t, userARN, "s3:GetObject", bucket), []string{": explicitDeny", "denied by p#NoS3 [identity]", "allowed by p#1 [identity]"}},
		{"missing key", PolicySet{Identity: docs(pol(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}`))},
			rq(t, userARN, "s3:GetObject", bucket), []string{"implicitDeny", "no statement applies", "missing context keys: aws:RequestedRegion"}},
		{"unknown", PolicySet{Identity: []PolicyDoc{unknownDoc("aws_iam_policy.x")}},
			rq(t, userARN, "s3:GetObject", bucket), []string{": unknown", "possible: allowed, explicitDeny, implicitDeny", "depends on: aws_iam_policy.x"}},
		{"error", PolicySet{Identity: docs(`[]`)}, rq(t, userARN, "s3:GetObject", bucket), []string{": error", "error: policy"}},
		{"kms note", PolicySet{Identity: docs(pol(allowAll))}, rq(t, userARN, "kms:Decrypt", keyARN), []string{"note: kms-grants-not-modelled"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			req := c.req
			res := Compile(c.set, Options{}).Decide(&req)
			got := Explain(&req, &res)
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("Explain lacks %q:\n%s", w, got)
				}
			}
		})
	}
}
