package analysis

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
)

// motoGap is a value that AWS keeps and Moto 5.2.1 does not: the planned
// value is known, the apply succeeds, and the state read back from Moto
// lacks it. The ground truth restores the planned value (what AWS holds
// after the same calls) and says so; every other planned value that the
// state loses fails the test (gtLostValues).
type motoGap struct {
	address, attribute, why string
}

// gtMotoGaps lists the known gaps per fixture.
var gtMotoGaps = map[string][]motoGap{
	"boundaries": {
		{"aws_iam_user.intern", "permissions_boundary", userBoundaryGap},
		{"aws_iam_user.contractor", "permissions_boundary", userBoundaryGap},
	},
	"escalation_self_policy": {
		{"aws_iam_user.selfwriter", "permissions_boundary", userBoundaryGap},
	},
	"escalation_self": {
		{`aws_iam_user.t["attach_group_policy_near_boundary"]`, "permissions_boundary", userBoundaryGap},
	},
}

// userBoundaryGap: moto/iam/models.py keeps no permissions boundary for a
// user (CreateUser ignores PermissionsBoundary; GetUser returns none,
// "ToDo: add put_user_permissions_boundary()"); roles keep theirs.
const userBoundaryGap = "Moto 5.2.1 keeps no permissions boundary for an IAM user (CreateUser ignores PermissionsBoundary)"

// gtLostValues lists the planned known values of managed resources that
// the state after apply does not hold ("address attribute"), policy JSON
// compared as JSON; a resource the state lacks is "address (absent)".
func gtLostValues(plan *tfjson.Plan, st *tfjson.State) []string {
	vals := map[string]map[string]any{}
	var walk func(m *tfjson.StateModule)
	walk = func(m *tfjson.StateModule) {
		if m == nil {
			return
		}
		for _, r := range m.Resources {
			vals[r.Address] = r.AttributeValues
		}
		for _, c := range m.ChildModules {
			walk(c)
		}
	}
	if st.Values != nil {
		walk(st.Values.RootModule)
	}
	var lost []string
	for _, rc := range plan.ResourceChanges {
		after, _ := rc.Change.After.(map[string]any)
		if rc.Mode != tfjson.ManagedResourceMode || after == nil || rc.Change.Actions.Delete() && !rc.Change.Actions.Replace() {
			continue
		}
		got, ok := vals[rc.Address]
		if !ok {
			lost = append(lost, rc.Address+" (absent)")
			continue
		}
		unk, _ := rc.Change.AfterUnknown.(map[string]any)
		for k, v := range after {
			if v == nil || unk[k] == true || gtEmpty(v) {
				continue
			}
			if norm := gtNormalized[rc.Type+" "+k]; norm != nil {
				v, got[k] = norm(v), norm(got[k])
			}
			if !sameValue(v, got[k]) {
				lost = append(lost, rc.Address+" "+k)
			}
		}
	}
	sort.Strings(lost)
	return lost
}

// gtNormalized are values that AWS itself returns in another form than
// the configuration gives them (not Moto gaps): the provider stores what
// the API returns, and the plan's value means the same.
var gtNormalized = map[string]func(any) any{
	// GetOpenIDConnectProvider returns the URL without its scheme
	"aws_iam_openid_connect_provider url": func(v any) any {
		if s, ok := v.(string); ok {
			return strings.TrimPrefix(s, "https://")
		}
		return v
	},
}

// gtEmpty: an empty list or map in the plan may be an optional and computed
// nested block that the provider fills from the API after apply (an ECR
// repository's encryption_configuration, AES256 by default): not a value
// the plan fixes.
func gtEmpty(v any) bool {
	switch x := v.(type) {
	case []any:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	}
	return false
}

// sameValue compares two attribute values; strings holding JSON documents
// compare as JSON (AWS and Moto may reformat a policy).
func sameValue(a, b any) bool {
	if reflect.DeepEqual(a, b) {
		return true
	}
	as, ok1 := a.(string)
	bs, ok2 := b.(string)
	if !ok1 || !ok2 {
		return false
	}
	var aj, bj any
	return json.Unmarshal([]byte(as), &aj) == nil && json.Unmarshal([]byte(bs), &bj) == nil && reflect.DeepEqual(aj, bj)
}

// restoreMotoGaps checks the fixture's listed gaps against the values the
// state lost, fails on any other loss, and restores the planned values of
// the listed ones in st.
func restoreMotoGaps(t *testing.T, fixture string, plan *tfjson.Plan, st *tfjson.State) {
	t.Helper()
	gaps := map[string]motoGap{}
	for _, g := range gtMotoGaps[fixture] {
		gaps[g.address+" "+g.attribute] = g
	}
	lost := gtLostValues(plan, st)
	for _, l := range lost {
		if _, ok := gaps[l]; !ok {
			t.Errorf("the state after apply lost the planned value of %s: a fixture out of step with its plan, or a new Moto gap (list it in gtMotoGaps with the reason)", l)
		}
		delete(gaps, l)
	}
	for k := range gaps {
		t.Errorf("gtMotoGaps lists %s, which the state holds as planned: drop the entry", k)
	}
	if t.Failed() {
		return
	}
	byAddr := map[string]*tfjson.ResourceChange{}
	for _, rc := range plan.ResourceChanges {
		byAddr[rc.Address] = rc
	}
	var walk func(m *tfjson.StateModule)
	walk = func(m *tfjson.StateModule) {
		if m == nil {
			return
		}
		for _, r := range m.Resources {
			for _, g := range gtMotoGaps[fixture] {
				if g.address == r.Address {
					after, _ := byAddr[r.Address].Change.After.(map[string]any)
					r.AttributeValues[g.attribute] = after[g.attribute]
					t.Logf("restored %s.%s = %v in the state (%s)", g.address, g.attribute, fmt.Sprint(after[g.attribute]), g.why)
				}
			}
		}
		for _, c := range m.ChildModules {
			walk(c)
		}
	}
	walk(st.Values.RootModule)
}
