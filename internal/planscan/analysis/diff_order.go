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

// ServiceRanked: the service has actions ranked before the others (IAM,
// STS, Organizations); every action of another service has the last rank.
func ServiceRanked(service string) bool {
	return strings.EqualFold(service, "iam") || strings.EqualFold(service, "sts") || strings.EqualFold(service, "organizations")
}

func actionRank(a string) int {
	i := strings.IndexByte(a, ':')
	if i < 0 {
		return 2
	}
	if !ServiceRanked(a[:i]) {
		return 2 // the fast path: no allocation for the thousands of other actions
	}
	if escalationActions[strings.ToLower(a)] {
		return 0
	}
	return 1
}

// SortBySecurity orders actions for reports: escalation techniques first,
// then IAM, STS and Organizations, then the rest, each alphabetically. It
// sorts alphabetically, then partitions by rank (one rank computation per
// action: diffs hold groups of thousands of actions).
func SortBySecurity(actions []string) {
	if !sort.StringsAreSorted(actions) {
		sort.Strings(actions)
	}
	var buckets [3][]string
	for _, a := range actions {
		r := actionRank(a)
		buckets[r] = append(buckets[r], a)
	}
	n := copy(actions, buckets[0])
	n += copy(actions[n:], buckets[1])
	copy(actions[n:], buckets[2])
}
