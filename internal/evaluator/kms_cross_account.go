package evaluator

// KMSCrossAccountCatalog is implemented by a Catalog that knows which KMS
// operations have effect on a key in another account (the iamdata package
// keeps the set with its source). Without it the engine applies no
// restriction (EV-15).
type KMSCrossAccountCatalog interface {
	// KMSCrossAccount reports whether a kms action (case-insensitive) can be
	// performed on a KMS key owned by another account.
	KMSCrossAccount(action string) bool
}

// kmsCrossAccount reports whether the action may take effect across
// accounts: always, unless the catalog says it is not a cross-account KMS
// operation.
func kmsCrossAccount(cat Catalog, action string) bool {
	k, ok := cat.(KMSCrossAccountCatalog)
	return !ok || k.KMSCrossAccount(action)
}

// kmsLocalOnlyNote explains a KMS operation denied because the key is in
// another account.
func kmsLocalOnlyNote(action string) Reason {
	return NoteReason("EV-15", action+" is not a KMS cross-account operation: a key policy or IAM policy that allows it "+
		"to another account has no effect (KMS Developer Guide, \"Allowing users in other accounts to use a KMS key\")")
}
