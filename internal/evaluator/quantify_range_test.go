package evaluator

import "testing"

// TestQuantifyRanges: a KeyRange narrows a free key to the values one kind
// of caller sends (CTX-9: a caller of organization o-a1b2c3d4e5 sends its
// id and a path of that organization).
func TestQuantifyRanges(t *testing.T) {
	t.Parallel()
	id := func(cond string) PolicySet { return PolicySet{Identity: docs(condAllow(cond))} }
	get := rq(t, userARN, "s3:GetObject", bucket)
	inOrg := []KeyRange{{Key: "aws:PrincipalOrgPaths", Like: []string{"o-a1b2c3d4e5/*"}, Present: true}}
	runQuantify(t, []quantifyCase{
		{name: "CTX-9 path of the organization: always", set: id(`{"ForAnyValue:StringLike":{"aws:PrincipalOrgPaths":"o-a1b2c3d4e5/*"}}`), req: get,
			opts: QuantifyOptions{Ranges: inOrg}, want: OutcomeAlways},
		{name: "CTX-9 path of another organization: never", set: id(`{"ForAnyValue:StringLike":{"aws:PrincipalOrgPaths":"o-zzzzzzzzzz/*"}}`), req: get,
			opts: QuantifyOptions{Ranges: inOrg}, want: OutcomeNever},
		{name: "CTX-9 one OU of the organization: conditional", set: id(`{"ForAnyValue:StringLike":{"aws:PrincipalOrgPaths":"o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"}}`), req: get,
			opts: QuantifyOptions{Ranges: inOrg}, want: OutcomeConditional, when: "ou-ab12-11111111"},
		{name: "CO-1 NotLike excludes the organization", set: id(`{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}`), req: get,
			opts: QuantifyOptions{Ranges: []KeyRange{{Key: "aws:principalorgid", NotLike: []string{"o-a1b2c3d4e5"}}}}, want: OutcomeNever},
		{name: "NotLike leaves the other organizations", set: id(`{"StringLike":{"aws:PrincipalOrgID":"o-*"}}`), req: get,
			opts: QuantifyOptions{Ranges: []KeyRange{{Key: "aws:PrincipalOrgID", NotLike: []string{"o-a1b2c3d4e5"}}}}, want: OutcomeConditional, when: "aws:PrincipalOrgID"},
		{name: "Present: the key is never absent (CO-3)", set: id(`{"Null":{"aws:PrincipalOrgID":"false"}}`), req: get,
			opts: QuantifyOptions{Ranges: []KeyRange{{Key: "aws:PrincipalOrgID", Present: true}}}, want: OutcomeAlways},
		{name: "a range on a non-string key is a bound", set: id(`{"NumericLessThan":{"aws:MultiFactorAuthAge":"3600"}}`), req: get,
			opts: QuantifyOptions{Ranges: []KeyRange{{Key: "aws:MultiFactorAuthAge", Like: []string{"1*"}}}}, want: OutcomeConditional,
			unknown: "bound:range on non-string key"},
		{name: "an empty range is a bound, never a guess", set: id(`{"Null":{"aws:PrincipalOrgID":"true"}}`), req: get,
			opts: QuantifyOptions{Ranges: []KeyRange{{Key: "aws:PrincipalOrgID", NotLike: []string{"*"}, Present: true}}}, want: OutcomeUnknown, unknown: "bound:empty range"},
	})
}
