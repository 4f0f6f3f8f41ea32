package iamdata

import (
	"slices"
	"testing"
)

// Counts computed once from the pinned npm data with node (see
// README.md, "Reference data"); update them when the pin moves.
const (
	pinnedActionCount = 22091
	pinnedS3GetCount  = 63
	pinnedEC2Describe = 194
	// iam:*, organizations:* and account:* together.
	pinnedIAMOrgAccountCount = 270
)

func TestLookupAction(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name          string
		wantFull      string
		level         AccessLevel
		wildcardOnly  bool
		resourceTypes []string
		conditionKey  string
	}{
		{"s3:GetObject", "s3:GetObject", Read, false, []string{"accesspointobject", "object"}, ""},
		{"S3:getobject", "s3:GetObject", Read, false, []string{"accesspointobject", "object"}, ""}, // AC-1
		{"iam:PassRole", "iam:PassRole", Write, false, []string{"role"}, "iam:PassedToService"},
		{"ec2:DescribeInstances", "ec2:DescribeInstances", List, true, nil, ""}, // RS-9
		{"iam:AttachRolePolicy", "iam:AttachRolePolicy", PermissionsManagement, false, []string{"role"}, "iam:PolicyARN"},
		{"s3:PutObjectTagging", "s3:PutObjectTagging", Tagging, false, []string{"accesspointobject", "object"}, ""},
		{"s3:ListBucket", "s3:ListBucket", List, false, []string{"accesspoint", "bucket"}, "s3:prefix"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a, ok := LookupAction(tt.name)
			if !ok {
				t.Fatalf("LookupAction(%q) not found", tt.name)
			}
			assertEqual(t, "FullName", a.FullName(), tt.wantFull)
			assertEqual(t, "AccessLevel", a.AccessLevel, tt.level)
			assertEqual(t, "WildcardOnly", a.WildcardOnly, tt.wildcardOnly)
			assertEqual(t, "IsWildcardOnly", IsWildcardOnly(tt.name), tt.wildcardOnly)
			var rts []string
			for _, rt := range a.ResourceTypes {
				rts = append(rts, rt.Name)
			}
			if !slices.Equal(rts, tt.resourceTypes) {
				t.Errorf("resource types = %v, want %v", rts, tt.resourceTypes)
			}
			if tt.conditionKey != "" && !slices.Contains(a.ConditionKeys, tt.conditionKey) {
				t.Errorf("condition keys %v lack %s", a.ConditionKeys, tt.conditionKey)
			}
			if got := len(ResourceTypesFor(tt.name)); got != len(tt.resourceTypes) {
				t.Errorf("ResourceTypesFor: %d types, want %d", got, len(tt.resourceTypes))
			}
		})
	}
}

func TestLookupActionUnknown(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"", "s3", "s3:", "s3:GetObjekt", "nosuch:GetObject", "s3:GetObject ", "*", "s3:Get*"} {
		if _, ok := LookupAction(name); ok {
			t.Errorf("LookupAction(%q) found an action", name) // AC-4, AC-5
		}
	}
	long := make([]byte, 300)
	for i := range long {
		long[i] = 'A'
	}
	if _, ok := LookupAction(string(long)); ok {
		t.Error("LookupAction(long) found an action")
	}
}

func TestServiceExists(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		prefix string
		want   bool
	}{{"s3", true}, {"S3", true}, {"ec2", true}, {"nosuch", false}, {"", false}} {
		assertEqual(t, "ServiceExists("+tt.prefix+")", ServiceExists(tt.prefix), tt.want)
	}
	if n := len(Services()); n < 400 {
		t.Errorf("only %d services", n)
	}
}

func TestExpandActions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		pattern string
		want    int
	}{
		{"s3:Get*", pinnedS3GetCount},
		{"S3:GET*", pinnedS3GetCount}, // AC-1
		{"ec2:Describe*", pinnedEC2Describe},
		{"*", pinnedActionCount},
		{"*:*", pinnedActionCount},
		{"s3:GetObject", 1},
		{"s3:GetObjec?", 1},       // AC-2
		{"s3:GetObject?", 0},      // ? is exactly one character
		{"s?:GetObject", 1},       // wildcard in the service part
		{"nosuch:*", 0},           // AC-4
		{"s3:*Object*Tagging", 6}, // several stars
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			t.Parallel()
			got := ExpandActions(tt.pattern)
			if len(got) != tt.want {
				t.Errorf("ExpandActions(%q) = %d actions, want %d", tt.pattern, len(got), tt.want)
			}
		})
	}
	got := ExpandActions("s3:getobject")
	if !slices.Equal(got, []string{"s3:GetObject"}) {
		t.Errorf("canonical case: got %v", got)
	}
	if all := AllActions(); len(all) != pinnedActionCount || !slices.IsSortedFunc(all, func(a, b string) int {
		return compareFold(a, b)
	}) {
		t.Errorf("AllActions: %d actions or not sorted", len(all))
	}
}

func compareFold(a, b string) int {
	la, lb := []byte(a), []byte(b)
	for i := range la {
		la[i] = lowerByte(la[i])
	}
	for i := range lb {
		lb[i] = lowerByte(lb[i])
	}
	return slices.Compare(la, lb)
}

func TestExpandNotActions(t *testing.T) {
	t.Parallel()
	got := ExpandNotActions([]string{"iam:*", "organizations:*", "account:*"}) // AC-3
	assertEqual(t, "count", len(got), pinnedActionCount-pinnedIAMOrgAccountCount)
	if slices.Contains(got, "iam:PassRole") || !slices.Contains(got, "s3:GetObject") {
		t.Error("NotAction complement is wrong")
	}
	assertEqual(t, "NotAction *", len(ExpandNotActions([]string{"*"})), 0)
	assertEqual(t, "NotAction none", len(ExpandNotActions(nil)), pinnedActionCount)
}

func TestParseAccessLevel(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    AccessLevel
		wantErr bool
	}{
		{"Read", Read, false},
		{"List", List, false},
		{"Write", Write, false},
		{"Tagging, Write", Tagging, false},
		{"Permissions management, Write", PermissionsManagement, false},
		{"permissions management", PermissionsManagement, false},
		{"Admin", "", true},
		{"", "", true},
		{", Write", "", true},
	}
	for _, tt := range tests {
		got, err := ParseAccessLevel(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseAccessLevel(%q) = %q, %v", tt.in, got, err)
		}
	}
}

func TestGlobMatch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		p, s string
		want bool
	}{
		{"*", "", true},
		{"", "", true},
		{"", "a", false},
		{"a*b", "ab", true},
		{"a*b", "axxb", true},
		{"a*b", "axxbc", false},
		{"a?c", "abc", true},
		{"a?c", "ac", false},
		{"*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac", false},
		{"s3:*object", "s3:getobject", true},
	}
	for _, tt := range tests {
		assertEqual(t, "globMatch("+tt.p+", "+tt.s+")", globMatch(tt.p, tt.s), tt.want)
	}
}
