package tfconfig

import (
	"testing"
)

// TestPolicyWhyUnknown: a policy the source cannot rebuild stays unknown,
// and Rebuilt.Why names what kept it unknown with its location (issue 8:
// "An expression it cannot evaluate (unsupported function,
// provider-defined function, a data source read from AWS) stays unknown,
// named in depends on; never guessed"). PT-5: a document known only after
// apply is unknown, never empty.
func TestPolicyWhyUnknown(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		files map[string]string
		rcs   []rc
		addr  string
		attr  string
		want  string
	}{
		{
			name: "provider-defined function",
			files: map[string]string{"policies.tf": `
resource "aws_iam_role_policy" "x" {
  role   = "r"
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject",
    Resource = provider::aws::arn_build("aws", "s3", "", "", "b/*") }] })
}`},
			rcs:  []rc{{Type: "aws_iam_role_policy", Name: "x", After: map[string]any{"role": "r"}, Unknown: unknownPolicy}},
			addr: "aws_iam_role_policy.x", attr: "policy",
			want: `function "provider::aws::arn_build" is not supported (policies.tf:5)`,
		},
		{
			name: "unsupported function inside a policy document",
			files: map[string]string{"main.tf": `
data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["s3:GetObject"]
    resources = [nosuchfunc("b")]
  }
}
resource "aws_iam_role_policy" "x" {
  role   = "r"
  policy = data.aws_iam_policy_document.d.json
}`},
			rcs: []rc{
				{Mode: "data", Type: "aws_iam_policy_document", Name: "d", Unknown: map[string]any{"json": true}},
				{Type: "aws_iam_role_policy", Name: "x", After: map[string]any{"role": "r"}, Unknown: unknownPolicy},
			},
			addr: "aws_iam_role_policy.x", attr: "policy",
			want: `function "nosuchfunc" is not supported (main.tf:5)`,
		},
		{
			name: "the document itself",
			files: map[string]string{"main.tf": `
data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["s3:GetObject"]
    resources = [nosuchfunc("b")]
  }
}`},
			rcs:  []rc{{Mode: "data", Type: "aws_iam_policy_document", Name: "d", Unknown: map[string]any{"json": true}}},
			addr: "data.aws_iam_policy_document.d", attr: "json",
			want: `function "nosuchfunc" is not supported (main.tf:5)`,
		},
		{
			name: "a data source read from AWS at apply",
			files: map[string]string{"main.tf": `
data "aws_iam_policy" "ro" { name = "ReadOnly" }
resource "aws_iam_role_policy" "x" {
  role   = "r"
  policy = data.aws_iam_policy.ro.policy
}`},
			rcs: []rc{
				{Mode: "data", Type: "aws_iam_policy", Name: "ro", After: map[string]any{"name": "ReadOnly"}, Unknown: map[string]any{"policy": true}},
				{Type: "aws_iam_role_policy", Name: "x", After: map[string]any{"role": "r"}, Unknown: unknownPolicy},
			},
			addr: "aws_iam_role_policy.x", attr: "policy",
			want: "data.aws_iam_policy.ro.policy: read from AWS at apply",
		},
		{
			name: "an error inside a local",
			files: map[string]string{"main.tf": `
locals { arn = provider::aws::arn_build("aws", "s3", "", "", "b") }
resource "aws_iam_role_policy" "x" {
  role   = "r"
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = local.arn }] })
}`},
			rcs:  []rc{{Type: "aws_iam_role_policy", Name: "x", After: map[string]any{"role": "r"}, Unknown: unknownPolicy}},
			addr: "aws_iam_role_policy.x", attr: "policy",
			want: `function "provider::aws::arn_build" is not supported (main.tf:2)`,
		},
		{
			name: "a value known only after apply",
			files: map[string]string{"main.tf": `
resource "aws_sqs_queue" "q" {}
resource "aws_iam_role_policy" "x" {
  role   = "r"
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = aws_sqs_queue.q.url }] })
}`},
			rcs: []rc{
				{Type: "aws_sqs_queue", Name: "q", Unknown: map[string]any{"url": true}},
				{Type: "aws_iam_role_policy", Name: "x", After: map[string]any{"role": "r"}, Unknown: unknownPolicy},
			},
			addr: "aws_iam_role_policy.x", attr: "policy",
			want: "aws_sqs_queue.q.url: known only after apply",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			e, insts := evaluator(t, writeFiles(t, c.files), nil, c.rcs)
			in := find(insts, c.addr)
			if in == nil {
				t.Fatalf("no instance %s", c.addr)
			}
			rb, ok := e.Policy(in, c.attr)
			if ok {
				t.Fatalf("rebuilt %s, want unknown", rb.JSON)
			}
			if rb.Why != c.want {
				t.Errorf("why = %q, want %q", rb.Why, c.want)
			}
		})
	}
}
