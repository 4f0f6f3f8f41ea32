package main

import (
	"strings"
	"testing"
)

// planscan eval on Elastic Load Balancing V2 resources (issue 11). RS-10:
// the request ARN must fit one of the action's resource types; the Service
// Authorization Reference for Elastic Load Balancing V2 lists loadbalancer/app/,
// loadbalancer/net/ and loadbalancer/gwy/ for DeleteLoadBalancer, and the
// taggable V2 resources (load balancers, target groups, listeners, rules,
// trust stores) for AddTags. Before, these answered "error".
func TestEvalELBV2Resources(t *testing.T) {
	t.Parallel()
	const (
		arn  = "arn:aws:elasticloadbalancing:us-east-1:111122223333:"
		user = "arn:aws:iam::111122223333:user/alice"
		pol  = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["elasticloadbalancing:AddTags", "elasticloadbalancing:DeleteLoadBalancer"], "Resource": "arn:aws:elasticloadbalancing:*:*:loadbalancer/app/*/*"}, {"Effect": "Allow", "Action": "elasticloadbalancing:AddTags", "Resource": "arn:aws:elasticloadbalancing:*:*:targetgroup/*/*"}]}`
	)
	req := func(id, action, resource string) string {
		return `{"id": "` + id + `", "identityPolicies": [` + pol + `], "request": {"principal": "` + user + `", "action": "` + action + `", "resource": "` + arn + resource + `"}}`
	}
	stdin := strings.Join([]string{
		req("tag-alb", "elasticloadbalancing:AddTags", "loadbalancer/app/my-alb/50dc6c495c0c9188"),
		req("tag-tg", "elasticloadbalancing:AddTags", "targetgroup/my-targets/73e2d6bc24d8a067"),
		req("tag-nlb", "elasticloadbalancing:AddTags", "loadbalancer/net/my-nlb/50dc6c495c0c9188"),
		req("delete-alb", "elasticloadbalancing:DeleteLoadBalancer", "loadbalancer/app/my-alb/50dc6c495c0c9188"),
		req("delete-classic", "elasticloadbalancing:DeleteLoadBalancer", "loadbalancer/my-classic-lb"),
		req("delete-tg", "elasticloadbalancing:DeleteLoadBalancer", "targetgroup/my-targets/73e2d6bc24d8a067"),
	}, "\n") + "\n"
	code, out, errOut := runPlanscan(t, stdin, "eval")
	if code != 0 {
		t.Fatalf("exit %d\nstderr: %s", code, errOut)
	}
	for _, want := range []string{
		`{"id":"tag-alb","decision":"allowed"`,
		`{"id":"tag-tg","decision":"allowed"`,
		`{"id":"tag-nlb","decision":"implicitDeny"`, // a V2 type, not granted
		`{"id":"delete-alb","decision":"allowed"`,
		`{"id":"delete-classic","decision":"implicitDeny"`, // the Classic type stays
		`{"id":"delete-tg","decision":"error","error":"request: resource \"` + arn + `targetgroup/my-targets/73e2d6bc24d8a067\" is not a resource type of elasticloadbalancing:DeleteLoadBalancer (RS-10)"}`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s\noutput:\n%s", want, out)
		}
	}
}
