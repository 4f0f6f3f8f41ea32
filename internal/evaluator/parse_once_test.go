package evaluator

import (
	"slices"
	"testing"
)

// Validate is ParseDocument's findings: one parse for both.
func TestParseDocumentFindingsAreValidates(t *testing.T) {
	t.Parallel()
	opts := Options{Catalog: decideTestCatalog{}}
	cases := []struct {
		name, json string
		typ        PolicyType
	}{
		{"valid identity policy", pol(allowS3Get), PolicyIdentity},
		{"GR-4 Effect is exact", pol(`{"Effect":"allow","Action":"s3:*","Resource":"*"}`), PolicyIdentity},
		{"AC-4 unknown action (catalog)", pol(`{"Effect":"Allow","Action":"s3:GetObjekt","Resource":"*"}`), PolicyIdentity},
		{"GR-1 not JSON", `{"Version":`, PolicyIdentity},
		{"RS-1 trust policy with a Resource", pol(`{"Effect":"Allow","Principal":{"AWS":"` + acctA + `"},"Action":"sts:AssumeRole","Resource":"*"}`), PolicyTrust},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := ParseDocument(PolicyDoc{JSON: []byte(tc.json)}, tc.typ, opts)
			want := Validate([]byte(tc.json), tc.typ, opts)
			if !slices.EqualFunc(p.Findings(), want, func(a, b Finding) bool { return a.String() == b.String() }) {
				t.Errorf("ParseDocument findings %v, Validate %v", p.Findings(), want)
			}
			if p.Invalid() != (HasErrors(want) || p.Tree() == nil) || p.Type() != tc.typ {
				t.Errorf("Invalid() = %v, Type() = %v", p.Invalid(), p.Type())
			}
		})
	}
	if ParseDocument(unknownDoc("x"), PolicyIdentity, opts) != nil {
		t.Error("ParseDocument of an unknown document (PT-5) is not nil")
	}
}

// EV-2: a document compiled from its parse decides as one compiled from
// its JSON, and compiling it as that type reads no JSON.
func TestCompileParsedDocument(t *testing.T) {
	t.Parallel()
	identity := pol(allowS3Get)
	resource := pol(rpStmt("Deny", `{"AWS":"`+userARN+`"}`, "s3:GetObject"))
	parsed := func(json string, typ PolicyType) PolicyDoc {
		d := PolicyDoc{Name: "p", JSON: []byte(json)}
		d.Parsed = ParseDocument(d, typ, Options{})
		d.JSON = []byte(`not JSON: compiling must not read it`)
		return d
	}
	req := rq(t, userARN, "s3:GetObject", bucket)
	cases := []struct {
		name      string
		fromJSON  PolicySet
		fromParse PolicySet
		want      Decision
	}{
		{"identity policy", PolicySet{Identity: docs(identity)}, PolicySet{Identity: []PolicyDoc{parsed(identity, PolicyIdentity)}}, Allowed},
		{"EV-3 resource policy Deny", PolicySet{Identity: docs(identity), Resource: resDoc(resource)},
			PolicySet{Identity: []PolicyDoc{parsed(identity, PolicyIdentity)}, Resource: &[]PolicyDoc{parsed(resource, PolicyResource)}[0]}, ExplicitDeny},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a := Compile(tc.fromJSON, Options{}).Decide(&req)
			b := Compile(tc.fromParse, Options{}).Decide(&req)
			if a.Decision != tc.want || b.Decision != tc.want || a.Error != nil || b.Error != nil {
				t.Errorf("from JSON %v %q, from the parse %v %q, want %v", a.Decision, a.Error, b.Decision, b.Error, tc.want)
			}
		})
	}
	// Parsed as another type (or another reading of RS-1), the JSON is read.
	d := PolicyDoc{JSON: []byte(identity)}
	d.Parsed = ParseDocument(PolicyDoc{JSON: []byte(`{}`)}, PolicyResource, Options{})
	if res := Compile(PolicySet{Identity: []PolicyDoc{d}}, Options{}).Decide(&req); res.Decision != Allowed {
		t.Errorf("a parse of another type was used: %v %q", res.Decision, res.Error)
	}
}

// AC-5, RS-10: WithOptions changes how requests are checked, not the
// compiled documents.
func TestCompiledSetWithOptions(t *testing.T) {
	t.Parallel()
	cs := Compile(PolicySet{Identity: docs(pol(allowS3All))}, Options{Catalog: decideTestCatalog{}})
	req := rq(t, userARN, "s3:GetObject", "arn:aws:s3:::bucket") // a bucket is no resource type of GetObject
	if got := cs.Decide(&req); got.Decision != DecisionError {
		t.Errorf("with the catalog: %v, want error (RS-10)", got.Decision)
	}
	if got := cs.WithOptions(Options{}).Decide(&req); got.Decision != Allowed {
		t.Errorf("without: %v %q, want allowed", got.Decision, got.Error)
	}
	if got := cs.Decide(&req); got.Decision != DecisionError {
		t.Errorf("WithOptions changed the original set: %v", got.Decision)
	}
}
