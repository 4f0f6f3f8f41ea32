package evaluator

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"unicode/utf8"
)

func addPolicySeeds(f *testing.F) {
	for _, tc := range realisticPolicies {
		f.Add([]byte(tc.doc))
	}
	for _, s := range []string{
		`{}`, `[]`, `{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}`,
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"a","Resource":"b"}]}`,
		`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotAction":["iam:*"],"NotResource":"arn:aws:s3:::${aws:username, 'x'}","Condition":{"ForAllValues:StringLike":{"aws:TagKeys":[]},"Bool":{"a":[true,"x"]},"IpAddress":{"aws:SourceIp":"10.0.0.1/8"},"DateLessThan":{"aws:CurrentTime":"2020-01-01T00:00"}}}]}`,
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":[1,"*","arn:aws:iam::*:root"],"Federated":"arn:aws:iam::1:saml-provider/x"},"Action":"sts:AssumeRole"}]}`,
		"{\"a\\u0026\":\"\\ud83d\\ude00\u00e9\"}", `{"a":[1,-0.5e+3,true,false,null,{"b":{}}]}`,
	} {
		f.Add([]byte(s))
	}
}

// FuzzParsePolicy: no input panics, and re-indenting a valid document
// (encoding/json Indent changes only whitespace) gives the same tree
// modulo positions and sizes.
func FuzzParsePolicy(f *testing.F) {
	addPolicySeeds(f)
	f.Fuzz(func(t *testing.T, doc []byte) {
		for _, typ := range SupportedPolicyTypes() {
			p, fs := ParsePolicy(doc, typ)
			_ = Validate(doc, typ, Options{Catalog: fakeCatalog{}})
			if p == nil && len(fs) == 0 {
				t.Fatalf("%s: no tree and no findings", typ)
			}
			for _, fd := range fs {
				if fd.Line < 1 || fd.Column < 1 || fd.Offset < 0 || fd.Offset > len(doc) || fd.Code == "" || fd.Message == "" {
					t.Fatalf("%s: bad finding %#v", typ, fd)
				}
			}
		}
		p, _ := ParsePolicy(doc, PolicyResource)
		if p == nil {
			return
		}
		var indented bytes.Buffer
		if err := json.Indent(&indented, doc, "", "\t"); err != nil {
			t.Fatalf("ParsePolicy accepted what encoding/json rejects: %v", err)
		}
		q, _ := ParsePolicy(indented.Bytes(), PolicyResource)
		if q == nil {
			t.Fatalf("re-indented document has no tree")
		}
		if a, b := withoutPositions(p), withoutPositions(q); !reflect.DeepEqual(a, b) {
			t.Fatalf("re-indenting changed the tree:\n%+v\n%+v", a, b)
		}
	})
}

// withoutPositions copies a policy with every Position and Size zeroed.
func withoutPositions(p *Policy) *Policy {
	if p == nil {
		return nil
	}
	c := *p
	c.Size = PolicySize{}
	c.Alternate = withoutPositions(p.Alternate)
	vals := func(vs []Value) []Value {
		if vs == nil {
			return nil
		}
		out := make([]Value, len(vs))
		for i, v := range vs {
			v.Pos = Position{}
			out[i] = v
		}
		return out
	}
	prin := func(pr *Principals) *Principals {
		if pr == nil {
			return nil
		}
		c := *pr
		c.Pos = Position{}
		c.AWS, c.Service, c.Federated, c.CanonicalUser = vals(pr.AWS), vals(pr.Service), vals(pr.Federated), vals(pr.CanonicalUser)
		return &c
	}
	if p.Statements != nil {
		c.Statements = make([]Statement, len(p.Statements))
	}
	for i, s := range p.Statements {
		s.Pos = Position{}
		s.Actions, s.Resources = vals(s.Actions), vals(s.Resources)
		s.Principal, s.NotPrincipal = prin(s.Principal), prin(s.NotPrincipal)
		if s.Conditions != nil {
			conds := make([]Condition, len(s.Conditions))
			for j, cd := range s.Conditions {
				cd.Pos, cd.KeyPos = Position{}, Position{}
				cd.Values = vals(cd.Values)
				conds[j] = cd
			}
			s.Conditions = conds
		}
		c.Statements[i] = s
	}
	return &c
}

// FuzzJSONTree: the reader agrees with encoding/json on validity, except
// where it is deliberately stricter (invalid UTF-8, lone surrogates, a BOM,
// depth), and on the decoded value (last key wins, as encoding/json).
func FuzzJSONTree(f *testing.F) {
	addPolicySeeds(f)
	for _, s := range []string{`[1,]`, `{"a":1,}`, `01`, `"\ud800"`, "\"\xff\"", `NaN`, `[` + "\t" + `]`, `1e5`, `-0`, `""`, `"\u0000"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		tree, err := parseJSON(doc, jsonLimits{})
		valid := json.Valid(doc)
		if err != nil {
			if err.Line < 1 || err.Column < 1 || err.Offset < 0 || err.Offset > len(doc) {
				t.Fatalf("bad error position: %+v", err)
			}
			if valid {
				switch err.kind {
				case jsonErrUTF8, jsonErrSurrogate, jsonErrBOM, jsonErrDepth:
				default:
					t.Fatalf("encoding/json accepts %q but parseJSON says %v", doc, err)
				}
			}
			return
		}
		if !valid {
			t.Fatalf("parseJSON accepts %q but encoding/json does not", doc)
		}
		if !utf8.Valid(doc) {
			t.Fatalf("parseJSON accepted invalid UTF-8 %q", doc)
		}
		var want any
		dec := json.NewDecoder(bytes.NewReader(doc))
		dec.UseNumber()
		if err := dec.Decode(&want); err != nil {
			t.Fatalf("decode: %v", err)
		}
		if got := jsonTreeValue(tree, 0); !reflect.DeepEqual(got, want) {
			t.Fatalf("tree value differs from encoding/json:\n got %#v\nwant %#v", got, want)
		}
	})
}
