package evaluator

import "sort"

// strIndexMin is the number of values from which a String condition gets a
// strIndex: below it, comparing one by one is as fast as hashing.
const strIndexMin = 8

// strIndexMaxFold is the longest request value the IgnoreCase index folds
// (on the stack); longer values are compared one by one.
const strIndexMaxFold = 256

// strIndex answers "does request value v match some policy value" for a
// String condition with many values (StringEquals with 100,000 values, set
// operators over large lists) in about constant time instead of one
// comparison per value. Only values whose match is definite are indexed:
// values with policy variables or symbols (condition_symbol.go: a set
// with a symbol may match a value the hashed texts miss), and for the IgnoreCase operators non-ASCII
// values (CO-6 may make them unknown), stay in rest and are compared one by
// one, in document order, after the index. Because every indexed value
// answers true or false, a hit is TriTrue whatever the other values say,
// and a miss leaves the answer (and its notes) to rest alone: the result is
// the one of the value-by-value loop.
type strIndex struct {
	// exact holds the texts of StringEquals/StringNotEquals values, the
	// wildcard-free StringLike/StringNotLike values, and the ASCII-lowered
	// texts of the IgnoreCase operators' ASCII values.
	exact map[string]struct{}
	// globs are the StringLike values with `*` or `?`, by the literal text
	// before their first wildcard; globLens are the distinct lengths of
	// those prefixes, ascending.
	globs    map[string][]int32
	globLens []int
	rest     []int32
	fold     bool // IgnoreCase operators
}

func buildStrIndex(strs []strValue, op BaseOperator) *strIndex {
	if len(strs) < strIndexMin {
		return nil
	}
	ix := &strIndex{exact: make(map[string]struct{}, len(strs))}
	like := op == OpStringLike || op == OpStringNotLike
	ix.fold = op == OpStringEqualsIgnoreCase || op == OpStringNotEqualsIgnoreCase
	lens := map[int]bool{}
	for i := range strs {
		p := &strs[i]
		switch {
		case p.pieces != nil, p.sym != nil, ix.fold && p.nonASCII:
			ix.rest = append(ix.rest, int32(i))
		case ix.fold:
			ix.exact[asciiLowerString(p.text)] = struct{}{}
		case like && hasGlobMeta(p.text):
			n := 0
			for n < len(p.text) && p.text[n] != '*' && p.text[n] != '?' {
				n++
			}
			if ix.globs == nil {
				ix.globs = map[string][]int32{}
			}
			ix.globs[p.text[:n]] = append(ix.globs[p.text[:n]], int32(i))
			lens[n] = true
		default:
			ix.exact[p.text] = struct{}{}
		}
	}
	for n := range lens {
		ix.globLens = append(ix.globLens, n)
	}
	sort.Ints(ix.globLens)
	return ix
}

// usable reports whether the index can answer for request value v: the
// IgnoreCase operators need an ASCII value short enough to fold on the
// stack (a non-ASCII request value may fold differently, CO-6).
func (ix *strIndex) usable(v string) bool {
	return !ix.fold || len(v) <= strIndexMaxFold && isASCII(v)
}

// hit reports whether an indexed value matches v.
func (ix *strIndex) hit(v string, strs []strValue) bool {
	if ix.fold {
		var buf [strIndexMaxFold]byte
		b := buf[:len(v)]
		for i := 0; i < len(v); i++ {
			b[i] = asciiLower(v[i])
		}
		_, ok := ix.exact[string(b)]
		return ok
	}
	if _, ok := ix.exact[v]; ok {
		return true
	}
	for _, n := range ix.globLens {
		if n > len(v) {
			break
		}
		for _, i := range ix.globs[v[:n]] {
			if globMatch(strs[i].text, v) {
				return true
			}
		}
	}
	return false
}
