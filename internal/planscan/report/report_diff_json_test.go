package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/analysis"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
)

// encodeWhole is how --format json wrote the diff before it was streamed
// and capped: the whole document through one encoder.
func encodeWhole(t *testing.T, d *analysis.Diff) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(d); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// statementField is a change's "statement" object, its last field.
var statementField = regexp.MustCompile(`,\n\s*"statement": \{[^}]*\}`)

// TestDiffJSONStreamed: written principal by principal, the --full JSON
// diff is byte for byte the document one encoder gives, on every fixture
// and the demo, and for an empty diff; the default one lists the first
// JSONChangeLimit changes of each principal and the first JSONListLimit
// entries of each of their lists, with the totals of what it cuts.
func TestDiffJSONStreamed(t *testing.T) {
	t.Parallel()
	for _, c := range goldenCases(t) {
		if strings.HasPrefix(c.name, "corpus_") {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			d := analyzeFile(t, c.plan, c.account).Diff()
			var full, capped bytes.Buffer
			if err := WriteDiff(&full, d, "json", ReportOptions{Full: true}); err != nil {
				t.Fatal(err)
			}
			// the statement objects (issue 8) are the report's, not analysis.Diff's
			if got, want := statementField.ReplaceAllString(full.String(), ""), encodeWhole(t, d); got != want {
				t.Fatalf("%s", testkit.FirstDiff(got, want))
			}
			if err := WriteDiff(&capped, d, "json", ReportOptions{}); err != nil {
				t.Fatal(err)
			}
			var f, cp diffDoc
			if err := json.Unmarshal(full.Bytes(), &f); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(capped.Bytes(), &cp); err != nil {
				t.Fatal(err)
			}
			cut, groupsCut := false, false
			for i, p := range f.Principals {
				got := cp.Principals[i]
				kept := len(p.Changes)
				if kept > JSONChangeLimit {
					kept, groupsCut = JSONChangeLimit, true
					more := 0
					for _, ch := range p.Changes[JSONChangeLimit:] {
						more += len(ch.Actions)
					}
					if got.ChangeCount != len(p.Changes) || got.MoreActions != more {
						t.Errorf("%d: changeCount %d, moreActions %d; want %d, %d", i, got.ChangeCount, got.MoreActions, len(p.Changes), more)
					}
				} else if got.ChangeCount != 0 || got.MoreActions != 0 {
					t.Errorf("%d: changeCount %d, moreActions %d on an uncut principal", i, got.ChangeCount, got.MoreActions)
				}
				if len(got.Changes) != kept {
					t.Fatalf("%d: %d changes listed, want %d", i, len(got.Changes), kept)
				}
				for j, ch := range p.Changes[:kept] {
					got := got.Changes[j]
					cut = checkCut(t, "actions", ch.Actions, got.Actions, got.ActionCount) || cut
					cut = checkCut(t, "resources", ch.Resources, got.Resources, got.ResourceCount) || cut
				}
			}
			if want := map[bool]int{true: JSONListLimit}[cut]; cp.ListLimit != want {
				t.Errorf("listLimit %d, want %d", cp.ListLimit, want)
			}
			if want := map[bool]int{true: JSONChangeLimit}[groupsCut]; cp.ChangeLimit != want {
				t.Errorf("changeLimit %d, want %d", cp.ChangeLimit, want)
			}
		})
	}
	for _, d := range []*analysis.Diff{{Principals: []analysis.PrincipalDiff{}, Unchanged: 3}, {}} {
		var b bytes.Buffer
		if err := WriteDiff(&b, d, "json", ReportOptions{}); err != nil {
			t.Fatal(err)
		}
		testkit.Equal(t, "empty diff", b.String(), encodeWhole(t, d))
	}
}

type diffDoc struct {
	Principals []struct {
		Changes []struct {
			Actions, Resources         []string
			ActionCount, ResourceCount int
		}
		ChangeCount, MoreActions int
	}
	ListLimit, ChangeLimit int
}

// checkCut wants got to be all of full, or its first JSONListLimit
// entries with count the length of full; it reports a cut.
func checkCut(t *testing.T, what string, full, got []string, count int) bool {
	t.Helper()
	if len(full) <= JSONListLimit {
		if len(got) != len(full) || count != 0 {
			t.Errorf("%s: %d listed (count %d), want all %d", what, len(got), count, len(full))
		}
		return false
	}
	if len(got) != JSONListLimit || count != len(full) || got[0] != full[0] || got[len(got)-1] != full[JSONListLimit-1] {
		t.Errorf("%s: %d listed (count %d), want the first %d of %d", what, len(got), count, JSONListLimit, len(full))
	}
	return true
}

