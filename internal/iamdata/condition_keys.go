package iamdata

import (
	"strings"
	"sync"
)

// ConditionKey is a condition key and its type as the service reference
// writes it: String, ArrayOfString, ARN, ArrayOfARN, Bool, ArrayOfBool,
// Date, Numeric, IPAddress, ...
type ConditionKey struct {
	Name    string // as AWS spells it; a template such as aws:RequestTag/${TagKey} for tag keys
	Type    string
	AltType string // a second documented type, e.g. Numeric for aws:EpochTime
}

type globalKeyIndex struct {
	exact map[string]ConditionKey
	tmpls []ConditionKey
}

var globalKeys = sync.OnceValue(func() *globalKeyIndex {
	g := &globalKeyIndex{exact: make(map[string]ConditionKey, len(globalConditionKeys))}
	for _, k := range globalConditionKeys {
		if isKeyTemplate(k.Name) {
			g.tmpls = append(g.tmpls, k)
		} else {
			g.exact[strings.ToLower(k.Name)] = k
		}
	}
	return g
})

func (g *globalKeyIndex) lookup(lk string) (ConditionKey, bool) {
	if k, ok := g.exact[lk]; ok {
		return k, true
	}
	return matchKeyTemplates(g.tmpls, lk)
}

// LookupConditionKey finds a condition key's definition, ignoring case.
// Tag-style keys match their template (aws:ResourceTag/Team matches
// aws:ResourceTag/${TagKey}, s3:ExistingObjectTag/x matches
// s3:ExistingObjectTag/<key>) and the template is returned. The global keys
// come first; then, when action names a known action, its service's keys (a
// few keys have different types in different services); then the service
// the key's prefix names; then any service that defines the key (the OIDC
// and SAML keys live under sts).
func (c *Catalog) LookupConditionKey(key, action string) (ConditionKey, bool) {
	lk := strings.ToLower(key)
	if k, ok := globalKeys().lookup(lk); ok {
		return k, true
	}
	idx := c.services()
	if action != "" {
		if a, ok := c.LookupAction(action); ok {
			if k, ok := idx.services[strings.ToLower(a.Service)].lookupKey(lk); ok {
				return k, true
			}
		}
	}
	if svc, ok := idx.services[keyPrefix(lk)]; ok {
		if k, ok := svc.lookupKey(lk); ok {
			return k, true
		}
	}
	if k, ok := idx.keys[lk]; ok {
		return k, true
	}
	return matchKeyTemplates(idx.keyTmpls, lk)
}

// ConditionKeyType returns the type of a condition key; see
// [Catalog.LookupConditionKey]. known is false for keys in no data set.
func (c *Catalog) ConditionKeyType(key, action string) (typ string, known bool) {
	k, ok := c.LookupConditionKey(key, action)
	return k.Type, ok
}

// IsMultivaluedKey reports whether a key carries a set of values (CO-15,
// CO-16): the ArrayOf* types, aws:TagKeys, aws:CalledVia, the *OrgPaths
// keys, aws:PrincipalServiceNamesList, and the amr claim of Cognito and
// other OIDC providers (cognito-identity.amazonaws.com:amr).
func (c *Catalog) IsMultivaluedKey(key string) bool {
	return c.isMultivaluedKey(key, c.LookupConditionKey)
}

func (c *Catalog) isMultivaluedKey(key string, lookup func(key, action string) (ConditionKey, bool)) bool {
	lk := strings.ToLower(key)
	if multivaluedKeys[lk] {
		return true
	}
	if p, ok := strings.CutSuffix(lk, ":amr"); ok && strings.Contains(p, ".") {
		return true
	}
	k, ok := lookup(lk, "")
	return ok && IsMultivaluedType(k.Type)
}

// IsMultivaluedType reports whether a key type is a set type (ArrayOf*).
func IsMultivaluedType(typ string) bool { return strings.HasPrefix(typ, "ArrayOf") }

// IsGlobalConditionKey reports whether key is available for every action.
func IsGlobalConditionKey(key string) bool {
	_, ok := globalKeys().lookup(strings.ToLower(key))
	return ok
}

