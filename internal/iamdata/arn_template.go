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
// A template placeholder such as ${BucketName} matches a non-empty run of
// characters without ':' or '/', so arn:aws:s3:::b/k is an object and not a
// bucket. The last placeholder of a template whose resource part has a '/'
// or ':' may span both (S3 object keys, IAM paths, Lambda qualifiers). A
// literal * in a template matches any run within the resource part.
func (c *Catalog) MatchResourceType(action *Action, arn string) (ResourceType, bool) {
	if action == nil || action.WildcardOnly || !strings.HasPrefix(arn, "arn:") || len(arn) > maxARNLen {
		return ResourceType{}, false
	}
	svc, ok := c.services().services[strings.ToLower(action.Service)]
	if !ok {
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
	elemSegment            // resource placeholder: non-empty, no ':' or '/'
	elemRest               // last resource placeholder: non-empty, anything
	elemStar               // resource *: anything, possibly empty
)

type arnElem struct {
	kind elemKind
	lit  string
}

// arnTemplate is a compiled ARN format.
type arnTemplate struct {
	elems   []arnElem
	literal int // literal bytes: higher is more specific
}

var errBadTemplate = errors.New("malformed ARN template")

// compileARNTemplate compiles a service-reference ARN format. Placeholders
// are ${Name}; {Name} (one AWS typo) is accepted as well.
func compileARNTemplate(s string) (arnTemplate, error) {
	var t arnTemplate
	if !strings.HasPrefix(s, "arn:") || strings.Count(s, ":") < 5 {
		return t, fmt.Errorf("%w %q: not arn:partition:service:region:account:resource", errBadTemplate, s)
	}
	colons := 0
	hasSep := false // the resource part has a ':' or '/'
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
			kind := elemField
			if inResource {
				kind = elemSegment
			}
			t.elems = append(t.elems, arnElem{kind: kind})
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
			if inResource && (ch == ':' || ch == '/') {
				hasSep = true
			}
			if ch == ':' {
				colons++
			}
			lit.WriteByte(ch)
		}
	}
	flush()
	if last := &t.elems[len(t.elems)-1]; hasSep && last.kind == elemSegment {
		last.kind = elemRest
	}
	return t, nil
}

func (t arnTemplate) match(s string) bool { return matchElems(t.elems, s) }

func matchElems(elems []arnElem, s string) bool {
	for len(elems) > 0 {
		e := elems[0]
		elems = elems[1:]
		switch e.kind {
		case elemLiteral:
			if !strings.HasPrefix(s, e.lit) {
				return false
			}
			s = s[len(e.lit):]
		case elemRest:
			return s != "" && len(elems) == 0
		default:
			stop := ":"
			if e.kind == elemSegment {
				stop = ":/"
			}
			minLen := 1
			if e.kind == elemFieldStar || e.kind == elemStar {
				minLen = 0
			}
			limit := len(s)
			if e.kind != elemStar {
				if j := strings.IndexAny(s, stop); j >= 0 {
					limit = j
				}
			}
			if len(elems) == 0 {
				return limit == len(s) && len(s) >= minLen
			}
			for n := minLen; n <= limit; n++ {
				if matchElems(elems, s[n:]) {
					return true
				}
			}
			return false
		}
	}
	return s == ""
}
