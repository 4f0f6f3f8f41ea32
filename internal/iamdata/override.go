package iamdata

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/iamdata/internal/format"
	"github.com/iamsim/terraform-provider-iamsim/internal/inputlimit"
)

// ErrInvalidOverride is wrapped by every error about override JSON.
var ErrInvalidOverride = errors.New("invalid override")

// WithActions returns a catalog that adds to or replaces parts of c's
// service reference; c is unchanged and the managed policies are shared.
// The JSON document has three optional lists, applied in this order:
//
//	{
//	  "conditionKeys": [{"name": "s3:NewKey", "type": "String"}],
//	  "resourceTypes": [{"service": "s3", "name": "thing",
//	                     "arnFormats": ["arn:${Partition}:s3:::thing/${Id}"],
//	                     "conditionKeys": ["s3:NewKey"]}],
//	  "actions": [{"name": "s3:NewThing", "accessLevel": "Read",
//	               "resourceTypes": ["object", {"name": "thing", "required": true, "conditionKeys": []}],
//	               "conditionKeys": ["s3:NewKey"]}]
//	}
//
// An entry whose name (case-insensitive) exists replaces the existing one;
// other entries are added, creating the service if needed. accessLevel takes
// the values of [ParseAccessLevel]; a resourceTypes entry is a name or an
// object; a type must exist in the action's service after the override.
// Unknown fields are errors. Errors wrap [ErrInvalidOverride] and name the
// entry, e.g. `actions[2] "s3:X": unknown resource type "objekt"`.
func (c *Catalog) WithActions(data []byte) (*Catalog, error) {
	var doc actionsOverride
	if err := decodeStrict(data, &doc); err != nil {
		return nil, fmt.Errorf("%w: actions: %w", ErrInvalidOverride, err)
	}
	src, err := applyActionsOverride(c.services().src, &doc)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidOverride, err)
	}
	idx, err := buildServiceIndex(src)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidOverride, err)
	}
	return &Catalog{services: func() *serviceIndex { return idx }, policies: c.policies}, nil
}

// WithManagedPolicies returns a catalog that adds or replaces AWS managed
// policies; c is unchanged and the service reference is shared:
//
//	{"policies": [{"arn": "arn:aws:iam::aws:policy/service-role/X",
//	               "version": "v3", "document": {"Version": "2012-10-17", "Statement": []}}]}
//
// arn is an AWS managed policy ARN in any partition (the policy is found
// from every partition); version defaults to "v1"; document is a JSON
// object with a Statement and is stored minified.
func (c *Catalog) WithManagedPolicies(data []byte) (*Catalog, error) {
	var doc policiesOverride
	if err := decodeStrict(data, &doc); err != nil {
		return nil, fmt.Errorf("%w: managed policies: %w", ErrInvalidOverride, err)
	}
	base := c.policies().src
	merged := slices.Clone(base)
	pos := make(map[string]int, len(merged))
	for i, p := range merged {
		pos[p.Name] = i
	}
	seen := map[string]bool{}
	for i, e := range doc.Policies {
		p, err := e.toPolicy()
		if err != nil {
			return nil, fmt.Errorf("%w: policies[%d]: %w", ErrInvalidOverride, i, err)
		}
		if seen[p.Name] {
			return nil, fmt.Errorf("%w: policies[%d] %q: listed twice", ErrInvalidOverride, i, e.ARN)
		}
		seen[p.Name] = true
		if j, ok := pos[p.Name]; ok {
			merged[j] = p
		} else {
			pos[p.Name] = len(merged)
			merged = append(merged, p)
		}
	}
	slices.SortFunc(merged, func(a, b format.Policy) int { return strings.Compare(a.Name, b.Name) })
	idx, err := buildPolicyIndex(merged)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidOverride, err)
	}
	return &Catalog{services: c.services, policies: func() *policyIndex { return idx }, lazy: c.lazy, full: c.full}, nil
}

