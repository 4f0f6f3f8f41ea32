package iamdata

import (
	"strings"
)

// Action is one IAM action of the service reference.
type Action struct {
	Service       string      // service prefix, e.g. "s3"
	Name          string      // canonical case, e.g. "GetObject"
	AccessLevel   AccessLevel // normalised
	ResourceTypes []ActionResourceType
	ConditionKeys []string // keys the action supports whatever the resource
	WildcardOnly  bool     // no resource types: the request resource is "*" (RS-9)

	fullName string
}

// FullName returns "service:Name" in canonical case.
func (a *Action) FullName() string { return a.fullName }

// ActionResourceType is a resource type an action accepts.
type ActionResourceType struct {
	Name          string   // resource type name within the action's service
	Required      bool     // marked required (*) in the reference
	ConditionKeys []string // keys that apply to the action on this type
}

// maxActionLen bounds names looked up without allocating.
const maxActionLen = 128

// LookupAction finds an action by "service:Action", ignoring ASCII case
// (AC-1). It does not allocate.
func (c *Catalog) LookupAction(name string) (*Action, bool) {
	idx := c.services()
	if len(name) > maxActionLen {
		a, ok := idx.actions[strings.ToLower(name)]
		return a, ok
	}
	var buf [maxActionLen]byte
	b := buf[:len(name)]
	for i := 0; i < len(name); i++ {
		ch := name[i]
		if 'A' <= ch && ch <= 'Z' {
			ch += 'a' - 'A'
		}
		b[i] = ch
	}
	a, ok := idx.actions[string(b)]
	return a, ok
}

// ActionExists reports whether name is a known action.
func (c *Catalog) ActionExists(name string) bool {
	_, ok := c.LookupAction(name)
	return ok
}

// IsWildcardOnly reports whether a known action has no resource types, so it
// is only granted through Resource "*" (RS-9). Unknown actions report false.
func (c *Catalog) IsWildcardOnly(action string) bool {
	a, ok := c.LookupAction(action)
	return ok && a.WildcardOnly
}

// ResourceTypesFor returns the full definitions of the resource types an
// action accepts, in the reference's order; nil for unknown or wildcard-only
// actions.
func (c *Catalog) ResourceTypesFor(action string) []ResourceType {
	a, ok := c.LookupAction(action)
	if !ok || a.WildcardOnly {
		return nil
	}
	svc := c.services().services[strings.ToLower(a.Service)]
	out := make([]ResourceType, 0, len(a.ResourceTypes))
	for _, art := range a.ResourceTypes {
		if rt, ok := svc.resourceTypes[strings.ToLower(art.Name)]; ok {
			out = append(out, *rt)
		}
	}
	return out
}

// LookupResourceType finds a resource type by service prefix and name,
// ignoring case.
func (c *Catalog) LookupResourceType(service, name string) (ResourceType, bool) {
	svc, ok := c.services().services[strings.ToLower(service)]
	if !ok {
		return ResourceType{}, false
	}
	rt, ok := svc.resourceTypes[strings.ToLower(name)]
	if !ok {
		return ResourceType{}, false
	}
	return *rt, true
}

// AllActions returns every action as "service:Name", sorted case-insensitively.
func (c *Catalog) AllActions() []string {
	idx := c.services()
	out := make([]string, len(idx.sorted))
	for i, a := range idx.sorted {
		out[i] = a.fullName
	}
	return out
}

// ExpandActions returns the known actions a policy action pattern matches
// (AC-1, AC-2: a case-insensitive glob where * matches any run of characters
// and ? exactly one), as canonical "service:Name", sorted case-insensitively.
// A pattern naming no known action yields nil.
func (c *Catalog) ExpandActions(pattern string) []string {
	var out []string
	c.eachMatch(strings.ToLower(pattern), func(a *Action) { out = append(out, a.fullName) })
	return out
}

// ExpandNotActions returns the known actions that none of patterns matches:
// what a NotAction element with these patterns matches (AC-3).
func (c *Catalog) ExpandNotActions(patterns []string) []string {
	idx := c.services()
	lower := make([]string, len(patterns))
	for i, p := range patterns {
		lower[i] = strings.ToLower(p)
	}
	out := make([]string, 0, len(idx.sorted))
outer:
	for i, a := range idx.sorted {
		for _, p := range lower {
			if globMatch(p, idx.lower[i]) {
				continue outer
			}
		}
		out = append(out, a.fullName)
	}
	return out
}

// eachMatch calls fn for each action the lower-case pattern matches. When
// the service part has no wildcard only that service's actions are tried.
func (c *Catalog) eachMatch(pattern string, fn func(*Action)) {
	idx := c.services()
	candidates, lower := idx.sorted, idx.lower
	if prefix, _, ok := strings.Cut(pattern, ":"); ok && !strings.ContainsAny(prefix, "*?") {
		svc, ok := idx.services[prefix]
		if !ok {
			return
		}
		candidates = svc.actions
		lower = idx.lower[svc.first : svc.first+len(svc.actions)]
	}
	for i, a := range candidates {
		if globMatch(pattern, lower[i]) {
			fn(a)
		}
	}
}

// LookupAction finds an action in [Default]; see [Catalog.LookupAction].
func LookupAction(name string) (*Action, bool) { return defaultCatalog.LookupAction(name) }

// ActionExists reports whether name is a known action in [Default].
func ActionExists(name string) bool { return defaultCatalog.ActionExists(name) }

// IsWildcardOnly reports whether action is wildcard-only in [Default].
func IsWildcardOnly(action string) bool { return defaultCatalog.IsWildcardOnly(action) }

// ResourceTypesFor returns an action's resource types in [Default].
func ResourceTypesFor(action string) []ResourceType { return defaultCatalog.ResourceTypesFor(action) }

// LookupResourceType finds a resource type in [Default].
func LookupResourceType(service, name string) (ResourceType, bool) {
	return defaultCatalog.LookupResourceType(service, name)
}

// AllActions returns every action of [Default].
func AllActions() []string { return defaultCatalog.AllActions() }

// ExpandActions expands an action pattern over [Default].
func ExpandActions(pattern string) []string { return defaultCatalog.ExpandActions(pattern) }

// ExpandNotActions returns the actions of [Default] that no pattern matches.
func ExpandNotActions(patterns []string) []string { return defaultCatalog.ExpandNotActions(patterns) }
