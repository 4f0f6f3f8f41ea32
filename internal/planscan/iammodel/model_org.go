package iammodel

import (
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// Org is the AWS Organizations part of the model: SCPs and RCPs with their
// attachment targets, and the org structure the plan shows.
type Org struct {
	// ManagementAccount is the organization's management account when an
	// aws_organizations_organization is in the plan.
	ManagementAccount tfplan.Str
	// Assumption states how ManagementAccount was found when the plan
	// creates the organization ("" when the plan tells it).
	Assumption string
	// ID is the organization's id (o-...) when an aws_organizations_organization
	// is in the plan (unknown until it is created); unset otherwise.
	ID       tfplan.Str
	Policies []*OrgPolicy
	// Parents maps an OU or account id to its parent id (root, OU), from
	// aws_organizations_organizational_unit / aws_organizations_account.
	Parents map[string]string
	// Roots are the root ids the plan shows.
	Roots []string
}

// OrgPolicy is an aws_organizations_policy of type SERVICE_CONTROL_POLICY
// or RESOURCE_CONTROL_POLICY and where it is attached.
type OrgPolicy struct {
	Address string
	Type    string
	Name    tfplan.Str
	ID      tfplan.Str
	Doc     evaluator.PolicyDoc
	Targets []OrgTarget
}

// OrgTarget is one aws_organizations_policy_attachment target.
type OrgTarget struct {
	Address string     // the attachment
	ID      tfplan.Str // r-..., ou-..., or a 12-digit account id
	// Node is the address of the root/OU/account resource the target refers
	// to in the plan, when resolved through the configuration.
	Node string
}

func (t OrgTarget) kind() string {
	switch {
	case !t.ID.Known():
		return ""
	case strings.HasPrefix(t.ID.Value, "r-"):
		return "root"
	case strings.HasPrefix(t.ID.Value, "ou-"):
		return "ou"
	case evaluator.IsAccountID(t.ID.Value):
		return "account"
	}
	return ""
}

// implicit FullAWSAccess policies: AWS attaches them to every root, OU and
// account, and plans rarely manage them; a level holding only a Deny SCP
// would otherwise deny everything.
const (
	fullAWSAccessSCP = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	fullAWSAccessRCP = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`
)

// levels returns the SCP or RCP levels (root first) that apply to an
// account (EV-4, EV-5). With no such policy attached anywhere in the plan,
// it returns nil: the model does not invent org guardrails. Levels the
// plan cannot place (an OU target when the account's position is not in the
// plan, a target known only after apply) become levels holding an unknown
// document (PT-6).
func (o *Org) levels(account tfplan.Str, typ string) [][]evaluator.PolicyDoc {
	var attached []*OrgPolicy
	for _, p := range o.Policies {
		if p.Type == typ && len(p.Targets) > 0 {
			attached = append(attached, p)
		}
	}
	if len(attached) == 0 {
		return nil
	}
	full := evaluator.PolicyDoc{Name: "p-FullAWSAccess (implicit)", JSON: []byte(fullAWSAccessSCP)}
	if typ == "RESOURCE_CONTROL_POLICY" {
		full = evaluator.PolicyDoc{Name: "p-RCPFullAWSAccess (implicit)", JSON: []byte(fullAWSAccessRCP)}
	}
	// the account's chain of parents, when the plan shows it
	var chain []string // account's ancestors, nearest first
	chainKnown := false
	if account.Known() {
		cur := account.Value
		for i := 0; i < 8; i++ {
			parent, ok := o.Parents[cur]
			if !ok {
				break
			}
			if strings.HasPrefix(parent, "r-") {
				chainKnown = true
				break
			}
			chain = append(chain, parent)
			cur = parent
		}
	}
	root := []evaluator.PolicyDoc{full}
	ous := map[string][]evaluator.PolicyDoc{}
	acct := []evaluator.PolicyDoc{full}
	var unplaced []evaluator.PolicyDoc
	onChain := func(id string) bool {
		for _, c := range chain {
			if c == id {
				return true
			}
		}
		return false
	}
	for _, p := range attached {
		for _, t := range p.Targets {
			switch t.kind() {
			case "root":
				root = append(root, p.Doc)
			case "account":
				switch {
				case account.Known() && t.ID.Value == account.Value:
					acct = append(acct, p.Doc)
				case !account.Known():
					unplaced = append(unplaced, maybeDoc(p, t, "the principal's account is unknown"))
				}
			case "ou":
				switch {
				case onChain(t.ID.Value):
					ous[t.ID.Value] = append(ous[t.ID.Value], p.Doc)
				case !chainKnown:
					unplaced = append(unplaced, maybeDoc(p, t, "whether the account is under "+t.ID.Value+" is not in the plan"))
				}
			default:
				unplaced = append(unplaced, maybeDoc(p, t, "target known only after apply"))
			}
		}
	}
	out := [][]evaluator.PolicyDoc{root}
	for i := len(chain) - 1; i >= 0; i-- {
		if docs, ok := ous[chain[i]]; ok {
			out = append(out, append([]evaluator.PolicyDoc{full}, docs...))
		}
	}
	for _, u := range unplaced {
		out = append(out, []evaluator.PolicyDoc{full, u})
	}
	out = append(out, acct)
	return out
}

func maybeDoc(p *OrgPolicy, t OrgTarget, why string) evaluator.PolicyDoc {
	return evaluator.PolicyDoc{Name: p.Address, Unknown: &evaluator.Unknown{Reason: t.Address + ": " + p.Address + " may apply (" + why + ")"}}
}
