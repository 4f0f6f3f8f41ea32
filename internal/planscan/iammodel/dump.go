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
		if len(id.Tags) > 0 {
			for _, k := range slices.Sorted(maps.Keys(id.Tags)) {
				fmt.Fprintf(&b, "  tag %s=%s\n", k, id.Tags[k])
			}
		}
		if id.TagsUnknown != nil {
			fmt.Fprintf(&b, "  tags unknown: %s\n", id.TagsUnknown.Reason)
		}
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
