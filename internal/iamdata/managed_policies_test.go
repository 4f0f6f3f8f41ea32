package iamdata

import (
	"encoding/json"
	"slices"
	"testing"
)

func TestManagedPolicy(t *testing.T) {
	t.Parallel()
	tests := []struct {
		ref      string
		wantARN  string
		wantPath string
	}{
		{"PowerUserAccess", "arn:aws:iam::aws:policy/PowerUserAccess", "/"},
		{"arn:aws:iam::aws:policy/PowerUserAccess", "arn:aws:iam::aws:policy/PowerUserAccess", "/"},
		{"arn:aws-us-gov:iam::aws:policy/PowerUserAccess", "arn:aws-us-gov:iam::aws:policy/PowerUserAccess", "/"},
		{"arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", "/service-role/"},
		{"arn:aws-cn:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", "arn:aws-cn:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", "/service-role/"},
		{"AWSLambdaBasicExecutionRole", "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", "/service-role/"},
		{"service-role/AWSLambdaBasicExecutionRole", "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", "/service-role/"},
		// No match.
		{"arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole", "", ""}, // wrong path
		{"arn:aws:iam::123456789012:policy/PowerUserAccess", "", ""},    // customer managed
		{"arn:aws:iam::aws:role/PowerUserAccess", "", ""},
		{"arn:aws:s3:::aws:policy/PowerUserAccess", "", ""},
		{"poweruseraccess", "", ""},
		{"NoSuchPolicy", "", ""},
		{"", "", ""},
		{"arn:aws:iam::aws:policy/", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.ref, func(t *testing.T) {
			t.Parallel()
			doc, ok := ManagedPolicy(tt.ref)
			if ok != (tt.wantARN != "") {
				t.Fatalf("ManagedPolicy(%q) found = %v", tt.ref, ok)
			}
			if !ok {
				return
			}
			assertEqual(t, "ARN", doc.ARN, tt.wantARN)
			assertEqual(t, "Path", doc.Path, tt.wantPath)
			if doc.Version == "" || !json.Valid(doc.Document) {
				t.Errorf("version %q or document invalid", doc.Version)
			}
		})
	}
}

func TestPowerUserAccessNotAction(t *testing.T) {
	t.Parallel()
	doc, ok := ManagedPolicy("arn:aws:iam::aws:policy/PowerUserAccess")
	if !ok {
		t.Fatal("PowerUserAccess missing")
	}
	var pol struct {
		Statement []struct {
			Effect    string
			NotAction []string
			Resource  string
		}
	}
	if err := json.Unmarshal(doc.Document, &pol); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, st := range pol.Statement {
		if st.Effect == "Allow" && slices.Equal(st.NotAction, []string{"iam:*", "organizations:*", "account:*"}) && st.Resource == "*" {
			found = true
		}
	}
	if !found {
		t.Errorf("no Allow NotAction [iam:* organizations:* account:*] statement in %s", doc.Document)
	}
	// The returned document is a copy.
	doc.Document[0] = 'X'
	again, _ := ManagedPolicy("PowerUserAccess")
	if again.Document[0] != '{' {
		t.Error("ManagedPolicy returned shared bytes")
	}
}

func TestManagedPolicyNames(t *testing.T) {
	t.Parallel()
	names := ManagedPolicyNames()
	if len(names) < 1500 || !slices.IsSorted(names) {
		t.Errorf("%d names, sorted=%v", len(names), slices.IsSorted(names))
	}
	for _, n := range []string{"AdministratorAccess", "ReadOnlyAccess", "PowerUserAccess"} {
		if _, ok := slices.BinarySearch(names, n); !ok {
			t.Errorf("%s missing", n)
		}
	}
}
