package evaluator

import (
	"slices"
	"strings"
)

// A big policy's resource-key lists (statement_index.go) can still be long:
// 1,333 statements of a 20,000-statement policy each name their own
// DynamoDB table, and all share the key "arn:aws:dynamodb:...:table";
// 1,333 others name "arn:aws:secretsmanager:...:secret:s-00009-*", which
// has no key at all. A decision on one table then visited all 1,333 table
// statements. prefixIndex refines such a list by the literal text each
// Resource pattern begins with: a resource a pattern matches begins with
// the pattern's text before its first `*`, `?`, `$` or symbol, as the key
// does (RS-3: literal text matches itself, case-sensitively when neither
// head has upper case, RS-6), so a decision visits only the statements one
// of whose literal prefixes the resource begins with.

// minPrefixIndexed is the shortest list that is refined.
const minPrefixIndexed = 16

// maxPrefixLens bounds the distinct prefix lengths of a refined list (one
// map lookup each per decision); a list with more is not refined.
const maxPrefixLens = 8

// prefixIndex splits a list of statements (in document order): rest holds
// those visited for every resource (NotResource, no Resource, a pattern
// without a usable literal prefix); byPrefix the others under each literal
// prefix of their Resource patterns; lens the distinct prefix lengths,
// ascending.
type prefixIndex struct {
	rest     []int32
	lens     []int
	byPrefix map[string][]int32
}

// patternLiteralPrefix is the text every resource matching the pattern
// begins with, when the request head has no upper case: ok is false when
// it is empty or has upper case before the 5th colon (RS-6 may match it
// case-insensitively).
func patternLiteralPrefix(text string) (string, bool) {
	lit := text
	if i := strings.IndexAny(text, "*?${"); i >= 0 {
		lit = text[:i]
	}
	head := lit
	if fifth := nthColon(lit, 5); fifth >= 0 {
		head = lit[:fifth]
	}
	if lit == "" || hasASCIIUpper(head) {
		return "", false
	}
	return lit, true
}

// buildPrefixIndex refines list, or returns nil when the list is short or
// would not be refined usefully.
func buildPrefixIndex(stmts []Statement, list []int32) *prefixIndex {
	if len(list) < minPrefixIndexed {
		return nil
	}
	px := &prefixIndex{byPrefix: map[string][]int32{}}
	for _, i := range list {
		pres, ok := statementPatternKeys(&stmts[i], patternLiteralPrefix)
		if !ok {
			px.rest = append(px.rest, i)
			continue
		}
		for _, p := range pres {
			px.byPrefix[p] = append(px.byPrefix[p], i)
			if !slices.Contains(px.lens, len(p)) {
				if len(px.lens) == maxPrefixLens {
					return nil
				}
				px.lens = append(px.lens, len(p))
			}
		}
	}
	if 2*len(px.rest) > len(list) {
		return nil // mostly visited anyway
	}
	slices.Sort(px.lens)
	return px
}

// push adds to c the statements that can match resource r (known in
// full, no upper case before its 5th colon); false, with c unchanged, when
// they do not fit in the cursor.
func (px *prefixIndex) push(c *stmtCursor, r string) bool {
	var hits [maxPrefixLens][]int32
	n := 0
	for _, l := range px.lens {
		if l > len(r) {
			break
		}
		if h := px.byPrefix[r[:l]]; len(h) > 0 {
			hits[n] = h
			n++
		}
	}
	if c.n+n+1 > len(c.lists) {
		return false
	}
	c.push(px.rest)
	for _, h := range hits[:n] {
		c.push(h)
	}
	return true
}
