package tfconfig

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// rc is one resource_changes entry of a test plan.
type rc struct {
	Module, Mode, Type, Name string
	Index                    any
	After, Unknown           map[string]any
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// evaluator builds a plan from the entries and an evaluator of its after side.
func evaluator(t *testing.T, dir string, vars map[string]any, rcs []rc) (*Evaluator, []*tfplan.Instance) {
	t.Helper()
	var changes []map[string]any
	for _, r := range rcs {
		mode := r.Mode
		if mode == "" {
			mode = "managed"
		}
		if r.After == nil {
			r.After = map[string]any{}
		}
		if r.Unknown == nil {
			r.Unknown = map[string]any{} // as in real plans
		}
		addr := r.Type + "." + r.Name
		if mode == "data" {
			addr = "data." + addr
		}
		switch i := r.Index.(type) {
		case string:
			addr += `["` + i + `"]`
		case int:
			addr += "[" + string(rune('0'+i)) + "]"
		}
		if r.Module != "" {
			addr = r.Module + "." + addr
		}
		changes = append(changes, map[string]any{"address": addr, "module_address": r.Module, "mode": mode, "type": r.Type, "name": r.Name,
			"index": r.Index, "change": map[string]any{"actions": []string{"create"}, "after": r.After, "after_unknown": r.Unknown}})
	}
	pv := map[string]any{}
	for k, v := range vars {
		pv[k] = map[string]any{"value": v}
	}
	data, _ := json.Marshal(map[string]any{"format_version": "1.2", "resource_changes": changes, "variables": pv})
	plan, err := tfplan.LoadBytes("plan.json", data)
	if err != nil {
		t.Fatal(err)
	}
	cfg, diags := Load(dir)
	if cfg == nil {
		t.Fatalf("no source: %v", diags)
	}
	insts := tfplan.CollectInstances(plan, tfplan.After, nil, &tfplan.Problems{})
	return cfg.Evaluator(plan, tfplan.NewResolver(tfplan.After, insts), Options{}), insts
}

func find(insts []*tfplan.Instance, addr string) *tfplan.Instance {
	for _, in := range insts {
		if in.Address == addr {
			return in
		}
	}
	return nil
}

var unknownPolicy = map[string]any{"policy": true}

func TestPolicyRebuilt(t *testing.T) {
	t.Parallel()
	bucket := rc{Type: "aws_s3_bucket", Name: "b", After: map[string]any{"bucket": "data-prod", "arn": "arn:aws:s3:::data-prod"}}
	cases := []struct {
		name  string
		files map[string]string
		vars  map[string]any
		rcs   []rc
		addr  string // instance whose policy is rebuilt
		want  string // substring of the rebuilt JSON; "" means not rebuilt
		diag  string // substring of a diagnostic
	}{
		{
			name: "jsonencode with locals, vars and for_each",
			files: map[string]string{"main.tf": `
variable "env" {}
locals { actions = ["s3:GetObject", "s3:ListBucket"] }
resource "aws_s3_bucket" "b" { bucket = "data-${var.env}" }
resource "aws_iam_role_policy" "p" {
  for_each = { read = local.actions }
  role   = "r"
  policy = jsonencode({ Statement = [{ Sid = upper(each.key), Effect = "Allow", Action = each.value, Resource = format("%s/*", aws_s3_bucket.b.arn) }] })
}`},
			vars: map[string]any{"env": "prod"},
			rcs:  []rc{bucket, {Type: "aws_iam_role_policy", Name: "p", Index: "read", After: map[string]any{"role": "r"}, Unknown: unknownPolicy}},
			addr: `aws_iam_role_policy.p["read"]`,
			want: `{"Statement":[{"Action":["s3:GetObject","s3:ListBucket"],"Effect":"Allow","Resource":"arn:aws:s3:::data-prod/*","Sid":"READ"}]}`,
		},
		{
			name: "count.index and element",
			files: map[string]string{"main.tf": `
locals { tables = ["a", "b"] }
resource "aws_iam_role_policy" "p" {
  count  = 2
  role   = "r"
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "dynamodb:GetItem", Resource = "arn:aws:dynamodb:us-east-1:111122223333:table/${element(local.tables, count.index)}" }] })
}`},
			rcs:  []rc{{Type: "aws_iam_role_policy", Name: "p", Index: 1, Unknown: unknownPolicy}, {Type: "aws_iam_role_policy", Name: "p", Index: 0, Unknown: unknownPolicy}},
			addr: "aws_iam_role_policy.p[1]",
			want: `table/b"`,
		},
		{
			name: "policy document: dynamic statements, source and override documents",
			files: map[string]string{"main.tf": `
resource "aws_s3_bucket" "b" { bucket = "data-prod" }
data "aws_iam_policy_document" "base" {
  statement {
    sid       = "Keep"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.b.arn]
  }
}
data "aws_iam_policy_document" "d" {
  source_policy_documents   = [data.aws_iam_policy_document.base.json]
  override_policy_documents = [jsonencode({ Statement = [{ Sid = "Get", Effect = "Deny", Action = "s3:GetObject", Resource = "*" }] })]
  dynamic "statement" {
    for_each = ["Get", "Put"]
    content {
      sid       = statement.value
      actions   = ["s3:${statement.value}Object"]
      resources = ["${aws_s3_bucket.b.arn}/&{aws:username}/*"]
    }
  }
}
resource "aws_iam_policy" "p" { policy = data.aws_iam_policy_document.d.json }`},
			rcs: []rc{bucket,
				{Mode: "data", Type: "aws_iam_policy_document", Name: "base", Unknown: map[string]any{"json": true}},
				{Mode: "data", Type: "aws_iam_policy_document", Name: "d", Unknown: map[string]any{"json": true}},
				{Type: "aws_iam_policy", Name: "p", Unknown: unknownPolicy}},
			addr: "aws_iam_policy.p",
			want: `"Sid": "Keep",
      "Effect": "Allow",
      "Action": "s3:ListBucket",
      "Resource": "arn:aws:s3:::data-prod"
    },
    {
      "Sid": "Get",
      "Effect": "Deny",
      "Action": "s3:GetObject",
      "Resource": "*"
    },
    {
      "Sid": "Put",
      "Effect": "Allow",
      "Action": "s3:PutObject",
      "Resource": "arn:aws:s3:::data-prod/${aws:username}/*"`,
		},
		{
			name: "templatefile inside the module",
			files: map[string]string{"main.tf": `
resource "aws_iam_policy" "p" { policy = templatefile("${path.module}/policy.json.tftpl", { bucket = "logs" }) }`,
				"policy.json.tftpl": `{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::${bucket}/*"}]}`},
			rcs:  []rc{{Type: "aws_iam_policy", Name: "p", Unknown: unknownPolicy}},
			addr: "aws_iam_policy.p",
			want: `arn:aws:s3:::logs/*`,
		},
		{
			name: "local module and module output",
			files: map[string]string{"main.tf": `
module "store" {
  source = "./modules/store"
  name   = "orders"
}
resource "aws_iam_policy" "p" { policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:*", Resource = module.store.arn }] }) }`,
				"modules/store/main.tf": `
variable "name" {}
resource "aws_s3_bucket" "this" { bucket = "${var.name}-store" }
output "arn" { value = aws_s3_bucket.this.arn }`},
			rcs: []rc{{Module: "module.store", Type: "aws_s3_bucket", Name: "this", After: map[string]any{"bucket": "orders-store", "arn": "arn:aws:s3:::orders-store"}},
				{Type: "aws_iam_policy", Name: "p", Unknown: unknownPolicy}},
			addr: "aws_iam_policy.p",
			want: `"Resource":"arn:aws:s3:::orders-store"`,
		},
		{
			name: "installed module (modules.json) with for_each",
			files: map[string]string{"main.tf": `
module "team" {
  source   = "app.terraform.io/acme/team/aws"
  for_each = toset(["red"])
  team     = each.key
}`,
				".terraform/modules/modules.json": `{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"team","Source":"app.terraform.io/acme/team/aws","Dir":".terraform/modules/team"}]}`,
				".terraform/modules/team/main.tf": `
variable "team" {}
resource "aws_iam_policy" "p" { policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::${var.team}/*" }] }) }`},
			rcs:  []rc{{Module: `module.team["red"]`, Type: "aws_iam_policy", Name: "p", Unknown: unknownPolicy}},
			addr: `module.team["red"].aws_iam_policy.p`,
			want: `arn:aws:s3:::red/*`,
		},
		{
			name: "a value known only after apply stays unknown",
			files: map[string]string{"main.tf": `
resource "aws_s3_bucket" "b" { bucket_prefix = "data-" }
resource "aws_iam_policy" "p" { policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:*", Resource = aws_s3_bucket.b.arn }] }) }`},
			rcs: []rc{{Type: "aws_s3_bucket", Name: "b", After: map[string]any{"bucket_prefix": "data-"}, Unknown: map[string]any{"arn": true, "bucket": true}},
				{Type: "aws_iam_policy", Name: "p", Unknown: unknownPolicy}},
			addr: "aws_iam_policy.p",
		},
		{
			name: "file() outside the module: a warning with file and line",
			files: map[string]string{"main.tf": `
resource "aws_iam_policy" "p" {
  policy = file("../secret.json")
}`},
			rcs:  []rc{{Type: "aws_iam_policy", Name: "p", Unknown: unknownPolicy}},
			addr: "aws_iam_policy.p",
			diag: "main.tf:3: Error in function call",
		},
		{
			name: "an unknown function: a warning, never a guess",
			files: map[string]string{"main.tf": `
resource "aws_iam_policy" "p" {
  policy = provider::aws::policy_build("x")
}`},
			rcs:  []rc{{Type: "aws_iam_policy", Name: "p", Unknown: unknownPolicy}},
			addr: "aws_iam_policy.p",
			diag: "main.tf:3:",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := writeFiles(t, tc.files)
			e, insts := evaluator(t, dir, tc.vars, tc.rcs)
			in := find(insts, tc.addr)
			if in == nil {
				t.Fatalf("no instance %s", tc.addr)
			}
			got, ok := e.Policy(in, "policy")
			switch {
			case tc.want == "" && ok:
				t.Errorf("rebuilt %s, want unknown", got.JSON)
			case tc.want != "" && !ok:
				t.Errorf("not rebuilt (%v)", e.Diagnostics())
			case tc.want != "" && !strings.Contains(got.JSON, tc.want):
				t.Errorf("rebuilt\n%s\nwant it to contain\n%s", got.JSON, tc.want)
			}
			if tc.diag != "" {
				var all []string
				for _, d := range e.Diagnostics() {
					all = append(all, d.String())
				}
				if !strings.Contains(strings.Join(all, "\n"), tc.diag) {
					t.Errorf("diagnostics %q lack %q", all, tc.diag)
				}
			}
		})
	}
}

func TestLoadProblems(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		files map[string]string
		diag  string
	}{
		{"parse error", map[string]string{"main.tf": `resource "aws_iam_role" "r" {}`, "bad.tf": "resource \"x\" {\n  a = \n"}, "bad.tf:"},
		{"missing local module", map[string]string{"main.tf": "\nmodule \"m\" {\n  source = \"./nope\"\n}\n"}, "main.tf:2: module \"m\": no .tf files"},
		{"registry module not installed", map[string]string{"main.tf": `module "m" { source = "terraform-aws-modules/iam/aws" }`}, "not installed under .terraform/modules"},
		{"bad json syntax", map[string]string{"main.tf.json": `{"resource": [}`}, "main.tf.json:1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, diags := Load(writeFiles(t, tc.files))
			var all []string
			for _, d := range diags {
				all = append(all, d.String())
			}
			if !strings.Contains(strings.Join(all, "\n"), tc.diag) {
				t.Errorf("diagnostics %q lack %q", all, tc.diag)
			}
		})
	}
	if cfg, _ := Load(t.TempDir()); cfg != nil {
		t.Error("an empty directory gave a configuration")
	}
}
