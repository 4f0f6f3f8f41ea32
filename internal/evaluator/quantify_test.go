package evaluator

import (
	"strings"
	"testing"
)

// condAllow is an identity Allow of s3:GetObject under one Condition block.
func condAllow(cond string) string {
	return pol(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":` + cond + `}`)
}

type quantifyCase struct {
	name     string
	set      PolicySet
	req      Request
	opts     QuantifyOptions
	want     ContextOutcome
	when     string // substring of Condition(), for conditional outcomes
	unknown  string // a reason Unknowns must hold
	cOpts    Options
	denyHint string // substring of the denied sample
}

func runQuantify(t *testing.T, cases []quantifyCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := Compile(tc.set, tc.cOpts)
			req := tc.req
			q := c.Quantify(&req, tc.opts)
			if q.Outcome != tc.want {
				t.Fatalf("outcome = %s, want %s (when %q, unknowns %v, keys %v, allowed %v, denied %v)", q.Outcome, tc.want, q.Condition(), q.Unknowns, q.Keys, q.Allowed, q.Denied)
			}
			if tc.when != "" && !strings.Contains(q.Condition(), tc.when) {
				t.Errorf("when = %q, want it to hold %q", q.Condition(), tc.when)
			}
			if tc.unknown != "" && !containsPrefix(ReasonStrings(q.Unknowns), tc.unknown) {
				t.Errorf("unknowns = %v, want %q", q.Unknowns, tc.unknown)
			}
			if tc.denyHint != "" && !strings.Contains(q.Denied.String(), tc.denyHint) {
				t.Errorf("denied sample = %q, want %q", q.Denied.String(), tc.denyHint)
			}
			if q.Outcome == OutcomeConditional {
				// the samples are real: re-deciding them gives their answers
				for _, s := range []struct {
					sample ContextSample
					allow  bool
				}{{q.Allowed, true}, {q.Denied, false}} {
					r := req
					r.Context = s.sample.Context(&req.Context)
					got := c.Decide(&r)
					if (got.Decision == Allowed) != s.allow {
						t.Errorf("sample %s decides %s", s.sample, got.Decision)
					}
				}
			}
		})
	}
}

