package iamdata

import (
	"slices"
	"strings"
)

// SuggestActions returns up to three known names closest to a misspelled
// "service:Action" (case-insensitive edit distance): actions of the service
// when the service exists, else service prefixes written as "prefix:Action".
// It returns nil when nothing is close.
func (c *Catalog) SuggestActions(name string) []string {
	svc, act, ok := strings.Cut(name, ":")
	if !ok {
		return nil
	}
	idx := c.services()
	var cands []string
	target := strings.ToLower(name)
	if s, known := idx.services[strings.ToLower(svc)]; known {
		for _, a := range s.actions {
			cands = append(cands, a.fullName)
		}
	} else {
		for _, s := range idx.services {
			cands = append(cands, s.prefix+":"+act)
		}
	}
	return nearest(target, cands, 3)
}

// SuggestActions reports the nearest action names; the evaluator's validator
// uses it for "did you mean" (AC-4).
func (e EngineCatalog) SuggestActions(name string) []string { return e.C.SuggestActions(name) }

// nearest returns up to n candidates within a small edit distance of target
// (lower-case), closest first, ties in name order.
func nearest(target string, cands []string, n int) []string {
	limit := max(2, len(target)/5)
	type scored struct {
		name string
		d    int
	}
	var out []scored
	for _, c := range cands {
		if d := len(target) - len(c); d > limit || -d > limit {
			continue // too far apart in length: skip before lower-casing
		}
		if d := editDistance(target, strings.ToLower(c), limit); d <= limit {
			out = append(out, scored{c, d})
		}
	}
	slices.SortFunc(out, func(a, b scored) int {
		if a.d != b.d {
			return a.d - b.d
		}
		return strings.Compare(a.name, b.name)
	})
	names := make([]string, 0, min(n, len(out)))
	for i := 0; i < len(out) && i < n; i++ {
		names = append(names, out[i].name)
	}
	if len(names) == 0 {
		return nil
	}
	return names
}

// editDistance is the Levenshtein distance of a and b, or limit+1 once it
// is known to exceed limit.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
