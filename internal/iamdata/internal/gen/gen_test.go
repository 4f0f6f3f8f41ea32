package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeTree writes a minimal iam-data layout with one service "svc".
func writeTree(t *testing.T, action, resourceType, key string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"serviceNames.json":      `{"svc": "Some Service"}`,
		"actions/svc.json":       `{"doit": ` + action + `}`,
		"resourceTypes/svc.json": `{"thing": ` + resourceType + `}`,
		"conditionKeys/svc.json": `{"svc:key": ` + key + `}`,
	}
	for name, body := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const (
	goodAction = `{"name":"DoIt","description":"d","accessLevel":"Tagging, Write","resourceTypes":[{"name":"thing","required":true,"conditionKeys":["svc:key"],"dependentActions":[]}],"conditionKeys":[],"dependentActions":[]}`
	goodType   = `{"key":"thing","arn":"arn:${Partition}:svc:${Region}:${Account}:thing/${Id}"}`
	goodKey    = `{"key":"svc:Key","description":"d","type":"String"}`
)

func TestReadServices(t *testing.T) {
	t.Parallel()
	got, err := readServices(writeTree(t, goodAction, goodType, goodKey))
	if err != nil {
		t.Fatal(err)
	}
	a := got.Services[0].Actions[0]
	if a.AccessLevel != "Tagging" || a.ResourceTypes[0].Name != "thing" || !a.ResourceTypes[0].Required {
		t.Errorf("action = %+v", a)
	}
}

// The generator must stop on any shape it does not know.
func TestReadServicesRejects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, action, rt, key, want string
	}{
		{"access level", strings.Replace(goodAction, "Tagging, Write", "Admin", 1), goodType, goodKey, `unknown access level "Admin"`},
		{"unknown action field", strings.Replace(goodAction, `"description"`, `"descr"`, 1), goodType, goodKey, `unknown field "descr"`},
		{"missing accessLevel", strings.Replace(goodAction, `"accessLevel"`, `"scenarios"`, 1), goodType, goodKey, "missing name, accessLevel"},
		{"unknown resource type", strings.Replace(goodAction, `"name":"thing"`, `"name":"other"`, 1), goodType, goodKey, `unknown resource type "other"`},
		{"undefined key", strings.Replace(goodAction, `["svc:key"]`, `["svc:nokey"]`, 1), goodType, goodKey, `condition key "svc:nokey" is not defined`},
		{"key type", goodAction, goodType, strings.Replace(goodKey, "String", "Text", 1), `unknown type "Text"`},
		{"arn", goodAction, strings.Replace(goodType, "arn:", "urn:", 1), goodKey, "is not an ARN"},
		{"placeholder", goodAction, strings.Replace(goodType, "${Id}", "${Id", 1), goodKey, "unclosed placeholder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := readServices(writeTree(t, tt.action, tt.rt, tt.key))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestSplitARNFormats(t *testing.T) {
	t.Parallel()
	got, err := splitARNFormats("arn:${Partition}:a:${Region}::/x/${X}, arn:${Partition}:a:${Region}::/y/${Y}")
	if err != nil || len(got) != 2 {
		t.Errorf("splitARNFormats = %v, %v", got, err)
	}
	if _, err := splitARNFormats("arn:${Partition}:a::${Account}:b/${S}-{Stamp}"); err != nil {
		t.Errorf("{Name} placeholder rejected: %v", err)
	}
}

func TestConvertPolicy(t *testing.T) {
	t.Parallel()
	arn, v, date := "arn:aws:iam::aws:policy/service-role/X", "v2", "2024-01-01T00:00:00.000Z"
	doc := []byte(`{ "Version": "2012-10-17", "Statement": [ ] }`)
	p, err := convertPolicy("X", srcPolicy{ARN: &arn, LatestVersionID: &v, LastUpdatedDate: &date,
		Versions: map[string]srcPolicyVersion{"v2": {Document: doc}}})
	if err != nil || p.Path != "/service-role/" || string(p.Document) != `{"Version":"2012-10-17","Statement":[]}` {
		t.Errorf("convertPolicy = %+v, %v", p, err)
	}
	v1 := "v1"
	if _, err := convertPolicy("X", srcPolicy{ARN: &arn, LatestVersionID: &v1, LastUpdatedDate: &date,
		Versions: map[string]srcPolicyVersion{"v2": {Document: doc}}}); err == nil {
		t.Error("missing default version accepted")
	}
	if _, err := convertPolicy("Y", srcPolicy{ARN: &arn, LatestVersionID: &v, LastUpdatedDate: &date,
		Versions: map[string]srcPolicyVersion{"v2": {Document: doc}}}); err == nil {
		t.Error("name/ARN mismatch accepted")
	}
}

// sarSupplements adds the resource types the data lost to an action
// (keeping what it lists, once), and stops on an action or a type the
// data does not know.
func TestSupplement(t *testing.T) {
	t.Parallel()
	name := func(s string) *string { return &s }
	yes := true
	rts := map[string]srcResourceType{"thing": {Key: name("thing")}, "other/": {Key: name("other/")}}
	acts := func() map[string]srcAction {
		return map[string]srcAction{"doit": {Name: name("DoIt"), ResourceTypes: &[]srcActionResourceType{{Name: name("thing"), Required: &yes, ConditionKeys: &[]string{}}}}}
	}
	tests := []struct {
		name    string
		add     map[string][]string
		want    string // names, required flags
		wantErr string
	}{
		{"adds optional types, keeps the listed one", map[string][]string{"DoIt": {"Thing", "other/"}}, "thing:true other/:false", ""},
		{"unknown action", map[string][]string{"DoThat": {"thing"}}, "", "no action svc:DoThat"},
		{"unknown type", map[string][]string{"DoIt": {"nothing"}}, "", `no resource type "nothing"`},
	}
	for _, tt := range tests {
		a := acts()
		err := supplement(map[string]map[string][]string{"svc": tt.add}, "svc", a, rts)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%s: err = %v, want %q", tt.name, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		var got []string
		for _, rt := range *a["doit"].ResourceTypes {
			got = append(got, *rt.Name+":"+map[bool]string{true: "true", false: "false"}[*rt.Required])
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%s: types %v, want %s", tt.name, got, tt.want)
		}
	}
	// The real table names only actions and types of the pinned data: the
	// generator run (go generate ./internal/iamdata) fails otherwise.
}