func containsPrefix(list []string, p string) bool {
	for _, s := range list {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func TestQuantifyOperatorFamilies(t *testing.T) {
	t.Parallel()
	id := func(cond string) PolicySet { return PolicySet{Identity: docs(condAllow(cond))} }
	get := rq(t, userARN, "s3:GetObject", bucket)
	sess := rq(t, sessARN, "s3:GetObject", bucket)
	runQuantify(t, []quantifyCase{
		{name: "no condition: always (EV-1)", set: PolicySet{Identity: docs(pol(allowS3Get))}, req: get, want: OutcomeAlways},
		{name: "no grant: never (EV-7)", set: PolicySet{Identity: docs(pol(allowEC2All))}, req: get, want: OutcomeNever},
		{name: "CO-9 Bool MFA for a user: absent is possible (CTX-12)", set: id(`{"Bool":{"aws:MultiFactorAuthPresent":"true"}}`), req: get,
			want: OutcomeConditional, when: "aws:MultiFactorAuthPresent = true", denyHint: "aws:MultiFactorAuthPresent absent"},
		{name: "CO-9 Bool MFA for a session: always sent (CTX-12)", set: id(`{"Bool":{"aws:MultiFactorAuthPresent":"true"}}`), req: sess,
			want: OutcomeConditional, when: "aws:MultiFactorAuthPresent = true", denyHint: "aws:MultiFactorAuthPresent=false"},
		{name: "CO-4 BoolIfExists MFA", set: id(`{"BoolIfExists":{"aws:MultiFactorAuthPresent":"true"}}`), req: get,
			want: OutcomeConditional, when: "aws:MultiFactorAuthPresent absent or aws:MultiFactorAuthPresent = true"},
		{name: "pinned key is not free (CTX-1)", set: id(`{"Bool":{"aws:MultiFactorAuthPresent":"true"}}`),
			req: rq(t, userARN, "s3:GetObject", bucket, "aws:MultiFactorAuthPresent", "true"), want: OutcomeAlways},
		{name: "pinned to the wrong value: never", set: id(`{"Bool":{"aws:MultiFactorAuthPresent":"true"}}`),
			req: rq(t, userARN, "s3:GetObject", bucket, "aws:MultiFactorAuthPresent", "false"), want: OutcomeNever},
		{name: "CO-6 StringEquals", set: id(`{"StringEquals":{"iam:PassedToService":"cloudformation.amazonaws.com"}}`), req: get,
			want: OutcomeConditional, when: "iam:PassedToService = cloudformation.amazonaws.com"},
		{name: "CO-1 StringNotEquals: NOR, missing key true (CO-3)", set: id(`{"StringNotEquals":{"aws:RequestedRegion":["us-east-1","eu-west-1"]}}`), req: get,
			want: OutcomeConditional, when: "aws:RequestedRegion != each of [eu-west-1, us-east-1]"},
		{name: "CO-6 StringEqualsIgnoreCase", set: id(`{"StringEqualsIgnoreCase":{"aws:PrincipalTag/team":"Ops"}}`), req: get,
			want: OutcomeConditional, when: "= (ignoring case) Ops"},
		{name: "CO-6 StringLike with both wildcards", set: id(`{"StringLike":{"s3:prefix":["home/?/*"]}}`), req: get,
			want: OutcomeConditional, when: "s3:prefix like home/?/*"},
		{name: "CO-6 StringLike \"*\" needs only presence", set: id(`{"StringLike":{"aws:SourceVpce":"*"}}`), req: get,
			want: OutcomeConditional, when: "aws:SourceVpce present"},
		{name: "CO-6 overlapping Like patterns", set: id(`{"StringLike":{"aws:userAgent":"a*"},"StringNotLike":{"aws:UserAgent":"*z"}}`), req: get,
			want: OutcomeConditional, when: "aws:userAgent"},
		{name: "CO-12 ArnLike wildcard account", set: id(`{"ArnLike":{"aws:SourceArn":"arn:aws:iam::*:role/reporting-*"}}`), req: get,
			want: OutcomeConditional, when: "aws:SourceArn like arn:aws:iam::*:role/reporting-*"},
		{name: "CO-12 ArnNotEquals", set: id(`{"ArnNotEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:111122223333:t"}}`), req: get,
			want: OutcomeConditional, when: "aws:SourceArn absent or aws:SourceArn not like arn:aws:sns:us-east-1:111122223333:t"},
		{name: "CO-7 NumericLessThan", set: id(`{"NumericLessThan":{"aws:MultiFactorAuthAge":"3600"}}`), req: get,
			want: OutcomeConditional, when: "aws:MultiFactorAuthAge < 3600"},
		{name: "CO-7 numeric range is empty: never", set: id(`{"NumericLessThan":{"s3:max-keys":"10"},"NumericGreaterThan":{"s3:max-keys":"20"}}`), req: get,
			want: OutcomeNever},
		{name: "CO-7 numeric decimals between constants", set: id(`{"NumericGreaterThan":{"s3:max-keys":"1"},"NumericLessThan":{"s3:max-keys":"2"}}`), req: get,
			want: OutcomeConditional},
		{name: "CO-8 DateLessThan", set: id(`{"DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"}}`), req: get,
			want: OutcomeConditional, when: "aws:CurrentTime < 2030-01-01T00:00:00Z"},
		{name: "CO-8 date window", set: id(`{"DateGreaterThan":{"aws:CurrentTime":"2030-01-01"},"DateLessThan":{"aws:CurrentTime":"2030-01-02"}}`), req: get,
			want: OutcomeConditional},
		{name: "CO-11 IpAddress", set: id(`{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`), req: get,
			want: OutcomeConditional, when: "aws:SourceIp in 203.0.113.0/24"},
		{name: "CO-11 0.0.0.0/0 is every IPv4 caller", set: id(`{"IpAddress":{"aws:SourceIp":["0.0.0.0/0","::/0"]}}`), req: get,
			want: OutcomeConditional, when: "aws:SourceIp present"},
		{name: "CO-11 NotIpAddress nested ranges", set: id(`{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"},"NotIpAddress":{"aws:SourceIp":"10.1.0.0/16"}}`), req: get,
			want: OutcomeConditional},
		{name: "CO-5 Null false: key present", set: id(`{"Null":{"aws:TokenIssueTime":"false"}}`), req: get,
			want: OutcomeConditional, when: "aws:TokenIssueTime present"},
		{name: "CO-13 ForAllValues on absent key is true", set: id(`{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}}`), req: get,
			want: OutcomeConditional, when: "aws:TagKeys"},
		{name: "CO-13 ForAnyValue", set: id(`{"ForAnyValue:StringEquals":{"aws:TagKeys":"env"}}`), req: get,
			want: OutcomeConditional, when: "aws:TagKeys"},
		{name: "CO-1 two keys AND", set: id(`{"Bool":{"aws:SecureTransport":"true"},"StringEquals":{"aws:RequestedRegion":"us-east-1"}}`), req: get,
			want: OutcomeConditional, when: "aws:RequestedRegion = us-east-1 and aws:SecureTransport = true"},
		{name: "EV-3 deny without MFA beats allow", set: PolicySet{Identity: docs(pol(allowS3Get,
			`{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}`))}, req: get,
			want: OutcomeConditional, when: "aws:MultiFactorAuthPresent = true"},
		{name: "PT-5 unknown policy: unknown", set: PolicySet{Identity: []PolicyDoc{unknownDoc("aws_iam_policy.p")}}, req: get,
			want: OutcomeUnknown, unknown: "aws_iam_policy.p"},
		{name: "principal keys are fixed (CTX-5)", set: id(`{"StringEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:user/alice"}}`), req: get,
			want: OutcomeAlways},
		{name: "fixed prefix: principal tags known (CTX-8)", set: id(`{"StringEquals":{"aws:PrincipalTag/team":"ops"}}`), req: get,
			opts: QuantifyOptions{FixedKeys: []string{"aws:PrincipalTag/"}}, want: OutcomeNever},
		{name: "bound hit: unknown, never a guess", set: id(`{"StringEquals":{"aws:RequestedRegion":["a","b","c"],"s3:prefix":["a","b"],"aws:UserAgent":["x","y"]},"Bool":{"aws:SecureTransport":"true"}}`), req: get,
			opts: QuantifyOptions{MaxContexts: 4}, want: OutcomeUnknown, unknown: "bound:contexts"},
		{name: "bound hit still proves conditional", set: id(`{"StringEquals":{"aws:RequestedRegion":"a"}}`),
			req: rq(t, userARN, "s3:GetObject", bucket), opts: QuantifyOptions{MaxContexts: 2}, want: OutcomeConditional},
		{name: "variable on a free key is a bound (VA-4)", set: id(`{"StringEquals":{"s3:prefix":"${aws:PrincipalTag/home}"}}`), req: get,
			want: OutcomeUnknown, unknown: "bound:variable"},
		{name: "anonymous: no MFA key ever (CTX-12)", set: PolicySet{Resource: resDoc(pol(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}`))},
			req: rq(t, "anonymous", "s3:GetObject", bucket), want: OutcomeNever},
		{name: "statements of other actions add no keys", set: PolicySet{Identity: docs(pol(allowS3Get, `{"Effect":"Deny","Action":"ec2:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}`))},
			req: get, want: OutcomeAlways},
	})
}

func TestQuantifyWitnessesAreExactForStrings(t *testing.T) {
	t.Parallel()
	// Every satisfiable set of atoms gets a value: a value matching both
	// patterns, one matching only each, and one matching neither.
	as := []atom{}
	for _, p := range []string{"a*", "*b", "ab"} {
		re := regularAtom(OpStringLike, p)
		as = append(as, atom{op: OpStringLike, text: p, match: re.matches, re: re})
	}
	ws, reason := regularWitnesses(as)
	if reason != "" {
		t.Fatalf("reason %q", reason)
	}
	sigs := map[string]bool{}
	for _, w := range ws {
		s := ""
		for _, a := range as {
			if globMatch(a.text, w) {
				s += "1"
			} else {
				s += "0"
			}
		}
		sigs[s] = true
	}
	for _, want := range []string{"000", "100", "010", "110", "111"} {
		if !sigs[want] {
			t.Errorf("no witness for %s in %q", want, ws)
		}
	}
}

// Expectations over every context (issue 9): a witnessed context that
// breaks one is a violation, and it is returned.
func TestExpectationHoldsOver(t *testing.T) {
	t.Parallel()
	mfaUser := rq(t, userARN, "s3:GetObject", bucket)
	c := Compile(PolicySet{Identity: docs(condAllow(`{"Bool":{"aws:MultiFactorAuthPresent":"true"}}`))}, Options{})
	q := c.Quantify(&mfaUser, QuantifyOptions{})
	never := Compile(PolicySet{Identity: docs(pol(allowEC2All))}, Options{}).Quantify(&mfaUser, QuantifyOptions{})
	for _, tc := range []struct {
		name    string
		e       Expectation
		q       *Quantified
		want    Tri
		counter string
	}{
		{"denied fails with the allowing context", ExpectDenied, &q, TriFalse, "aws:MultiFactorAuthPresent=true"},
		{"allowed fails with the denying context", ExpectAllowed, &q, TriFalse, "aws:MultiFactorAuthPresent absent"},
		{"possible holds", ExpectPossible, &q, TriTrue, ""},
		{"denied holds on never", ExpectDenied, &never, TriTrue, ""},
		{"implicitDeny holds on never without explicit denies", ExpectImplicitDeny, &never, TriTrue, ""},
		{"explicitDeny fails on implicit denies", ExpectExplicitDeny, &never, TriFalse, ""},
		{"possible fails on never", ExpectPossible, &never, TriFalse, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, counter, _ := tc.e.HoldsOver(tc.q)
			if got != tc.want || counter.String() != tc.counter && tc.counter != "" {
				t.Errorf("HoldsOver = %v, %q; want %v, %q", got, counter.String(), tc.want, tc.counter)
			}
		})
	}
}
