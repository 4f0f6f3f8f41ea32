// Package iammodel builds the AWS IAM model of one side of a plan (accounts,
// principals, policies, attachments, resource policies, organizations) from
// tfplan's instances and values. Values known only after apply stay unknown
// (PT-1, PT-5): a policy document Terraform cannot know at plan time is an
// evaluator.PolicyDoc with an Unknown marker naming its Terraform address,
// never an empty document. It knows AWS resource types, not questions or
// reports: it must not import analysis or report.
package iammodel