// TestDiffJSONCapped (issue 9): a change with more actions or resources
// than JSONListLimit lists the first ones and says how many it has; a
// principal with more changes than JSONChangeLimit lists the first ones
// and says how many it has and how many actions the others hold; the
// document names the limits; --full lists everything.
func TestDiffJSONCapped(t *testing.T) {
	t.Parallel()
	list := func(n int, f string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf(f, i)
		}
		return out
	}
	d := &analysis.Diff{Principals: []analysis.PrincipalDiff{{Principal: "aws_iam_role.a", Kind: "role", Change: "created",
		Changes: []analysis.AccessChange{
			{Kind: analysis.Gained, Service: "s3", AccessLevel: "Read", Actions: list(JSONListLimit+5, "s3:Get%03d"),
				Resources: list(JSONListLimit*3, "arn:aws:s3:::b%04d"), Transitions: []string{"implicitDeny->allowed"}},
			{Kind: analysis.Gained, Service: "kms", AccessLevel: "Write", Actions: []string{"kms:Decrypt"}, Resources: []string{"*"},
				Transitions: []string{"implicitDeny->allowed"}},
		}}, {Principal: "aws_iam_role.b", Kind: "role", Change: "created", Changes: []analysis.AccessChange{}}}}
	// a third principal with more changes than JSONChangeLimit, two actions each
	many := analysis.PrincipalDiff{Principal: "aws_iam_role.c", Kind: "role", Change: "created"}
	for i := range JSONChangeLimit + 3 {
		many.Changes = append(many.Changes, analysis.AccessChange{Kind: analysis.Gained, Service: fmt.Sprintf("svc%02d", i),
			AccessLevel: "Read", Actions: []string{"a:X", "a:Y"}, Resources: []string{"*"}, Transitions: []string{"implicitDeny->allowed"}})
	}
	d.Principals = append(d.Principals, many)
	for _, c := range []struct {
		full                              bool
		limit, actions, resources, aN, rN int
	}{
		{false, JSONListLimit, JSONListLimit, JSONListLimit, JSONListLimit + 5, JSONListLimit * 3},
		{true, 0, JSONListLimit + 5, JSONListLimit * 3, 0, 0},
	} {
		var b bytes.Buffer
		if err := WriteDiff(&b, d, "json", ReportOptions{Full: c.full}); err != nil {
			t.Fatal(err)
		}
		var o diffDoc
		if err := json.Unmarshal(b.Bytes(), &o); err != nil {
			t.Fatalf("full=%v: %v\n%s", c.full, err, b.String())
		}
		ch := o.Principals[0].Changes[0]
		testkit.Equal(t, "listLimit", o.ListLimit, c.limit)
		testkit.Equal(t, "actions", len(ch.Actions), c.actions)
		testkit.Equal(t, "resources", len(ch.Resources), c.resources)
		testkit.Equal(t, "actionCount", ch.ActionCount, c.aN)
		testkit.Equal(t, "resourceCount", ch.ResourceCount, c.rN)
		testkit.Equal(t, "first action kept", ch.Actions[0], "s3:Get000")
		small := o.Principals[0].Changes[1]
		testkit.Equal(t, "small change's count", small.ActionCount+small.ResourceCount, 0)
		c3 := o.Principals[2]
		if c.full {
			testkit.Equal(t, "changes (full)", len(c3.Changes), JSONChangeLimit+3)
			testkit.Equal(t, "changeLimit (full)", o.ChangeLimit, 0)
			testkit.Equal(t, "changeCount (full)", c3.ChangeCount, 0)
		} else {
			testkit.Equal(t, "changes", len(c3.Changes), JSONChangeLimit)
			testkit.Equal(t, "changeLimit", o.ChangeLimit, JSONChangeLimit)
			testkit.Equal(t, "changeCount", c3.ChangeCount, JSONChangeLimit+3)
			testkit.Equal(t, "moreActions", c3.MoreActions, 6)
			testkit.Equal(t, "uncut principal's changeCount", o.Principals[0].ChangeCount, 0)
		}
	}
}
