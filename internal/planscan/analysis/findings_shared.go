package analysis

import (
	"fmt"
	"sort"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// Shared, not public (issue 9): a resource or trust policy that principals
// outside its account can reach, but only callers its principals and
// conditions name, is shared with them, as IAM Access Analyzer's
// cross-account findings say (its principal and condition fields): the
// organization or an OU (aws:PrincipalOrgID, aws:PrincipalOrgPaths), listed
// accounts (in Principal, aws:PrincipalAccount, kms:CallerAccount, the
// account of aws:PrincipalArn), a VPC or VPC endpoint (aws:SourceVpc,
// aws:SourceVpce), a network (aws:SourceIp), a source ARN or account
// (aws:SourceArn, aws:SourceAccount, aws:SourceOwner), a federated identity
// provider. check reports each such document once as `shared-access`, at
// level note unless planscan.hcl sets another.

// sharedNouns name, per restricting key, whom a value of it stands for.
var sharedNouns = map[string]string{
	"aws:principalorgid": "organization", "aws:principalorgpaths": "organizational unit",
	"aws:principalaccount": "account", "kms:calleraccount": "account", "aws:principalarn": "principal",
	"aws:userid": "user id", "aws:username": "user name",
	"aws:sourceaccount": "source account", "aws:sourceowner": "source account", "aws:sourcearn": "source ARN",
	"aws:sourceorgid": "source organization", "aws:sourceorgpaths": "source organizational unit",
	"aws:sourcevpc": "VPC", "aws:sourcevpce": "VPC endpoint", "aws:sourceip": "network",
	"aws:principalservicename": "service", "aws:principalisawsservice": "AWS services",
}

// shareTarget is whom one statement shares a document with.
type shareTarget struct {
	who       string
	actions   []string
	statement string // "ADDRESS#SID" of the statement that shares
}

// statementShares names whom an Allow statement of a non-public document
// lets in from outside the resource's account (own: that account, "" when
// not known): the accounts and federated providers of its Principal, and,
// for a "*" principal, the callers its restricting conditions name.
func statementShares(st *evaluator.Statement, own string) []string {
	var out []string
	if p := st.Principal; p != nil {
		wildcard := p.Wildcard
		for _, v := range p.AWS {
			if v.Text == "*" {
				wildcard = true
				continue
			}
			if acct := principalAccount(v.Text); acct != "" && own != "" && acct != own {
				if evaluator.IsAccountID(v.Text) || strings.HasSuffix(v.Text, ":root") {
					out = append(out, "account "+acct)
				} else {
					out = append(out, "principal "+v.Text)
				}
			}
		}
		for _, f := range p.Federated {
			if federationActions(st) {
				out = append(out, "identity provider "+f.Text+claimsText(st, f.Text))
			}
		}
		if wildcard {
			var parts []string
			inside := false
			for _, c := range st.Conditions {
				if restricts(c) {
					parts = append(parts, describeShare(c))
					inside = inside || pinsOwnAccount(c, own)
				}
			}
			sort.Strings(parts)
			if len(parts) > 0 && !inside {
				out = append(out, strings.Join(parts, " and "))
			}
		}
	}
	return out
}

// accountKeys are the condition keys whose value is the account of the
// caller or of the resource on whose behalf a service calls.
var accountKeys = map[string]bool{"aws:principalaccount": true, "kms:calleraccount": true, "aws:sourceaccount": true, "aws:sourceowner": true}

// pinsOwnAccount reports whether a restricting condition admits only the
// resource's own account (own): "*" narrowed by aws:SourceAccount or
// AWS:SourceOwner = own (the default SNS topic policy), or
// aws:PrincipalAccount = own, lets nobody in from outside the account,
// which is how IAM Access Analyzer reads it (its zone of trust is the
// account); every listed value must be own and compared exactly.
func pinsOwnAccount(c evaluator.Condition, own string) bool {
	if own == "" || !accountKeys[strings.ToLower(c.Key)] || c.Op.Base != evaluator.OpStringEquals || c.Op.Set != evaluator.SetNone || c.Op.CaseMismatch {
		return false
	}
	for _, v := range c.Values {
		if v.Text != own {
			return false
		}
	}
	return len(c.Values) > 0
}

// describeShare renders a restricting condition as whom it admits:
// "organization o-a1b2c3d4e5", "VPC endpoint vpce-1 or vpce-2".
func describeShare(c evaluator.Condition) string {
	noun := sharedNouns[strings.ToLower(c.Key)]
	if noun == "AWS services" {
		return noun
	}
	vs := make([]string, len(c.Values))
	for i, v := range c.Values {
		vs[i] = v.Text
	}
	sort.Strings(vs)
	return noun + " " + strings.Join(dedupe(vs), " or ")
}

// sharedFinding is the note for one document: nil when nobody outside
// its account is named.
func sharedFinding(d sideDoc, shares []shareTarget) *policyFinding {
	if len(shares) == 0 {
		return nil
	}
	acts := map[string][]string{}
	var whos []string
	for _, s := range shares {
		if acts[s.who] == nil {
			whos = append(whos, s.who)
		}
		acts[s.who] = append(acts[s.who], s.actions...)
	}
	sort.Strings(whos)
	one := shares[0].statement // the statement, when a single one shares
	for _, s := range shares {
		if s.statement != one {
			one = ""
		}
	}
	parts := make([]string, len(whos))
	for i, w := range whos {
		parts[i] = w + " (" + Abbreviate(dedupe(acts[w]), 4) + ")"
	}
	return &policyFinding{rule: "shared-access", key: d.address + "#shared:" + strings.Join(whos, ";"), address: d.address, resource: d.resource,
		statement: one,
		message:   fmt.Sprintf("%s: %s is shared outside its account, not publicly, with %s", d.address, resourceOrItself(d.resource), strings.Join(parts, "; "))}
}

// ownAccount is the account of a document's resource: the ARN's account,
// else (S3 ARNs carry none) the resource's provider configuration's, else
// the side's account; "" when not known.
func (s *SideAnalysis) ownAccount(d sideDoc) string {
	if a := evaluator.ARNField(d.resource, 4); evaluator.IsAccountID(a) {
		return a
	}
	if d.account != "" {
		return d.account
	}
	if s.Model.Account.Set() {
		return s.Model.Account.Value
	}
	return ""
}

// statementActionTexts are a statement's actions as written ("everything
// except ..." for NotAction).
func statementActionTexts(st *evaluator.Statement) []string {
	if st.NotAction {
		return []string{actionsText(st.Actions, true)}
	}
	out := make([]string, len(st.Actions))
	for i, v := range st.Actions {
		out[i] = v.Text
	}
	return out
}

// federationActions: the statement can grant sts:AssumeRoleWithWebIdentity
// or sts:AssumeRoleWithSAML, the only actions a federated principal can
// call (PR-9).
func federationActions(st *evaluator.Statement) bool {
	return statementMayGrant(st, "sts:AssumeRoleWithWebIdentity") || statementMayGrant(st, "sts:AssumeRoleWithSAML")
}

// statementMayGrant: the statement's Action (or NotAction) covers action
// (AC-1, AC-2, AC-3).
func statementMayGrant(st *evaluator.Statement, action string) bool {
	hit := false
	for _, v := range st.Actions {
		hit = hit || actionMatchesAny([]string{v.Text}, action)
	}
	return hit != st.NotAction
}

// claimsText names the provider's claims a statement pins under positive
// operators (" where token.actions.githubusercontent.com:sub like
// repo:org/*"), the callers of the provider it admits.
func claimsText(st *evaluator.Statement, provider string) string {
	host := provider
	if i := strings.Index(provider, "oidc-provider/"); i >= 0 {
		host = provider[i+len("oidc-provider/"):]
	}
	var parts []string
	for _, c := range st.Conditions {
		k := strings.ToLower(c.Key)
		if !strings.HasPrefix(k, strings.ToLower(host)+":") && !strings.HasPrefix(k, "saml:") {
			continue
		}
		if !c.Op.Valid || c.Op.Base.Negated() || c.Op.IfExists || c.Op.Base == evaluator.OpNull {
			continue
		}
		vs := make([]string, len(c.Values))
		for i, v := range c.Values {
			vs[i] = v.Text
		}
		op := "="
		if c.Op.Base == evaluator.OpStringLike {
			op = "like"
		}
		parts = append(parts, c.Key+" "+op+" "+strings.Join(vs, " or "))
	}
	if len(parts) == 0 {
		return ""
	}
	sort.Strings(parts)
	return " where " + strings.Join(parts, " and ")
}

// knownValue is a known string's value, "" otherwise.
func knownValue(s tfplan.Str) string {
	if s.Known() {
		return s.Value
	}
	return ""
}