// MaxOverrideBytes is the size limit of an override file: several times
// the whole embedded reference data.
const MaxOverrideBytes = 64 << 20

// ReadOverrideFile reads an override file of at most MaxOverrideBytes
// without blocking on a named pipe (see inputlimit.ReadFile); errors name
// the file and the limit.
func ReadOverrideFile(name string) ([]byte, error) {
	return inputlimit.ReadFile(name, "override file", MaxOverrideBytes)
}

// LoadActionsOverride reads an actions override from r (at most
// MaxOverrideBytes) and applies it to [Default]; see [Catalog.WithActions].
func LoadActionsOverride(r io.Reader) (*Catalog, error) {
	data, err := inputlimit.ReadAll(r, "actions override", "override file", MaxOverrideBytes)
	if err != nil {
		return nil, fmt.Errorf("read actions override: %w", err)
	}
	return defaultCatalog.WithActions(data)
}

// LoadManagedPoliciesOverride reads a managed-policy override from r (at
// most MaxOverrideBytes) and applies it to [Default]; see
// [Catalog.WithManagedPolicies].
func LoadManagedPoliciesOverride(r io.Reader) (*Catalog, error) {
	data, err := inputlimit.ReadAll(r, "managed policies override", "override file", MaxOverrideBytes)
	if err != nil {
		return nil, fmt.Errorf("read managed policies override: %w", err)
	}
	return defaultCatalog.WithManagedPolicies(data)
}

type policiesOverride struct {
	Policies []policyOverride `json:"policies"`
}

type policyOverride struct {
	ARN      string          `json:"arn"`
	Version  string          `json:"version"`
	Document json.RawMessage `json:"document"`
}

func (e policyOverride) toPolicy() (format.Policy, error) {
	if e.ARN == "" {
		return format.Policy{}, errors.New("missing arn")
	}
	if !strings.HasPrefix(e.ARN, "arn:") {
		return format.Policy{}, fmt.Errorf("arn %q: not an ARN", e.ARN)
	}
	_, path, name, ok := splitManagedPolicyRef(e.ARN)
	if !ok {
		return format.Policy{}, fmt.Errorf("arn %q: not an AWS managed policy ARN (arn:PARTITION:iam::aws:policy/[PATH/]NAME)", e.ARN)
	}
	if e.Version == "" {
		e.Version = "v1"
	}
	if len(e.Document) == 0 {
		return format.Policy{}, fmt.Errorf("arn %q: missing document", e.ARN)
	}
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(e.Document, &probe); err != nil || probe == nil {
		return format.Policy{}, fmt.Errorf("arn %q: document is not a JSON object", e.ARN)
	}
	if _, ok := probe["Statement"]; !ok {
		return format.Policy{}, fmt.Errorf("arn %q: document has no Statement", e.ARN)
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, e.Document); err != nil {
		return format.Policy{}, fmt.Errorf("arn %q: document: %w", e.ARN, err)
	}
	return format.Policy{Name: name, Path: path, Version: e.Version, Document: buf.Bytes()}, nil
}

type actionsOverride struct {
	ConditionKeys []conditionKeyOverride `json:"conditionKeys"`
	ResourceTypes []resourceTypeOverride `json:"resourceTypes"`
	Actions       []actionOverride       `json:"actions"`
}

type conditionKeyOverride struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

type resourceTypeOverride struct {
	Service       string   `json:"service"`
	Name          string   `json:"name"`
	ARNFormats    []string `json:"arnFormats"`
	ConditionKeys []string `json:"conditionKeys"`
}

type actionOverride struct {
	Name          string                       `json:"name"`
	AccessLevel   string                       `json:"accessLevel"`
	ResourceTypes []actionResourceTypeOverride `json:"resourceTypes"`
	ConditionKeys []string                     `json:"conditionKeys"`
}

