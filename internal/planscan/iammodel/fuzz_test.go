package iammodel

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// FuzzLoadPlan: the loader and the model builder never panic.
const minimalPlan = `{"format_version":"1.2","terraform_version":"1.11.4","planned_values":{"root_module":{}},"resource_changes":[],"configuration":{"root_module":{}}}`

func FuzzLoadPlan(f *testing.F) {
	f.Add([]byte(minimalPlan))
	f.Add([]byte(`{"format_version":"1.0","values":{}}`))
	f.Add([]byte(`{"format_version":"1.2","resource_changes":[{"address":"aws_iam_role.a","mode":"managed","type":"aws_iam_role","name":"a","change":{"actions":["create"],"after":{"name":"a","assume_role_policy":"{"},"after_unknown":{"arn":true}}}]}`))
	// the state form (`terraform show -json` without a plan file, issue 8)
	f.Add([]byte(`{"format_version":"1.0","values":{"root_module":{"resources":[{"address":"aws_iam_role.a","mode":"managed","type":"aws_iam_role","name":"a","values":{"name":"a","arn":"arn:aws:iam::111122223333:role/a","assume_role_policy":"{}"}}],"child_modules":[{"address":"module.m","resources":[]}]}}}`))
	files, _ := filepath.Glob(testkit.Path("corpus", "*.json"))
	states, _ := filepath.Glob(testkit.Path("fixtures", "*", "state.json"))
	files = append(files, states...)
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil && len(data) < 64<<10 {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		plan, err := tfplan.LoadBytes("fuzz.json", data)
		if err != nil {
			return
		}
		// A plan whose values have the wrong JSON types is refused (fail
		// closed) with ErrMalformed; any other error is a bug.
		if _, _, _, err := BuildModel(plan, ModelOptions{}); err != nil && !errors.Is(err, tfplan.ErrMalformed) {
			t.Fatal(err)
		}
	})
}
