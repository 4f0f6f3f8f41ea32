package evaluator

import "strings"

// String, ARN and Bool policy values as small automata (CO-6, CO-9,
// CO-12), for finding one request value per satisfiable set of atoms.

type rtokKind uint8

const (
	tokLit    rtokKind = iota // one character
	tokFold                   // one character, ASCII case-insensitive (CO-6)
	tokAny                    // `?` of StringLike: any character
	tokAnyNC                  // `?` in ARN components 1-5: any but ':'
	tokStar                   // `*`: any run
	tokStarNC                 // `*` in ARN components 1-5: any run without ':' (CO-12)
)

type rtok struct {
	kind rtokKind
	c    byte
}

// ratom is the automaton of one atom: a sequence of tokens.
type ratom struct {
	toks  []rtok
	ascii bool
}

// regularAtom compiles a policy value under the positive operator op.
func regularAtom(op BaseOperator, text string) *ratom {
	a := &ratom{ascii: isASCII(text)}
	glob := func(s string, nc bool) {
		for i := 0; i < len(s); i++ {
			switch s[i] {
			case '*':
				if nc {
					a.toks = append(a.toks, rtok{kind: tokStarNC})
				} else {
					a.toks = append(a.toks, rtok{kind: tokStar})
				}
			case '?':
				if nc {
					a.toks = append(a.toks, rtok{kind: tokAnyNC})
				} else {
					a.toks = append(a.toks, rtok{kind: tokAny})
				}
			default:
				a.toks = append(a.toks, rtok{kind: tokLit, c: s[i]})
			}
		}
	}
	switch op {
	case OpStringEqualsIgnoreCase:
		for i := 0; i < len(text); i++ {
			a.toks = append(a.toks, rtok{kind: tokFold, c: text[i]})
		}
	case OpStringLike:
		glob(text, false)
	case OpArnLike, OpArnEquals:
		parts := strings.SplitN(text, ":", 6)
		if len(parts) < 6 {
			glob(text, false) // CO-12 short pattern: AMB-1 in the engine
			break
		}
		for i, p := range parts {
			if i > 0 {
				a.toks = append(a.toks, rtok{kind: tokLit, c: ':'})
			}
			glob(p, i < 5)
		}
	default:
		for i := 0; i < len(text); i++ {
			a.toks = append(a.toks, rtok{kind: tokLit, c: text[i]})
		}
	}
	return a
}

// states are positions 0..len(toks) as a bitset.
type rstates []uint64

func (a *ratom) start() rstates {
	s := make(rstates, (len(a.toks)+1+63)/64)
	s.add(0)
	a.closure(s)
	return s
}

func (s rstates) add(p int)      { s[p/64] |= 1 << (p % 64) }
func (s rstates) has(p int) bool { return s[p/64]&(1<<(p%64)) != 0 }
func (s rstates) empty() bool {
	for _, w := range s {
		if w != 0 {
			return false
		}
	}
	return true
}

func (a *ratom) closure(s rstates) {
	for p := 0; p < len(a.toks); p++ {
		if s.has(p) && (a.toks[p].kind == tokStar || a.toks[p].kind == tokStarNC) {
			s.add(p + 1)
		}
	}
}

func (a *ratom) step(s rstates, ch byte) rstates {
	n := make(rstates, len(s))
	for p := 0; p < len(a.toks); p++ {
		if !s.has(p) {
			continue
		}
		t := a.toks[p]
		switch t.kind {
		case tokLit:
			if ch == t.c {
				n.add(p + 1)
			}
		case tokFold:
			if asciiLower(ch) == asciiLower(t.c) {
				n.add(p + 1)
			}
		case tokAny:
			n.add(p + 1)
		case tokAnyNC:
			if ch != ':' {
				n.add(p + 1)
			}
		case tokStar:
			n.add(p)
		case tokStarNC:
			if ch != ':' {
				n.add(p)
			}
		}
	}
	a.closure(n)
	return n
}

