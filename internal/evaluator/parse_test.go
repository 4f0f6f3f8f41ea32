package evaluator

import (
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// policyOf wraps statements (JSON text) into a 2012-10-17 policy.
func policyOf(statements ...string) string {
	return `{"Version": "2012-10-17", "Statement": [` + strings.Join(statements, ",") + `]}`
}

func mustParsePolicy(t *testing.T, doc string, typ PolicyType) (*Policy, []Finding) {
	t.Helper()
	p, fs := ParsePolicy([]byte(doc), typ)
	if p == nil {
		t.Fatalf("ParsePolicy returned no tree; findings: %v", fs)
	}
	return p, fs
}

func TestParsePolicyTree(t *testing.T) {
	t.Parallel()
	doc := `{
  "Version": "2012-10-17",
  "Id": "key-policy-1",
  "Statement": [
    {
      "Sid": "AllowRead",
      "Effect": "Allow",
      "Principal": {"AWS": ["arn:aws:iam::111122223333:root", 123456789012], "Service": "s3.amazonaws.com"},
      "Action": ["s3:GetObject", "s3:List*"],
      "Resource": "arn:aws:s3:::bucket/${aws:username}/*",
      "Condition": {
        "StringEquals": {"aws:ResourceTag/team": ["a", "b"], "s3:prefix": []},
        "NumericLessThan": {"s3:max-keys": 10},
        "Bool": {"aws:SecureTransport": true}
      }
    },
    {"Effect": "Deny", "NotPrincipal": "*", "NotAction": "iam:*", "NotResource": ["*"]}
  ]
}`
	p, _ := mustParsePolicy(t, doc, PolicyResource)
	if p.Version != "2012-10-17" || !p.HasVersion || p.ID != "key-policy-1" || !p.HasID || p.Type != PolicyResource {
		t.Errorf("header = %q %v %q %v %q", p.Version, p.HasVersion, p.ID, p.HasID, p.Type)
	}
	if len(p.Statements) != 2 || p.Alternate != nil {
		t.Fatalf("statements = %d, alternate = %v", len(p.Statements), p.Alternate)
	}
	s := p.Statements[0]
	if s.Index != 1 || s.Sid != "AllowRead" || !s.HasSid || s.Effect != EffectAllow || s.Label() != "AllowRead" {
		t.Errorf("statement 1 header = %+v", s)
	}
	if s.Pos.Pointer != "/Statement/0" || s.Pos.Line != 5 || s.Pos.Column != 5 {
		t.Errorf("statement 1 pos = %+v", s.Pos)
	}
	if got := texts(s.Actions); !reflect.DeepEqual(got, []string{"s3:GetObject", "s3:List*"}) || s.NotAction || !s.HasAction {
		t.Errorf("actions = %v (not=%v)", got, s.NotAction)
	}
	if a := s.Actions[1]; a.Pos.Pointer != "/Statement/0/Action/1" || a.Pos.Line != 9 || a.Pos.Column != 34 {
		t.Errorf("action 2 pos = %+v", a.Pos)
	}
	if got := texts(s.Resources); !reflect.DeepEqual(got, []string{"arn:aws:s3:::bucket/${aws:username}/*"}) || s.Resources[0].Pos.Pointer != "/Statement/0/Resource" {
		t.Errorf("resources = %v at %q (variables must stay as written)", got, s.Resources[0].Pos.Pointer)
	}
	pr := s.Principal
	if pr == nil || pr.Wildcard || len(pr.AWS) != 2 || pr.AWS[1].Kind != KindNumber || pr.AWS[1].Text != "123456789012" || texts(pr.Service)[0] != "s3.amazonaws.com" {
		t.Errorf("principal = %+v", pr)
	}
	if pr.Pos.Pointer != "/Statement/0/Principal" || pr.AWS[0].Pos.Pointer != "/Statement/0/Principal/AWS/0" {
		t.Errorf("principal pointers = %q %q", pr.Pos.Pointer, pr.AWS[0].Pos.Pointer)
	}
	wantConds := []struct {
		op, key string
		base    BaseOperator
		vals    []string
		empty   bool
		ptr     string
	}{
		{"StringEquals", "aws:ResourceTag/team", OpStringEquals, []string{"a", "b"}, false, "/Statement/0/Condition/StringEquals/aws:ResourceTag~1team"},
		{"StringEquals", "s3:prefix", OpStringEquals, []string{}, true, "/Statement/0/Condition/StringEquals/s3:prefix"},
		{"NumericLessThan", "s3:max-keys", OpNumericLessThan, []string{"10"}, false, "/Statement/0/Condition/NumericLessThan/s3:max-keys"},
		{"Bool", "aws:SecureTransport", OpBool, []string{"true"}, false, "/Statement/0/Condition/Bool/aws:SecureTransport"},
	}
	if len(s.Conditions) != len(wantConds) {
		t.Fatalf("conditions = %+v", s.Conditions)
	}
	for i, w := range wantConds {
		c := s.Conditions[i]
		if c.Operator != w.op || c.Key != w.key || c.Op.Base != w.base || !c.Op.Valid || !reflect.DeepEqual(texts(c.Values), w.vals) || c.EmptyArray != w.empty || c.Pos.Pointer != w.ptr || c.KeyPos.Pointer != w.ptr {
			t.Errorf("condition %d = %+v, want %+v", i, c, w)
		}
	}
	if k := s.Conditions[2].Values[0].Kind; k != KindNumber {
		t.Errorf("10 kind = %v, want number", k)
	}
	if k := s.Conditions[3].Values[0].Kind; k != KindBool {
		t.Errorf("true kind = %v, want bool", k)
	}
	if c := s.Conditions[0]; c.KeyPos.Offset >= c.Pos.Offset {
		t.Errorf("KeyPos %d should precede Pos %d", c.KeyPos.Offset, c.Pos.Offset)
	}
	s2 := p.Statements[1]
	if s2.Index != 2 || s2.Label() != "2" || s2.Effect != EffectDeny || s2.NotPrincipal == nil || !s2.NotPrincipal.Wildcard || !s2.NotAction || !s2.NotResource || !s2.HasResource {
		t.Errorf("statement 2 = %+v", s2)
	}
}

func texts(vs []Value) []string {
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		out = append(out, v.Text)
	}
	return out
}

