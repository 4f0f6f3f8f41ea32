package main

import (
	"fmt"
	"strings"
)

// sarSupplements adds to actions the resource types that the Service
// Authorization Reference lists for them but the source data lost: prefix
// -> action -> resource types (each must be a resource type of the
// service). A type the data already lists for the action is left as it
// is; an action or type the data does not know stops the generator, so a
// refresh that renames them is noticed.
//
// elasticloadbalancing: AWS documents Elastic Load Balancing (Classic,
// list_awselasticloadbalancing) and Elastic Load Balancing V2
// (list_awselasticloadbalancingv2) under the one prefix. The source data
// merges the two pages by action name, and for the actions on both pages
// it kept only the Classic row: AddTags, RemoveTags, CreateLoadBalancer,
// DeleteLoadBalancer and ModifyLoadBalancerAttributes list the type
// loadbalancer (loadbalancer/${LoadBalancerName}) alone, so an ALB, NLB or
// GWLB ARN (loadbalancer/app/NAME/ID), a target group, listener, rule or
// trust store was "not a resource type of the action" (RS-10). The V2
// page lists for the load-balancer actions the load balancer types
// (loadbalancer/app/, loadbalancer/net/, loadbalancer/gwy/), and for the
// tagging actions every taggable V2 resource ("You can tag your
// Application Load Balancers, Network Load Balancers, Gateway Load
// Balancers, target groups, trust stores, listeners, and rules", AddTags
// in the ELB V2 API Reference). They are added as optional types, as the
// data lists the V2-only actions' types (SetSubnets, CreateListener).
var sarSupplements = map[string]map[string][]string{
	"elasticloadbalancing": {
		"AddTags":                      elbV2Taggable,
		"RemoveTags":                   elbV2Taggable,
		"CreateLoadBalancer":           elbV2LoadBalancers,
		"DeleteLoadBalancer":           elbV2LoadBalancers,
		"ModifyLoadBalancerAttributes": elbV2LoadBalancers,
	},
}

var (
	elbV2LoadBalancers = []string{"loadbalancer/app/", "loadbalancer/gwy/", "loadbalancer/net/"}
	elbV2Taggable      = []string{
		"listener-rule/app", "listener-rule/net", "listener/app", "listener/gwy", "listener/net",
		"loadbalancer/app/", "loadbalancer/gwy/", "loadbalancer/net/", "targetgroup", "truststore",
	}
)

// supplement adds table[prefix] (sarSupplements) to the source actions
// acts (keyed by lower-case action name) before they are converted.
func supplement(table map[string]map[string][]string, prefix string, acts map[string]srcAction, rts map[string]srcResourceType) error {
	for name, types := range table[prefix] {
		a, ok := acts[strings.ToLower(name)]
		if !ok || a.ResourceTypes == nil {
			return fmt.Errorf("supplement: no action %s:%s", prefix, name)
		}
		list := append([]srcActionResourceType(nil), (*a.ResourceTypes)...)
		for _, typ := range types {
			if _, ok := rts[strings.ToLower(typ)]; !ok {
				return fmt.Errorf("supplement: %s:%s: no resource type %q", prefix, name, typ)
			}
			if hasResourceType(list, typ) {
				continue
			}
			optional := false
			list = append(list, srcActionResourceType{Name: &typ, Required: &optional, ConditionKeys: &[]string{}})
		}
		a.ResourceTypes = &list
		acts[strings.ToLower(name)] = a
	}
	return nil
}

func hasResourceType(list []srcActionResourceType, name string) bool {
	for _, rt := range list {
		if rt.Name != nil && strings.EqualFold(*rt.Name, name) {
			return true
		}
	}
	return false
}
