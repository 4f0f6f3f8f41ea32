package iamdata

import (
	"fmt"
	"strings"
)

// AccessLevel is the access-level classification of an action in the AWS
// service authorization reference.
type AccessLevel string

// Access levels. The reference writes "Tagging, Write" and
// "Permissions management, Write"; they normalise to Tagging and
// PermissionsManagement.
const (
	List                  AccessLevel = "List"
	Read                  AccessLevel = "Read"
	Write                 AccessLevel = "Write"
	PermissionsManagement AccessLevel = "Permissions management"
	Tagging               AccessLevel = "Tagging"
)

// AccessLevels returns every access level, in AWS's table order.
func AccessLevels() []AccessLevel {
	return []AccessLevel{List, Read, Write, PermissionsManagement, Tagging}
}

// ParseAccessLevel normalises an access-level string, case-insensitively.
func ParseAccessLevel(s string) (AccessLevel, error) {
	t := strings.TrimSpace(s)
	if base, ok := strings.CutSuffix(t, ", Write"); ok && base != "" {
		t = base
	}
	for _, l := range AccessLevels() {
		if strings.EqualFold(t, string(l)) {
			return l, nil
		}
	}
	return "", fmt.Errorf("unknown access level %q (want one of List, Read, Write, Permissions management, Tagging)", s)
}
