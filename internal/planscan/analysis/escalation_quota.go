package analysis

// Quotas that block a technique (issue 10): AWS allows at most two access
// keys per IAM user, active or inactive (IAM quotas: "Access keys assigned
// to an IAM user: 2"). iam:CreateAccessKey on a user who already holds two
// fails (LimitExceeded) unless the caller first deletes one
// (iam:DeleteAccessKey): the catalog says so (EscalationTechnique.Quota),
// and the plan's aws_iam_access_key resources tell how many keys each user
// holds on each side. Keys made outside Terraform are not seen: a user with
// fewer than two keys in the plan is taken to have room (the edge is kept,
// which may report a path that the quota would block, never hide one).

import (
	tfjson "github.com/hashicorp/terraform-json"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/iammodel"
)

// EscalationQuota is a per-target limit of what a technique creates.
type EscalationQuota struct {
	// Resource is the Terraform resource type counted per target user.
	Resource string
	// Limit is how many AWS allows.
	Limit int
	// AtLimit are the actions also needed on the target once it holds
	// Limit of them (any one of each group).
	AtLimit [][]string
}

// countQuota counts the plan's instances of the quota's resource type per
// user of the side (by the user attribute: a reference or a known name).
func (e *escEnv) countQuota(q *EscalationQuota) map[*iammodel.Identity]int {
	s := e.s
	s.mu.Lock()
	refs := s.resolver()
	s.mu.Unlock()
	byName := map[string]*iammodel.Identity{}
	for _, u := range s.Model.Users {
		if u.Name.Set() {
			byName[u.Name.Value] = u
		}
	}
	out := map[*iammodel.Identity]int{}
	for _, in := range refs.Instances {
		if in.Key.Mode != tfjson.ManagedResourceMode || in.Key.Type != q.Resource {
			continue
		}
		var u *iammodel.Identity
		if ins, _, ok := refs.FollowAll(in, "user"); ok && len(ins) == 1 {
			u = s.Model.Identity(ins[0].Address)
		}
		if v := refs.Str(in, "user"); u == nil && v.Set() {
			u = byName[v.Value]
		}
		if u != nil {
			out[u]++
		}
	}
	return out
}

// atLimit: the target holds as many as the quota allows on this side.
func (e *escEnv) atLimit(t EscalationTechnique, u *iammodel.Identity) bool {
	if t.Quota == nil {
		return false
	}
	e.quotaOnce.Do(func() { e.quotaCount = e.countQuota(t.Quota) })
	return e.quotaCount[u] >= t.Quota.Limit
}
