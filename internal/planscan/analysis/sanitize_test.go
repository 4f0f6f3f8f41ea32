package analysis

import (
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/iamdata"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/iammodel"
)

// PT-11: sanitize validates each document once and hands the parse on
// (PolicyDoc.Parsed) to the compiled sets; documents that differ only by
// name share one parse, an invalid one becomes unknown and is listed once.
func TestSanitizeParsesOnce(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, json  string
		wantInvalid bool
	}{
		{"valid", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`, false},
		{"GR-4 Effect is exact", `{"Version":"2012-10-17","Statement":[{"Effect":"allow","Action":"s3:GetObject","Resource":"*"}]}`, true},
		{"GR-1 not JSON", `{"Version":`, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := newSideAnalysis(&iammodel.Model{Side: "after"}, nil, iamdata.Default())
			a := evaluator.PolicyDoc{Name: "a", JSON: []byte(tc.json)}
			b := evaluator.PolicyDoc{Name: "b", JSON: []byte(tc.json)}
			da, db, again := s.sanitize(a, evaluator.PolicyIdentity), s.sanitize(b, evaluator.PolicyIdentity), s.sanitize(a, evaluator.PolicyIdentity)
			if len(s.parses) != 1 {
				t.Errorf("%d parses, want 1", len(s.parses))
			}
			if tc.wantInvalid {
				if da.Unknown == nil || da.Unknown.Reason != "invalid-policy:a" || db.Unknown == nil || len(s.Invalid) != 2 {
					t.Errorf("invalid document: got %+v, %+v, %d listed (want unknown invalid-policy:<name>, 2 listed)", da.Unknown, db.Unknown, len(s.Invalid))
				}
				return
			}
			if da.Parsed == nil || da.Parsed != db.Parsed || again.Parsed != da.Parsed || len(s.Invalid) != 0 {
				t.Errorf("valid document: parses %p %p %p, %d listed as invalid", da.Parsed, db.Parsed, again.Parsed, len(s.Invalid))
			}
		})
	}
}
