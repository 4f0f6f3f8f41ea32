package evaluator

import "strings"

// Rules about actions and services that callers outside the engine need to
// ask (planscan's access matrix groups actions by them); the engine's own
// decision procedure uses the same functions, so the two cannot drift.

// IsTrustAction reports whether action is decided against a role's trust
// policy as its resource policy (EV-9, EV-14): sts:AssumeRole,
// AssumeRoleWithWebIdentity, AssumeRoleWithSAML, TagSession and
// SetSourceIdentity.
func IsTrustAction(action string) bool { return isTrustAction(action) }

// NeedsNoPermission reports whether action is always allowed whatever the
// policies say (EV-22: sts:GetCallerIdentity).
func NeedsNoPermission(action string) bool {
	return strings.EqualFold(action, "sts:GetCallerIdentity")
}

// SupportsRCPs reports whether a service (the action prefix, lower case)
// supports resource control policies (EV-4). These are also the services
// whose name changes a decision beyond the action patterns (key policies,
// EV-9, are KMS's).
func SupportsRCPs(service string) bool { return rcpServices[service] }
