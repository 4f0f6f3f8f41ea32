package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The GitHub Action (action.yml) is tested by running its steps as a
// script, the way the runner does: each run step under bash with its env
// (the ${{ }} expressions evaluated here), GITHUB_OUTPUT, GITHUB_PATH and
// GITHUB_STEP_SUMMARY files, and the if: conditions; uses: steps are
// recorded, not run. gh and terraform are stubs on PATH.

type actionFile struct {
	Inputs map[string]struct {
		Default  string `yaml:"default"`
		Required bool   `yaml:"required"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Value string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	} `yaml:"runs"`
}

type actionStep struct {
	ID               string            `yaml:"id"`
	If               string            `yaml:"if"`
	Shell            string            `yaml:"shell"`
	Run              string            `yaml:"run"`
	Uses             string            `yaml:"uses"`
	Env              map[string]string `yaml:"env"`
	WorkingDirectory string            `yaml:"working-directory"`
}

// actionRun is one run of the action: its contexts and what it did.
type actionRun struct {
	t       *testing.T
	root    string
	ctx     map[string]string // inputs.x, github.x, runner.x
	outputs map[string]map[string]string
	used    []string
	stdout  strings.Builder
	failed  string // the id of the step that failed, if one did
	tmp     string
}

var exprRe = regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)

func (r *actionRun) value(name string) string {
	if strings.HasPrefix(name, "steps.") {
		parts := strings.Split(name, ".") // steps.ID.outputs.NAME
		if len(parts) == 4 {
			return r.outputs[parts[1]][parts[3]]
		}
	}
	return r.ctx[name]
}

func (r *actionRun) expand(s string) string {
	return exprRe.ReplaceAllStringFunc(s, func(m string) string {
		return r.value(exprRe.FindStringSubmatch(m)[1])
	})
}

// cond evaluates the if: forms action.yml uses: terms joined by &&, each
// `name == 'v'`, `name != 'v'` or a bare name (non-empty).
func (r *actionRun) cond(s string) bool {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(s), "${{"), "}}"))
	if s == "" {
		return true
	}
	for _, term := range strings.Split(s, "&&") {
		term = strings.TrimSpace(term)
		var ok bool
		switch {
		case strings.Contains(term, "!="):
			a, b, _ := strings.Cut(term, "!=")
			ok = r.value(strings.TrimSpace(a)) != strings.Trim(strings.TrimSpace(b), "'")
		case strings.Contains(term, "=="):
			a, b, _ := strings.Cut(term, "==")
			ok = r.value(strings.TrimSpace(a)) == strings.Trim(strings.TrimSpace(b), "'")
		default:
			ok = r.value(term) != ""
		}
		if !ok {
			return false
		}
	}
	return true
}

func (r *actionRun) step(i int, s actionStep) {
	t := r.t
	if !r.cond(s.If) {
		return
	}
	if s.Uses != "" {
		r.used = append(r.used, s.Uses)
		return
	}
	if s.Shell != "bash" {
		t.Fatalf("step %d (%s): shell %q, want bash", i, s.ID, s.Shell)
	}
	script := filepath.Join(r.tmp, "step.sh")
	if err := os.WriteFile(script, []byte(s.Run), 0o600); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range []string{"GITHUB_OUTPUT", "GITHUB_PATH"} {
		files[f] = filepath.Join(r.tmp, f)
		if err := os.WriteFile(files[f], nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", script)
	cmd.Dir = r.root
	if s.WorkingDirectory != "" {
		cmd.Dir = filepath.Join(r.root, r.expand(s.WorkingDirectory))
	}
	cmd.Env = append(os.Environ(), "GITHUB_OUTPUT="+files["GITHUB_OUTPUT"], "GITHUB_PATH="+files["GITHUB_PATH"],
		"GITHUB_STEP_SUMMARY="+filepath.Join(r.tmp, "summary.md"), "RUNNER_TEMP="+r.tmp,
		"PATH="+filepath.Join(r.tmp, "stubs")+string(os.PathListSeparator)+os.Getenv("PATH"))
	for k, v := range s.Env {
		cmd.Env = append(cmd.Env, k+"="+r.expand(v))
	}
	var stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &r.stdout, &stderr
	err := cmd.Run()
	out := map[string]string{}
	f, _ := os.Open(files["GITHUB_OUTPUT"])
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), "="); ok {
			out[k] = v
		}
	}
	f.Close()
	if s.ID != "" {
		r.outputs[s.ID] = out
	}
	if err != nil {
		r.failed = s.ID
		t.Logf("step %s: %v\n%s", s.ID, err, stderr.String())
	}
}

func loadAction(t *testing.T, root string) actionFile {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a actionFile
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatal(err)
	}
	return a
}

// stubs writes gh (keeps one comment id in a file: the first call posts,
// later ones find and update it) and terraform (show -json copies the
// plan's JSON).
func writeStubs(t *testing.T, dir, planJSON string) {
	t.Helper()
	stubs := filepath.Join(dir, "stubs")
	if err := os.MkdirAll(stubs, 0o755); err != nil {
		t.Fatal(err)
	}
	gh := `#!/usr/bin/env bash
state="$(dirname "$0")/../comment-id"
echo "gh $*" >> "$(dirname "$0")/../gh.log"
case "$*" in
  *"--method POST"*) echo 42 > "$state" ;;
  *"--method PATCH"*) ;;
  *--paginate*) [ -f "$state" ] && cat "$state" ;;
