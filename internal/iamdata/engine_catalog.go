package iamdata

// EngineCatalog adapts a Catalog to the evaluator's Catalog interface
// (internal/evaluator/compiled.go), so the engine and validator can consult
// the reference data without this package importing the engine.
type EngineCatalog struct{ C *Catalog }

// Engine returns the adapter for c.
func (c *Catalog) Engine() EngineCatalog { return EngineCatalog{C: c} }

// Action reports whether the action exists and whether it is wildcard-only (RS-9).
func (e EngineCatalog) Action(name string) (known bool, wildcardOnly bool) {
	a, _, ok := e.engineAction(name)
	if !ok {
		return false, false
	}
	return true, a.WildcardOnly
}

// ServiceKnown reports whether the service prefix exists (AC-4).
func (e EngineCatalog) ServiceKnown(prefix string) bool { return e.engineServiceKnown(prefix) }

// ResourceFits reports whether arn fits one of the action's resource types (RS-10).
func (e EngineCatalog) ResourceFits(action, arn string) (fits bool, ok bool) {
	a, svc, found := e.engineAction(action)
	if !found {
		return false, false
	}
	_, fits = svc.matchResourceType(a, arn)
	return fits, true
}

// MultivaluedKey reports whether a condition key is multivalued (CO-15, CO-16).
func (e EngineCatalog) MultivaluedKey(key string) (multi bool, known bool) {
	multi = e.C.isMultivaluedKey(key, e.engineConditionKey)
	_, known = e.engineConditionKey(key, "")
	return multi, known || multi
}

// ConditionKeyType reports a condition key's type (String, Bool, Numeric,
// Date, IPAddress, ARN, ArrayOf...), for context quantification
// (evaluator.KeyTypeCatalog).
func (e EngineCatalog) ConditionKeyType(key string) (typ string, known bool) {
	k, ok := e.engineConditionKey(key, "")
	return k.Type, ok
}
