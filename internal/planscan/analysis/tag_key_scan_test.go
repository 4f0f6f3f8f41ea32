package analysis

import "testing"

// TestMayReadTagKey: the prefilter never says no where principalTagKey or
// resourceTagKey match (issue 8), including Unicode case folds the (?i)
// patterns accept (ſ folds to s, K to k).
func TestMayReadTagKey(t *testing.T) {
	t.Parallel()
	for _, text := range []string{
		`{"Condition":{"StringEquals":{"aws:ResourceTag/team":"a"}}}`,
		`{"Condition":{"StringEquals":{"AWS:PRINCIPALTAG/team":"a"}}}`,
		`{"c":"aws:reſourceTag/x"}`,
		`{"c":"aws:PrincipalTaG/x"}`,
		`aws:ResourceTag/x`,
		`{"Resource":"arn:aws:s3:::b/k","aws:resourcetag/k":"v"}`,
		"",
		`{"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/k"}`,
		`tag/`,
		`ta/`,
		`/tag`,
	} {
		want := resourceTagKey().MatchString(text) || principalTagKey().MatchString(text)
		if got := mayReadTagKey([]byte(text)); want && !got {
			t.Errorf("mayReadTagKey(%q) = false, but a tag key pattern matches", text)
		}
	}
	if mayReadTagKey([]byte(`{"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/k"}`)) {
		t.Error("a text without tag/ passes the prefilter")
	}
}
