package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestValidateTerraformFiles: planscan validate on .tf files validates the
// policies written in them (issue 12 item 2), each as its attribute's
// policy type, with findings at the .tf line (GR-4, RS-1); a document
// that needs a plan is a note, never an error; a file that does not parse
// is an input error naming file:line.
func TestValidateTerraformFiles(t *testing.T) {
	t.Parallel()
	dir := filepath.Join("testdata", "validate_tf")
	broken := t.TempDir()
	if err := os.WriteFile(filepath.Join(broken, "main.tf"), []byte("resource \"aws_iam_policy\" \"p\" {\n  policy = jsonencode({\n}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	split := t.TempDir() // the role in one file, its trust document in another
	for f, src := range map[string]string{
		"role.tf": "resource \"aws_iam_role\" \"r\" {\n  name = \"r\"\n  assume_role_policy = data.aws_iam_policy_document.trust.json\n}\n",
		"docs.tf": "data \"aws_iam_policy_document\" \"trust\" {\n  statement {\n    actions   = [\"sts:AssumeRole\"]\n    resources = [\"*\"]\n" +
			"    principals {\n      type        = \"Service\"\n      identifiers = [\"ec2.amazonaws.com\"]\n    }\n  }\n}\n",
	} {
		if err := os.WriteFile(filepath.Join(split, f), []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	main := filepath.Join(dir, "main.tf")
	for _, tc := range []struct {
		name   string
		args   []string
		want   int
		stdout string // exact
		stderr string // contained
	}{
		{"findings at the .tf lines", []string{main}, 1,
			main + ":18:18: error GR-4: Effect must be \"Allow\" or \"Deny\", not \"Allwo\" (aws_iam_policy.broken.policy /Statement/0/Effect)\n" +
				main + ":33:5: error GR-4: the statement has no Effect; IAM requires \"Effect\": \"Allow\" or \"Deny\" (aws_iam_role_policy.heredoc.policy /Statement/0)\n" +
				main + ":51:5: error GR-9: a role trust policy cannot have a Resource or NotResource element: the resource is the role itself (RS-1) (aws_iam_role.app.assume_role_policy /Statement/1/Resource)\n",
			"note: " + main + ":71: aws_s3_bucket_policy.site.policy not validated: its value needs a plan"},
		{"valid policies", []string{filepath.Join(dir, "good.tf")}, 0, "", ""},
		{"json format", []string{"--format", "json", filepath.Join(dir, "good.tf")}, 0, "[]\n", ""},
		{"json and tf together", []string{filepath.Join("..", "..", "examples", "validate", "s3-read-only.json"), filepath.Join(dir, "good.tf")}, 0, "", ""},
		{"a document of another file", []string{filepath.Join(split, "role.tf"), filepath.Join(split, "docs.tf")}, 1,
			filepath.Join(split, "docs.tf") + ":4:5: error GR-9: a role trust policy cannot have a Resource or NotResource element: the resource is the role itself (RS-1) (aws_iam_role.r.assume_role_policy /Statement/0/Resource)\n", ""},
		{"does not parse", []string{filepath.Join(broken, "main.tf")}, 2, "", filepath.Join(broken, "main.tf") + ":"},
		{"no such file", []string{filepath.Join(broken, "none.tf")}, 2, "", "no such file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			code, out, errOut := runPlanscan(t, "", append([]string{"validate"}, tc.args...)...)
			if code != tc.want || out != tc.stdout || !strings.Contains(errOut, tc.stderr) {
				t.Errorf("exit %d (want %d)\nstdout:\n%s\nwant:\n%s\nstderr:\n%s\nwant it to contain %q", code, tc.want, out, tc.stdout, errOut, tc.stderr)
			}
		})
	}
}
