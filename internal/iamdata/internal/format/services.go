package format

import (
	"fmt"
	"strings"
	"unsafe"
)

// Services is the AWS service authorization reference without descriptions.
type Services struct {
	Services []Service
}

// Service is one service prefix and its actions, resource types and keys.
type Service struct {
	Prefix        string
	ConditionKeys []ConditionKey
	ResourceTypes []ResourceType
	Actions       []Action
}

// ConditionKey is a condition key name as AWS spells it and its type.
type ConditionKey struct {
	Name string
	Type string
}

// ResourceType is a resource type with its ARN templates and condition keys.
type ResourceType struct {
	Name          string
	ARNFormats    []string
	ConditionKeys []string
}

// Action is one IAM action; AccessLevel is already normalised.
type Action struct {
	Name          string
	AccessLevel   string
	ResourceTypes []ActionResourceType
	ConditionKeys []string
}

// ActionResourceType is a resource type an action accepts.
type ActionResourceType struct {
	Name          string
	Required      bool
	ConditionKeys []string
}

type interner struct {
	strs    []string
	strIdx  map[string]int
	lists   [][]int
	listIdx map[string]int
}

func (in *interner) str(s string) int {
	if i, ok := in.strIdx[s]; ok {
		return i
	}
	in.strIdx[s] = len(in.strs)
	in.strs = append(in.strs, s)
	return len(in.strs) - 1
}

func (in *interner) list(l []string) int {
	key := strings.Join(l, "\x00")
	if len(l) == 1 && l[0] == "" {
		key = "\x01"
	}
	if i, ok := in.listIdx[key]; ok {
		return i
	}
	idx := make([]int, len(l))
	for i, s := range l {
		idx[i] = in.str(s)
	}
	in.listIdx[key] = len(in.lists)
	in.lists = append(in.lists, idx)
	return len(in.lists) - 1
}

// EncodeServices returns the uncompressed encoding of s. The output depends
// only on s, so callers get deterministic bytes for sorted input.
func EncodeServices(s *Services) []byte {
	in := &interner{strIdx: map[string]int{}, listIdx: map[string]int{}}
	var body encoder
	body.uvarint(len(s.Services))
	for _, svc := range s.Services {
		body.uvarint(in.str(svc.Prefix))
		body.uvarint(len(svc.ConditionKeys))
		for _, k := range svc.ConditionKeys {
			body.uvarint(in.str(k.Name))
			body.uvarint(in.str(k.Type))
		}
		body.uvarint(len(svc.ResourceTypes))
		for _, rt := range svc.ResourceTypes {
			body.uvarint(in.str(rt.Name))
			body.uvarint(in.list(rt.ARNFormats))
			body.uvarint(in.list(rt.ConditionKeys))
		}
		body.uvarint(len(svc.Actions))
		for _, a := range svc.Actions {
			body.uvarint(in.str(a.Name))
			body.uvarint(in.str(a.AccessLevel))
			body.uvarint(len(a.ResourceTypes))
			for _, rt := range a.ResourceTypes {
				body.uvarint(in.str(rt.Name))
				body.bool(rt.Required)
				body.uvarint(in.list(rt.ConditionKeys))
			}
			body.uvarint(in.list(a.ConditionKeys))
		}
	}

	out := encoder{buf: []byte(ServicesMagic)}
	out.uvarint(len(in.strs))
	for _, str := range in.strs {
		out.uvarint(len(str))
	}
	for _, str := range in.strs {
		out.buf = append(out.buf, str...)
	}
	out.uvarint(len(in.lists))
	elems := 0
	for _, l := range in.lists {
		elems += len(l)
	}
	out.uvarint(elems)
	for _, l := range in.lists {
		out.uvarint(len(l))
		for _, i := range l {
			out.uvarint(i)
		}
	}
	out.buf = append(out.buf, body.buf...)
	return out.buf
}