func TestParsePolicyStatementObject(t *testing.T) {
	t.Parallel()
	// GR-4: Statement may be a single object.
	p, fs := mustParsePolicy(t, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}`, PolicyIdentity)
	if len(p.Statements) != 1 || p.Statements[0].Pos.Pointer != "/Statement" || p.Statements[0].Actions[0].Pos.Pointer != "/Statement/Action" || HasErrors(fs) {
		t.Errorf("statements = %+v, findings = %v", p.Statements, fs)
	}
}

func TestParsePolicyDuplicateKeysAlternate(t *testing.T) {
	t.Parallel()
	// GR-2: the main tree keeps the last occurrence, Alternate the first.
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::a/*","Resource":"arn:aws:s3:::b/*",
"Condition":{"StringEquals":{"aws:SourceVpc":"vpc-1"},"StringEquals":{"aws:SourceVpc":"vpc-2","aws:SourceVpc":"vpc-3"}}}]}`
	p, fs := mustParsePolicy(t, doc, PolicyIdentity)
	if p.Alternate == nil {
		t.Fatal("Alternate is nil for a document with repeated keys")
	}
	main, alt := p.Statements[0], p.Alternate.Statements[0]
	if texts(main.Resources)[0] != "arn:aws:s3:::b/*" || texts(alt.Resources)[0] != "arn:aws:s3:::a/*" {
		t.Errorf("resources main %v alt %v", texts(main.Resources), texts(alt.Resources))
	}
	if len(main.Conditions) != 1 || texts(main.Conditions[0].Values)[0] != "vpc-3" {
		t.Errorf("main conditions = %+v", main.Conditions)
	}
	if len(alt.Conditions) != 1 || texts(alt.Conditions[0].Values)[0] != "vpc-1" {
		t.Errorf("alternate conditions = %+v", alt.Conditions)
	}
	if p.Alternate.Alternate != nil || p.Alternate.Size != p.Size {
		t.Errorf("alternate should have no alternate and the same size")
	}
	n := 0
	for _, f := range fs {
		if f.Code == "GR-2" {
			n++
			if f.Severity != SeverityWarning || !strings.Contains(f.Message, "ambiguous document") {
				t.Errorf("GR-2 finding = %v", f)
			}
		}
	}
	if n != 3 {
		t.Errorf("GR-2 findings = %d, want 3: %v", n, fs)
	}
}

func TestParsePolicyNilTree(t *testing.T) {
	t.Parallel()
	for _, doc := range []string{``, `[]`, `"policy"`, `null`, `{"Version": "2012-10-17",}`, "{\"a\":\"\xc3\x28\"}"} {
		p, fs := ParsePolicy([]byte(doc), PolicyIdentity)
		if p != nil || len(fs) != 1 || fs[0].Severity != SeverityError || fs[0].Code != "GR-1" || fs[0].Line < 1 || fs[0].Column < 1 {
			t.Errorf("ParsePolicy(%q) = %v, %v; want nil and one positioned GR-1 error", doc, p, fs)
		}
	}
}

func TestParsePolicySize(t *testing.T) {
	t.Parallel()
	doc := "{\"Version\": \"2012-10-17\",\n \"Statement\": {\"Sid\": \"A\", \"Effect\": \"Allow\", \"Action\": \"s3:Get Object\", \"Resource\": \"arn:aws:s3:::caf\u00e9\"}}"
	p, _ := mustParsePolicy(t, doc, PolicyIdentity)
	total := len([]rune(doc))
	outside := strings.Count(doc, " ") + strings.Count(doc, "\n") - 1 // one space is inside "Get Object"
	want := PolicySize{Total: total, NoWhitespace: total - outside, NoAnyWhitespace: total - outside - 1}
	if p.Size != want {
		t.Errorf("Size = %+v, want %+v", p.Size, want)
	}
}

func TestParsePolicyLargeDocument(t *testing.T) {
	// Not parallel: TotalAlloc is process-wide, so other tests must not run
	// meanwhile (sequential tests run before the parallel ones resume).
	doc := bigPolicy(10 << 20)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	// Its time is BenchmarkParsePolicy's to measure, not this test's.
	p, fs := ParsePolicy(doc, PolicyIdentity)
	runtime.ReadMemStats(&after)
	if p == nil || len(p.Statements) < 1000 {
		t.Fatalf("no tree: %v", fs)
	}
	if ratio := float64(after.TotalAlloc-before.TotalAlloc) / float64(len(doc)); ratio > 16 {
		t.Errorf("ParsePolicy allocated %.1fx the input, want at most 16x", ratio)
	}
	if fs[0].Code != "GR-11" || fs[0].Severity != SeverityWarning {
		t.Errorf("first finding = %v, want a GR-11 size warning", fs[0])
	}
}

func TestParsePolicyDeepNesting(t *testing.T) {
	t.Parallel()
	doc := `{"Statement": ` + strings.Repeat(`{"a": [`, 5000) + strings.Repeat(`]}`, 5000) + `}`
	p, fs := ParsePolicy([]byte(doc), PolicyIdentity)
	if p != nil || len(fs) != 1 || !strings.Contains(fs[0].Message, "nesting deeper than 64") {
		t.Errorf("got %v, %v", p, fs)
	}
}
