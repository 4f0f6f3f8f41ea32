package evaluator

// CompiledResource is a resource document compiled once, as a resource
// policy and as a trust policy, to be attached to many compiled sets
// (planscan's access matrix decides every principal against the same
// resource documents).
type CompiledResource struct{ resource, trust *CompiledPolicy }

// CompileResource compiles a resource document for WithCompiledResource.
// opts must be the options of the sets it is attached to.
func CompileResource(doc *PolicyDoc, opts Options) *CompiledResource {
	var c CompiledSet
	c.opts = opts
	c.setResource(doc)
	return &CompiledResource{resource: c.resource, trust: c.trust}
}

// WithCompiledResource is WithResource with a document compiled once.
func (c *CompiledSet) WithCompiledResource(r *CompiledResource) *CompiledSet {
	n := *c
	n.resource, n.trust = r.resource, r.trust
	return &n
}