// actionResourceTypeOverride is a resource type name or an object.
type actionResourceTypeOverride struct {
	Name          string   `json:"name"`
	Required      bool     `json:"required"`
	ConditionKeys []string `json:"conditionKeys"`
}

func (r *actionResourceTypeOverride) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &r.Name)
	}
	type plain actionResourceTypeOverride
	var p plain
	if err := decodeStrict(b, &p); err != nil {
		return err
	}
	*r = actionResourceTypeOverride(p)
	return nil
}

// conditionKeyTypes are the types an override may declare.
var conditionKeyTypes = []string{
	"String", "ArrayOfString", "ARN", "ArrayOfARN", "Bool", "ArrayOfBool", "Date", "ArrayOfDate",
	"Numeric", "ArrayOfNumeric", "IPAddress", "ArrayOfIPAddress", "Binary",
}

func applyActionsOverride(base *format.Services, doc *actionsOverride) (*format.Services, error) {
	out := &format.Services{Services: slices.Clone(base.Services)}
	pos := make(map[string]int, len(out.Services))
	for i, s := range out.Services {
		pos[strings.ToLower(s.Prefix)] = i
	}
	copied := map[string]bool{}
	// edit returns a private copy of a service, creating it when missing.
	edit := func(prefix string) *format.Service {
		lp := strings.ToLower(prefix)
		i, ok := pos[lp]
		if !ok {
			i = len(out.Services)
			pos[lp] = i
			out.Services = append(out.Services, format.Service{Prefix: lp})
			copied[lp] = true
		}
		s := &out.Services[i]
		if !copied[lp] {
			s.ConditionKeys = slices.Clone(s.ConditionKeys)
			s.ResourceTypes = slices.Clone(s.ResourceTypes)
			s.Actions = slices.Clone(s.Actions)
			copied[lp] = true
		}
		return s
	}

	seen := map[string]bool{}
	for i, k := range doc.ConditionKeys {
		prefix, rest, _ := strings.Cut(k.Name, ":")
		where := fmt.Sprintf("conditionKeys[%d] %q", i, k.Name)
		switch {
		case !validPrefix(strings.ToLower(prefix)) || rest == "":
			return nil, fmt.Errorf("%s: name must be service:key", where)
		case !slices.Contains(conditionKeyTypes, k.Type):
			return nil, fmt.Errorf("%s: unknown type %q (want one of %s)", where, k.Type, strings.Join(conditionKeyTypes, ", "))
		case seen["k"+strings.ToLower(k.Name)]:
			return nil, fmt.Errorf("%s: listed twice", where)
		}
		seen["k"+strings.ToLower(k.Name)] = true
		s := edit(prefix)
		ck := format.ConditionKey{Name: k.Name, Type: k.Type}
		if j := slices.IndexFunc(s.ConditionKeys, func(x format.ConditionKey) bool { return strings.EqualFold(x.Name, k.Name) }); j >= 0 {
			s.ConditionKeys[j] = ck
		} else {
			s.ConditionKeys = append(s.ConditionKeys, ck)
		}
	}

	for i, rt := range doc.ResourceTypes {
		where := fmt.Sprintf("resourceTypes[%d] %q", i, rt.Service+"/"+rt.Name)
		switch {
		case !validPrefix(strings.ToLower(rt.Service)):
			return nil, fmt.Errorf("%s: bad or missing service", where)
		case !validName(rt.Name):
			return nil, fmt.Errorf("%s: bad or missing name", where)
		case len(rt.ARNFormats) == 0:
			return nil, fmt.Errorf("%s: missing arnFormats", where)
		case seen["r"+strings.ToLower(rt.Service+":"+rt.Name)]:
			return nil, fmt.Errorf("%s: listed twice", where)
		}
		seen["r"+strings.ToLower(rt.Service+":"+rt.Name)] = true
		for _, f := range rt.ARNFormats {
			if _, err := compileARNTemplate(f); err != nil {
				return nil, fmt.Errorf("%s: %w", where, err)
			}
		}
		if err := checkKeyNames(rt.ConditionKeys); err != nil {
			return nil, fmt.Errorf("%s: %w", where, err)
		}
		s := edit(rt.Service)
		frt := format.ResourceType{Name: rt.Name, ARNFormats: slices.Clone(rt.ARNFormats), ConditionKeys: slices.Clone(rt.ConditionKeys)}
		if j := slices.IndexFunc(s.ResourceTypes, func(x format.ResourceType) bool { return strings.EqualFold(x.Name, rt.Name) }); j >= 0 {
			s.ResourceTypes[j] = frt
		} else {
			s.ResourceTypes = append(s.ResourceTypes, frt)
		}
	}

	for i, a := range doc.Actions {
		where := fmt.Sprintf("actions[%d] %q", i, a.Name)
		prefix, name, _ := strings.Cut(a.Name, ":")
		prefix = strings.ToLower(prefix)
		if !validPrefix(prefix) || !validName(name) {
			return nil, fmt.Errorf("%s: name must be service:Action without wildcards", where)
		}
		if seen["a"+strings.ToLower(a.Name)] {
			return nil, fmt.Errorf("%s: listed twice", where)
		}
		seen["a"+strings.ToLower(a.Name)] = true
		level, err := ParseAccessLevel(a.AccessLevel)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", where, err)
		}
		if err := checkKeyNames(a.ConditionKeys); err != nil {
			return nil, fmt.Errorf("%s: %w", where, err)
		}
		s := edit(prefix)
		fa := format.Action{Name: name, AccessLevel: string(level), ConditionKeys: slices.Clone(a.ConditionKeys)}
		for _, rt := range a.ResourceTypes {
			j := slices.IndexFunc(s.ResourceTypes, func(x format.ResourceType) bool { return strings.EqualFold(x.Name, rt.Name) })
			if j < 0 {
				return nil, fmt.Errorf("%s: unknown resource type %q in service %s", where, rt.Name, s.Prefix)
			}
			if slices.ContainsFunc(fa.ResourceTypes, func(x format.ActionResourceType) bool { return x.Name == s.ResourceTypes[j].Name }) {
				return nil, fmt.Errorf("%s: resource type %q listed twice", where, rt.Name)
			}
			if err := checkKeyNames(rt.ConditionKeys); err != nil {
				return nil, fmt.Errorf("%s: resource type %q: %w", where, rt.Name, err)
			}
			fa.ResourceTypes = append(fa.ResourceTypes, format.ActionResourceType{
				Name: s.ResourceTypes[j].Name, Required: rt.Required, ConditionKeys: slices.Clone(rt.ConditionKeys),
			})
		}
		if j := slices.IndexFunc(s.Actions, func(x format.Action) bool { return strings.EqualFold(x.Name, name) }); j >= 0 {
			s.Actions[j] = fa
		} else {
			s.Actions = append(s.Actions, fa)
		}
	}
	return out, nil
}

func checkKeyNames(keys []string) error {
	for _, k := range keys {
		if p, rest, ok := strings.Cut(k, ":"); !ok || p == "" || rest == "" {
			return fmt.Errorf("condition key %q must be prefix:key", k)
		}
	}
	return nil
}

// validPrefix accepts service prefixes: lower-case letters, digits and '-'.
func validPrefix(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' || c == '_' || !isNameByte(c) {
			return false
		}
	}
	return true
}

// validName accepts action and resource type names: letters, digits, '-',
// '_' and '.'.
func validName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isNameByte(s[i]) {
			return false
		}
	}
	return true
}

func isNameByte(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	default:
		return c == '-' || c == '_' || c == '.'
	}
}

// decodeStrict decodes one JSON value, rejecting unknown fields and
// trailing data.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("trailing data after the JSON value")
	}
	return nil
}
