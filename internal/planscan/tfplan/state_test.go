package tfplan

import (
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
)

// A state (`terraform show -json` without a plan file, issue 8 "current
// state as input") loads as a plan that changes nothing: the state is the
// prior state, both sides hold its resources with every value known.
func TestLoadState(t *testing.T) {
	t.Parallel()
	const role = `{"address":"aws_iam_role.a","mode":"managed","type":"aws_iam_role","name":"a","values":{"name":"a","arn":"arn:aws:iam::111122223333:role/a"}}`
	const mod = `{"address":"module.m","resources":[{"address":"module.m.aws_iam_user.u[\"k\"]","mode":"managed","type":"aws_iam_user","name":"u","index":"k","values":{"name":"u"}}]}`
	cases := []struct {
		name  string
		data  string
		addrs []string // instances on each side
	}{
		{"empty root", `{"format_version":"1.0","terraform_version":"1.11.4","values":{"root_module":{"resources":[]}}}`, nil},
		{"no root module", `{"format_version":"1.0","values":{}}`, nil},
		{"one role", `{"format_version":"1.0","values":{"root_module":{"resources":[` + role + `]}}}`, []string{"aws_iam_role.a"}},
		{"child module", `{"format_version":"1.0","values":{"outputs":{},"root_module":{"resources":[` + role + `],"child_modules":[` + mod + `]}}}`,
			[]string{"aws_iam_role.a", `module.m.aws_iam_user.u["k"]`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			plan, info, err := LoadBytesWith("state.json", []byte(tc.data), LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if !info.State || plan.PriorState == nil || plan.ResourceChanges != nil {
				t.Fatalf("info %+v, prior state %v, resource changes %v: want a state as prior state only", info, plan.PriorState != nil, plan.ResourceChanges)
			}
			for _, side := range []Side{Before, After} {
				var got []string
				for _, in := range CollectInstances(plan, side, NewConfigIndex(plan.Config), nil) {
					got = append(got, in.Address)
				}
				if strings.Join(got, " ") != strings.Join(tc.addrs, " ") {
					t.Errorf("%s: instances %q, want %q", side, got, tc.addrs)
				}
			}
		})
	}
}

func TestLoadStateErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		data     string
		sentinel error
		want     []string
	}{
		{"values null", `{"format_version":"1.0","values":null}`, ErrMalformed, []string{"at values:", "expected an object"}},
		{"root module a list", `{"format_version":"1.0","values":{"root_module":[]}}`, ErrInvalidJSON, []string{"values.root_module"}},
		{"resource null", `{"format_version":"1.0","values":{"root_module":{"resources":[null]}}}`, ErrMalformed, []string{"values.root_module.resources[0]", "an object"}},
		{"resource without address", `{"format_version":"1.0","values":{"root_module":{"resources":[{"mode":"managed","type":"aws_iam_role","name":"a"}]}}}`, ErrMalformed, []string{"resources[0].address"}},
		{"values a string", `{"format_version":"1.0","values":{"root_module":{"resources":[{"address":"a.b","mode":"managed","type":"a","name":"b","values":"x"}]}}}`, ErrInvalidJSON, []string{"values"}},
		{"child module null", `{"format_version":"1.0","values":{"root_module":{"child_modules":[null]}}}`, ErrMalformed, []string{"child_modules[0]"}},
		{"resources an object", `{"format_version":"1.0","values":{"root_module":{"resources":{}}}}`, ErrInvalidJSON, []string{"resources"}},
		{"format 2.0", `{"format_version":"2.0","values":{}}`, ErrUnsupportedFormat, []string{`"2.0"`}},
		{"truncated", `{"format_version":"1.0","values":{"root_module":{"resources":[`, ErrInvalidJSON, []string{"truncated"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := LoadBytes("state.json", []byte(tc.data))
			wantLoadError(t, err, tc.sentinel, "state.json", tc.want)
		})
	}
}

// The committed post-apply state of a fixture (made against Moto by
// scripts/make-fixtures-apply.sh) loads, every value known.
func TestLoadFixtureState(t *testing.T) {
	t.Parallel()
	plan, info, err := LoadWith(testkit.Path("fixtures", "mfa_assume_chain", "state.json"), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !info.State {
		t.Fatal("not recognised as a state")
	}
	insts := CollectInstances(plan, After, NewConfigIndex(plan.Config), nil)
	if len(insts) != 6 {
		t.Errorf("%d instances, want the fixture's 6", len(insts))
	}
	for _, in := range insts {
		if in.AfterUnknown != nil || in.Action != ActionNone {
			t.Errorf("%s: action %q, unknowns %v: a state has neither", in.Address, in.Action, in.AfterUnknown)
		}
	}
}
