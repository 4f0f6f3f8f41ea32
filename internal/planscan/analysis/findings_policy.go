package analysis

import (
	"fmt"
	"sort"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// Built-in findings about policy documents: resource and trust policies
// open to anyone or to accounts outside the plan and the allow-list, and
// policies IAM would reject (PT-11).

// restrictingKeys are condition keys that, compared positively, narrow a
// "*" principal to known callers, accounts, organizations or networks.
var restrictingKeys = map[string]bool{
	"aws:sourcearn": true, "aws:sourceaccount": true, "aws:sourceowner": true, "aws:principalorgid": true,
	"aws:principalorgpaths": true, "aws:principalaccount": true, "aws:principalarn": true, "aws:sourcevpc": true,
	"aws:sourcevpce": true, "aws:sourceip": true, "aws:userid": true, "aws:username": true, "aws:principalservicename": true,
	"kms:calleraccount": true, "aws:sourceorgid": true, "aws:sourceorgpaths": true, "aws:principalisawsservice": true,
}

// restricts reports whether a condition narrows the caller: a restricting
// key under a valid positive operator (not a negated one, not IfExists,
// which lets callers without the key through, not Null), with no value that
// lets every caller through (issue 9, as Access Analyzer reads them): an IP
// range /0 (0.0.0.0/0, ::/0) is every address of its family, and a
// wildcard in the account of an ARN pattern or in an account, organization
// or network id under a Like operator matches callers of every account.
// A value naming a symbol (issue 8, evaluator/condition_symbol.go) is one
// resource or principal of the plan, whose text holds no wildcard: it
// restricts as the literal it becomes at apply.
func restricts(c evaluator.Condition) bool {
	key := strings.ToLower(c.Key)
	if !restrictingKeys[key] {
		return false
	}
	if !c.Op.Valid || c.Op.Base.Negated() || c.Op.IfExists || c.Op.Base == evaluator.OpNull {
		return false
	}
	like := c.Op.Base == evaluator.OpStringLike || c.Op.Base.Family() == evaluator.FamilyARN
	for _, v := range c.Values {
		switch {
		case c.Op.Base.Family() == evaluator.FamilyIP:
			if strings.HasSuffix(strings.TrimSpace(v.Text), "/0") {
				return false
			}
		case !like || !strings.ContainsAny(v.Text, "*?"):
		case (key == "aws:principalorgpaths" || key == "aws:sourceorgpaths") && orgIDPattern().MatchString(strings.SplitN(v.Text, "/", 2)[0]):
			// a path under one organization (o-.../r-.../ou-.../*) names
			// that organization's units only
		case strings.HasPrefix(v.Text, "arn:"):
			if strings.ContainsAny(evaluator.ARNField(v.Text, 4), "*?") || evaluator.ARNField(v.Text, 4) == "" && !strings.Contains(v.Text, ":s3:::") {
				return false // any account (arn:aws:iam::*:role/...)
			}
		default:
			return false // a wildcard account, org, user or network id
		}
	}
	if strings.EqualFold(c.Key, "aws:PrincipalIsAWSService") {
		for _, v := range c.Values {
			if !strings.EqualFold(v.Text, "true") {
				return false
			}
		}
	}
	for _, v := range c.Values {
		if v.Text == "*" {
			return false
		}
	}
	return len(c.Values) > 0
}

// policyFinding is a finding about a document on one side.
type policyFinding struct {
	rule, key, address, message, resource string
	// conditions is set when the access needs context conditions (issue 9).
	conditions string
	// dependsOn is set when the document is known only after apply: the
	// finding may hold, so it is reported as unknown, never dropped (PT-5).
	dependsOn string
	// statement: "ADDRESS#SID" of the one statement the finding is about
	statement string
}

// resourceDocs lists the resource and trust documents of a side with the
// address that carries them.
type sideDoc struct {
	address  string
	resource string
	typ      evaluator.PolicyType
	doc      evaluator.PolicyDoc
	// account is the resource's account (its provider configuration's,
	// issue 8); "" when unknown.
	account string
}

func (s *SideAnalysis) resourceDocs() []sideDoc {
	var out []sideDoc
	for _, id := range s.Model.Roles {
		if id.Trust != nil {
			out = append(out, sideDoc{address: id.Address, resource: id.ARN.String(), typ: evaluator.PolicyTrust, doc: *id.Trust, account: knownValue(id.Account)})
		}
	}
	for _, rp := range s.Model.ResourcePolicies {
		if rp.Doc == nil || rp.Type != evaluator.PolicyResource {
			continue
		}
		if rp.DefaultKeyPolicy && rp.Doc.Unknown != nil {
			// The default key policy names only the key's own account; it is
			// unknown here just because the account id is.
			continue
		}
		addr := rp.PolicyAddress
		if addr == "" {
			addr = rp.Address
		}
		out = append(out, sideDoc{address: addr, resource: rp.ARN.String(), typ: evaluator.PolicyResource, doc: *rp.Doc, account: knownValue(rp.Account)})
	}
	return out
}

// exposureFindings finds public and unknown-account grants on a side.
func (s *SideAnalysis) exposureFindings(trusted map[string]bool) []policyFinding {
	known := map[string]bool{"aws": true}
	for _, a := range s.Model.Accounts {
		known[a] = true
	}
	if s.Model.Account.Known() {
		known[s.Model.Account.Value] = true
	}
	var out []policyFinding
	for _, d := range s.resourceDocs() {
		if d.doc.Unknown != nil {
			// PT-5: an unknown document may contain any Allow, to anyone.
			out = append(out, policyFinding{rule: "public-access", key: d.address + "#unknown", address: d.address, resource: d.resource,
				dependsOn: d.doc.Unknown.Reason,
				message:   fmt.Sprintf("%s: the %s policy is known only after apply (%s); it may open %s to any principal or account", d.address, d.typ, d.doc.Unknown.Reason, resourceOrItself(d.resource))})
			continue
		}
		tree := s.tree(d.doc, d.typ)
		if tree == nil {
			continue
		}
		oidc := s.oidcFindings(d, tree)
		out = append(out, oidc...)
		docPublic := len(oidc) > 0
		own := s.ownAccount(d)
		denies := hasDenyStatement(tree) // the engine subtracts them (findings_shared_deny.go)
		var shares []shareTarget
		for _, st := range tree.Statements {
			if st.Effect != evaluator.EffectAllow || !s.grantsSomeAction(&st) {
				continue
			}
			restricted := false
			var wide []string // restricting keys whose values let every caller through
			for _, c := range st.Conditions {
				if restricts(c) {
					restricted = true
				} else if restrictingKeys[strings.ToLower(c.Key)] {
					wide = append(wide, c.Op.String()+" "+c.Key)
				}
			}
			what := "allows " + actionsText(st.Actions, st.NotAction)
			public := st.NotPrincipal != nil
			if pr := st.Principal; pr != nil {
				public = public || pr.Wildcard
				for _, v := range pr.AWS {
					if v.Text == "*" || v.Text == "arn:aws:iam::*:root" {
						public = true
					}
				}
			}
			if public && !restricted && denies {
				narrowed, left := "", []string(nil)
				if public, narrowed, left = s.publicWithDenies(d, tree, &st); !public && narrowed != "" {
					shares = append(shares, shareTarget{who: narrowed, actions: left, statement: d.address + "#" + st.Label()})
				}
			}
			if public && !restricted {
				docPublic = true
				out = append(out, policyFinding{rule: "public-access", key: d.address + "#" + st.Label(), address: d.address, resource: d.resource,
					statement: d.address + "#" + st.Label(),
					message:   fmt.Sprintf("%s: statement %s %s to any principal (\"*\") without a condition that restricts the caller", d.address, st.Label(), what) + wideText(wide)})
			}
			if st.Principal == nil {
				continue
			}
			for _, who := range statementShares(&st, own) {
				acts := statementActionTexts(&st)
				if denies {
					keep, left, narrowed := s.shareWithDenies(d, &st, who)
					if !keep {
						continue
					}
					acts, who = left, narrowed
				}
				shares = append(shares, shareTarget{who: who, actions: acts, statement: d.address + "#" + st.Label()})
			}
			for _, v := range st.Principal.AWS {
				acct := principalAccount(v.Text)
				if acct == "" || known[acct] || trusted[acct] {
					continue
				}
				granted := what
				if denies {
					// EV-3: a Deny that removes every action the statement
					// grants this caller leaves nothing to warn about
					who := "principal " + v.Text
					if evaluator.IsAccountID(v.Text) || strings.HasSuffix(v.Text, ":root") {
						who = "account " + acct
					}
					keep, left, _ := s.shareWithDenies(d, &st, who)
					if !keep {
						continue
					}
					granted = "allows " + Abbreviate(left, 4)
				}
				out = append(out, policyFinding{rule: "unknown-account", key: d.address + "#" + acct, address: d.address, resource: d.resource,
					statement: d.address + "#" + st.Label(),
					message:   fmt.Sprintf("%s: statement %s %s to account %s, which is neither in the plan nor in trusted_accounts", d.address, st.Label(), granted, acct)})
			}
		}
		if f := sharedFinding(d, shares); f != nil && !docPublic {
			out = append(out, *f)
		}
	}
	return out
}

// grantsSomeAction reports whether a statement can match any request: an
// Action list made only of actions the reference data does not know
// matches none (AC-4), so it exposes nothing. NotAction and wildcard
// patterns always can.
func (s *SideAnalysis) grantsSomeAction(st *evaluator.Statement) bool {
	if st.NotAction || s.catalog == nil {
		return true
	}
	for _, v := range st.Actions {
		if strings.ContainsAny(v.Text, "*?") || s.catalog.ActionExists(v.Text) {
			return true
		}
	}
	return false
}

func actionsText(vs []evaluator.Value, not bool) string {
	as := make([]string, len(vs))
	for i, v := range vs {
		as[i] = v.Text
	}
	s := Abbreviate(as, 4)
	if not {
		return "everything except " + s
	}
	return s
}

// principalAccount is the account of an AWS principal value (12 digits or
// an ARN), "" when none.
func principalAccount(v string) string {
	if evaluator.IsAccountID(v) {
		return v
	}
	if strings.HasPrefix(v, "arn:") {
		if a := evaluator.ARNField(v, 4); evaluator.IsAccountID(a) {
			return a
		}
	}
	return ""
}

// validateAll validates every known document of a side (identity, managed,
// boundary, org, trust and resource policies), filling s.Invalid.
func (s *SideAnalysis) validateAll() {
	m := s.Model
	for _, p := range m.Policies {
		s.sanitize(p.Doc, evaluator.PolicyIdentity)
	}
	for _, id := range m.Principals() {
		s.PolicySet(id)
	}
	for _, g := range m.Groups {
		for _, ip := range g.Inline {
			s.sanitize(ip.Doc, evaluator.PolicyIdentity)
		}
	}
	for _, op := range m.Org.Policies {
		typ := evaluator.PolicySCP
		if op.Type == "RESOURCE_CONTROL_POLICY" {
			typ = evaluator.PolicyRCP
		}
		s.sanitize(op.Doc, typ)
	}
	for _, d := range s.resourceDocs() {
		s.sanitize(d.doc, d.typ)
	}
}

// policyResults runs the document findings on both sides.
func (a *Analysis) policyResults(trusted map[string]bool) []CheckResult {
	var out []CheckResult
	before := map[string]bool{}
	for _, f := range a.Before.exposureFindings(trusted) {
		before[f.key] = true
	}
	for _, f := range a.After.exposureFindings(trusted) {
		r := CheckResult{Rule: f.rule, Name: f.rule + " " + f.key, Status: StatusFail, Level: LevelError, Address: f.address, Resource: f.resource, Message: f.message,
			Conditions: f.conditions, Statement: f.statement}
		switch f.rule {
		case "unknown-account":
			r.Level = LevelWarning
		case "shared-access":
			r.Level = LevelNote
		}
		if f.dependsOn != "" {
			r.Status, r.DependsOn = StatusUnknown, []string{f.dependsOn}
		}
		if before[f.key] {
			r.PreExisting = true
			if r.Level == LevelError {
				r.Level = LevelWarning
			}
			r.Message += " (pre-existing)"
		}
		out = append(out, r)
	}
	a.Before.validateAll()
	a.After.validateAll()
	wasInvalid := map[string]bool{}
	for _, inv := range a.Before.Invalid {
		wasInvalid[inv.Name] = true
	}
	for _, inv := range a.After.Invalid {
		var errs []string
		for _, f := range inv.Findings {
			if f.Severity == evaluator.SeverityError {
				errs = append(errs, f.String())
			}
		}
		r := CheckResult{Rule: "invalid-policy", Name: "invalid-policy " + inv.Name, Status: StatusFail, Level: LevelError,
			Address: addressOfDoc(inv.Name),
			Message: fmt.Sprintf("%s is an invalid %s policy; the apply would fail (PT-11): %s", inv.Name, inv.Type, strings.Join(errs, "; "))}
		if wasInvalid[inv.Name] {
			r.PreExisting, r.Level = true, LevelWarning
			r.Message += " (pre-existing)"
		}
		out = append(out, r)
	}
	seen := map[string]bool{}
	for _, inv := range a.After.Invalid {
		seen[addressOfDoc(inv.Name)] = true // reported above
	}
	for _, d := range a.Diagnostics {
		if d.Severity != evaluator.SeverityError || d.Side == tfplan.Before {
			continue
		}
		k := d.Address + d.Summary
		if seen[k] || seen[d.Address] {
			continue
		}
		seen[k] = true
		out = append(out, CheckResult{Rule: "plan-error", Name: "plan-error " + d.Address, Status: StatusFail, Level: LevelError,
			Address: d.Address, Message: d.String()})
	}
	if a.Errored {
		out = append(out, CheckResult{Rule: "errored-plan", Name: "errored-plan", Status: StatusUnknown, Level: LevelError,
			Message: "the plan is errored (terraform plan failed, accepted with --allow-errored-plan): what it did not reach is missing, so every result may be incomplete"})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// resourceOrItself names the resource a policy protects, or "its resource"
// when the ARN is not known.
func resourceOrItself(arn string) string {
	if arn == "" || strings.Contains(arn, "known after apply") {
		return "its resource"
	}
	return arn
}

// addressOfDoc strips the attribute from a document name
// ("aws_iam_role.x.assume_role_policy" -> "aws_iam_role.x").
func addressOfDoc(name string) string {
	for _, suffix := range []string{".assume_role_policy", ".policy"} {
		if s, ok := strings.CutSuffix(name, suffix); ok {
			return s
		}
	}
	return name
}

// wideText explains conditions on caller keys that do not narrow the caller
// (a /0 range, a wildcard account).
func wideText(wide []string) string {
	if len(wide) == 0 {
		return ""
	}
	return " (" + strings.Join(dedupe(wide), ", ") + " lets callers of every network or account through)"
}
