package evaluator

import "strings"

// ContextValue is one request context key (CTX-1). A key is absent (not in
// the Context), known (Values), or unknown (Unknown set, PT-1).
type ContextValue struct {
	Key    string
	Values []string
	// Multi is true when the caller gave a list (a multivalued key).
	Multi   bool
	Unknown *Unknown
	// fold is foldHash(Key), set when the key is stored; 0 (a non-ASCII
	// key, or a value built outside Context) compares in full.
	fold uint64
}

// foldHash hashes the ASCII-lowered key (FNV-1a), so that lookups compare
// only keys that may be equal (CO-2); 0 when the key has a non-ASCII byte,
// whose case folding only strings.EqualFold knows.
func foldHash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return 0
		}
		h ^= uint64(asciiLower(c))
		h *= 1099511628211
	}
	if h == 0 {
		h = 1
	}
	return h
}

// ctxFolds is how many keys' hashes a Context keeps inline.
const ctxFolds = 16

// Context is the request context: keys compared case-insensitively (CO-2).
// The zero value is an empty context. Lookups do not allocate.
type Context struct {
	entries []ContextValue
	// folds repeats the foldHash of the first ctxFolds entries (fold32),
	// inline, so that a lookup reads one cache line instead of one per key
	// (a decision's request context is usually cold).
	folds [ctxFolds]uint32
	// singles backs the Values of single-valued keys (and of ListBuffer
	// lists) reserved by Grow and GrowValues, so a decoder that knows how
	// many keys come allocates twice, not per key. It never grows in place:
	// slices handed out stay valid until Reset.
	singles []string
	// nonASCII is set when some key has a byte above 0x7F: only then may
	// keys of different lengths be equal under case folding.
	nonASCII bool
}

// Grow makes room for n more keys without further allocation.
func (c *Context) Grow(n int) {
	if n <= 0 {
		return
	}
	if cap(c.entries)-len(c.entries) < n {
		entries := make([]ContextValue, len(c.entries), len(c.entries)+n)
		copy(entries, c.entries)
		c.entries = entries
	}
	c.GrowValues(n)
}

// GrowValues makes room for n more values (of single-valued keys, or of
// lists taken with ListBuffer) without further allocation.
func (c *Context) GrowValues(n int) {
	if cap(c.singles)-len(c.singles) < n {
		c.singles = make([]string, 0, max(n, 2*cap(c.singles)))
	}
}

// ListBuffer returns an empty slice with room for n values, taken from the
// room GrowValues reserved when there is enough (else freshly allocated),
// for the values of a SetList call.
func (c *Context) ListBuffer(n int) []string {
	l := len(c.singles)
	if cap(c.singles)-l < n {
		return make([]string, 0, n)
	}
	c.singles = c.singles[:l+n]
	return c.singles[l : l : l+n]
}

// Reset empties c and keeps its storage for the next request's keys (a
// decoder deciding many requests one after the other allocates for the
// first only). The values of the keys set before are overwritten by later
// Sets: no ContextValue, Values slice or Entries result taken from c
// before Reset may be used after it.
func (c *Context) Reset() {
	clear(c.entries)
	c.entries = c.entries[:0]
	c.singles = c.singles[:0]
	c.nonASCII = false
}

// Set sets a single-valued key, replacing any earlier value.
func (c *Context) Set(key, value string) {
	var values []string
	if n := len(c.singles); n < cap(c.singles) {
		c.singles = append(c.singles, value)
		values = c.singles[n : n+1 : n+1]
	} else {
		values = []string{value}
	}
	c.put(ContextValue{Key: key, Values: values})
}

// SetList sets a multivalued key (given as a list, possibly empty).
func (c *Context) SetList(key string, values []string) {
	c.put(ContextValue{Key: key, Values: values, Multi: true})
}

// SetUnknown marks a key as known only after apply.
func (c *Context) SetUnknown(key string, u Unknown) {
	c.put(ContextValue{Key: key, Unknown: &u})
}

func (c *Context) put(v ContextValue) {
	if !isASCII(v.Key) {
		c.nonASCII = true
	}
	v.fold = foldHash(v.Key)
	for i := range c.entries {
		// Two ASCII keys (fold != 0) with different hashes differ under
		// case folding; only the others need EqualFold.
		if f := c.entries[i].fold; (f == v.fold || f == 0 || v.fold == 0) && strings.EqualFold(c.entries[i].Key, v.Key) {
			c.entries[i] = v
			c.setFold(i)
			return
		}
	}
	c.entries = append(c.entries, v)
	c.setFold(len(c.entries) - 1)
}

func (c *Context) setFold(i int) {
	if i < ctxFolds {
		c.folds[i] = fold32(c.entries[i].fold)
	}
}

// fold32 shortens a foldHash for the inline table; 0 stays 0 (compare in
// full), any other hash stays non-zero.
func fold32(h uint64) uint32 {
	f := uint32(h) ^ uint32(h>>32)
	if f == 0 && h != 0 {
		f = 1
	}
	return f
}

// Lookup finds a key case-insensitively; nil when absent.
func (c *Context) Lookup(key string) *ContextValue {
	folds := c.nonASCII // keys of different lengths may be equal
	if !folds && !isASCII(key) {
		folds = true
	}
	for i := range c.entries {
		k := c.entries[i].Key
		if len(k) != len(key) && !folds {
			continue
		}
		if k == key || strings.EqualFold(k, key) {
			return &c.entries[i]
		}
	}
	return nil
}

// lookupFold is Lookup for a key whose foldHash is h (computed once, at
// compile time): only entries with the same hash, or with a non-ASCII key,
// are compared.
func (c *Context) lookupFold(key string, h uint64) *ContextValue {
	if h == 0 {
		return c.Lookup(key)
	}
	if n := len(c.entries); n <= ctxFolds {
		h32 := fold32(h)
		for i, f := range c.folds[:n] {
			if f == h32 || f == 0 {
				if e := &c.entries[i]; e.Key == key || strings.EqualFold(e.Key, key) {
					return e
				}
			}
		}
		return nil
	}
	for i := range c.entries {
		e := &c.entries[i]
		if (e.fold == h || e.fold == 0) && (e.Key == key || strings.EqualFold(e.Key, key)) {
			return e
		}
	}
	return nil
}

// Has reports whether the key is present (known or unknown).
func (c *Context) Has(key string) bool { return c.Lookup(key) != nil }

// Len is the number of keys.
func (c *Context) Len() int { return len(c.entries) }

// Entries returns the keys in insertion order (shared, do not modify).
func (c *Context) Entries() []ContextValue { return c.entries }

// Clone returns a copy that can be extended without touching c.
func (c *Context) Clone() Context {
	return Context{entries: append([]ContextValue(nil), c.entries...), folds: c.folds, nonASCII: c.nonASCII}
}

// warm reads one word of each cache line of c that a decision may read
// (its entries and the single values) and returns their sum. A request
// built long before it is decided (a batch prepared in advance) is cold:
// these independent reads let the cache misses overlap, where the
// conditions' key lookups would take them one after the other. A request
// decided right after it was decoded is warm, and this costs a few
// instructions per key.
func (c *Context) warm() uint {
	var sum uint
	for i := range c.entries {
		sum += uint(len(c.entries[i].Key))
	}
	for i := 0; i < len(c.singles); i += 4 { // four string headers per line
		sum += uint(len(c.singles[i]))
	}
	return sum
}
