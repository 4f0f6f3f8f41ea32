package iamdata

import (
	"errors"
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/iamdata/internal/format"
)

// smallCatalog is a two-service catalog that keeps fuzzing fast.
func smallCatalog(t testing.TB) *Catalog {
	t.Helper()
	src := &format.Services{Services: []format.Service{
		{
			Prefix:        "s3",
			ConditionKeys: []format.ConditionKey{{Name: "s3:prefix", Type: "String"}, {Name: "s3:ExistingObjectTag/<key>", Type: "String"}},
			ResourceTypes: []format.ResourceType{
				{Name: "bucket", ARNFormats: []string{"arn:${Partition}:s3:::${BucketName}"}},
				{Name: "object", ARNFormats: []string{"arn:${Partition}:s3:::${BucketName}/${ObjectName}"}},
			},
			Actions: []format.Action{
				{Name: "GetObject", AccessLevel: "Read", ResourceTypes: []format.ActionResourceType{{Name: "object", Required: true}}},
				{Name: "ListBucket", AccessLevel: "List", ResourceTypes: []format.ActionResourceType{{Name: "bucket", Required: true}}, ConditionKeys: []string{"s3:prefix"}},
			},
		},
		{Prefix: "sts", Actions: []format.Action{{Name: "GetCallerIdentity", AccessLevel: "Read"}}},
	}}
	svc, err := buildServiceIndex(src)
	if err != nil {
		t.Fatal(err)
	}
	pol, err := buildPolicyIndex([]format.Policy{{Name: "ReadOnly", Path: "/", Version: "v1", Document: []byte(`{"Statement":[]}`)}})
	if err != nil {
		t.Fatal(err)
	}
	return &Catalog{services: func() *serviceIndex { return svc }, policies: func() *policyIndex { return pol }}
}

func TestWithActions(t *testing.T) {
	t.Parallel()
	base := Default()
	c, err := base.WithActions([]byte(`{
		"conditionKeys": [{"name": "s3:NewKey", "type": "ArrayOfString"}],
		"resourceTypes": [{"service": "s3", "name": "thing", "arnFormats": ["arn:${Partition}:s3:::thing/${Id}"]}],
		"actions": [
			{"name": "s3:NewThing", "accessLevel": "Read", "resourceTypes": ["object", {"name": "thing", "required": true}], "conditionKeys": ["s3:NewKey"]},
			{"name": "s3:GetObject", "accessLevel": "Permissions management, Write", "resourceTypes": ["object"]},
			{"name": "newsvc:DoIt", "accessLevel": "Write"}
		]}`))
	if err != nil {
		t.Fatalf("WithActions: %v", err)
	}
	a, ok := c.LookupAction("S3:NEWTHING")
	if !ok {
		t.Fatal("s3:NewThing missing")
	}
	assertEqual(t, "AccessLevel", a.AccessLevel, Read)
	assertEqual(t, "resource types", len(a.ResourceTypes), 2)
	if rt, ok := c.MatchResourceType(a, "arn:aws:s3:::thing/x"); !ok || rt.Name != "thing" {
		t.Errorf("MatchResourceType = %q, %v", rt.Name, ok)
	}
	g, _ := c.LookupAction("s3:GetObject")
	assertEqual(t, "replaced level", g.AccessLevel, PermissionsManagement)
	assertEqual(t, "newsvc", c.ServiceExists("newsvc"), true)
	assertEqual(t, "wildcard-only", c.IsWildcardOnly("newsvc:DoIt"), true)
	assertEqual(t, "IsMultivaluedKey", c.IsMultivaluedKey("s3:NewKey"), true)
	assertEqual(t, "count", len(c.AllActions()), pinnedActionCount+2)
	assertEqual(t, "expand", len(c.ExpandActions("s3:Get*")), pinnedS3GetCount)

	// The base catalog is unchanged and the policies are shared.
	assertEqual(t, "base unchanged", base.ActionExists("s3:NewThing"), false)
	g0, _ := base.LookupAction("s3:GetObject")
	assertEqual(t, "base level", g0.AccessLevel, Read)
	if _, ok := c.ManagedPolicy("PowerUserAccess"); !ok {
		t.Error("managed policies lost")
	}
}

func TestWithActionsErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, json, want string
	}{
		{"not json", `{`, "unexpected EOF"},
		{"unknown field", `{"actionz": []}`, `unknown field "actionz"`},
		{"trailing", `{} {}`, "trailing data"},
		{"bad level", `{"actions":[{"name":"s3:X","accessLevel":"Admin"}]}`, `actions[0] "s3:X": unknown access level "Admin"`},
		{"no level", `{"actions":[{"name":"s3:X"}]}`, `actions[0] "s3:X": unknown access level ""`},
		{"wildcard name", `{"actions":[{"name":"s3:X*","accessLevel":"Read"}]}`, `actions[0] "s3:X*": name must be service:Action`},
		{"no service", `{"actions":[{"name":"X","accessLevel":"Read"}]}`, `actions[0] "X": name must be service:Action`},
		{"unknown type", `{"actions":[{"name":"s3:X","accessLevel":"Read","resourceTypes":["objekt"]}]}`, `actions[0] "s3:X": unknown resource type "objekt" in service s3`},
		{"twice", `{"actions":[{"name":"s3:X","accessLevel":"Read"},{"name":"S3:x","accessLevel":"Read"}]}`, `actions[1] "S3:x": listed twice`},
		{"bad key", `{"actions":[{"name":"s3:X","accessLevel":"Read","conditionKeys":["nokey"]}]}`, `condition key "nokey" must be prefix:key`},
		{"rt unknown field", `{"actions":[{"name":"s3:X","accessLevel":"Read","resourceTypes":[{"nam":"object"}]}]}`, `unknown field "nam"`},
		{"bad key type", `{"conditionKeys":[{"name":"s3:K","type":"Text"}]}`, `conditionKeys[0] "s3:K": unknown type "Text"`},
		{"bad key name", `{"conditionKeys":[{"name":"K","type":"String"}]}`, `conditionKeys[0] "K": name must be service:key`},
		{"bad template", `{"resourceTypes":[{"service":"s3","name":"t","arnFormats":["arn:${Partition}:s3:::${X"]}]}`, `resourceTypes[0] "s3/t": malformed ARN template`},
		{"no formats", `{"resourceTypes":[{"service":"s3","name":"t"}]}`, `resourceTypes[0] "s3/t": missing arnFormats`},
		{"no rt service", `{"resourceTypes":[{"name":"t","arnFormats":["arn:a:b:c:d:e"]}]}`, `bad or missing service`},
	}
	c := smallCatalog(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := c.WithActions([]byte(tt.json))
			if !errors.Is(err, ErrInvalidOverride) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want ErrInvalidOverride containing %q", err, tt.want)
			}
		})
	}
}

func TestWithManagedPolicies(t *testing.T) {
	t.Parallel()
	base := Default()
	c, err := base.WithManagedPolicies([]byte(`{"policies": [
		{"arn": "arn:aws:iam::aws:policy/service-role/MyNewPolicy", "version": "v3",
		 "document": {"Version": "2012-10-17", "Statement": [ {"Effect": "Allow", "Action": "s3:*", "Resource": "*"} ]}},
		{"arn": "arn:aws-us-gov:iam::aws:policy/PowerUserAccess",
		 "document": {"Statement": []}}
	]}`))
	if err != nil {
		t.Fatalf("WithManagedPolicies: %v", err)
	}
	doc, ok := c.ManagedPolicy("arn:aws-cn:iam::aws:policy/service-role/MyNewPolicy")
	if !ok {
		t.Fatal("new policy missing")
	}
	assertEqual(t, "version", doc.Version, "v3")
	assertEqual(t, "document", string(doc.Document), `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`)
	pu, _ := c.ManagedPolicy("PowerUserAccess")
	assertEqual(t, "replaced", string(pu.Document), `{"Statement":[]}`)
	assertEqual(t, "default version", pu.Version, "v1")
	assertEqual(t, "names", len(c.ManagedPolicyNames()), len(base.ManagedPolicyNames())+1)

	pu0, _ := base.ManagedPolicy("PowerUserAccess")
	if string(pu0.Document) == `{"Statement":[]}` {
		t.Error("base catalog changed")
	}
	assertEqual(t, "actions shared", c.ActionExists("s3:GetObject"), true)
}

func TestWithManagedPoliciesErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, json, want string
	}{
		{"not json", `[`, "unexpected EOF"},
		{"unknown field", `{"policies":[{"arn":"arn:aws:iam::aws:policy/X","doc":{}}]}`, `unknown field "doc"`},
		{"no arn", `{"policies":[{"document":{"Statement":[]}}]}`, `policies[0]: missing arn`},
		{"customer arn", `{"policies":[{"arn":"arn:aws:iam::123456789012:policy/X","document":{"Statement":[]}}]}`, `policies[0]: arn "arn:aws:iam::123456789012:policy/X": not an AWS managed policy ARN`},
		{"bare name", `{"policies":[{"arn":"X","document":{"Statement":[]}}]}`, `not an ARN`},
		{"no document", `{"policies":[{"arn":"arn:aws:iam::aws:policy/X"}]}`, `missing document`},
		{"array document", `{"policies":[{"arn":"arn:aws:iam::aws:policy/X","document":[]}]}`, `document is not a JSON object`},
		{"no statement", `{"policies":[{"arn":"arn:aws:iam::aws:policy/X","document":{"Version":"2012-10-17"}}]}`, `document has no Statement`},
		{"twice", `{"policies":[{"arn":"arn:aws:iam::aws:policy/X","document":{"Statement":[]}},{"arn":"arn:aws:iam::aws:policy/X","document":{"Statement":[]}}]}`, `policies[1] "arn:aws:iam::aws:policy/X": listed twice`},
	}
	c := smallCatalog(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := c.WithManagedPolicies([]byte(tt.json))
			if !errors.Is(err, ErrInvalidOverride) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want ErrInvalidOverride containing %q", err, tt.want)
			}
		})
	}
}

func TestLoadOverrideReaders(t *testing.T) {
	t.Parallel()
	c, err := LoadActionsOverride(strings.NewReader(`{"actions":[{"name":"s3:Brand","accessLevel":"List"}]}`))
	if err != nil || !c.ActionExists("s3:Brand") {
		t.Errorf("LoadActionsOverride: %v", err)
	}
	c, err = LoadManagedPoliciesOverride(strings.NewReader(`{"policies":[{"arn":"arn:aws:iam::aws:policy/Brand","document":{"Statement":[]}}]}`))
	if err != nil {
		t.Fatalf("LoadManagedPoliciesOverride: %v", err)
	}
	if _, ok := c.ManagedPolicy("Brand"); !ok {
		t.Error("Brand missing")
	}
}

func FuzzWithActions(f *testing.F) {
	f.Add([]byte(`{"actions":[{"name":"s3:X","accessLevel":"Read","resourceTypes":["object",{"name":"bucket","required":true,"conditionKeys":["s3:prefix"]}],"conditionKeys":["aws:SourceIp"]}]}`))
	f.Add([]byte(`{"conditionKeys":[{"name":"s3:K","type":"String"}],"resourceTypes":[{"service":"s3","name":"t","arnFormats":["arn:${Partition}:s3:::t/${X}/*"]}]}`))
	f.Add([]byte(`{"actions":[{"name":"New:Thing","accessLevel":"Tagging, Write"}]}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(`null`))
	base := smallCatalog(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := base.WithActions(data)
		if err != nil {
			if !errors.Is(err, ErrInvalidOverride) {
				t.Fatalf("error does not wrap ErrInvalidOverride: %v", err)
			}
			return
		}
		// Exercise the new catalog.
		for _, name := range c.AllActions() {
			a, ok := c.LookupAction(name)
			if !ok {
				t.Fatalf("listed action %s not found", name)
			}
			c.MatchResourceType(a, "arn:aws:s3:::b/k")
			c.ConditionKeyApplies(a, "", "s3:prefix")
		}
		c.ExpandActions("s3:*")
	})
}

func FuzzWithManagedPolicies(f *testing.F) {
	f.Add([]byte(`{"policies":[{"arn":"arn:aws:iam::aws:policy/service-role/X","version":"v2","document":{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}}]}`))
	f.Add([]byte(`{"policies":[{"arn":"arn:aws-cn:iam::aws:policy/ReadOnly","document":{"Statement":[]}}]}`))
	f.Add([]byte(`{"policies":[]}`))
	base := smallCatalog(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := base.WithManagedPolicies(data)
		if err != nil {
			if !errors.Is(err, ErrInvalidOverride) {
				t.Fatalf("error does not wrap ErrInvalidOverride: %v", err)
			}
			return
		}
		for _, n := range c.ManagedPolicyNames() {
			doc, ok := c.ManagedPolicy(n)
			if !ok {
				t.Fatalf("listed policy %s not found", n)
			}
			if _, ok := c.ManagedPolicy(doc.ARN); !ok {
				t.Fatalf("policy %s not found by its ARN %s", n, doc.ARN)
			}
		}
	})
}
