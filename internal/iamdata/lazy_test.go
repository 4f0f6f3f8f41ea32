package iamdata

import (
	"strings"
	"testing"
)

// TestLazyAgreesWithFull: the engine's lookups through the lazy index give
// the full index's answers for every action (AC-5, RS-9), every resource
// type's realistic ARNs against every action of its service (RS-10), every
// condition key (CO-15, CO-16) and every service prefix, plus misspellings.
func TestLazyAgreesWithFull(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("walks the whole reference data")
	}
	c := Default()
	lazy := (&Catalog{services: c.services, policies: c.policies, lazy: c.lazy}).Engine()
	full := (&Catalog{services: c.services, policies: c.policies}).Engine()
	idx := c.services()
	// The default catalog answers from the full index once it is built.
	both := c.Engine()
	checked := 0
	for _, name := range c.AllActions() {
		for _, n := range []string{name, strings.ToUpper(name), strings.ToLower(name), name + "x", strings.Replace(name, ":", "", 1)} {
			k1, w1 := lazy.Action(n)
			k2, w2 := full.Action(n)
			k3, w3 := both.Action(n)
			if k1 != k2 || w1 != w2 || k3 != k2 || w3 != w2 {
				t.Fatalf("Action(%q): lazy %v %v, full %v %v", n, k1, w1, k2, w2)
			}
		}
	}
	for _, prefix := range c.Services() {
		svc := idx.services[strings.ToLower(prefix)]
		var arns []string
		for _, rt := range svc.resourceTypes {
			for _, f := range rt.ARNFormats {
				arns = append(arns, realisticARNs(c, prefix, f)...)
			}
		}
		arns = append(arns, "arn:aws:"+prefix+":us-east-1:111122223333:nothing/x", "arn:aws:s3:::b/k", "not-an-arn")
		for _, a := range svc.actions {
			for _, arn := range arns {
				f1, o1 := lazy.ResourceFits(a.fullName, arn)
				f2, o2 := full.ResourceFits(a.fullName, arn)
				f3, o3 := both.ResourceFits(a.fullName, arn)
				if f1 != f2 || o1 != o2 || f3 != f2 || o3 != o2 {
					t.Fatalf("ResourceFits(%q, %q): lazy %v %v, full %v %v", a.fullName, arn, f1, o1, f2, o2)
				}
				checked++
			}
		}
		for _, p := range []string{prefix, strings.ToUpper(prefix), prefix + "x"} {
			if lazy.ServiceKnown(p) != full.ServiceKnown(p) || both.ServiceKnown(p) != full.ServiceKnown(p) {
				t.Fatalf("ServiceKnown(%q) differs", p)
			}
		}
	}
	var keys []string
	for _, svc := range idx.services {
		for _, k := range svc.keys {
			keys = append(keys, k.Name, strings.ToUpper(k.Name))
		}
		for _, k := range svc.keyTmpls {
			keys = append(keys, strings.ReplaceAll(strings.ReplaceAll(k.Name, "${TagKey}", "team"), "<key>", "team"))
		}
	}
	for _, k := range globalConditionKeys {
		keys = append(keys, k.Name)
	}
	keys = append(keys, "aws:TagKeys", "token.actions.githubusercontent.com:sub", "cognito-identity.amazonaws.com:amr",
		"accounts.google.com:aud", "s3:prefixx", "nosuchservice:key", "aws:PrincipalTag/team", "saml:aud", "")
	for _, k := range keys {
		m1, k1 := lazy.MultivaluedKey(k)
		m2, k2 := full.MultivaluedKey(k)
		t1, o1 := lazy.ConditionKeyType(k)
		t2, o2 := full.ConditionKeyType(k)
		m3, k3 := both.MultivaluedKey(k)
		if m1 != m2 || k1 != k2 || t1 != t2 || o1 != o2 || m3 != m2 || k3 != k2 {
			t.Fatalf("key %q: lazy %v %v %q %v, full %v %v %q %v", k, m1, k1, t1, o1, m2, k2, t2, o2)
		}
	}
	t.Logf("%d actions, %d action/ARN pairs, %d keys agree", len(c.AllActions()), checked, len(keys))
}

// TestLazyBuildsOnlyNamedServices: a lookup builds the service it names and
// no other.
func TestLazyBuildsOnlyNamedServices(t *testing.T) {
	t.Parallel()
	l := mustLoad(decodeLazy(embeddedServices))
	c := &Catalog{services: Default().services, policies: Default().policies, lazy: func() *lazyIndex { return l }}
	if known, _ := c.Engine().Action("s3:GetObject"); !known {
		t.Fatal("s3:GetObject unknown")
	}
	if fits, ok := c.Engine().ResourceFits("sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:q"); !ok || !fits {
		t.Fatal("sqs queue does not fit sqs:SendMessage")
	}
	built := 0
	for i := range l.svcs {
		if l.svcs[i].svc != nil {
			built++
		}
	}
	assertEqual(t, "services built", built, 2)
}

// TestEngineLookupsStayLazy: what planscan eval asks of the reference data
// for known actions, ARNs and keys never builds the full index (the
// lookups, RS-11's StatementCanApply, CO-19's UnknownConditionKey).
func TestEngineLookupsStayLazy(t *testing.T) {
	t.Parallel()
	l := mustLoad(decodeLazy(embeddedServices))
	c := &Catalog{
		services: func() *serviceIndex { t.Error("the full index was built"); return Default().services() },
		policies: Default().policies,
		lazy:     func() *lazyIndex { return l },
	}
	e := c.Engine()
	if known, _ := e.Action("s3:GetObject"); !known {
		t.Error("s3:GetObject unknown")
	}
	if fits, ok := e.ResourceFits("logs:PutLogEvents", "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/fn:log-stream:s"); !ok || !fits {
		t.Error("log stream does not fit logs:PutLogEvents")
	}
	if _, known := e.MultivaluedKey("s3:prefix"); !known {
		t.Error("s3:prefix unknown")
	}
	if can, judged := e.StatementCanApply([]string{"s3:Get*", "s3:ListBucket"}, []string{"arn:aws:s3:::b/*"}); !can || !judged {
		t.Errorf("StatementCanApply = %v, %v", can, judged)
	}
	if e.UnknownConditionKey("aws:SourceVpc") || e.UnknownConditionKey("kms:ViaService") {
		t.Error("a known key is reported unknown")
	}
}
