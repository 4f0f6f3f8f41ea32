package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/analysis"
)

func readDoc(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "doc", "planscan", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestReferenceDocumentsEveryFlag: every command and every flag its -h
// lists appears in doc/planscan/commands.md.
func TestReferenceDocumentsEveryFlag(t *testing.T) {
	t.Parallel()
	doc := readDoc(t, "commands.md")
	flagRe := regexp.MustCompile(`(?m)^  -([a-z][a-z-]*)`)
	for _, c := range commands {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if !strings.Contains(doc, "`planscan "+c.name) {
				t.Errorf("command %s is not documented", c.name)
			}
			_, out, errOut := runPlanscan(t, "", c.name, "-h")
			for _, m := range flagRe.FindAllStringSubmatch(out+errOut, -1) {
				if !strings.Contains(doc, "`--"+m[1]) {
					t.Errorf("planscan %s --%s is not documented", c.name, m[1])
				}
			}
		})
	}
}

// TestReferenceDocumentsEveryCitedID: every semantics id the engine's and
// planscan's messages cite (string literals outside tests) and every
// check rule has an entry in doc/planscan/rules.md.
func TestReferenceDocumentsEveryCitedID(t *testing.T) {
	t.Parallel()
	doc := readDoc(t, "rules.md")
	lit := regexp.MustCompile("\"[^\"\\n]*\"|`[^`]*`")
	id := regexp.MustCompile(`\b(EV|PR|AC|RS|CO|VA|GR|PT|OR)-[0-9]+\b`)
	cited := map[string]string{}
	root := filepath.Join("..", "..")
	for _, dir := range []string{"internal", "cmd"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return err
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			for _, l := range lit.FindAllString(string(src), -1) {
				for _, m := range id.FindAllString(l, -1) {
					cited[m] = p
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(cited) < 50 {
		t.Fatalf("found only %d cited ids: the scan is broken", len(cited))
	}
	for m, p := range cited {
		if !strings.Contains(doc, "**"+m+"**") {
			t.Errorf("%s (cited in %s) has no entry in rules.md", m, p)
		}
	}
	for _, rule := range []string{"assert", "only", "deny_new", "iamsim_assertion", "admin-equivalent", "possible-admin-equivalent",
		"privilege-escalation", "escalation-path", "assume-chain", "public-access", "unknown-account", "invalid-policy", "plan-error",
		"unknown-policy", "expired-suppression", "errored-plan", "access-gained", "access-lost", "access-unknown", "access-resolved"} {
		if !strings.Contains(doc, "`"+rule+"`") {
			t.Errorf("check rule %s is not documented", rule)
		}
	}
}

// TestReferenceConfigExampleParses: the example of config.md is a valid
// planscan.hcl holding every block kind.
func TestReferenceConfigExampleParses(t *testing.T) {
	t.Parallel()
	doc := readDoc(t, "config.md")
	start := strings.Index(doc, "```hcl\n")
	end := strings.Index(doc[start+7:], "```")
	if start < 0 || end < 0 {
		t.Fatal("no hcl example")
	}
	cfg, err := analysis.ParseConfig("config.md", []byte(doc[start+7:start+7+end]))
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Asserts) == 0 || len(cfg.Only) == 0 || len(cfg.DenyNew) == 0 || len(cfg.Severities) == 0 ||
		len(cfg.Suppressions) == 0 || len(cfg.TrustedAccounts) == 0 || cfg.Suppressions[0].Expires.IsZero() {
		t.Errorf("the example lacks a block or attribute: %+v", cfg)
	}
}
