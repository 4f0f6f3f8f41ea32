package report

import (
	"fmt"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/analysis"
)

func TestCapGroupsAndList(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		groups   int
		kept     int
		wantRest string
	}{
		{5, 5, ""},
		{maxGroups, maxGroups, ""},
		{maxGroups + 3, maxGroups, "… 3 more groups (6 actions; diff --full --format json lists every one)"},
	} {
		t.Run(fmt.Sprint(tc.groups), func(t *testing.T) {
			t.Parallel()
			cs := make([]analysis.AccessChange, tc.groups)
			for i := range cs {
				cs[i].Actions = []string{"a:X", "a:Y"}
			}
			kept, rest := capGroups(cs)
			if len(kept) != tc.kept || rest != tc.wantRest {
				t.Errorf("capGroups(%d) = %d, %q; want %d, %q", tc.groups, len(kept), rest, tc.kept, tc.wantRest)
			}
		})
	}
	if got, want := capList([]string{"a", "b", "c"}, 2), "a, b, … (1 more, 3 in all)"; got != want {
		t.Errorf("capList = %q, want %q", got, want)
	}
}
