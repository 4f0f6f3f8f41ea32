package evaluator

import (
	"encoding/json"
	"testing"
)

// TestReasonString: every kind prints the text planscan, the provider and
// planscan eval printed before reasons were typed (goldens rely on it).
func TestReasonString(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		r    Reason
		want string
	}{
		{"zero", Reason{}, ""},
		{"caller's value", ValueReason("aws_iam_role.web.arn"), "aws_iam_role.web.arn"},
		{"input", Reason{Kind: ReasonInput, Ref: "resource-account"}, "resource-account"},
		{"principal", reasonPrincipal, "principal"},
		{"principal rule", Reason{Kind: ReasonPrincipal, Rule: "PR-10"}, "principal:PR-10"},
		{"principal ref", Reason{Kind: ReasonPrincipal, Ref: "session-name"}, "principal:session-name"},
		{"policy", Reason{Kind: ReasonPolicy, Ref: "identity-0"}, "policy:identity-0"},
		{"AMB-1", AmbiguousReason("CO-5"), "ambiguous:CO-5"},
		{"invalid", reasonInvalidOp, "invalid:CO-17"},
		{"limit", limitGlob, "limit:glob"},
		{"bound", Reason{Kind: ReasonBound, Ref: "variable aws:username"}, "bound:variable aws:username"},
		{"code", Reason{Kind: ReasonCode, Ref: "kms-grants-not-modelled"}, "kms-grants-not-modelled"},
		{"note citing a rule", NoteReason("EV-22", "sts:GetCallerIdentity is always allowed"), "EV-22: sts:GetCallerIdentity is always allowed"},
		{"note in prose", NoteReason("", "principal outside the plan"), "principal outside the plan"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := tc.r.String(); got != tc.want {
				t.Errorf("String() = %q, want %q", got, tc.want)
			}
			b, err := json.Marshal(tc.r)
			if err != nil {
				t.Fatal(err)
			}
			if want, _ := json.Marshal(tc.want); string(b) != string(want) {
				t.Errorf("JSON = %s, want %s", b, want)
			}
		})
	}
}

// TestReasonSameText: reasons are told apart by their text, as the
// strings they replace were: a caller's value named "principal" is the
// engine's "principal", and "ambiguous:CO-5" is the same whichever way it
// was built.
func TestReasonSameText(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		a, b Reason
		want bool
	}{
		{AmbiguousReason("CO-5"), reasonCO5, true},
		{ValueReason("principal"), reasonPrincipal, true},
		{ValueReason("ambiguous:CO-5"), reasonCO5, true},
		{ValueReason("policy:p"), Reason{Kind: ReasonPolicy, Ref: "p"}, true},
		{AmbiguousReason("CO-5"), AmbiguousReason("CO-6"), false},
		{ValueReason("principal:"), reasonPrincipal, false},
		{Reason{}, ValueReason(""), true},
	} {
		if got := tc.a.sameText(tc.b); got != tc.want {
			t.Errorf("%q sameText %q = %v, want %v", tc.a, tc.b, got, tc.want)
		}
		if got := tc.b.sameText(tc.a); got != tc.want {
			t.Errorf("%q sameText %q = %v, want %v (reversed)", tc.b, tc.a, got, tc.want)
		}
	}
}

// TestSortedUniqueReasons: quantification lists reasons sorted by text,
// each text once.
func TestSortedUniqueReasons(t *testing.T) {
	t.Parallel()
	got := JoinReasons(sortedUniqueReasons([]Reason{
		{Kind: ReasonBound, Ref: "contexts"}, ValueReason("aws_iam_role.r.arn"), AmbiguousReason("CO-5"),
		ValueReason("ambiguous:CO-5"), {Kind: ReasonBound, Ref: "contexts"},
	}), ", ")
	if want := "ambiguous:CO-5, aws_iam_role.r.arn, bound:contexts"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestDecideErrorKinds: an error in the request is told from one in a
// policy by its kind, not by its text.
func TestDecideErrorKinds(t *testing.T) {
	t.Parallel()
	c := Compile(PolicySet{}, Options{})
	res := c.Decide(&Request{Principal: Principal{Kind: PrincipalUser, ARN: "arn:aws:iam::111122223333:user/a", Account: "111122223333"}, Action: "s3:Get*", Resource: "*"})
	if res.Decision != DecisionError || !res.Error.InRequest() || res.Error.Error() == "" {
		t.Fatalf("wildcard action: %s %+v, want a request error", res.Decision, res.Error)
	}
	var none *DecideError
	if none.InRequest() || none.Error() != "" {
		t.Error("a nil error is no request error and has no text")
	}
}
