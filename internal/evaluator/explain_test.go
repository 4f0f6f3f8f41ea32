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
		// EV-9, [KMS]: the root statement "gives the AWS account ... full access to the
		// KMS key" and "enables IAM policies in the account to allow access to the KMS
		// key"; the identity policy is what allows.
		{"key policy naming the account delegates", PolicySet{Identity: []PolicyDoc{doc("role-policy", pol(allowAll))},
			Resource: &PolicyDoc{Name: "key-policy", JSON: []byte(pol(`{"Sid":"EnableRootAccount","Effect":"Allow","Principal":{"AWS":"` + rootARN + `"},"Action":"kms:*","Resource":"*"}`))}},
			rq(t, sessARN, "kms:Decrypt", keyARN), []string{": allowed", "allowed by role-policy#1 [identity]",
				"key-policy#EnableRootAccount [resource] names the caller's account: it only lets IAM policies grant"}},
		{"key policy naming the role grants", PolicySet{Resource: &PolicyDoc{Name: "key-policy",
			JSON: []byte(pol(`{"Sid":"App","Effect":"Allow","Principal":{"AWS":"` + roleARN + `"},"Action":"kms:*","Resource":"*"}`))}},
			rq(t, sessARN, "kms:Decrypt", keyARN), []string{": allowed", "allowed by key-policy#App [resource]"}},
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
