package analysis

import (
	"sort"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/iamdata"
)

// Readable diffs (issue 9): the access that matters for security first.
// Groups go permissions management, write, tagging, read, list; within a
// group, the actions of the escalation and delegation techniques
// (iam:PassRole, policy and trust changes, credentials, role assumption)
// come first, then the rest of IAM, STS and Organizations, then the others,
// each alphabetically.

// securityLevels orders access levels for reports.
var securityLevels = []iamdata.AccessLevel{iamdata.PermissionsManagement, iamdata.Write, iamdata.Tagging, iamdata.Read, iamdata.List}

func securityLevelOrder(l string) int {
	for i, x := range securityLevels {
		if string(x) == l {
			return i
		}
	}
	return len(securityLevels)
}

// escalationActions are the actions of the techniques that turn access
// into more access (lower-case).
var escalationActions = map[string]bool{
	"iam:passrole": true, "iam:createpolicyversion": true, "iam:setdefaultpolicyversion": true,
	"iam:attachuserpolicy": true, "iam:attachgrouppolicy": true, "iam:attachrolepolicy": true,
	"iam:putuserpolicy": true, "iam:putgrouppolicy": true, "iam:putrolepolicy": true,
	"iam:updateassumerolepolicy": true, "iam:createaccesskey": true, "iam:createloginprofile": true,
	"iam:updateloginprofile": true, "iam:addusertogroup": true, "sts:assumerole": true,
	"sts:assumerolewithwebidentity": true, "sts:assumerolewithsaml": true,
}

func actionRank(a string) int {
	l := strings.ToLower(a)
	switch {
	case escalationActions[l]:
		return 0
	case strings.HasPrefix(l, "iam:"), strings.HasPrefix(l, "sts:"), strings.HasPrefix(l, "organizations:"):
		return 1
	}
	return 2
}

// SortBySecurity orders actions for reports: escalation techniques first,
// then IAM, STS and Organizations, then the rest, each alphabetically.
func SortBySecurity(actions []string) {
	sort.SliceStable(actions, func(i, j int) bool {
		ri, rj := actionRank(actions[i]), actionRank(actions[j])
		if ri != rj {
			return ri < rj
		}
		return actions[i] < actions[j]
	})
}
