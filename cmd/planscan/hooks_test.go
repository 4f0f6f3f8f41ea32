package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

type preCommitHook struct {
	ID            string   `yaml:"id"`
	Name          string   `yaml:"name"`
	Entry         string   `yaml:"entry"`
	Language      string   `yaml:"language"`
	Files         string   `yaml:"files"`
	Types         []string `yaml:"types"`
	TypesOr       []string `yaml:"types_or"`
	PassFilenames *bool    `yaml:"pass_filenames"`
}

// TestPreCommitHooks runs each hook of .pre-commit-hooks.yaml as
// pre-commit would: its entry (planscan is this command) with the args a
// user gives and, unless pass_filenames is false, the matching files.
func TestPreCommitHooks(t *testing.T) {
	t.Parallel()
	root := filepath.Join("..", "..")
	data, err := os.ReadFile(filepath.Join(root, ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var hooks []preCommitHook
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	byID := map[string]preCommitHook{}
	for _, h := range hooks {
		if h.Language != "golang" || !strings.HasPrefix(h.Entry, "planscan ") || h.Name == "" {
			t.Errorf("hook %s: language %q entry %q name %q", h.ID, h.Language, h.Entry, h.Name)
		}
		if _, err := regexp.Compile(h.Files); err != nil {
			t.Errorf("hook %s: files: %v", h.ID, err)
		}
		byID[h.ID] = h
	}
	demo := filepath.Join(root, "examples", "plans", "pr-gate")
	dir := t.TempDir()
	good := filepath.Join(dir, "policies", "read.json")
	bad := filepath.Join(dir, "policies", "broken.json")
	for src, dst := range map[string]string{"s3-read-only.json": good, "broken.json": bad} {
		b, err := os.ReadFile(filepath.Join(root, "examples", "validate", src))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name, hook string
		args       []string
		files      []string
		want       int
		inOut      string
	}{
		{"valid policy", "iamsim-validate", nil, []string{good}, 0, ""},
		{"broken policy", "iamsim-validate", nil, []string{good, bad}, 1, "GR-4"},
		{"terraform inline policies", "iamsim-validate", nil, []string{filepath.Join("testdata", "validate_tf", "good.tf"), filepath.Join("testdata", "validate_tf", "main.tf")}, 1, "main.tf:18:18: error GR-4"},
		{"plan gate", "iamsim-check", []string{filepath.Join(demo, "plan.json"), "--config", filepath.Join(demo, "planscan.hcl"), "--account-id", "111122223333"}, nil, 1, "FAILED"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h, ok := byID[tc.hook]
			if !ok {
				t.Fatalf("no hook %s", tc.hook)
			}
			re := regexp.MustCompile(h.Files)
			args := append(strings.Fields(h.Entry)[1:], tc.args...)
			if h.PassFilenames == nil || *h.PassFilenames {
				for _, f := range tc.files {
					if !re.MatchString(filepath.ToSlash(f)) {
						t.Fatalf("%s does not match files: %s", f, h.Files)
					}
				}
				args = append(args, tc.files...)
			}
			code, out, errOut := runPlanscan(t, "", args...)
			if code != tc.want || !strings.Contains(out+errOut, tc.inOut) {
				t.Errorf("exit %d (want %d), output lacks %q:\n%s%s", code, tc.want, tc.inOut, out, errOut)
			}
		})
	}
}
