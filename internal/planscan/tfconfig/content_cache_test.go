package tfconfig

import (
	"strings"
	"testing"
)

// TestDocumentInstancesReadOnce: the instances of a document without
// dynamic blocks share its blocks' content (content_cache.go) and still
// render each with its own values; with a dynamic block, each instance
// expands its own.
func TestDocumentInstancesReadOnce(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		body string
		want map[string][]string // instance key -> substrings of its JSON
		not  map[string][]string // instance key -> substrings it must lack
	}{
		{
			name: "static blocks",
			body: `
  statement {
    sid       = "Read${each.key}"
    actions   = each.value
    resources = ["arn:aws:s3:::${each.key}/*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/${each.key}"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/team"
      values   = [each.key]
    }
  }`,
			want: map[string][]string{
				"a": {`"Reada"`, `arn:aws:s3:::a/*`, `role/a"`, `"s3:GetObject"`},
				"b": {`"Readb"`, `arn:aws:s3:::b/*`, `role/b"`, `"s3:PutObject"`, `"s3:ListBucket"`},
			},
			not: map[string][]string{"a": {"role/b", "PutObject"}, "b": {"role/a", "GetObject"}},
		},
		{
			name: "dynamic statements",
			body: `
  dynamic "statement" {
    for_each = each.value
    content {
      sid       = replace(statement.value, ":", "")
      actions   = [statement.value]
      resources = ["arn:aws:s3:::${each.key}/*"]
    }
  }`,
			want: map[string][]string{
				"a": {`"s3GetObject"`, `arn:aws:s3:::a/*`},
				"b": {`"s3PutObject"`, `"s3ListBucket"`, `arn:aws:s3:::b/*`},
			},
			not: map[string][]string{"a": {"PutObject", "ListBucket"}, "b": {"GetObject"}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := writeFiles(t, map[string]string{"main.tf": `
locals { acts = { a = ["s3:GetObject"], b = ["s3:PutObject", "s3:ListBucket"] } }
data "aws_iam_policy_document" "d" {
  for_each = local.acts` + tc.body + `
}`})
			unknownJSON := map[string]any{"json": true}
			e, insts := evaluator(t, dir, nil, []rc{
				{Mode: "data", Type: "aws_iam_policy_document", Name: "d", Index: "a", Unknown: unknownJSON},
				{Mode: "data", Type: "aws_iam_policy_document", Name: "d", Index: "b", Unknown: unknownJSON},
			})
			for _, key := range []string{"a", "b", "a"} { // "a" again: from the caches
				addr := `data.aws_iam_policy_document.d["` + key + `"]`
				in := find(insts, addr)
				if in == nil {
					t.Fatalf("no instance %s", addr)
				}
				got, ok := e.Policy(in, "json")
				if !ok {
					t.Fatalf("%s not rebuilt (%v)", addr, e.Diagnostics())
				}
				for _, w := range tc.want[key] {
					if !strings.Contains(got.JSON, w) {
						t.Errorf("%s rebuilt\n%s\nwant it to contain %s", addr, got.JSON, w)
					}
				}
				for _, w := range tc.not[key] {
					if strings.Contains(got.JSON, w) {
						t.Errorf("%s rebuilt\n%s\nwant it without %s", addr, got.JSON, w)
					}
				}
			}
		})
	}
}
