package format

import "fmt"

// Policy is the default version of one AWS managed policy.
type Policy struct {
	Name     string
	Path     string // "/" or "/service-role/" and the like
	Version  string // default version id, e.g. "v12"
	Document []byte // minified JSON
}

// EncodePolicies returns the uncompressed encoding of ps.
func EncodePolicies(ps []Policy) []byte {
	e := encoder{buf: []byte(PoliciesMagic)}
	e.uvarint(len(ps))
	for _, p := range ps {
		e.bytes([]byte(p.Name))
		e.bytes([]byte(p.Path))
		e.bytes([]byte(p.Version))
		e.bytes(p.Document)
	}
	return e.buf
}

// DecodePolicies decodes the uncompressed encoding b. Documents alias b.
func DecodePolicies(b []byte) ([]Policy, error) {
	d := &decoder{buf: b}
	d.magic(PoliciesMagic)
	ps := make([]Policy, d.count())
	for i := range ps {
		ps[i] = Policy{
			Name:     string(d.bytes()),
			Path:     string(d.bytes()),
			Version:  string(d.bytes()),
			Document: d.bytes(),
		}
		if d.err != nil {
			return nil, d.err
		}
	}
	if d.err != nil {
		return nil, d.err
	}
	if len(d.buf) != 0 {
		return nil, fmt.Errorf("%w: %d trailing bytes", ErrCorrupt, len(d.buf))
	}
	return ps, nil
}