esac
exit 0
`
	tf := "#!/usr/bin/env bash\n[ \"$1 $2\" = \"show -json\" ] && exec cat " + planJSON + "\nexit 1\n"
	for name, body := range map[string]string{"gh": gh, "terraform": tf} {
		if err := os.WriteFile(filepath.Join(stubs, name), []byte(body), 0o755); err != nil {
			t.Fatal(err)
		}
	}
}

func TestActionStepsOnTheExamplePlan(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds planscan")
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	a := loadAction(t, root)
	if a.Runs.Using != "composite" {
		t.Fatalf("runs.using = %q", a.Runs.Using)
	}
	tmp := t.TempDir()
	demo := filepath.Join(root, "examples", "plans", "pr-gate")
	writeStubs(t, tmp, filepath.Join(demo, "plan.json"))
	run := func(overrides map[string]string) *actionRun {
		r := &actionRun{t: t, root: root, tmp: tmp, outputs: map[string]map[string]string{}, ctx: map[string]string{
			"github.action_path": root, "github.repository": "octo/infra", "github.event.pull_request.number": "7",
			"github.server_url": "https://github.example", "github.run_id": "99", "github.token": "token",
			"github.action_repository": "", "runner.os": "Linux", "runner.arch": "X64",
		}}
		for k, in := range a.Inputs {
			r.ctx["inputs."+k] = r.expand(in.Default)
		}
		for k, v := range overrides {
			r.ctx["inputs."+k] = v
		}
		os.Remove(filepath.Join(tmp, "summary.md"))
		for i, s := range a.Runs.Steps {
			r.step(i, s)
		}
		return r
	}
	inputs := map[string]string{"plan": "plan.json", "config": "planscan.hcl", "args": "--account-id 111122223333",
		"working-directory": "examples/plans/pr-gate", "comment": "true", "sarif": "true"}
	first := run(inputs)
	check := first.outputs["check"]
	for k, want := range map[string]string{"verdict": "fail", "exit-code": "1", "failed": "3", "unknown": "0", "passed": "4", "suppressed": "0"} {
		if check[k] != want {
			t.Errorf("output %s = %q, want %q (all: %v)", k, check[k], want, check)
		}
	}
	if first.failed != "verdict" {
		t.Errorf("failed step %q, want the verdict step (the example gate fails)", first.failed)
	}
	// the source is beside the plan: the only block's violation is annotated
	// on the statement that grants the violating access (the bucket policy's
	// PublicRead, issue 8 item 4), relative to the repository root
	if !strings.Contains(first.stdout.String(), "::error file=examples/plans/pr-gate/main.tf,line=88,title=planscan only::") {
		t.Errorf("no annotation for the only block on the granting statement's line:\n%s", first.stdout.String())
	}
	if len(first.used) != 1 || !strings.HasPrefix(first.used[0], "github/codeql-action/upload-sarif@") {
		t.Errorf("uses steps run: %v, want upload-sarif", first.used)
	}
	summary, _ := os.ReadFile(filepath.Join(tmp, "summary.md"))
	if !strings.Contains(string(summary), "## planscan check") || !strings.Contains(string(summary), "**FAILED: 3 failed") {
		t.Errorf("job summary:\n%s", summary)
	}
	for _, f := range []string{"json-file", "sarif-file", "markdown-file"} {
		if st, err := os.Stat(check[f]); err != nil || st.Size() == 0 {
			t.Errorf("%s %q: %v", f, check[f], err)
		}
	}
	for name, o := range a.Outputs {
		if !strings.HasPrefix(o.Value, "${{ steps.check.outputs.") {
			t.Errorf("output %s = %q", name, o.Value)
		}
	}

	// Second push: a binary plan (terraform show -json runs), the comment
	// is updated, not posted again; with fail = false the job goes on.
	second := run(map[string]string{"plan": "tfplan", "config": "planscan.hcl", "args": "--account-id 111122223333",
		"working-directory": "examples/plans/pr-gate", "comment": "true", "fail": "false", "annotations": "false"})
	if second.failed != "" || second.outputs["check"]["verdict"] != "fail" {
		t.Errorf("second run: failed step %q, outputs %v", second.failed, second.outputs["check"])
	}
	if strings.Contains(second.stdout.String(), "::error") {
		t.Error("annotations = false still wrote annotations")
	}
	log, _ := os.ReadFile(filepath.Join(tmp, "gh.log"))
	if got := strings.Count(string(log), "--method POST"); got != 1 {
		t.Errorf("%d comments posted, want 1:\n%s", got, log)
	}
	if !strings.Contains(string(log), "--method PATCH repos/octo/infra/issues/comments/42") {
		t.Errorf("comment not updated:\n%s", log)
	}
}
