// Package evaluator is iamsim's IAM engine: it parses and validates AWS IAM
// policy documents, compiles them once, and decides requests many times,
// following the rules of shared/design/iam-semantics.md (rule ids such as
// EV-7 or CO-13 are cited in the code and tests).
//
// The package is pure: no file, network or Terraform access. Callers (the
// planscan CLI, the Terraform provider) build a PolicySet and a Request and
// ask a CompiledSet for a Result. A caller that validates documents before
// deciding parses each once (ParseDocument, PolicyDoc.Parsed); one that
// decides many principals against many resource policies asks a compiled
// policy which callers its Principal elements can name (PrincipalApplies,
// PrincipalKeys) instead of reading the elements itself.
//
// Evaluation is three-valued (PT-2): policy documents, context values and
// ARNs may be unknown, and the engine only answers allowed, explicitDeny or
// implicitDeny when every completion of the unknowns gives that answer;
// otherwise it answers unknown and names what the answer depends on.
package evaluator
