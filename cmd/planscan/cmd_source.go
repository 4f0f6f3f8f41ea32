package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/analysis"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfconfig"
)

// findSource reads the configuration source of a plan: --source DIR, else
// the plan file's directory, else the working directory, when it holds .tf
// files that match the plan. Problems in the source are warnings on warn;
// nil means the plan alone.
func findSource(flagDir, planPath string, plan *tfjson.Plan, warn io.Writer) *tfconfig.Config {
	try := func(dir string, explicit bool) *tfconfig.Config {
		cfg, diags := tfconfig.Load(dir)
		if cfg == nil {
			if explicit {
				fmt.Fprintf(warn, "planscan: warning: --source %s: no .tf or .tf.json files; answering from the plan alone\n", dir)
			}
			return nil
		}
		if ok, why := cfg.Match(plan); !ok {
			if explicit {
				fmt.Fprintf(warn, "planscan: warning: --source %s does not match the plan (%s); answering from the plan alone\n", dir, why)
			}
			return nil
		}
		for _, d := range diags {
			fmt.Fprintf(warn, "planscan: warning: %s\n", d)
		}
		return cfg
	}
	if flagDir != "" {
		return try(flagDir, true)
	}
	seen := map[string]bool{}
	for _, dir := range []string{filepath.Dir(planPath), "."} {
		abs, err := filepath.Abs(dir)
		if err != nil || seen[abs] {
			continue
		}
		seen[abs] = true
		if cfg := try(dir, false); cfg != nil {
			return cfg
		}
	}
	return nil
}

// sourceNotice is said once at the top of the output: policies known only
// after apply that stay unknown for want of source.
func sourceNotice(a *analysis.Analysis, src *tfconfig.Config) string {
	n := a.After.Model.Source.Unknown
	if src != nil || n == 0 {
		return ""
	}
	s := "policies"
	if n == 1 {
		s = "policy"
	}
	return fmt.Sprintf("configuration source not found: %d %s known only after apply stay unknown; pass --source DIR", n, s)
}

// writeNotice writes the notice at the top of text output, else on stderr
// (machine formats stay parseable); source warnings met while building the
// model go to stderr.
func (p *planFlags) writeNotice(stdout, stderr io.Writer, format string) {
	for _, d := range p.analysis.Diagnostics {
		if strings.HasPrefix(d.Summary, "configuration source: ") && d.Side != "before" {
			fmt.Fprintf(stderr, "planscan: warning: %s\n", strings.TrimPrefix(d.Summary, "configuration source: "))
		}
	}
	if p.notice == "" {
		return
	}
	for _, n := range strings.Split(p.notice, "\n") {
		if format == "text" || format == "" {
			fmt.Fprintf(stdout, "note: %s\n", n)
		} else {
			fmt.Fprintf(stderr, "planscan: note: %s\n", n)
		}
	}
	if format == "text" || format == "" {
		fmt.Fprintln(stdout)
	}
}

// joinNotices joins the notices said at the top of the output, one a line.
func joinNotices(ns ...string) string {
	var out []string
	for _, n := range ns {
		if n != "" {
			out = append(out, n)
		}
	}
	return strings.Join(out, "\n")
}

// repositoryRoot is the root of the git repository dir is in (the nearest
// directory above it holding .git, a directory or a worktree's file), else
// dir itself.
func repositoryRoot(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dir
	}
	for d := abs; ; {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return abs
		}
		d = parent
	}
}
