package iamdata

import (
	"fmt"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/iamsim/terraform-provider-iamsim/internal/iamdata/internal/format"
)

// Catalog is an immutable view of the AWS service reference and the AWS
// managed policies. The zero value is not usable; start from [Default].
type Catalog struct {
	services func() *serviceIndex
	policies func() *policyIndex
	// lazy is the same service reference built per service (lazy.go); nil
	// for catalogs with overrides, which use services. full, when set, holds
	// services' index once built, which the engine's lookups then prefer.
	lazy func() *lazyIndex
	full *atomic.Pointer[serviceIndex]
}

// Default returns the catalog built from the embedded data.
func Default() *Catalog { return defaultCatalog }

// serviceIndex is the decoded service reference with lookup tables.
type serviceIndex struct {
	src      *format.Services
	services map[string]*service // lower-case prefix
	actions  map[string]*Action  // lower-case "service:action"
	sorted   []*Action           // by lower-case full name
	lower    []string            // lower-case full names, parallel to sorted
	keys     map[string]ConditionKey
	keyTmpls []ConditionKey // templated keys of every service, e.g. s3:ExistingObjectTag/<key>
}

type service struct {
	prefix        string
	actions       []*Action                // sorted like serviceIndex.sorted
	first         int                      // index of actions[0] in serviceIndex.sorted
	resourceTypes map[string]*ResourceType // lower-case name
	keys          map[string]ConditionKey  // lower-case name
	keyTmpls      []ConditionKey
	// byName indexes actions by lower-case full name while a service is
	// built; services of the lazy index (lazy.go) keep it. lowerNames are
	// the lower-case full names of actions (full index only).
	byName     map[string]*Action
	lowerNames []string
}

// buildServiceIndex indexes src. It fails on malformed ARN templates or
// unknown access levels, which only overrides can introduce.
func buildServiceIndex(src *format.Services) (*serviceIndex, error) {
	n := 0
	for i := range src.Services {
		n += len(src.Services[i].Actions)
	}
	idx := &serviceIndex{
		src:      src,
		services: make(map[string]*service, len(src.Services)),
		actions:  make(map[string]*Action, n),
		sorted:   make([]*Action, 0, n),
		keys:     make(map[string]ConditionKey, 3000),
	}
	owned := map[string]bool{}   // keys defined by the service their prefix names
	actions := make([]Action, n) // one allocation for every action
	type sortEntry struct {
		lower  string
		action *Action
	}
	entries := make([]sortEntry, 0, n)
	next := 0
	for si := range src.Services {
		fs := &src.Services[si]
		lp := strings.ToLower(fs.Prefix)
		if _, dup := idx.services[lp]; dup {
			return nil, fmt.Errorf("service %s: listed twice", fs.Prefix)
		}
		svc, err := buildService(fs, actions[next:next+len(fs.Actions)])
		if err != nil {
			return nil, err
		}
		next += len(fs.Actions)
		idx.services[lp] = svc
		for _, k := range fs.ConditionKeys {
			ck := ConditionKey{Name: k.Name, Type: k.Type}
			lk := strings.ToLower(k.Name)
			if isKeyTemplate(k.Name) {
				idx.keyTmpls = append(idx.keyTmpls, ck)
				continue
			}
			// A key defined by several services keeps the definition of the
			// service its prefix names, else the first one.
			owner := strings.EqualFold(keyPrefix(k.Name), fs.Prefix)
			if _, ok := idx.keys[lk]; !ok || (owner && !owned[lk]) {
				idx.keys[lk] = ck
				owned[lk] = owner
			}
		}
		for la, a := range svc.byName {
			if _, dup := idx.actions[la]; dup {
				return nil, fmt.Errorf("action %s: listed twice", a.fullName)
			}
			idx.actions[la] = a
			entries = append(entries, sortEntry{la, a})
		}
		svc.byName = nil // the index's map serves every lookup
	}
	// Map order above: sort by name (ties are impossible, names are unique).
	slices.SortFunc(entries, func(a, b sortEntry) int { return strings.Compare(a.lower, b.lower) })
	idx.lower = make([]string, len(entries))
	for i, e := range entries {
		a := e.action
		idx.sorted = append(idx.sorted, a)
		idx.lower[i] = e.lower
		svc := idx.services[strings.ToLower(a.Service)]
		if len(svc.actions) == 0 {
			svc.first = i
		}
		svc.actions = append(svc.actions, a)
	}
	for _, svc := range idx.services {
		svc.lowerNames = idx.lower[svc.first : svc.first+len(svc.actions)]
	}
	return idx, nil
}

