package iamdata

import (
	"errors"
	"fmt"
	"strings"
)

// ResourceType is a resource type of the service reference.
type ResourceType struct {
	Service       string
	Name          string
	ARNFormats    []string // templates such as arn:${Partition}:s3:::${BucketName}/${ObjectName}
	ConditionKeys []string

	templates []arnTemplate
}

func newResourceType(service, name string, formats, keys []string) (*ResourceType, error) {
	if len(formats) == 0 {
		return nil, fmt.Errorf("resource type %s: no ARN format", name)
	}
	rt := &ResourceType{Service: service, Name: name, ARNFormats: formats, ConditionKeys: keys}
	rt.templates = make([]arnTemplate, len(formats))
	for i, f := range formats {
		t, err := compileARNTemplate(f)
		if err != nil {
			return nil, fmt.Errorf("resource type %s: %w", name, err)
		}
		rt.templates[i] = t
	}
	return rt, nil
}

// MatchResourceType reports which of the action's resource types a concrete
// request ARN fits (RS-10), preferring the most specific template when
// several fit. Wildcard-only actions, the request resource "*" (RS-0) and
// strings that are not ARNs never match.
//
// Templates are read as permissively as the service's own formats allow, so
// that a valid request is never an error: a placeholder of the resource part
// such as ${LogGroupName} matches any non-empty run of characters, '/' and ':'
// included (/aws/lambda/fn, IAM paths, SSM parameter paths, Lambda
// qualifiers). The one thing that pins a placeholder is a '/' written right
// after the same placeholder in a format of the same service: a bucket name is
// followed by '/' in the object format (${BucketName}/${ObjectName}), so
// arn:aws:s3:::b/k is an object and not a bucket. A ':' never pins, because
// AWS appends qualifiers with ':' to ARNs whose type the reference lists
// without them (lambda:InvokeFunction on function:f:prod, log groups written
// log-group:NAME:*). Header placeholders (${Partition}, ${Region},
// ${Account}) match a non-empty run without ':'; a literal * in a template
// matches any run within its part.
func (c *Catalog) MatchResourceType(action *Action, arn string) (ResourceType, bool) {
	if action == nil || action.WildcardOnly || !strings.HasPrefix(arn, "arn:") || len(arn) > maxARNLen {
		return ResourceType{}, false
	}
	svc, ok := c.services().services[strings.ToLower(action.Service)]
	if !ok {
		return ResourceType{}, false
	}
	return svc.matchResourceType(action, arn)
}

// matchResourceType is MatchResourceType within the action's service.
func (svc *service) matchResourceType(action *Action, arn string) (ResourceType, bool) {
	if action == nil || action.WildcardOnly || !strings.HasPrefix(arn, "arn:") || len(arn) > maxARNLen {
		return ResourceType{}, false
	}
	var best *ResourceType
	bestScore := -1
	for _, art := range action.ResourceTypes {
		rt, ok := svc.resourceTypes[strings.ToLower(art.Name)]
		if !ok {
			continue
		}
		for _, t := range rt.templates {
			if t.literal > bestScore && t.match(arn) {
				best, bestScore = rt, t.literal
			}
		}
	}
	if best == nil {
		return ResourceType{}, false
	}
	return *best, true
}

// MatchResourceType matches against [Default]; see [Catalog.MatchResourceType].
func MatchResourceType(action *Action, arn string) (ResourceType, bool) {
	return defaultCatalog.MatchResourceType(action, arn)
}

// maxARNLen bounds the work of a match; AWS ARNs are at most 2048 bytes.
const maxARNLen = 4096

type elemKind uint8

const (
	elemLiteral   elemKind = iota
	elemField              // header placeholder: non-empty, no ':'
	elemFieldStar          // header *: any run without ':'
	elemName               // resource placeholder: non-empty, anything ('/' excluded when pinned)
	elemStar               // resource *: anything, possibly empty
)

type arnElem struct {
	kind    elemKind
	lit     string // elemLiteral: the text; elemName: the placeholder name
	noSlash bool   // elemName: pinned by a '/' after it in a format of its service
}

// arnTemplate is a compiled ARN format.
type arnTemplate struct {
	elems   []arnElem
	literal int // literal bytes: higher is more specific
	// tokens is the format as an automaton for RS-11 (pattern_fit.go),
	// built once the service's placeholders are pinned.
	tokens []fitToken
}

var errBadTemplate = errors.New("malformed ARN template")

