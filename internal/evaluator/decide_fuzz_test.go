package evaluator

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

// FuzzDecide feeds arbitrary policy documents and requests to the whole
// pipeline (parse, validate, compile, decide): it must never panic, and a
// decision must not change when the document is only reformatted (the
// same JSON with other whitespace), whichever role the document plays.
func FuzzDecide(f *testing.F) {
	seeds := []struct{ doc, action, resource string }{
		{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::b/*"}]}`, "s3:GetObject", "arn:aws:s3:::b/k"},
		{`{"Version":"2012-10-17","Statement":{"Effect":"Deny","NotAction":"iam:*","NotResource":"*"}}`, "iam:CreateUser", "*"},
		{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}/*","Condition":{"StringLike":{"aws:userid":"AIDA*"},"Bool":{"aws:SecureTransport":true}}}]}`, "s3:PutObject", "arn:aws:s3:::b/alice/x"},
		{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":["a"]},"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]}`, "sts:AssumeRole", "arn:aws:iam::111122223333:role/r"},
		{`{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Resource":"arn:aws:s3:::x"}]}`, "s3:GetObject", "arn:aws:s3:::x"},
		{`not json`, "s3:GetObject", "*"},
	}
	for _, s := range seeds {
		f.Add(s.doc, s.action, s.resource)
	}
	p, err := ParsePrincipal("arn:aws:iam::111122223333:user/alice")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, doc, action, resource string) {
		if len(doc) > 1<<16 {
			return
		}
		var ctx Context
		ctx.Set("aws:SecureTransport", "true")
		ctx.SetList("aws:TagKeys", []string{"a", "b"})
		ctx.Set("aws:SourceIp", "10.1.2.3")
		req := Request{Principal: p, Action: action, Resource: resource, Context: ctx}
		decideAll := func(d []byte) []Result {
			sets := []PolicySet{
				{Identity: []PolicyDoc{{Name: "p", JSON: d}}},
				{Resource: &PolicyDoc{Name: "p", JSON: d}},
				{Identity: []PolicyDoc{{Name: "all", JSON: []byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)}},
					Boundaries: []PolicyDoc{{Name: "p", JSON: d}}},
				{Identity: []PolicyDoc{{Name: "all", JSON: []byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)}},
					SCPs: [][]PolicyDoc{{{Name: "p", JSON: d}}}},
			}
			out := make([]Result, len(sets))
			for i, s := range sets {
				r := Compile(s, Options{}).Decide(&req)
				out[i] = r
			}
			return out
		}
		first := decideAll([]byte(doc))
		if !json.Valid([]byte(doc)) {
			return
		}
		var indented bytes.Buffer
		if err := json.Indent(&indented, []byte(doc), "", "  "); err != nil {
			return
		}
		if indented.Len() > 5000 {
			return // SCP sizes count whitespace (GR-11): reformatting may legitimately cross 5,120
		}
		second := decideAll(indented.Bytes())
		for i := range first {
			a, b := first[i], second[i]
			if a.Decision != b.Decision || !reflect.DeepEqual(a.BlockedBy, b.BlockedBy) || len(a.MatchedStatements) != len(b.MatchedStatements) {
				t.Fatalf("set %d: decision changed by reformatting: %s %v (%d statements) vs %s %v (%d statements)\ncompact: %s\nindented: %s",
					i, a.Decision, a.BlockedBy, len(a.MatchedStatements), b.Decision, b.BlockedBy, len(b.MatchedStatements), doc, indented.String())
			}
		}
	})
}
