package planscan

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/iamsim/terraform-provider-iamsim/internal/"

// The stages, lowest first: a stage may import the ones before it (and the
// engine packages), never one after it. tfplan and tfconfig sit side by
// side at the bottom: tfconfig may import tfplan (values of the plan),
// tfplan never imports tfconfig.
var stages = []string{"tfplan", "tfconfig", "iammodel", "analysis", "report"}

// TestImportsPointOneWay keeps cmd -> report -> analysis -> iammodel ->
// tfplan -> evaluator, iamdata: no stage imports one above it, and none
// imports cmd or the provider.
func TestImportsPointOneWay(t *testing.T) {
	t.Parallel()
	for i, stage := range stages {
		above := map[string]bool{}
		for _, s := range stages[i+1:] {
			above[module+"planscan/"+s] = true
		}
		files, err := filepath.Glob(filepath.Join(stage, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no files (%v)", stage, err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			ast, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range ast.Imports {
				p, _ := strconv.Unquote(imp.Path.Value)
				if above[p] || strings.Contains(p, "/cmd/") || p == module+"provider" {
					t.Errorf("%s imports %s: stages import only the stages below them", f, p)
				}
			}
		}
	}
}
