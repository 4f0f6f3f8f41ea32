// Package tfplan reads `terraform show -json` output: the plan (or a state
// file), the resource instances of each side (count and for_each included),
// plan values (known, unknown, partially known) and the configuration
// references that resolve unknown values. It knows Terraform, not AWS IAM:
// it must not import iammodel, analysis, report or the evaluator's decisions.
package tfplan
