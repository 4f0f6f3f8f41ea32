package analysis

import (
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
)

func TestSortBySecurity(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"s3:GetObject,iam:PassRole,iam:GetRole", "iam:PassRole,iam:GetRole,s3:GetObject"},
		{"sts:GetCallerIdentity,sts:AssumeRole,a4b:X", "sts:AssumeRole,sts:GetCallerIdentity,a4b:X"},
		{"b:X,a:Y", "a:Y,b:X"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			t.Parallel()
			acts := strings.Split(tc.in, ",")
			SortBySecurity(acts)
			testkit.Equal(t, "order", strings.Join(acts, ","), tc.want)
		})
	}
}

func TestSortChangesSecurityFirst(t *testing.T) {
	t.Parallel()
	cs := []AccessChange{
		{Kind: Gained, Service: "s3", AccessLevel: "List", Actions: []string{"s3:ListBucket"}},
		{Kind: Gained, Service: "s3", AccessLevel: "Write", Actions: []string{"s3:PutObject"}},
		{Kind: Lost, Service: "iam", AccessLevel: "Write", Actions: []string{"iam:PassRole"}},
		{Kind: Gained, Service: "iam", AccessLevel: "Write", Actions: []string{"iam:PassRole"}},
		{Kind: Gained, Service: "kms", AccessLevel: "Permissions management", Actions: []string{"kms:PutKeyPolicy"}},
	}
	sortChanges(cs)
	var got []string
	for _, c := range cs {
		got = append(got, string(c.Kind)+" "+c.Actions[0])
	}
	testkit.Equal(t, "order", strings.Join(got, ", "),
		"gained iam:PassRole, gained kms:PutKeyPolicy, gained s3:PutObject, gained s3:ListBucket, lost iam:PassRole")
}
