package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/report"
)

// runWhoCan answers planscan query --who-can: every (action, resource,
// side) in turn.
func runWhoCan(pf *planFlags, plan string, actions, resources []string, state, format string, stdout, stderr io.Writer) int {
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "planscan query: "+format+"\n", a...)
		return exitUsage
	}
	a, err := pf.load(plan)
	if err != nil {
		return fail("%v", err)
	}
	warnErrored(stderr, "query", a)
	sides, err := a.Sides(state)
	if err != nil {
		return fail("%v", err)
	}
	pf.writeNotice(stdout, stderr, format)
	for _, act := range actions {
		for _, r := range resources {
			absent := true
			for _, s := range sides {
				t, err := s.Target(r)
				if err != nil {
					return fail("%v", err)
				}
				absent = absent && t.Absent
			}
			if absent {
				return fail("resource %q: it names a resource that is in no %s state of the plan", r, state)
			}
			for _, s := range sides {
				t, _ := s.Target(r)
				rows, err := a.WhoCan(s, act, t)
				if err != nil {
					return fail("%s: %v", act, err)
				}
				label := t.Label()
				if t.Unknown != nil && t.Ref != "" {
					label = t.Ref
				}
				if err := report.WriteWhoCan(stdout, act, label, s.SideName(), rows, format); err != nil {
					return fail("%v", err)
				}
			}
		}
	}
	for _, inv := range a.InvalidPolicies() {
		fmt.Fprintf(stderr, "planscan query: warning: %s (%s) is an invalid %s policy: %s; the apply would fail, so decisions that depend on it are unknown (PT-11)\n", inv.Name, inv.Side, inv.Type, strings.TrimSpace(inv.Summary()))
	}
	return exitOK
}
