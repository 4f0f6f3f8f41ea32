package iamdata

import (
	"strings"
	"sync"
	"sync/atomic"
)

// StatementCanApply reports whether some request could meet both the
// Action and the Resource patterns of a statement: whether some action the
// action patterns name (after wildcard expansion, AC-2) has a resource type
// whose ARN formats can match some ARN that some Resource pattern also
// matches, under the most permissive reading of both (RS-10's reading of
// the formats; every `*` and `?` of a pattern may cover any run of
// characters, colons included; letters compare without case). judged is
// false when the question is not settled by the data: an action pattern
// with a wildcard in its service or naming no known action, an action of
// a service whose data has gaps (rs11DataGaps), only wildcard-only actions
// (RS-9 covers them), a Resource that is not an ARN of a
// known service with a literal service field, holds a policy variable, or
// fits none of its service's formats.
func (c *Catalog) StatementCanApply(actions, resources []string) (canApply, judged bool) {
	// Plans repeat statements (modules, generated policies): answers are
	// kept per catalog data, up to maxFitAnswers of them.
	key := strings.Join(actions, "\x00") + "\x01" + strings.Join(resources, "\x00")
	if v, ok := fitAnswers.Load(fitKey{c.dataKey(), key}); ok {
		a := v.([2]bool)
		return a[0], a[1]
	}
	canApply, judged = c.statementCanApply(actions, resources, true)
	if fitAnswerCount.Add(1) <= maxFitAnswers {
		fitAnswers.Store(fitKey{c.dataKey(), key}, [2]bool{canApply, judged})
	}
	return canApply, judged
}

// fitAnswers caches StatementCanApply per data set and statement.
var (
	fitAnswers     sync.Map // fitKey -> [2]bool
	fitAnswerCount atomic.Int64
)

const maxFitAnswers = 1 << 14

type fitKey struct {
	data any
	key  string
}

// dataKey identifies the catalog's service data without decoding more of
// it: the embedded data's full-index holder, else the lazy index, else the
// full index of an override catalog.
func (c *Catalog) dataKey() any {
	switch {
	case c.full != nil:
		return c.full
	case c.lazy != nil:
		return c.lazy()
	}
	return c.services()
}

// rs11DataGaps are the services whose actions AWS's own managed policies
// grant on ARNs that the reference data does not list for them (for
// example waf-regional:GetWebACLForResource on arn:aws:waf-regional:*:*:*/*,
// or ssm:DeregisterManagedInstance on an EKS cluster ARN): a
// statement with an action of these services is not judged, so that a gap
// in the data never becomes a warning. TestRS11DataGapsCurrent recomputes
// the list from the embedded managed policies.
var rs11DataGaps = map[string]bool{"connect": true, "ssm": true, "waf-regional": true}

func (c *Catalog) statementCanApply(actions, resources []string, skipGaps bool) (canApply, judged bool) {
	if len(actions) == 0 || len(resources) == 0 {
		return true, false
	}
	var pats [][]fitToken
	for _, r := range resources {
		if !strings.HasPrefix(r, "arn:") || strings.Contains(r, "${") {
			return true, false
		}
		parts := strings.SplitN(r, ":", 4)
		if len(parts) < 4 || parts[2] == "" || strings.ContainsAny(parts[2], "*?") {
			return true, false
		}
		svc, ok := c.serviceFor(strings.ToLower(parts[2]))
		if !ok {
			return true, false
		}
		p := patternTokens(r)
		if !fitsAnyFormat(p, svc) {
			return true, false // not a resource-type format of its service
		}
		pats = append(pats, p)
	}
	// The resource types of every action named, each once.
	seen := map[*ResourceType]bool{}
	var types []*ResourceType
	withTypes := 0
	for _, a := range actions {
		prefix, _, ok := strings.Cut(a, ":")
		if !ok || prefix == "" || strings.ContainsAny(prefix, "*?") {
			return true, false
		}
		svc, ok := c.serviceFor(strings.ToLower(prefix))
		if !ok {
			return true, false
		}
		if skipGaps && rs11DataGaps[strings.ToLower(prefix)] {
			return true, false
		}
		at := svc.actionTypesOf(strings.ToLower(a))
		if at.n == 0 {
			return true, false
		}
		withTypes += at.withTypes
		for _, rt := range at.types {
			if !seen[rt] {
				seen[rt] = true
				types = append(types, rt)
			}
		}
	}
	if withTypes == 0 {
		return true, false // only wildcard-only actions: RS-9 reports them
	}
	for _, rt := range types {
		for _, t := range rt.templates {
			for _, p := range pats {
				if tokensIntersect(p, t.tokens) {
					return true, true
				}
			}
		}
	}
	return false, true
}

// actionTypes is what an action pattern names in its service: n actions,
// withTypes of them with resource types (not wildcard-only), and their
// resource types, each once.
type actionTypes struct {
	n, withTypes int
	types        []*ResourceType
}

type actionTypesKey struct {
	svc     *service
	pattern string
}

// actionTypesCache memoises actionTypesOf: a policy of 20,000 statements
// names the same few action patterns again and again, and each walk
// matches the pattern against every action of the service.
var actionTypesCache sync.Map // actionTypesKey -> *actionTypes

// actionTypesOf returns what a lower-case action pattern names in svc.
func (svc *service) actionTypesOf(pattern string) *actionTypes {
	key := actionTypesKey{svc, pattern}
	if v, ok := actionTypesCache.Load(key); ok {
		return v.(*actionTypes)
	}
	at := &actionTypes{}
	seen := map[*ResourceType]bool{}
	svc.eachAction(func(lower string, act *Action) {
		if !globMatch(pattern, lower) {
			return
		}
		at.n++
		if act.WildcardOnly {
			return // requested on "*" only (RS-9): fits no ARN
		}
		at.withTypes++
		for _, art := range act.ResourceTypes {
			if rt := svc.resourceTypes[strings.ToLower(art.Name)]; rt != nil && !seen[rt] {
				seen[rt] = true
				at.types = append(at.types, rt)
			}
		}
	})
	v, _ := actionTypesCache.LoadOrStore(key, at)
	return v.(*actionTypes)
}

