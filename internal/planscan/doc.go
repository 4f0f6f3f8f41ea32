// Package planscan is the home of the plan checker. Its stages are the
// packages below it, along the data flow, with imports pointing one way
// (docs/architecture.md):
//
//	tfplan    terraform show -json -> resource instances of each side, plan
//	          values (known, unknown, partially known), references followed
//	tfconfig  the Terraform source of the plan (hcl/v2 + cty): documents
//	          known only after apply rebuilt from expressions and plan values
//	iammodel  the IAM model of one side: accounts, principals, policies,
//	          attachments, resource policies, organizations
//	analysis  queries, access matrix, diff, findings, the planscan.hcl gate
//	report    text, JSON, Markdown, SARIF and JUnit renderings of analysis
//
// cmd/planscan -> report -> analysis -> iammodel -> tfconfig, tfplan ->
// evaluator, iamdata. This package holds no code: only the test that keeps the imports
// of the stages pointing that way.
package planscan