// DecodeServices decodes the uncompressed encoding b. Strings alias b,
// which must not change afterwards, and identical lists share one slice:
// treat every slice in the result as read-only.
func DecodeServices(b []byte) (*Services, error) {
	ls, err := DecodeServicesLazy(b)
	if err != nil {
		return nil, err
	}
	out := &Services{Services: make([]Service, ls.Len())}
	for i := range out.Services {
		if out.Services[i], err = ls.Service(i); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// LazyServices is the encoding with its string and list tables decoded and
// each service's entry located but not decoded: Service decodes one.
type LazyServices struct {
	// The string table: string i is blob[strEnd[i-1]:strEnd[i]] (from 0
	// for the first), sliced when read. Offsets take a quarter of the
	// memory of string headers, and every decode of the embedded data
	// (each planscan eval process) writes them all.
	blob     string
	strEnd   []uint32
	lists    [][]string
	prefixes []string
	bodies   [][]byte // each service's entry, after its prefix
}

// Len is the number of services.
func (l *LazyServices) Len() int { return len(l.prefixes) }

// Prefix returns the prefix of service i as the data spells it.
func (l *LazyServices) Prefix(i int) string { return l.prefixes[i] }

// DecodeServicesLazy decodes the tables of b and locates every service,
// checking the whole structure as DecodeServices does. The result's
// strings and entries alias b, which must not change afterwards.
func DecodeServicesLazy(b []byte) (*LazyServices, error) {
	d := &decoder{buf: b}
	d.magic(ServicesMagic)

	nStr := d.count()
	l := &LazyServices{strEnd: make([]uint32, nStr)}
	total := 0
	for i := range l.strEnd {
		total += d.uvarint()
		if total > len(d.buf) {
			d.fail("string table exceeds input")
			break
		}
		l.strEnd[i] = uint32(total)
	}
	if d.err != nil {
		return nil, d.err
	}
	// The table aliases b, as the service entries do (b is never written
	// after it is decoded): copying it would write 0.6 MB more.
	l.blob = unsafe.String(unsafe.SliceData(d.buf), total)
	d.buf = d.buf[total:]

	nList := d.count()
	l.lists = make([][]string, nList)
	backing := make([]string, 0, d.count())
	for i := range l.lists {
		n := d.count()
		if n > cap(backing)-len(backing) {
			d.fail("list table exceeds its size")
			return nil, d.err
		}
		start := len(backing)
		for range n {
			backing = append(backing, l.str(d))
		}
		if n > 0 {
			l.lists[i] = backing[start:len(backing):len(backing)]
		}
	}

	n := d.count()
	l.prefixes = make([]string, 0, n)
	l.bodies = make([][]byte, 0, n)
	for range n {
		prefix := l.str(d)
		body := d.buf
		l.decodeBody(d, nil) // skim: check and skip the entry
		if d.err != nil {
			return nil, d.err
		}
		l.prefixes = append(l.prefixes, prefix)
		l.bodies = append(l.bodies, body[:len(body)-len(d.buf)])
	}
	if d.err != nil {
		return nil, d.err
	}
	if len(d.buf) != 0 {
		return nil, fmt.Errorf("%w: %d trailing bytes", ErrCorrupt, len(d.buf))
	}
	return l, nil
}

// Service decodes service i.
func (l *LazyServices) Service(i int) (Service, error) {
	svc := Service{Prefix: l.prefixes[i]}
	d := &decoder{buf: l.bodies[i]}
	l.decodeBody(d, &svc)
	if d.err == nil && len(d.buf) != 0 {
		d.fail("service entry has trailing bytes")
	}
	return svc, d.err
}

func (l *LazyServices) str(d *decoder) string {
	i := d.uvarint()
	if i >= len(l.strEnd) {
		d.fail("string index out of range")
		return ""
	}
	start := uint32(0)
	if i > 0 {
		start = l.strEnd[i-1]
	}
	return l.blob[start:l.strEnd[i]]
}

func (l *LazyServices) list(d *decoder) []string {
	i := d.uvarint()
	if i >= len(l.lists) {
		d.fail("list index out of range")
		return nil
	}
	return l.lists[i]
}

// decodeBody reads one service entry after its prefix into svc, or only
// checks and skips it when svc is nil.
func (l *LazyServices) decodeBody(d *decoder, svc *Service) {
	keep := svc != nil
	if !keep {
		svc = &Service{}
	}
	n := d.count()
	if keep {
		svc.ConditionKeys = make([]ConditionKey, n)
	}
	for i := range n {
		k := ConditionKey{Name: l.str(d), Type: l.str(d)}
		if keep {
			svc.ConditionKeys[i] = k
		}
	}
	n = d.count()
	if keep {
		svc.ResourceTypes = make([]ResourceType, n)
	}
	for i := range n {
		rt := ResourceType{Name: l.str(d), ARNFormats: l.list(d), ConditionKeys: l.list(d)}
		if keep {
			svc.ResourceTypes[i] = rt
		}
	}
	n = d.count()
	if keep {
		svc.Actions = make([]Action, n)
	}
	for i := range n {
		a := Action{Name: l.str(d), AccessLevel: l.str(d)}
		if m := d.count(); m > 0 {
			if keep {
				a.ResourceTypes = make([]ActionResourceType, m)
			}
			for j := range m {
				rt := ActionResourceType{Name: l.str(d), Required: d.bool(), ConditionKeys: l.list(d)}
				if keep {
					a.ResourceTypes[j] = rt
				}
			}
		}
		a.ConditionKeys = l.list(d)
		if keep {
			svc.Actions[i] = a
		}
		if d.err != nil {
			return
		}
	}
}