// serviceFor returns a service by lower-case prefix, from the lazy index
// when the catalog has one (lazy.go), else from the full index.
func (c *Catalog) serviceFor(lp string) (*service, bool) {
	if c.lazy != nil {
		return c.engineService(lp)
	}
	svc, ok := c.services().services[lp]
	return svc, ok
}

// eachAction calls fn with every action of the service and its lower-case
// full name, in no particular order.
func (svc *service) eachAction(fn func(lower string, a *Action)) {
	if svc.byName != nil {
		for l, a := range svc.byName {
			fn(l, a)
		}
		return
	}
	for i, a := range svc.actions {
		fn(svc.lowerNames[i], a)
	}
}

// fitsAnyFormat reports whether the pattern can match some ARN of any
// resource type of svc.
func fitsAnyFormat(p []fitToken, svc *service) bool {
	for _, rt := range svc.resourceTypes {
		for _, t := range rt.templates {
			if tokensIntersect(p, t.tokens) {
				return true
			}
		}
	}
	return false
}

// fitToken is one step of a pattern or format read as a byte automaton:
// one byte of a set, or any run of bytes of the set (star).
type fitToken struct {
	set  fitSet
	c    byte // fitLit: the (lower-case) byte
	star bool
}

type fitSet uint8

const (
	fitLit      fitSet = iota // the byte c
	fitAny                    // any byte
	fitNotColon               // any byte but ':'
	fitNotSlash               // any byte but '/'
)

// patternTokens reads a Resource pattern: `*` any run, `?` at least one
// byte (one character, read permissively), other bytes literal.
func patternTokens(p string) []fitToken {
	out := make([]fitToken, 0, len(p))
	for i := 0; i < len(p); i++ {
		switch ch := p[i]; ch {
		case '*':
			out = append(out, fitToken{set: fitAny, star: true})
		case '?':
			out = append(out, fitToken{set: fitAny}, fitToken{set: fitAny, star: true})
		default:
			out = append(out, fitToken{set: fitLit, c: lowerByte(ch)})
		}
	}
	return out
}

// templateTokens reads a compiled format as RS-10 matches it.
func templateTokens(t arnTemplate) []fitToken {
	var out []fitToken
	for _, e := range t.elems {
		switch e.kind {
		case elemLiteral:
			for i := 0; i < len(e.lit); i++ {
				out = append(out, fitToken{set: fitLit, c: lowerByte(e.lit[i])})
			}
		case elemField:
			out = append(out, fitToken{set: fitNotColon}, fitToken{set: fitNotColon, star: true})
		case elemFieldStar:
			out = append(out, fitToken{set: fitNotColon, star: true})
		case elemName:
			s := fitAny
			if e.noSlash {
				s = fitNotSlash
			}
			out = append(out, fitToken{set: s}, fitToken{set: s, star: true})
		case elemStar:
			out = append(out, fitToken{set: fitAny, star: true})
		}
	}
	return out
}

// bytesMeet reports whether some byte is in both tokens' sets.
func bytesMeet(a, b fitToken) bool {
	switch {
	case a.set == fitLit && b.set == fitLit:
		return a.c == b.c
	case a.set == fitLit:
		return inSet(a.c, b.set)
	case b.set == fitLit:
		return inSet(b.c, a.set)
	}
	return true // any two of the large sets share letters
}

func inSet(c byte, s fitSet) bool {
	switch s {
	case fitNotColon:
		return c != ':'
	case fitNotSlash:
		return c != '/'
	}
	return true
}

// tokensIntersect reports whether some string is accepted by both token
// sequences (a depth-first walk of their product automaton). The visited
// set and the stack live on the stack for the usual sizes: the RS-11 check
// runs it for every resource format of every statement's service, and
// their allocations were a sixth of a 10,000-role check's (issue 14).
func tokensIntersect(p, t []fitToken) bool {
	w := len(t) + 1
	var seenBuf [2048]bool
	var seen []bool
	if n := (len(p) + 1) * w; n <= len(seenBuf) {
		seen = seenBuf[:n]
	} else {
		seen = make([]bool, n)
	}
	var stackBuf [64][2]int
	stack := append(stackBuf[:0], [2]int{0, 0})
	seen[0] = true
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		i, j := s[0], s[1]
		if i == len(p) && j == len(t) {
			return true
		}
		var next [3][2]int
		n := 0
		// ε: a star may match nothing.
		if i < len(p) && p[i].star {
			next[n] = [2]int{i + 1, j}
			n++
		}
		if j < len(t) && t[j].star {
			next[n] = [2]int{i, j + 1}
			n++
		}
		if i < len(p) && j < len(t) && bytesMeet(p[i], t[j]) {
			ni, nj := i+1, j+1
			if p[i].star {
				ni = i
			}
			if t[j].star {
				nj = j
			}
			next[n] = [2]int{ni, nj}
			n++
		}
		for _, x := range next[:n] {
			if k := x[0]*w + x[1]; !seen[k] {
				seen[k] = true
				stack = append(stack, x)
			}
		}
	}
	return false
}

// StatementCanApply: see [Catalog.StatementCanApply]; the validator's
// RS-11 check.
func (e EngineCatalog) StatementCanApply(actions, resources []string) (bool, bool) {
	return e.C.StatementCanApply(actions, resources)
}
