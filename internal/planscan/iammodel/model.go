package iammodel

import (
	"sort"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfconfig"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// ManagedPolicyResolver returns the document of an AWS managed policy
// (arn:aws:iam::aws:policy/...); ok is false when it does not know the ARN.
type ManagedPolicyResolver func(arn string) (doc []byte, ok bool)

// ModelOptions configure BuildModel.
type ModelOptions struct {
	// AccountID is used to synthesise ARNs when the plan does not tell the
	// account (no known data.aws_caller_identity, allowed_account_ids or ARN).
	AccountID string
	// Region is used for regional ARNs when the aws provider's region is not
	// a constant in the configuration.
	Region string
	// ManagedPolicies resolves AWS managed policy ARNs; nil resolves none
	// (their documents are then unknown).
	ManagedPolicies ManagedPolicyResolver
	// Source is the configuration source of the plan (nil: the plan alone).
	// Documents the plan knows only after apply are rebuilt from it.
	Source *tfconfig.Config
	// Plan is set by BuildModel.
	Plan *tfjson.Plan
}

// IdentityKind is the kind of an IAM identity in the model.
type IdentityKind string

const (
	KindUser IdentityKind = "user"
	KindRole IdentityKind = "role"
)

// Model is the AWS IAM model of one side of a plan. Every entity keeps the
// Terraform address it came from. Build it with BuildModel.
type Model struct {
	Side tfplan.Side
	// Account is the account id used for ARN synthesis (unknown when the
	// plan does not tell it); Accounts lists every account id seen.
	Account  tfplan.Str
	Accounts []string
	Region   string
	// Place gives each instance's account and region when the plan has
	// several aws provider configurations naming accounts (issue 8); nil:
	// Account and Region for all.
	Place func(in *tfplan.Instance) (account, region string)

	Users            []*Identity
	Roles            []*Identity
	Groups           []*Group
	Policies         []*ManagedPolicy
	InstanceProfiles []*InstanceProfile
	// ResourcePolicies holds the resource-based policies: trust policies of
	// roles, bucket, key, queue, topic, function, repository and secret
	// policies (in the plan, or out of the plan but given a policy by it).
	ResourcePolicies []*ResourcePolicy
	Org              Org
	// PolicyDocuments are the aws_iam_policy_document data sources.
	PolicyDocuments []*PolicyDocument
	// External lists links to things outside the plan (out of view).
	External []External
	// Ignored counts resource instances of types the model does not read.
	Ignored map[string]int
	// Source counts the documents known only after apply, rebuilt from
	// source or still unknown.
	Source SourceStats
	// ResourceTags are the plan's tagged resources (resource_tags.go).
	ResourceTags []*TaggedResource
	// KMSGrants are the plan's aws_kms_grant resources (kms_grants.go).
	KMSGrants []*KMSGrant

	managed  ManagedPolicyResolver
	byAddr   map[string]*Identity
	resByARN map[string]*ResourcePolicy
	resByAdr map[string]*ResourcePolicy
	// taggedByARN, taggedByAddr index ResourceTags
	taggedByARN, taggedByAddr map[string]*TaggedResource
	// maybe holds links whose target is unknown: they may apply to any
	// identity of the kind (PT-5: an unknown attachment list counts as an
	// unknown set of documents).
	maybeUser, maybeRole, maybeGroup []evaluator.Unknown
}

// Identity is an IAM user or role.
type Identity struct {
	Kind    IdentityKind
	Address string
	Action  tfplan.Action
	Name    tfplan.Str
	Path    tfplan.Str
	ARN     tfplan.Str
	Account tfplan.Str
	// UniqueID is AIDA.../AROA... when known (prior state).
	UniqueID    tfplan.Str
	Tags        map[string]string
	TagsUnknown *evaluator.Unknown
	Inline      []*InlinePolicy
	Managed     []*PolicyRef
	// Boundary is the permissions boundary (nil when none).
	Boundary *PolicyRef
	// Trust is a role's trust policy (assume_role_policy).
	Trust *evaluator.PolicyDoc
	// Groups are a user's groups in the plan; MaybeGroups the memberships
	// whose group is unknown or outside the plan.
	Groups      []*Group
	MaybeGroups []evaluator.Unknown
	// Maybe are policies that may apply to this identity because their
	// link is unknown (PT-5). Policies attached to an identity of the plan
	// by something outside the plan are not modelled: the plan's state is
	// taken as the identity's whole attachment list.
	Maybe []evaluator.Unknown
}

// Group is an IAM group.
type Group struct {
	Address string
	Action  tfplan.Action
	Name    tfplan.Str
	Path    tfplan.Str
	ARN     tfplan.Str
	Inline  []*InlinePolicy
	Managed []*PolicyRef
	Members []*Identity
	Maybe   []evaluator.Unknown
}

// InlinePolicy is an embedded policy (aws_iam_*_policy or a role's
// inline_policy block).
type InlinePolicy struct {
	Address string
	Name    tfplan.Str
	Doc     evaluator.PolicyDoc
	// computed: read from a role's unset, computed inline_policy.
	computed bool
}

// PolicyRef links an identity to a managed policy (attachment,
// managed_policy_arns or permissions_boundary).
type PolicyRef struct {
	// Address of the Terraform resource that makes the link.
	Address string
	ARN     tfplan.Str
	// Policy is the aws_iam_policy (or data.aws_iam_policy) in the plan, when
	// the link names one.
	Policy *ManagedPolicy
	// computed marks a link read from a role's Optional+Computed
	// managed_policy_arns that the configuration does not set.
	computed bool
}

// ManagedPolicy is a customer managed policy in the plan, or one read by a
// data.aws_iam_policy.
type ManagedPolicy struct {
	Address string
	Action  tfplan.Action
	Name    tfplan.Str
	Path    tfplan.Str
	ARN     tfplan.Str
	Doc     evaluator.PolicyDoc
}

// InstanceProfile is an aws_iam_instance_profile.
type InstanceProfile struct {
	Address string
	Name    tfplan.Str
	ARN     tfplan.Str
	Role    *Identity // nil when the role is outside the plan or unknown
	RoleRef tfplan.Str
}

// ResourcePolicy is a resource-based policy and the resource it protects.
type ResourcePolicy struct {
	// Address of the protected resource; for a resource outside the plan,
	// the address of the Terraform resource that sets its policy.
	Address string
	// PolicyAddress is the resource that carries the document (the same as
	// Address when the document is an attribute of the resource itself).
	PolicyAddress string
	Service       string // s3, kms, sqs, sns, lambda, ecr, secretsmanager, iam (trust)
	Type          evaluator.PolicyType
	ARN           tfplan.Str
	Account       tfplan.Str
	// Doc is nil when the resource has no policy.
	Doc *evaluator.PolicyDoc
	// DefaultKeyPolicy marks the KMS default key policy synthesised for a key
	// created without a policy.
	DefaultKeyPolicy bool
	// InPlan is false for resources outside the plan that the plan gives a
	// policy (aws_s3_bucket_policy on a bucket it does not manage).
	InPlan bool
	// Grants are a KMS key's grants of the plan (kms_grants.go): Doc holds
	// their statements after the key policy's; GrantsDoc holds them alone
	// (nil when unknown or none); KeyDoc is the key policy alone, set
	// with GrantsDoc (nil: the key has no policy).
	Grants    []*KMSGrant
	GrantsDoc *evaluator.PolicyDoc
	KeyDoc    *evaluator.PolicyDoc
}

// PolicyDocument is an aws_iam_policy_document data source.
type PolicyDocument struct {
	Address string
	JSON    tfplan.Str
}

// External is a link from the plan to something out of its view.
type External struct {
	Address string     // the resource that makes the link
	Kind    string     // role, user, group, policy, bucket, ...
	Ref     tfplan.Str // the name or ARN it names
	Note    string
}

// Principals lists the users and roles of the model, sorted by address.
func (m *Model) Principals() []*Identity {
	out := make([]*Identity, 0, len(m.Users)+len(m.Roles))
	out = append(out, m.Users...)
	out = append(out, m.Roles...)
	sort.Slice(out, func(i, j int) bool { return out[i].Address < out[j].Address })
	return out
}

// Identity finds a user or role by Terraform address.
func (m *Model) Identity(address string) *Identity { return m.byAddr[address] }

// Principal returns the evaluator's caller model of the identity: the user,
// or a session of the role (given by role ARN, session name unspecified).
func (id *Identity) Principal() evaluator.Principal {
	p := evaluator.Principal{
		ARN:       id.ARN.Value,
		Partition: "aws",
		Account:   id.Account.Value,
		Name:      id.Name.Value,
		Path:      id.Path.Value,
		UniqueID:  id.UniqueID.Value,
	}
	if p.Path == "" {
		p.Path = "/"
	}
	if id.ARN.Known() {
		if parts := strings.SplitN(id.ARN.Value, ":", 3); len(parts) == 3 && parts[0] == "arn" {
			p.Partition = parts[1]
		}
	}
	switch id.Kind {
	case KindUser:
		p.Kind = evaluator.PrincipalUser
	case KindRole:
		p.Kind = evaluator.PrincipalRoleSession
		p.RoleARN = id.ARN.Value
		p.ServiceLinked = strings.HasPrefix(p.Path, "/aws-service-role/")
	}
	if !id.ARN.Known() {
		u := *id.ARN.Unknown
		p.Unknown = &u
		p.ARN, p.RoleARN = "", ""
	}
	return p
}

// PrincipalOf is id.Principal() with the org facts the model knows (the
// management account, EV-5).
func (m *Model) PrincipalOf(id *Identity) evaluator.Principal {
	p := id.Principal()
	if mgmt := m.Org.ManagementAccount; mgmt.Set() && id.Account.Known() && id.Account.Value == mgmt.Value {
		p.ManagementAccount = true
	}
	return p
}

// PolicySetFor gathers the policies that take part in a decision for the
// identity (EV-2): identity policies (user inline + attached + its groups';
// role inline + managed_policy_arns + attachments), the permissions
// boundary, and the SCP and RCP levels of its account. Unknown documents and
// unknown links stay unknown (PT-5). The resource policy is left nil: set
// it per request from ResourcePolicyFor.
func (m *Model) PolicySetFor(id *Identity) evaluator.PolicySet {
	var set evaluator.PolicySet
	seen := map[string]bool{}
	addInline := func(ps []*InlinePolicy) {
		for _, p := range ps {
			set.Identity = append(set.Identity, p.Doc)
		}
	}
	addManaged := func(refs []*PolicyRef) {
		for _, r := range refs {
			if r.ARN.Known() {
				if seen[r.ARN.Value] {
					continue // attached twice (attachment + managed_policy_arns)
				}
				seen[r.ARN.Value] = true
			}
			set.Identity = append(set.Identity, m.refDoc(r))
		}
	}
	addMaybe := func(us []evaluator.Unknown) {
		for i := range us {
			u := us[i]
			set.Identity = append(set.Identity, evaluator.PolicyDoc{Name: u.Reason, Unknown: &u})
		}
	}
	addInline(id.Inline)
	addManaged(id.Managed)
	addMaybe(id.Maybe)
	if id.Kind == KindUser {
		for _, g := range id.Groups {
			addInline(g.Inline)
			addManaged(g.Managed)
			addMaybe(g.Maybe)
		}
		addMaybe(id.MaybeGroups)
		addMaybe(m.maybeUser)
		if len(id.Groups) > 0 || len(id.MaybeGroups) > 0 {
			addMaybe(m.maybeGroup)
		}
	} else {
		addMaybe(m.maybeRole)
	}
	if id.Boundary != nil {
		set.Boundaries = []evaluator.PolicyDoc{m.refDoc(id.Boundary)}
	}
	set.SCPs = m.Org.levels(id.Account, "SERVICE_CONTROL_POLICY")
	set.RCPs = m.Org.levels(id.Account, "RESOURCE_CONTROL_POLICY")
	return set
}

// refDoc is the document of a managed policy link.
func (m *Model) refDoc(r *PolicyRef) evaluator.PolicyDoc {
	if r.Policy != nil {
		return r.Policy.Doc
	}
	if !r.ARN.Known() {
		u := *r.ARN.Unknown
		if u.Reason == "" {
			u.Reason = r.Address
		}
		return evaluator.PolicyDoc{Name: r.Address, Unknown: &u}
	}
	arn := r.ARN.Value
	if isAWSManaged(arn) {
		if m.managed != nil {
			if doc, ok := m.managed(arn); ok {
				return evaluator.PolicyDoc{Name: arn, JSON: doc}
			}
		}
		return evaluator.PolicyDoc{Name: arn, Unknown: &evaluator.Unknown{Reason: "unknown managed policy " + arn}}
	}
	return evaluator.PolicyDoc{Name: arn, Unknown: &evaluator.Unknown{Reason: "managed policy " + arn + " is outside the plan (" + r.Address + ")"}}
}

// isAWSManaged reports an AWS managed policy ARN (arn:<partition>:iam::aws:policy/...).
func isAWSManaged(arn string) bool {
	parts := strings.SplitN(arn, ":", 6)
	return len(parts) == 6 && parts[0] == "arn" && parts[2] == "iam" && parts[4] == "aws" && strings.HasPrefix(parts[5], "policy/")
}

// ResourcePolicyFor finds the resource-based policy that governs a known
// resource ARN: exact ARN, an S3 object of a bucket in the model, or a role's
// trust policy. It returns nil when the model does not know the resource
// (outside the plan, or its ARN is known only after apply: use
// ResourceByAddress). A returned entry with a nil Doc means "no policy".
func (m *Model) ResourcePolicyFor(arn string) *ResourcePolicy {
	if rp := m.resByARN[arn]; rp != nil {
		return rp
	}
	if strings.HasPrefix(arn, "arn:") {
		parts := strings.SplitN(arn, ":", 6)
		if len(parts) == 6 && parts[2] == "s3" {
			bucket, _, _ := strings.Cut(parts[5], "/")
			return m.resByARN["arn:"+parts[1]+":s3:::"+bucket]
		}
		if len(parts) == 6 && parts[2] == "lambda" {
			// function:name:qualifier -> the unqualified function's policy
			segs := strings.Split(parts[5], ":")
			if len(segs) == 3 {
				return m.resByARN[strings.Join(parts[:5], ":")+":"+segs[0]+":"+segs[1]]
			}
		}
	}
	return nil
}

// ResourceByAddress finds a resource policy entry by the Terraform address
// of the protected resource (or of the policy resource for resources outside
// the plan).
func (m *Model) ResourceByAddress(address string) *ResourcePolicy { return m.resByAdr[address] }
