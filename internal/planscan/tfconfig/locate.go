package tfconfig

import (
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// Locate returns where the block of a Terraform resource address is
// declared: the header of its resource or data block (`resource "t" "n" {`),
// found through the module calls of the address. The instances of a block
// (count, for_each) share its location. A resource of a module installed
// under .terraform (not part of the repository) is located at the module
// call that brings it in. ok is false when the source declares no such
// block or the address does not parse.
func (c *Config) Locate(address string) (hcl.Range, bool) {
	r, outer, _ := c.resource(address)
	switch {
	case r == nil:
		return hcl.Range{}, false
	case outer.Filename != "":
		return outer, true
	}
	return r.Range, true
}

// resource finds the block of a resource address, the outermost module
// call whose module is installed under .terraform (zero when none) and the
// module that declares it.
func (c *Config) resource(address string) (*Resource, hcl.Range, *Module) {
	if c == nil || c.Root == nil {
		return nil, hcl.Range{}, nil
	}
	calls, key, ok := parseAddress(address)
	if !ok {
		return nil, hcl.Range{}, nil
	}
	m := c.Root
	var outer hcl.Range
	for _, name := range calls {
		call := m.Calls[name]
		if call == nil || call.Module == nil {
			return nil, hcl.Range{}, nil
		}
		if outer.Filename == "" && installed(call.Module.Dir) && !installed(call.Range.Filename) {
			outer = call.Range
		}
		m = call.Module
	}
	return m.Resources[key], outer, m
}

// installed reports whether a path lies under a .terraform directory
// (modules terraform init downloaded).
func installed(path string) bool {
	for _, part := range strings.Split(filepath.ToSlash(path), "/") {
		if part == ".terraform" {
			return true
		}
	}
	return false
}

// parseAddress splits a resource instance address
// (module.a["k"].module.b[0].data.t.n[1]) into its module call names and
// the resource key ("managed.t.n" or "data.t.n"); instance keys are
// dropped. It reads the address as an HCL traversal, as Terraform does.
func parseAddress(address string) (calls []string, key string, ok bool) {
	tr, ds := hclsyntax.ParseTraversalAbs([]byte(address), "", hcl.InitialPos)
	if ds.HasErrors() || len(tr) == 0 {
		return nil, "", false
	}
	var names []string
	for i, step := range tr {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			names = append(names, s.Name)
		case hcl.TraverseAttr:
			names = append(names, s.Name)
		case hcl.TraverseIndex:
			if i == 0 || !validKey(s.Key) {
				return nil, "", false
			}
			names[len(names)-1] += "[]" // an instance key: dropped below
		default:
			return nil, "", false
		}
	}
	for len(names) >= 2 && names[0] == "module" {
		calls = append(calls, strings.TrimSuffix(names[1], "[]"))
		names = names[2:]
	}
	mode := "managed"
	if len(names) == 3 && names[0] == "data" {
		mode, names = "data", names[1:]
	}
	if len(names) != 2 || strings.HasSuffix(names[0], "[]") {
		return nil, "", false
	}
	return calls, mode + "." + names[0] + "." + strings.TrimSuffix(names[1], "[]"), true
}

// validKey: instance keys are numbers or strings.
func validKey(v cty.Value) bool {
	return v.IsKnown() && !v.IsNull() && (v.Type() == cty.String || v.Type() == cty.Number)
}
