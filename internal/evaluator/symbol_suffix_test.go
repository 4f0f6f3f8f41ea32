package evaluator

import "testing"

// withSuffix is u followed by known text: an object inside a symbol
// resource ("${aws_s3_bucket.a.arn}/key").
func withSuffix(u Unknown, suffix string) *Unknown {
	u.Suffix = suffix
	return &u
}

// Issue 8: objects inside a resource the plan creates keep the symbol's
// identity. RS-2: a Resource pattern matches the whole ARN; RS-3: `*`
// matches any run of characters, "/" included ("arn:aws:s3:::bucket/*"
// names "every object in the bucket", AWS IAM User Guide, "IAM JSON policy
// elements: Resource"); PT-3: never a definite answer a completion could
// change.
func TestSymbolObjectMatching(t *testing.T) {
	t.Parallel()
	bktA, bktB := SymbolText(&symBktA), SymbolText(&symBktB)
	key := SymbolText(&symKeyApp)
	cases := []struct {
		name, pattern string
		u             *Unknown
		want          Tri
	}{
		{name: "RS-3 bucket/* matches an object of the same bucket", pattern: bktA + "/*", u: withSuffix(symBktA, "/key"), want: TriTrue},
		{name: "RS-3 a prefix of keys", pattern: bktA + "/logs/*", u: withSuffix(symBktA, "/logs/2026/a.gz"), want: TriTrue},
		{name: "RS-3 a prefix of keys that the key does not open with", pattern: bktA + "/logs/*", u: withSuffix(symBktA, "/data/a.gz"), want: TriFalse},
		{name: "RS-3 the exact object", pattern: bktA + "/key", u: withSuffix(symBktA, "/key"), want: TriTrue},
		{name: "RS-3 ? matches one character", pattern: bktA + "/k?y", u: withSuffix(symBktA, "/key"), want: TriTrue},
		{name: "RS-2 the bucket alone is not its object", pattern: bktA, u: withSuffix(symBktA, "/key"), want: TriFalse},
		{name: "RS-3 the bucket then * matches its objects", pattern: bktA + "*", u: withSuffix(symBktA, "/key"), want: TriTrue},
		{name: "another fresh bucket's objects are never this one's", pattern: bktA + "/*", u: withSuffix(symBktB, "/key"), want: TriFalse},
		{name: "another fresh bucket itself is not this one's object", pattern: bktA, u: withSuffix(symBktB, "/key"), want: TriFalse},
		{name: "this bucket's objects are not another fresh bucket's", pattern: bktB + "/*", u: withSuffix(symBktA, "/a/b"), want: TriFalse},
		{name: "PT-3 another bucket's name may extend this one's", pattern: bktA + "*", u: withSuffix(symBktB, "/key"), want: TriUnknown},
		{name: "PT-3 a non-fresh symbol may be the same value", pattern: key + "/*", u: withSuffix(symKeyData, "/x"), want: TriUnknown},
		{name: "PT-4 a plain pattern every completion satisfies", pattern: "arn:aws:s3:::logs-*", u: withSuffix(symBktA, "/key"), want: TriTrue},
		{name: "PT-4 a plain pattern of another bucket name", pattern: "arn:aws:s3:::data-*", u: withSuffix(symBktA, "/key"), want: TriFalse},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			got, res := symDecide(t, action, "Resource", c.pattern, "", c.u)
			if got != c.want {
				t.Fatalf("Resource %s on %s%s: got %v, want %v (%+v)", c.pattern, c.u.Symbol, c.u.Suffix, got, c.want, res.Unknowns)
			}
			gotNot, _ := symDecide(t, action, "NotResource", c.pattern, "", c.u)
			if gotNot != got.Not() {
				t.Errorf("RS-8 NotResource %s: got %v, want %v", c.pattern, gotNot, got.Not())
			}
		})
	}
}
