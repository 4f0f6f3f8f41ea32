package format

import (
	"fmt"
	"strings"
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

// DecodeServices decodes the uncompressed encoding b. Strings share one
// backing allocation and identical lists share one slice: treat every slice
// in the result as read-only.
func DecodeServices(b []byte) (*Services, error) {
	d := &decoder{buf: b}
	d.magic(ServicesMagic)

	nStr := d.count()
	lens := make([]int, nStr)
	total := 0
	for i := range lens {
		lens[i] = d.uvarint()
		total += lens[i]
	}
	if d.err == nil && total > len(d.buf) {
		d.fail("string table exceeds input")
	}
	if d.err != nil {
		return nil, d.err
	}
	blob := string(d.buf[:total])
	d.buf = d.buf[total:]
	strs := make([]string, nStr)
	off := 0
	for i, n := range lens {
		strs[i] = blob[off : off+n]
		off += n
	}
	str := func() string {
		i := d.uvarint()
		if i >= len(strs) {
			d.fail("string index out of range")
			return ""
		}
		return strs[i]
	}

	nList := d.count()
	lists := make([][]string, nList)
	backing := make([]string, 0, d.count())
	for i := range lists {
		n := d.count()
		if n > cap(backing)-len(backing) {
			d.fail("list table exceeds its size")
			return nil, d.err
		}
		start := len(backing)
		for range n {
			backing = append(backing, str())
		}
		if n > 0 {
			lists[i] = backing[start:len(backing):len(backing)]
		}
	}
	list := func() []string {
		i := d.uvarint()
		if i >= len(lists) {
			d.fail("list index out of range")
			return nil
		}
		return lists[i]
	}

	out := &Services{Services: make([]Service, d.count())}
	for si := range out.Services {
		svc := &out.Services[si]
		svc.Prefix = str()
		svc.ConditionKeys = make([]ConditionKey, d.count())
		for i := range svc.ConditionKeys {
			svc.ConditionKeys[i] = ConditionKey{Name: str(), Type: str()}
		}
		svc.ResourceTypes = make([]ResourceType, d.count())
		for i := range svc.ResourceTypes {
			svc.ResourceTypes[i] = ResourceType{Name: str(), ARNFormats: list(), ConditionKeys: list()}
		}
		svc.Actions = make([]Action, d.count())
		for i := range svc.Actions {
			a := &svc.Actions[i]
			a.Name = str()
			a.AccessLevel = str()
			if n := d.count(); n > 0 {
				a.ResourceTypes = make([]ActionResourceType, n)
				for j := range a.ResourceTypes {
					a.ResourceTypes[j] = ActionResourceType{Name: str(), Required: d.bool(), ConditionKeys: list()}
				}
			}
			a.ConditionKeys = list()
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
	return out, nil
}
