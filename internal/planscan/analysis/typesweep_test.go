package analysis

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// sweepValues are the JSON types a field is replaced by.
var sweepValues = []any{nil, true, 7.0, "x", []any{}, map[string]any{}}

// TestTypeSweep (issue 14): every field that resource_changes,
// configuration and prior_state hold in a real plan, replaced by a value of
// each other JSON type, must end in an error that says where (a file
// position, a JSON path or a Terraform address and attribute) or leave the
// check result unchanged. A corrupted plan never passes by accident.
func TestTypeSweep(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("type sweep: thousands of variants")
	}
	src, err := os.ReadFile(filepath.Join("..", "..", "..", "examples", "plans", "pr-gate", "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(src, &doc); err != nil {
		t.Fatal(err)
	}
	base, err := sweepCheck(doc)
	if err != nil {
		t.Fatal(err)
	}
	type variant struct {
		path []any
		val  any
	}
	var variants []variant
	for _, top := range []string{"resource_changes", "configuration", "prior_state"} {
		if doc[top] == nil {
			continue
		}
		walkJSON(doc[top], []any{top}, func(path []any, v any) {
			for _, nv := range sweepValues {
				if tfplan.JSONType(nv) != tfplan.JSONType(v) {
					variants = append(variants, variant{append([]any(nil), path...), nv})
				}
			}
		})
	}
	var mu sync.Mutex
	var bad []string
	errs, same := 0, 0
	work := make(chan variant)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range work {
				d := cloneJSON(doc).(map[string]any)
				setJSON(d, v.path, v.val)
				got, err := sweepCheck(d)
				mu.Lock()
				switch {
				case err != nil && located(err):
					errs++
				case err != nil:
					bad = append(bad, fmt.Sprintf("%s = %s: error without a location: %v", pathString(v.path), tfplan.JSONType(v.val), err))
				case got == base:
					same++
				default:
					bad = append(bad, fmt.Sprintf("%s = %s: check result changed without an error", pathString(v.path), tfplan.JSONType(v.val)))
				}
				mu.Unlock()
			}
		}()
	}
	for _, v := range variants {
		work <- v
	}
	close(work)
	wg.Wait()
	sort.Strings(bad)
	t.Logf("%d variants: %d located errors, %d unchanged results, %d bad", len(variants), errs, same, len(bad))
	for _, b := range bad {
		t.Error(b)
	}
}

// sweepCheck runs load, model, analysis and check on a plan document and
// returns the check report as JSON.
func sweepCheck(doc map[string]any) (string, error) {
	data, err := json.Marshal(doc)
	if err != nil {
		return "", err
	}
	plan, err := tfplan.LoadBytes("plan.json", data)
	if err != nil {
		return "", err
	}
	a, err := Analyze(plan, AnalyzeOptions{AccountID: "111122223333"})
	if err != nil {
		return "", err
	}
	rep, err := a.Check(CheckOptions{Plan: "plan.json"})
	if err != nil {
		return "", err
	}
	out, err := json.Marshal(rep)
	return string(out), err
}

// located: the error says where the problem is.
func located(err error) bool {
	var le *tfplan.LoadError
	if errors.As(err, &le) {
		return le.Offset >= 0 || le.Path != ""
	}
	var te *tfplan.TypeError
	return errors.As(err, &te) && (te.Address != "" || te.Attr != "")
}

func walkJSON(v any, path []any, f func([]any, any)) {
	f(path, v)
	switch t := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			walkJSON(t[k], append(path, k), f)
		}
	case []any:
		for i, e := range t {
			walkJSON(e, append(path, i), f)
		}
	}
}

func cloneJSON(v any) any {
	switch t := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(t))
		for k, e := range t {
			m[k] = cloneJSON(e)
		}
		return m
	case []any:
		l := make([]any, len(t))
		for i, e := range t {
			l[i] = cloneJSON(e)
		}
		return l
	}
	return v
}

func setJSON(root map[string]any, path []any, val any) {
	var cur any = root
	for i, p := range path {
		last := i == len(path)-1
		switch c := cur.(type) {
		case map[string]any:
			if last {
				c[p.(string)] = val
				return
			}
			cur = c[p.(string)]
		case []any:
			if last {
				c[p.(int)] = val
				return
			}
			cur = c[p.(int)]
		}
	}
}

func pathString(path []any) string {
	var b strings.Builder
	for i, p := range path {
		switch k := p.(type) {
		case int:
			fmt.Fprintf(&b, "[%d]", k)
		default:
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(k.(string))
		}
	}
	return b.String()
}
