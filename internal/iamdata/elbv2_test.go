package iamdata

import "testing"

// Elastic Load Balancing V2 shares the prefix elasticloadbalancing with
// the Classic Load Balancer. RS-10: the request ARN must fit one of the
// action's resource-type formats. The Service Authorization Reference for
// Elastic Load Balancing V2 (list_awselasticloadbalancingv2) lists for
// AddTags and RemoveTags the V2 resources ("You can tag your Application
// Load Balancers, Network Load Balancers, Gateway Load Balancers, target
// groups, trust stores, listeners, and rules", ELB V2 API Reference,
// AddTags), and for DeleteLoadBalancer, ModifyLoadBalancerAttributes and
// CreateLoadBalancer the load balancer types loadbalancer/app/,
// loadbalancer/net/ and loadbalancer/gwy/; the Classic page lists
// loadbalancer/${LoadBalancerName} for the same actions. The source data
// kept only the Classic row of these actions (gen: sarSupplements).
func TestELBV2ResourceTypes(t *testing.T) {
	t.Parallel()
	const (
		arn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:"
		alb = arn + "loadbalancer/app/my-alb/50dc6c495c0c9188"
		nlb = arn + "loadbalancer/net/my-nlb/50dc6c495c0c9188"
		gwl = arn + "loadbalancer/gwy/my-gwlb/50dc6c495c0c9188"
		clb = arn + "loadbalancer/my-classic-lb"
		tg  = arn + "targetgroup/my-targets/73e2d6bc24d8a067"
		lsn = arn + "listener/app/my-alb/50dc6c495c0c9188/f2f7dc8efc522ab2"
		nls = arn + "listener/net/my-nlb/50dc6c495c0c9188/f2f7dc8efc522ab2"
		gls = arn + "listener/gwy/my-gwlb/50dc6c495c0c9188/f2f7dc8efc522ab2"
		rul = arn + "listener-rule/app/my-alb/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee"
		trs = arn + "truststore/my-trust-store/73e2d6bc24d8a067"
	)
	tests := []struct {
		action, arn, want string // want: resource type, "" for RS-10 error
	}{
		{"elasticloadbalancing:AddTags", alb, "loadbalancer/app/"},
		{"elasticloadbalancing:AddTags", nlb, "loadbalancer/net/"},
		{"elasticloadbalancing:AddTags", gwl, "loadbalancer/gwy/"},
		{"elasticloadbalancing:AddTags", clb, "loadbalancer"}, // the Classic row stays
		{"elasticloadbalancing:AddTags", tg, "targetgroup"},
		{"elasticloadbalancing:AddTags", lsn, "listener/app"},
		{"elasticloadbalancing:AddTags", nls, "listener/net"},
		{"elasticloadbalancing:AddTags", gls, "listener/gwy"},
		{"elasticloadbalancing:AddTags", rul, "listener-rule/app"},
		{"elasticloadbalancing:AddTags", trs, "truststore"},
		{"elasticloadbalancing:RemoveTags", alb, "loadbalancer/app/"},
		{"elasticloadbalancing:RemoveTags", tg, "targetgroup"},
		{"elasticloadbalancing:RemoveTags", rul, "listener-rule/app"},
		{"elasticloadbalancing:DeleteLoadBalancer", alb, "loadbalancer/app/"},
		{"elasticloadbalancing:DeleteLoadBalancer", nlb, "loadbalancer/net/"},
		{"elasticloadbalancing:DeleteLoadBalancer", gwl, "loadbalancer/gwy/"},
		{"elasticloadbalancing:DeleteLoadBalancer", clb, "loadbalancer"},
		{"elasticloadbalancing:DeleteLoadBalancer", tg, ""}, // not a load balancer
		{"elasticloadbalancing:DeleteLoadBalancer", lsn, ""},
		{"elasticloadbalancing:ModifyLoadBalancerAttributes", alb, "loadbalancer/app/"},
		{"elasticloadbalancing:ModifyLoadBalancerAttributes", nlb, "loadbalancer/net/"},
		{"elasticloadbalancing:CreateLoadBalancer", alb, "loadbalancer/app/"},
		{"elasticloadbalancing:CreateLoadBalancer", clb, "loadbalancer"},
		// V2-only actions were right before and stay so.
		{"elasticloadbalancing:ModifyListener", lsn, "listener/app"},
		{"elasticloadbalancing:ModifyListener", alb, ""},
		{"elasticloadbalancing:RegisterTargets", tg, "targetgroup"},
		{"elasticloadbalancing:RegisterTargets", alb, ""},
		{"elasticloadbalancing:DeleteRule", rul, "listener-rule/app"},
		// Classic-only actions take no V2 resource.
		{"elasticloadbalancing:RegisterInstancesWithLoadBalancer", clb, "loadbalancer"},
		{"elasticloadbalancing:RegisterInstancesWithLoadBalancer", alb, ""},
		{"elasticloadbalancing:ConfigureHealthCheck", alb, ""},
	}
	for _, tt := range tests {
		t.Run(tt.action+" "+tt.arn[len(arn):], func(t *testing.T) {
			t.Parallel()
			a, ok := LookupAction(tt.action)
			if !ok {
				t.Fatalf("no action %s", tt.action)
			}
			rt, ok := MatchResourceType(a, tt.arn)
			got := ""
			if ok {
				got = rt.Name
			}
			if got != tt.want {
				t.Errorf("MatchResourceType(%s, %s) = %q, want %q", tt.action, tt.arn, got, tt.want)
			}
		})
	}
}