func (a *ratom) accepts(s rstates) bool { return s.has(len(a.toks)) }

// matches runs the automaton on v.
func (a *ratom) matches(v string) bool {
	s := a.start()
	for i := 0; i < len(v) && !s.empty(); i++ {
		s = a.step(s, v[i])
	}
	return a.accepts(s)
}

// maxRegularStates bounds the product states explored per key.
const maxRegularStates = 4096

// regularWitnesses returns one value per satisfiable set of regular atoms:
// a breadth-first search over the product automaton, over the characters
// the atoms name (both cases for case-insensitive ones), ':' and one fresh
// character that stands for every other character. reason is set when the
// search may have missed a set (a bound, a non-ASCII pattern).
func regularWitnesses(atoms []atom) ([]string, string) {
	var res []*ratom
	reason := ""
	used := map[byte]bool{':': true}
	for _, at := range atoms {
		if at.re == nil {
			continue
		}
		if !at.re.ascii {
			reason = "non-ASCII pattern on"
		}
		res = append(res, at.re)
		for _, t := range at.re.toks {
			if t.kind == tokLit || t.kind == tokFold {
				used[t.c] = true
				if t.kind == tokFold {
					used[asciiLower(t.c)] = true
					used[asciiUpper(t.c)] = true
				}
			}
		}
	}
	fresh := byte(0)
	for _, c := range []byte("xqzjkQZJK0123456789#~_-") {
		if !used[c] && !used[asciiLower(c)] && !used[asciiUpper(c)] {
			fresh = c
			break
		}
	}
	alphabet := make([]byte, 0, len(used)+1)
	for c := 0; c < 256; c++ {
		if used[byte(c)] {
			alphabet = append(alphabet, byte(c))
		}
	}
	if fresh != 0 {
		alphabet = append(alphabet, fresh)
	} else {
		reason = "no fresh character for"
	}
	type node struct {
		sets []rstates
		w    string
	}
	key := func(sets []rstates) string {
		var b strings.Builder
		for _, s := range sets {
			for _, w := range s {
				for i := 0; i < 8; i++ {
					b.WriteByte(byte(w >> (8 * i)))
				}
			}
			b.WriteByte('|')
		}
		return b.String()
	}
	sig := func(sets []rstates) (string, bool) {
		b := make([]byte, len(sets))
		dead := true
		for i, s := range sets {
			if res[i].accepts(s) {
				b[i] = '1'
			} else {
				b[i] = '0'
			}
			dead = dead && s.empty()
		}
		return string(b), dead
	}
	root := node{sets: make([]rstates, len(res))}
	for i, r := range res {
		root.sets[i] = r.start()
	}
	// The root is not marked seen: a non-empty value reaching its state
	// replaces "" as the witness.
	seen := map[string]bool{}
	witness := map[string]string{}
	var order []string
	queue := []node{root}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		sg, dead := sig(n.sets)
		if w, ok := witness[sg]; !ok {
			witness[sg] = n.w
			order = append(order, sg)
		} else if w == "" && n.w != "" {
			witness[sg] = n.w // prefer a non-empty value (CO-5, CO-13)
		}
		if dead && n.w != "" {
			continue // every extension satisfies no atom either
		}
		for _, ch := range alphabet {
			next := make([]rstates, len(res))
			for i, r := range res {
				next[i] = r.step(n.sets[i], ch)
			}
			k := key(next)
			if seen[k] {
				continue
			}
			if len(seen) >= maxRegularStates {
				reason = "string classes over the bound on"
				queue = nil
				break
			}
			seen[k] = true
			queue = append(queue, node{sets: next, w: n.w + string(ch)})
		}
	}
	out := make([]string, 0, len(order))
	for _, sg := range order {
		out = append(out, witness[sg])
	}
	return out, reason
}

func asciiUpper(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}