// compileARNTemplate compiles a service-reference ARN format. Placeholders
// are ${Name}; {Name} (one AWS typo) is accepted as well. Placeholders are
// not pinned yet: see [pinPlaceholders].
func compileARNTemplate(s string) (arnTemplate, error) {
	var t arnTemplate
	if !strings.HasPrefix(s, "arn:") || strings.Count(s, ":") < 5 {
		return t, fmt.Errorf("%w %q: not arn:partition:service:region:account:resource", errBadTemplate, s)
	}
	colons := 0
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			t.elems = append(t.elems, arnElem{kind: elemLiteral, lit: lit.String()})
			t.literal += lit.Len()
			lit.Reset()
		}
	}
	for i := 0; i < len(s); i++ {
		ch := s[i]
		inResource := colons >= 5
		switch {
		case ch == '$' && i+1 < len(s) && s[i+1] == '{', ch == '{':
			end := strings.IndexByte(s[i:], '}')
			if end < 0 || end <= 1 || (ch == '$' && end == 2) {
				return arnTemplate{}, fmt.Errorf("%w %q: unbalanced placeholder", errBadTemplate, s)
			}
			name := s[i+1 : i+end]
			if ch == '$' {
				name = s[i+2 : i+end]
			}
			if strings.ContainsAny(name, "{$:/*") {
				return arnTemplate{}, fmt.Errorf("%w %q: bad placeholder name", errBadTemplate, s)
			}
			flush()
			if inResource {
				t.elems = append(t.elems, arnElem{kind: elemName, lit: name})
			} else {
				t.elems = append(t.elems, arnElem{kind: elemField})
			}
			i += end
		case ch == '*':
			flush()
			kind := elemFieldStar
			if inResource {
				kind = elemStar
			}
			t.elems = append(t.elems, arnElem{kind: kind})
		case ch == '$' || ch == '}':
			return arnTemplate{}, fmt.Errorf("%w %q: stray %q", errBadTemplate, s, ch)
		default:
			if ch == ':' {
				colons++
			}
			lit.WriteByte(ch)
		}
	}
	flush()
	return t, nil
}

// pinPlaceholders marks the resource placeholders that a format of the same
// service follows with '/' (see [Catalog.MatchResourceType]); it runs once per
// service after all its resource types are compiled.
func pinPlaceholders(types map[string]*ResourceType) {
	pinned := map[string]bool{}
	for _, rt := range types {
		for _, t := range rt.templates {
			for i, e := range t.elems {
				if e.kind == elemName && i+1 < len(t.elems) && t.elems[i+1].kind == elemLiteral && t.elems[i+1].lit[0] == '/' {
					pinned[e.lit] = true
				}
			}
		}
	}
	for _, rt := range types {
		for _, t := range rt.templates {
			for i := range t.elems {
				if e := &t.elems[i]; e.kind == elemName {
					e.noSlash = pinned[e.lit]
				}
			}
		}
	}
}

// PinnedPlaceholder reports whether a resource placeholder of the service
// (e.g. "BucketName" in s3) is pinned against '/'.
func (c *Catalog) PinnedPlaceholder(service, name string) bool {
	svc, ok := c.services().services[strings.ToLower(service)]
	if !ok {
		return false
	}
	for _, rt := range svc.resourceTypes {
		for _, t := range rt.templates {
			for _, e := range t.elems {
				if e.kind == elemName && e.lit == name {
					return e.noSlash
				}
			}
		}
	}
	return false
}

// matchBudget bounds the backtracking of one template match; a match that
// runs out of budget counts as a fit, so the bound can never cause a false
// RS-10 error.
const matchBudget = 1 << 16

func (t arnTemplate) match(s string) bool {
	budget := matchBudget
	return matchElems(t.elems, s, &budget)
}

func matchElems(elems []arnElem, s string, budget *int) bool {
	for len(elems) > 0 {
		*budget--
		if *budget < 0 {
			return true
		}
		e := elems[0]
		elems = elems[1:]
		if e.kind == elemLiteral {
			if !strings.HasPrefix(s, e.lit) {
				return false
			}
			s = s[len(e.lit):]
			continue
		}
		minLen := 1
		if e.kind == elemFieldStar || e.kind == elemStar {
			minLen = 0
		}
		limit := len(s)
		stop := ""
		switch {
		case e.kind == elemField || e.kind == elemFieldStar:
			stop = ":"
		case e.kind == elemName && e.noSlash:
			stop = "/"
		}
		if stop != "" {
			if j := strings.IndexAny(s, stop); j >= 0 {
				limit = j
			}
		}
		if len(elems) == 0 {
			return limit == len(s) && len(s) >= minLen
		}
		next := elems[0]
		for n := minLen; n <= limit; n++ {
			if next.kind == elemLiteral {
				// Jump to the next place the following literal starts.
				j := strings.Index(s[n:], next.lit)
				if j < 0 || n+j > limit {
					return false
				}
				n += j
			}
			if matchElems(elems, s[n:], budget) {
				return true
			}
		}
		return false
	}
	return s == ""
}
