package datacli

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/iamdata"
)

func TestSuggestManagedPolicies(t *testing.T) {
	t.Parallel()
	cat := iamdata.Default()
	for _, tc := range []struct {
		ref       string
		wantFirst string // "" = no suggestion
	}{
		{"poweruseraccess", "PowerUserAccess"},                         // same name, other case
		{"arn:aws:iam::aws:policy/poweruseraccess", "PowerUserAccess"}, // the name part of an ARN
		{"job-function/PowerUserAccess", "PowerUserAccess"},            // another path
		{"AWSLambdaBasic", "AWSLambdaBasicDurableExecutionRolePolicy"},
		{"zzzNoSuchPolicy", ""},
		{"", ""},
	} {
		t.Run(tc.ref, func(t *testing.T) {
			t.Parallel()
			got := SuggestManagedPolicies(cat, tc.ref)
			if len(got) > maxSuggestions {
				t.Errorf("%d suggestions, want at most %d", len(got), maxSuggestions)
			}
			if tc.wantFirst == "" {
				if len(got) != 0 {
					t.Errorf("got %v, want none", got)
				}
				return
			}
			if len(got) == 0 || got[0] != tc.wantFirst {
				t.Errorf("got %v, want %s first", got, tc.wantFirst)
			}
		})
	}
}

func TestOverridesCatalog(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	actions := write("a.json", `{"actions": [{"name": "s3:NewThing", "accessLevel": "Write", "resourceTypes": ["bucket"]}]}`)
	policies := write("p.json", `{"policies": [{"arn": "arn:aws:iam::aws:policy/MyThing", "document": {"Version": "2012-10-17", "Statement": []}}]}`)
	bad := write("bad.json", `{"actions": [], "extra": 1}`)

	if cat, err := (Overrides{}).Catalog(); err != nil || cat != iamdata.Default() {
		t.Errorf("no overrides: %v, %v; want the default catalog", cat, err)
	}
	cat, err := Overrides{Actions: actions, ManagedPolicies: policies}.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	if !cat.ActionExists("s3:NewThing") || !cat.ActionExists("s3:GetObject") {
		t.Error("override catalog lost or lacks actions")
	}
	if _, ok := cat.ManagedPolicy("MyThing"); !ok {
		t.Error("override catalog lacks MyThing")
	}
	if _, err := (Overrides{Actions: bad}).Catalog(); !errors.Is(err, iamdata.ErrInvalidOverride) || !strings.Contains(err.Error(), bad) {
		t.Errorf("bad override: %v; want ErrInvalidOverride naming %s", err, bad)
	}
	if _, err := (Overrides{ManagedPolicies: filepath.Join(dir, "nope.json")}).Catalog(); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

func TestWriteActionsText(t *testing.T) {
	t.Parallel()
	infos, unmatched := DescribeActions(iamdata.Default(), []string{"s3:GetObjectTorrent", "s3:ListAllMyBuckets", "x:y"})
	if !slices.Equal(unmatched, []string{"x:y"}) {
		t.Errorf("unmatched = %v", unmatched)
	}
	var b bytes.Buffer
	if err := WriteActions(&b, FormatText, infos); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "ACTION") {
		t.Fatalf("table:\n%s", b.String())
	}
	if f := strings.Fields(lines[1]); len(f) < 3 || f[0] != "s3:GetObjectTorrent" || f[1] != "Read" || f[2] != "object*" {
		t.Errorf("row 1 = %q", lines[1])
	}
	if f := strings.Fields(lines[2]); len(f) < 3 || f[0] != "s3:ListAllMyBuckets" || f[1] != "List" || f[2] != "*" {
		t.Errorf("row 2 = %q", lines[2])
	}
	if err := WriteActions(&b, "xml", infos); err == nil {
		t.Error("format xml: no error")
	}
}
