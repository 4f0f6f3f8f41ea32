package evaluator

import (
	"sort"
	"strconv"
	"strings"
)

// Describing the contexts under which a request is allowed: the allowed
// combinations of representative values as a disjunction of conjunctions,
// one condition per key, each condition written with the policy's own
// values where they name the allowed classes exactly.

const maxConjunctions = 8

// describeAllowed returns the conjunctions whose union is the allowed set
// (over the decided combinations) and whether the list was cut.
func describeAllowed(doms []*keyDomain, decided [][]int, allowed []bool) ([][]KeyCondition, bool) {
	var rows [][]int
	for i, ok := range allowed {
		if ok {
			rows = append(rows, decided[i])
		}
	}
	keys := make([]int, len(doms))
	for i := range keys {
		keys[i] = i
	}
	var out [][]KeyCondition
	truncated := describeRows(doms, keys, rows, nil, &out)
	return out, truncated
}

// describeRows appends the conjunctions for rows (tuples over keys) to out,
// each prefixed with prefix. It reports whether the output was cut.
func describeRows(doms []*keyDomain, keys []int, rows [][]int, prefix []KeyCondition, out *[][]KeyCondition) bool {
	if len(rows) == 0 {
		return false
	}
	if len(*out) >= maxConjunctions {
		return true
	}
	// Projections; a product of them is one conjunction.
	proj := make([]map[int]bool, len(keys))
	prod := 1
	for ki, k := range keys {
		proj[ki] = map[int]bool{}
		for _, r := range rows {
			proj[ki][r[k]] = true
		}
		prod *= len(proj[ki])
	}
	if prod == len(uniqueRows(rows, keys)) {
		conj := append([]KeyCondition(nil), prefix...)
		for ki, k := range keys {
			if txt := doms[k].describe(proj[ki]); txt != "" {
				conj = append(conj, KeyCondition{Key: doms[k].key, Text: SymbolDisplay(txt)})
			}
		}
		*out = append(*out, conj)
		return false
	}
	// Split on the first key whose projection is not full: group its values
	// by the rest they allow.
	split := 0
	for ki, k := range keys {
		if len(proj[ki]) < len(doms[k].vals) {
			split = ki
			break
		}
	}
	k := keys[split]
	rest := append(append([]int(nil), keys[:split]...), keys[split+1:]...)
	byVal := map[int][][]int{}
	for _, r := range rows {
		byVal[r[k]] = append(byVal[r[k]], r)
	}
	groups := map[string]map[int]bool{}
	var order []string
	for v, rs := range byVal {
		sig := rowsKey(rs, rest)
		if groups[sig] == nil {
			groups[sig] = map[int]bool{}
			order = append(order, sig)
		}
		groups[sig][v] = true
	}
	sort.Strings(order)
	cut := false
	for _, sig := range order {
		vals := groups[sig]
		var rs [][]int
		for v := range vals {
			rs = append(rs, byVal[v]...)
		}
		p := append([]KeyCondition(nil), prefix...)
		if txt := doms[k].describe(vals); txt != "" {
			p = append(p, KeyCondition{Key: doms[k].key, Text: SymbolDisplay(txt)})
		}
		if describeRows(doms, rest, rs, p, out) {
			cut = true
		}
	}
	return cut
}

// uniqueRows is the set of the rows' projections onto keys.
func uniqueRows(rows [][]int, keys []int) map[string]bool {
	m := map[string]bool{}
	sub := make([]int, len(keys))
	for _, r := range rows {
		for i, k := range keys {
			sub[i] = r[k]
		}
		m[intsKey(sub)] = true
	}
	return m
}

func intsKey(r []int) string {
	var b strings.Builder
	for _, x := range r {
		b.WriteString(strconv.Itoa(x))
		b.WriteByte(',')
	}
	return b.String()
}

func rowsKey(rows [][]int, keys []int) string {
	var ks []string
	for _, r := range rows {
		sub := make([]int, len(keys))
		for i, k := range keys {
			sub[i] = r[k]
		}
		ks = append(ks, intsKey(sub))
	}
	sort.Strings(ks)
	return strings.Join(uniqueStrings(ks), ";")
}