// buildService indexes one service: its condition keys, its resource types
// (ARN templates compiled and pinned) and its actions, stored in actions
// (len(fs.Actions) of them) and indexed by lower-case full name in byName.
func buildService(fs *format.Service, actions []Action) (*service, error) {
	svc := &service{
		prefix:        fs.Prefix,
		resourceTypes: make(map[string]*ResourceType, len(fs.ResourceTypes)),
		keys:          make(map[string]ConditionKey, len(fs.ConditionKeys)),
		byName:        make(map[string]*Action, len(fs.Actions)),
	}
	for _, k := range fs.ConditionKeys {
		ck := ConditionKey{Name: k.Name, Type: k.Type}
		if isKeyTemplate(k.Name) {
			svc.keyTmpls = append(svc.keyTmpls, ck)
			continue
		}
		svc.keys[strings.ToLower(k.Name)] = ck
	}
	for _, rt := range fs.ResourceTypes {
		t, err := newResourceType(fs.Prefix, rt.Name, rt.ARNFormats, rt.ConditionKeys)
		if err != nil {
			return nil, fmt.Errorf("service %s: %w", fs.Prefix, err)
		}
		svc.resourceTypes[strings.ToLower(rt.Name)] = t
	}
	pinPlaceholders(svc.resourceTypes)
	for _, rt := range svc.resourceTypes {
		for i := range rt.templates {
			rt.templates[i].tokens = templateTokens(rt.templates[i])
		}
	}
	for i, fa := range fs.Actions {
		level, err := ParseAccessLevel(fa.AccessLevel)
		if err != nil {
			return nil, fmt.Errorf("action %s:%s: %w", fs.Prefix, fa.Name, err)
		}
		a := &actions[i]
		*a = Action{
			Service:       fs.Prefix,
			Name:          fa.Name,
			AccessLevel:   level,
			ConditionKeys: fa.ConditionKeys,
			WildcardOnly:  len(fa.ResourceTypes) == 0,
			fullName:      fs.Prefix + ":" + fa.Name,
		}
		if len(fa.ResourceTypes) > 0 {
			a.ResourceTypes = make([]ActionResourceType, len(fa.ResourceTypes))
			for i, rt := range fa.ResourceTypes {
				if _, ok := svc.resourceTypes[strings.ToLower(rt.Name)]; !ok {
					return nil, fmt.Errorf("action %s: unknown resource type %q", a.fullName, rt.Name)
				}
				a.ResourceTypes[i] = ActionResourceType{Name: rt.Name, Required: rt.Required, ConditionKeys: rt.ConditionKeys}
			}
		}
		la := strings.ToLower(a.fullName)
		if _, dup := svc.byName[la]; dup {
			return nil, fmt.Errorf("action %s: listed twice", a.fullName)
		}
		svc.byName[la] = a
	}
	return svc, nil
}

func keyPrefix(key string) string {
	p, _, _ := strings.Cut(key, ":")
	return p
}

// ServiceExists reports whether prefix (case-insensitive) is a known service.
func (c *Catalog) ServiceExists(prefix string) bool {
	_, ok := c.services().services[strings.ToLower(prefix)]
	return ok
}

// Services returns every service prefix, sorted.
func (c *Catalog) Services() []string {
	idx := c.services()
	out := make([]string, 0, len(idx.services))
	for _, s := range idx.services {
		out = append(out, s.prefix)
	}
	slices.Sort(out)
	return out
}

// ServiceExists reports whether prefix is a known service in [Default].
func ServiceExists(prefix string) bool { return defaultCatalog.ServiceExists(prefix) }

// Services returns every service prefix of [Default], sorted.
func Services() []string { return defaultCatalog.Services() }
