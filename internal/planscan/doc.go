// Package planscan reads `terraform show -json` output and builds the AWS
// IAM model of the account(s) as they are before the planned change and as
// they will be after it. Values known only after apply stay unknown
// (PT-1, PT-5): a policy document Terraform cannot know at plan time becomes
// an evaluator.PolicyDoc with an Unknown marker naming its Terraform
// address, never an empty document.
//
// Layers:
//
//	load.go       plan JSON -> *tfjson.Plan (format checks, clear errors)
//	instances.go  resource instances of each side (before / after)
//	resolve.go    unknown values: prior state, configuration references,
//	              ARN synthesis from names, paths and the account id
//	extract_*.go  IAM entities, resource policies, org policies
//	model.go      the Model and its queries (Principals, PolicySetFor,
//	              ResourcePolicyFor)
//
// Everything except load_exec.go is pure: no files, no processes.
package planscan