// ConditionKeyApplies reports whether AWS would put key in the request
// context of action on the given resource type (CTX-2): a global key, one
// of the action's keys, or a key of the resource type. An empty
// resourceType accepts the keys of every resource type of the action.
func (c *Catalog) ConditionKeyApplies(action *Action, resourceType, key string) bool {
	if action == nil {
		return false
	}
	return IsGlobalConditionKey(key) || c.ConditionKeyListed(action, resourceType, key)
}

// ConditionKeyListed reports whether the service reference lists key for
// action on the given resource type (an empty resourceType: any of the
// action's types): ConditionKeyApplies without the global keys' "every
// action" shortcut. aws:ResourceTag/${TagKey} is a global key, yet AWS
// sends it only "for resources that support authorization based on tags":
// the reference lists it per resource type (CTX-2, CTX-19).
func (c *Catalog) ConditionKeyListed(action *Action, resourceType, key string) bool {
	if action == nil {
		return false
	}
	if keyListed(action.ConditionKeys, key) {
		return true
	}
	svc := c.services().services[strings.ToLower(action.Service)]
	for _, art := range action.ResourceTypes {
		if resourceType != "" && !strings.EqualFold(art.Name, resourceType) {
			continue
		}
		if keyListed(art.ConditionKeys, key) {
			return true
		}
		if svc != nil {
			if rt, ok := svc.resourceTypes[strings.ToLower(art.Name)]; ok && keyListed(rt.ConditionKeys, key) {
				return true
			}
		}
	}
	return false
}

func keyListed(list []string, key string) bool {
	for _, k := range list {
		if strings.EqualFold(k, key) || (isKeyTemplate(k) && matchKeyTemplate(k, key)) {
			return true
		}
	}
	return false
}

func (s *service) lookupKey(lk string) (ConditionKey, bool) {
	if k, ok := s.keys[lk]; ok {
		return k, true
	}
	return matchKeyTemplates(s.keyTmpls, lk)
}

// maxTemplatedKeyLen bounds template matching work; real keys are short.
const maxTemplatedKeyLen = 1024

func matchKeyTemplates(tmpls []ConditionKey, key string) (ConditionKey, bool) {
	if len(key) > maxTemplatedKeyLen {
		return ConditionKey{}, false
	}
	for _, t := range tmpls {
		if matchKeyTemplate(t.Name, key) {
			return t, true
		}
	}
	return ConditionKey{}, false
}

// isKeyTemplate reports whether a key name has a ${Name} or <name> part.
func isKeyTemplate(name string) bool {
	return strings.Contains(name, "${") || (strings.Contains(name, "<") && strings.Contains(name, ">"))
}

// matchKeyTemplate matches key against a key template, ignoring ASCII case.
// A ${Name} or <name> placeholder matches a non-empty run of any bytes.
func matchKeyTemplate(tmpl, key string) bool {
	for i := 0; i < len(tmpl); {
		if end := placeholderEnd(tmpl, i); end > 0 {
			rest := tmpl[end:]
			for n := 1; n <= len(key); n++ {
				if matchKeyTemplate(rest, key[n:]) {
					return true
				}
			}
			return false
		}
		if key == "" || lowerByte(tmpl[i]) != lowerByte(key[0]) {
			return false
		}
		i++
		key = key[1:]
	}
	return key == ""
}

// placeholderEnd returns the index after a placeholder starting at i, or 0.
func placeholderEnd(s string, i int) int {
	var closer byte
	switch {
	case s[i] == '$' && i+1 < len(s) && s[i+1] == '{':
		closer = '}'
	case s[i] == '<':
		closer = '>'
	default:
		return 0
	}
	j := strings.IndexByte(s[i:], closer)
	if j < 0 {
		return 0
	}
	return i + j + 1
}

func lowerByte(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

// LookupConditionKey looks a key up in [Default].
func LookupConditionKey(key, action string) (ConditionKey, bool) {
	return defaultCatalog.LookupConditionKey(key, action)
}

// ConditionKeyType returns a key's type in [Default].
func ConditionKeyType(key, action string) (typ string, known bool) {
	return defaultCatalog.ConditionKeyType(key, action)
}

// IsMultivaluedKey reports whether a key is multivalued in [Default].
func IsMultivaluedKey(key string) bool { return defaultCatalog.IsMultivaluedKey(key) }

// ConditionKeyApplies reports CTX-2 applicability in [Default].
func ConditionKeyApplies(action *Action, resourceType, key string) bool {
	return defaultCatalog.ConditionKeyApplies(action, resourceType, key)
}