// describe writes the condition "the key takes one of these values"; ""
// when every value is allowed.
func (d *keyDomain) describe(set map[int]bool) string {
	if len(set) == len(d.vals) {
		return ""
	}
	absentIn := false
	var present, all []int
	for i, v := range d.vals {
		if v.absent {
			absentIn = set[i]
			continue
		}
		all = append(all, i)
		if set[i] {
			present = append(present, i)
		}
	}
	var txt string
	switch {
	case len(present) == 0:
		return d.key + " absent"
	case len(present) == len(all):
		return d.key + " present"
	default:
		txt = d.describePresent(present, all)
	}
	if absentIn {
		return d.key + " absent or " + txt
	}
	return txt
}

// describePresent names a set of present values through the atoms that
// select exactly them, else lists the values.
func (d *keyDomain) describePresent(present, all []int) string {
	want := map[int]bool{}
	for _, i := range present {
		want[i] = true
	}
	if d.boolKey && len(present) == 1 {
		return d.key + " = " + d.vals[present[0]].values[0]
	}
	if !d.multi {
		// one atom, or the union of the atoms of one operator
		byOp := map[BaseOperator][]atom{}
		var ops []BaseOperator
		for _, a := range d.atoms {
			if byOp[a.op] == nil {
				ops = append(ops, a.op)
			}
			byOp[a.op] = append(byOp[a.op], a)
		}
		for _, op := range ops {
			if txt, ok := d.selects(byOp[op], all, want, false); ok {
				return txt
			}
			if txt, ok := d.selects(byOp[op], all, want, true); ok {
				return txt
			}
		}
		for _, a := range d.atoms {
			if txt, ok := d.selects([]atom{a}, all, want, false); ok {
				return txt
			}
			if txt, ok := d.selects([]atom{a}, all, want, true); ok {
				return txt
			}
		}
	}
	var vs []string
	for _, i := range present {
		v := d.vals[i].values
		if d.multi {
			vs = append(vs, "["+strings.Join(v, ", ")+"]")
		} else {
			vs = append(vs, strconv.Quote(v[0]))
		}
	}
	return d.key + " is one of " + strings.Join(vs, ", ") + " (representative values)"
}

// selects reports whether the union of atoms (or its complement) holds on
// exactly the wanted values, and renders it.
func (d *keyDomain) selects(as []atom, all []int, want map[int]bool, negate bool) (string, bool) {
	for _, i := range all {
		hit := false
		for _, a := range as {
			if a.match(d.vals[i].values[0]) {
				hit = true
				break
			}
		}
		if (hit != negate) != want[i] {
			return "", false
		}
	}
	texts := make([]string, len(as))
	for i, a := range as {
		texts[i] = a.text
	}
	sort.Strings(texts)
	texts = uniqueStrings(texts)
	val := texts[0]
	if len(texts) > 1 {
		val = "one of [" + strings.Join(texts, ", ") + "]"
		if negate {
			val = "each of [" + strings.Join(texts, ", ") + "]"
		}
	}
	return d.key + " " + opSymbol(as[0].op, negate) + " " + val, true
}

// opSymbol renders an operator (positive form) or its negation.
func opSymbol(op BaseOperator, negate bool) string {
	pick := func(pos, neg string) string {
		if negate {
			return neg
		}
		return pos
	}
	switch op {
	case OpStringEquals, OpBool, OpBinaryEquals, OpNumericEquals, OpDateEquals, OpArnEquals:
		return pick("=", "!=")
	case OpStringEqualsIgnoreCase:
		return pick("= (ignoring case)", "!= (ignoring case)")
	case OpStringLike, OpArnLike:
		return pick("like", "not like")
	case OpIPAddress:
		return pick("in", "not in")
	case OpNumericLessThan, OpDateLessThan:
		return pick("<", ">=")
	case OpNumericLessThanEquals, OpDateLessThanEquals:
		return pick("<=", ">")
	case OpNumericGreaterThan, OpDateGreaterThan:
		return pick(">", "<=")
	case OpNumericGreaterThanEquals, OpDateGreaterThanEquals:
		return pick(">=", "<")
	}
	return pick(op.Name(), "not "+op.Name())
}
