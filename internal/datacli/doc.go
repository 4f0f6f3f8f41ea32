// Package datacli is the reference-data side of planscan: loading the
// override files (--actions-override, --managed-policies-override) onto the
// embedded catalog, describing actions (planscan actions) and printing AWS
// managed policies (planscan managed-policy). It does no flag parsing.
package datacli
