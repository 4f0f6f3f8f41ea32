package iammodel

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// Dump renders the model as deterministic text, one entity per block: for
// debugging (planscan's model view) and golden tests.
func (m *Model) Dump() string {
	var b strings.Builder
	fmt.Fprintf(&b, "side %s account %s region %q accounts %v\n", m.Side, m.Account, m.Region, m.Accounts)
	for _, id := range m.Principals() {
		fmt.Fprintf(&b, "%s %s (%s) name=%s path=%s arn=%s account=%s\n", id.Kind, id.Address, id.Action, id.Name, id.Path, id.ARN, id.Account)
		dumpTags(&b, id.Tags, id.TagsUnknown)
		if id.Trust != nil {
			fmt.Fprintf(&b, "  trust %s\n", docLine(*id.Trust))
		}
		for _, g := range id.Groups {
			fmt.Fprintf(&b, "  group %s\n", g.Address)
		}
		for _, u := range id.MaybeGroups {
			fmt.Fprintf(&b, "  maybe-group %s\n", u.Reason)
		}
		set := m.PolicySetFor(id)
		for _, d := range set.Identity {
			fmt.Fprintf(&b, "  identity %s\n", docLine(d))
		}
		for _, d := range set.Boundaries {
			fmt.Fprintf(&b, "  boundary %s\n", docLine(d))
		}
		for i, lvl := range set.SCPs {
			for _, d := range lvl {
				fmt.Fprintf(&b, "  scp[%d] %s\n", i, docLine(d))
			}
		}
		for i, lvl := range set.RCPs {
			for _, d := range lvl {
				fmt.Fprintf(&b, "  rcp[%d] %s\n", i, docLine(d))
			}
		}
	}
	for _, g := range m.Groups {
		fmt.Fprintf(&b, "group %s (%s) name=%s arn=%s members=%d\n", g.Address, g.Action, g.Name, g.ARN, len(g.Members))
	}
	for _, p := range m.Policies {
		fmt.Fprintf(&b, "policy %s (%s) name=%s arn=%s doc %s\n", p.Address, p.Action, p.Name, p.ARN, docLine(p.Doc))
	}
	for _, ip := range m.InstanceProfiles {
		role := "-"
		if ip.Role != nil {
			role = ip.Role.Address
		}
		fmt.Fprintf(&b, "instance-profile %s role=%s\n", ip.Address, role)
	}
	for _, rp := range m.ResourcePolicies {
		doc := "none"
		if rp.Doc != nil {
			doc = docLine(*rp.Doc)
		}
		fmt.Fprintf(&b, "resource %s %s %s arn=%s account=%s policy-from=%s in-plan=%t default=%t doc %s\n",
			rp.Service, rp.Type, rp.Address, rp.ARN, rp.Account, rp.PolicyAddress, rp.InPlan, rp.DefaultKeyPolicy, doc)
		for _, g := range rp.Grants {
			dumpGrant(&b, g)
		}
	}
	for _, g := range m.KMSGrants {
		if g.Key == nil {
			b.WriteString("kms-grant-outside-plan-key key=" + g.KeyRef.String() + "\n")
			dumpGrant(&b, g)
		}
	}
	for _, tr := range m.ResourceTags {
		if len(tr.Tags) == 0 && tr.TagsUnknown == nil {
			continue // untagged: every aws:ResourceTag/ key is absent
		}
		fmt.Fprintf(&b, "resource-tags %s %s arn=%s\n", tr.Type, tr.Address, tr.ARN)
		dumpTags(&b, tr.Tags, tr.TagsUnknown)
	}
	for _, p := range m.Org.Policies {
		fmt.Fprintf(&b, "org-policy %s %s id=%s targets=%d doc %s\n", p.Type, p.Address, p.ID, len(p.Targets), docLine(p.Doc))
		for _, t := range p.Targets {
			fmt.Fprintf(&b, "  target %s id=%s node=%s\n", t.Address, t.ID, t.Node)
		}
	}
	for _, d := range m.PolicyDocuments {
		state := "known"
		if !d.JSON.Known() {
			state = "unknown: " + d.JSON.Unknown.Reason
		}
		fmt.Fprintf(&b, "policy-document %s %s\n", d.Address, state)
	}
	for _, e := range m.External {
		fmt.Fprintf(&b, "external %s %s %s: %s\n", e.Address, e.Kind, e.Ref, e.Note)
	}
	for _, k := range slices.Sorted(maps.Keys(m.Ignored)) {
		fmt.Fprintf(&b, "ignored %s %d\n", k, m.Ignored[k])
	}
	return b.String()
}

// dumpTags writes a principal's or a resource's tags, one a line.
func dumpTags(b *strings.Builder, tags map[string]string, unknown *evaluator.Unknown) {
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		fmt.Fprintf(b, "  tag %s=%s\n", k, tags[k])
	}
	if unknown != nil {
		fmt.Fprintf(b, "  tags unknown: %s\n", unknown.Reason)
	}
}

// dumpGrant writes a KMS grant as the model reads it: its grantee,
// retiring principal, operations and encryption-context constraints.
func dumpGrant(b *strings.Builder, g *KMSGrant) {
	fmt.Fprintf(b, "  grant %s name=%s grantee=%s retiring=%s operations=%s", g.Address, g.Name, g.Grantee, g.Retiring, strings.Join(g.Operations, ","))
	for _, c := range []struct {
		label string
		m     map[string]string
	}{{"context-equals", g.Equals}, {"context-subset", g.Subset}} {
		if len(c.m) == 0 {
			continue
		}
		pairs := make([]string, 0, len(c.m))
		for _, k := range slices.Sorted(maps.Keys(c.m)) {
			pairs = append(pairs, k+"="+c.m[k])
		}
		fmt.Fprintf(b, " %s=%s", c.label, strings.Join(pairs, ","))
	}
	if g.Unknown != nil {
		fmt.Fprintf(b, " UNKNOWN(%s)", g.Unknown.Reason)
	}
	b.WriteString("\n")
}

// docLine is a one-line description of a document: its name and either
// its size or its unknown reason.
func docLine(d evaluator.PolicyDoc) string {
	if d.Unknown != nil {
		s := d.Name + " UNKNOWN(" + d.Unknown.Reason
		if d.Unknown.Prefix != "" {
			s += " prefix=" + d.Unknown.Prefix
		}
		return s + ")"
	}
	return fmt.Sprintf("%s %dB", d.Name, len(d.JSON))
}
