package iamdata

import (
	"slices"
	"testing"
)

func TestSuggestActions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		want string // must be the first suggestion; "" for none
	}{
		{"s3:GetObjekt", "s3:GetObject"},
		{"S3:getobjects", "s3:GetObject"},
		{"iam:PasRole", "iam:PassRole"},
		{"s33:GetObject", "s3:GetObject"},
		{"s3:Completely", ""},
		{"noservice", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := Default().SuggestActions(tt.name)
			if tt.want == "" {
				if len(got) != 0 {
					t.Errorf("SuggestActions = %v, want none", got)
				}
				return
			}
			if len(got) == 0 || got[0] != tt.want || len(got) > 3 || !slices.IsSortedFunc(got[:1], func(a, b string) int { return 0 }) {
				t.Errorf("SuggestActions = %v, want %s first", got, tt.want)
			}
		})
	}
}
