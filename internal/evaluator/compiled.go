package evaluator

// Catalog is the AWS reference data the engine and validator consult when
// it is available (the iamdata package provides one). A nil Catalog turns
// the reference checks off: no unknown-action warnings (AC-4), no
// resource-type checks (RS-10), no wildcard-only knowledge (RS-9).
type Catalog interface {
	// Action reports whether service:Action exists (case-insensitive) and
	// whether it supports no resource types (wildcard-only, RS-9).
	Action(name string) (known bool, wildcardOnly bool)
	// ServiceKnown reports whether the service prefix exists.
	ServiceKnown(prefix string) bool
	// ResourceFits reports whether a concrete ARN fits one of the action's
	// resource types (RS-10); ok is false when the action is unknown.
	ResourceFits(action, arn string) (fits bool, ok bool)
	// MultivaluedKey reports whether a condition key is multivalued
	// (CO-15, CO-16); known is false when the key is not in the data.
	MultivaluedKey(key string) (multi bool, known bool)
}

// Options configure compilation and validation.
type Options struct {
	// Catalog is the reference data; nil disables reference checks.
	Catalog Catalog
	// TrustPolicyQuota is the account's trust policy size quota (GR-11);
	// 0 means the default 2,048.
	TrustPolicyQuota int
	// ImpliedResource says a resource policy (PolicyResource) belongs to a
	// service that applies it to the resource it is attached to, so its
	// statements may omit Resource and NotResource: ECR repository policies
	// ([ECR] "Private repository policy examples": the examples have no
	// Resource and "will not work properly if used with an IAM principal
	// directly unless modified to specify the Amazon ECR repository as the
	// resource"). A statement without either element then matches the
	// request's resource (RS-1), as in a trust policy. Other policy types
	// are unaffected; PolicyDoc.ImpliedResource sets it for one document.
	ImpliedResource bool
	// FittedRequests says the caller asks only actions the Catalog knows on
	// resources it has fitted to them (AC-5, RS-9, RS-10), so the
	// per-request reference checks (an unknown action, a resource that is
	// not a resource type of the action, each an error) are skipped. The
	// Catalog still decides what it decides at decision time: the KMS
	// cross-account operations (EV-15), the wildcard-only reading of RCPs
	// (EV-4) and the key types of quantification. planscan's access
	// matrix, escalation graph and conditional findings decide with it, so
	// they answer as query does.
	FittedRequests bool
}
