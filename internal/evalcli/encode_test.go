package evalcli

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

func TestAppendResultLine(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		id   string
		res  evaluator.Result
		want string
	}{
		{"decision only, empty fields left out", `1`, evaluator.Result{Decision: evaluator.ImplicitDeny}, `{"id":1,"decision":"implicitDeny"}`},
		{"no id", ``, evaluator.Result{Decision: evaluator.Allowed}, `{"id":null,"decision":"allowed"}`},
		{"string id echoed", `"fz-1-00001"`, evaluator.Result{Decision: evaluator.Allowed}, `{"id":"fz-1-00001","decision":"allowed"}`},
		{"all fields", `2`, evaluator.Result{
			Decision: evaluator.DecisionUnknown,
			MatchedStatements: []evaluator.MatchedStatement{
				{Policy: "identity-0", PolicyType: evaluator.PolicyIdentity, Sid: "S3Read", Effect: evaluator.EffectAllow, Level: -1, Applies: evaluator.TriTrue},
				{Policy: "scp-1-0", PolicyType: evaluator.PolicySCP, Sid: "2", Effect: evaluator.EffectDeny, Level: 1, Applies: evaluator.TriUnknown},
			},
			BlockedBy:          []string{evaluator.BlockedBySCP},
			MissingContextKeys: []string{"aws:SourceVpc"},
			Unknowns:           []evaluator.Reason{evaluator.ValueReason("aws_iam_role.r.arn")},
			Possible:           []evaluator.Decision{evaluator.Allowed, evaluator.ExplicitDeny},
			Notes:              []evaluator.Reason{{Kind: evaluator.ReasonCode, Ref: "kms-grants-not-modelled"}},
		}, `{"id":2,"decision":"unknown","matchedStatements":[{"policy":"identity-0","policyType":"identity","sid":"S3Read","effect":"Allow"},{"policy":"scp-1-0","policyType":"scp","sid":"2","effect":"Deny","level":1,"applies":"unknown"}],"blockedBy":["scp"],"missingContextKeys":["aws:SourceVpc"],"unknowns":["aws_iam_role.r.arn"],"possible":["allowed","explicitDeny"],"notes":["kms-grants-not-modelled"]}`},
		{"error with findings", `3`, evaluator.Result{
			Decision: evaluator.DecisionError,
			Error:    &evaluator.DecideError{Kind: evaluator.ErrorInPolicy, Message: "identity-0: invalid Effect"},
			Findings: []evaluator.Finding{{Severity: evaluator.SeverityError, Code: "GR-5", Message: `Effect must be "Allow" or "Deny"`, Position: evaluator.Position{Pointer: "/Statement/0/Effect", Line: 1, Column: 40}}},
		}, `{"id":3,"decision":"error","error":"identity-0: invalid Effect","findings":[{"severity":"error","code":"GR-5","message":"Effect must be \"Allow\" or \"Deny\"","pointer":"/Statement/0/Effect","line":1,"column":40}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var id []byte
			if tt.id != "" {
				id = []byte(tt.id)
			}
			got := string(appendResultLine(nil, id, &tt.res))
			equal(t, "line", got, tt.want+"\n")
			if !json.Valid([]byte(got)) {
				t.Errorf("not valid JSON: %s", got)
			}
		})
	}
}

func TestAppendErrorLine(t *testing.T) {
	t.Parallel()
	got := string(appendErrorLine(nil, []byte(`"c"`), &InputError{Line: 3, Column: 5, Pointer: "/request/action", Msg: "must be a string"}))
	equal(t, "line", got, `{"id":"c","decision":"error","error":"line 3, column 5: /request/action: must be a string"}`+"\n")
	got = string(appendErrorLine(nil, nil, errors.New("x")))
	equal(t, "line without id", got, `{"id":null,"decision":"error","error":"x"}`+"\n")
}

func TestAppendStringMatchesEncodingJSON(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", "plain", `q"uote\back`, "tab\tnl\ncr\r", "\x00\x1f\b\f", "<a&b>", "é✓😀", "\u2028\u2029", "bad\xffutf8", "\xed\xa0\x80"} {
		want, err := json.Marshal(s)
		noError(t, err)
		equal(t, "appendString("+s+")", string(appendString(nil, s)), string(want))
	}
}

func FuzzAppendString(f *testing.F) {
	f.Add("a\"b\\c\n\x00é\xff\u2028")
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		if err != nil {
			t.Skip()
		}
		if got := appendString(nil, s); string(got) != string(want) {
			t.Fatalf("appendString(%q) = %s, want %s", s, got, want)
		}
	})
}
