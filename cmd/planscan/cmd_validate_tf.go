package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evalcli"
	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfconfig"
)

// isTerraformFile: validate reads the inline policies of .tf and .tf.json
// files (the pre-commit hook passes them) instead of a policy document.
func isTerraformFile(name string) bool {
	return strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tf.json")
}

// tfSources loads each directory's configuration once.
type tfSources map[string]*tfSourceDir

type tfSourceDir struct {
	cfg   *tfconfig.Config
	diags []tfconfig.Diagnostic
}

func (s tfSources) load(dir string) *tfSourceDir {
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	if d := s[abs]; d != nil {
		return d
	}
	cfg, diags := tfconfig.Load(dir)
	d := &tfSourceDir{cfg: cfg, diags: diags}
	s[abs] = d
	return d
}

// validateTerraformFile validates the policy documents written in a .tf
// file (policy attributes given with jsonencode, a heredoc or a string, or
// naming an aws_iam_policy_document; documents no attribute uses) with
// the engine's Validate, each as the type its attribute holds. Findings
// are positioned in the .tf file (the jsonencode key, the heredoc line, the
// statement block, else the attribute or block) and name the address and
// attribute in their pointer. A document whose value needs a plan is
// skipped with a note on stderr, never reported as an error. ok is false
// when the file cannot be read or does not parse.
func validateTerraformFile(name string, srcs tfSources, opts evaluator.Options, stderr io.Writer) ([]evalcli.FileFindings, bool) {
	out := []evalcli.FileFindings{{File: name, Findings: []evaluator.Finding{}}}
	if _, err := os.Stat(name); err != nil {
		fmt.Fprintf(stderr, "planscan validate: %v\n", err)
		return nil, false
	}
	d := srcs.load(filepath.Dir(name))
	abs, _ := filepath.Abs(name)
	bad := false
	for _, dg := range d.diags {
		if fa, _ := filepath.Abs(dg.File); fa == abs {
			fmt.Fprintf(stderr, "planscan validate: %s\n", dg)
			bad = true
		}
	}
	if d.cfg == nil {
		fmt.Fprintf(stderr, "planscan validate: %s: no Terraform configuration here\n", name)
		return nil, false
	}
	if bad {
		return nil, false
	}
	// A policy that names a document of another file reports its findings
	// at that file's lines, under that file's name.
	files := map[string]int{abs: 0}
	for _, p := range d.cfg.InlinePolicies(name) {
		where := p.Address
		if p.Attr != "" {
			where += "." + p.Attr
		}
		shown := name
		fa, _ := filepath.Abs(p.File)
		if fa != abs {
			shown = filepath.Join(filepath.Dir(name), filepath.Base(p.File))
		}
		if p.JSON == "" {
			fmt.Fprintf(stderr, "planscan validate: note: %s:%d: %s not validated: %s\n", shown, p.Line, where, p.Skipped)
			continue
		}
		i, ok := files[fa]
		if !ok {
			i = len(out)
			files[fa] = i
			out = append(out, evalcli.FileFindings{File: shown, Findings: []evaluator.Finding{}})
		}
		for _, f := range evaluator.Validate([]byte(p.JSON), evaluator.PolicyType(p.Type), opts) {
			f.Line, f.Column = p.Position(f.Pointer, f.Line, f.Column)
			f.Pointer = where + " " + f.Pointer
			out[i].Findings = append(out[i].Findings, f)
		}
	}
	return out, true
}
