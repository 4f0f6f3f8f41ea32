// Package tfconfig reads the Terraform configuration source of a plan (the
// root module, local modules and modules installed under .terraform/modules,
// native and JSON syntax) and re-evaluates the expressions of policy-bearing
// attributes and aws_iam_policy_document blocks with the plan's known values
// (hcl/v2 + cty). A value still unknown stays unknown: it is never guessed.
//
// It sits beside tfplan at the bottom of planscan's stages: iammodel may
// import it; it imports tfplan and the hcl/cty libraries only, never
// iammodel, analysis or report.
package tfconfig
