package analysis

import (
	"regexp"
	"sync"
)

// lazyRegexp returns a function that compiles pattern on its first call
// and returns the same *regexp.Regexp ever after. The package's patterns
// are compiled when first used rather than in package init, which every
// planscan command pays (planscan eval never uses them: about 1,500
// allocations and 140 KB at each start).
func lazyRegexp(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}
