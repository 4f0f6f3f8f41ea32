package evaluator

// ParsedPolicy is a policy document parsed and validated once, to be
// validated and compiled from the same parse: callers that validate every
// document before deciding (planscan reports invalid documents, PT-11)
// set PolicyDoc.Parsed, and compiling the document then parses nothing.
type ParsedPolicy struct {
	typ      PolicyType
	implied  bool // ImpliedResource applied (resource policies only)
	tree     *Policy
	findings []Finding
}

// ParseDocument parses a known document as the given type and validates it
// with opts (what Validate reports: ParsePolicy's findings plus, with a
// Catalog, the reference-data ones). doc.ImpliedResource or
// opts.ImpliedResource applies RS-1 to a resource policy. It returns nil for
// an unknown document (PT-5), which has nothing to parse.
func ParseDocument(doc PolicyDoc, typ PolicyType, opts Options) *ParsedPolicy {
	if doc.Unknown != nil {
		return nil
	}
	if doc.ImpliedResource {
		opts.ImpliedResource = true
	}
	tree, fs := parsePolicy(doc.JSON, typ, opts)
	return &ParsedPolicy{typ: typ, implied: impliedFor(typ, opts), tree: tree, findings: validateParsed(tree, fs, opts)}
}

// impliedFor is whether parsing applies ImpliedResource (RS-1).
func impliedFor(typ PolicyType, opts Options) bool {
	return opts.ImpliedResource && typ == PolicyResource
}

// Type is the policy type the document was parsed as.
func (p *ParsedPolicy) Type() PolicyType { return p.typ }

// Tree is the parsed document; nil when it is not a JSON object.
func (p *ParsedPolicy) Tree() *Policy { return p.tree }

// Findings are the parse and validation findings, sorted by byte offset.
func (p *ParsedPolicy) Findings() []Finding { return p.findings }

// Invalid reports whether the document has an E1/E2 finding (EV-21) or is
// not a JSON object.
func (p *ParsedPolicy) Invalid() bool { return p.tree == nil || HasErrors(p.findings) }

// parsedFor returns the document's parse when it was parsed as typ with
// the same reading of RS-1, else it parses and validates the JSON with
// opts.
func parsedFor(doc *PolicyDoc, typ PolicyType, opts Options) (*Policy, []Finding) {
	if p := doc.Parsed; p != nil && p.typ == typ && p.implied == impliedFor(typ, opts) {
		return p.tree, p.findings
	}
	tree, fs := parsePolicy(doc.JSON, typ, opts)
	return tree, validateParsed(tree, fs, opts)
}
