package evaluator

import (
	"math/big"
	"net/netip"
	"sort"
	"strings"
	"time"
)

// Representative values of one free key (QUANTIFICATION.md). Every policy
// value a key is compared with is an atom: a predicate on one request
// value. Two values that satisfy the same atoms get the same decision, so
// one value per satisfiable set of atoms (a class) is enough; "absent" is
// its own class. The classes are found per operator family:
//   - string, ARN, Bool and Binary atoms are regular languages: a breadth-
//     first search over the product of their automata, over the characters
//     the patterns name plus one fresh character, reaches every satisfiable
//     set of atoms;
//   - numeric and date atoms compare with constants: each constant, a value
//     between each two neighbours, one below and one above all;
//   - IP atoms are CIDR ranges: the first and last address of each range
//     and the addresses just outside it, per address family.

// keyValue is one representative value: absent, or present with values.
type keyValue struct {
	absent bool
	values []string
	// sym: the value is a symbol of a policy value (quantify_symbol.go);
	// values then holds the policy value's text, for descriptions.
	sym *Unknown
}

func (v *keyValue) set(ctx *Context, key string, multi bool) {
	switch {
	case v.absent:
	case v.sym != nil:
		ctx.SetUnknown(key, *v.sym)
	case multi:
		ctx.SetList(key, v.values)
	default:
		ctx.Set(key, v.values[0])
	}
}

// keyDomain is the representative values of one free key.
type keyDomain struct {
	key   string
	multi bool
	vals  []keyValue
	atoms []atom
	// boolKey: the key's type is Bool (its values are true and false).
	boolKey bool
	// regular: the key's values come from the string witness search.
	regular bool
	// inexact names why the values may miss a class ("" when exact).
	inexact string
}

// atom is one policy value compared with the key, in its positive form.
type atom struct {
	op    BaseOperator
	text  string
	match func(v string) bool
	re    *ratom      // the automaton of a string, ARN or Bool atom
	sym   *condSymbol // a value naming a symbol (no automaton)
}

// KeyTypeCatalog is implemented by a Catalog that knows condition key types
// (String, Bool, Numeric, Date, IPAddress, ARN, ArrayOf...).
type KeyTypeCatalog interface {
	ConditionKeyType(key string) (typ string, known bool)
}

// presence says whether AWS may omit the key and may send it, for this
// caller (CTX-3..CTX-12).
func presence(key string, p *Principal) (mayAbsent, mayPresent bool) {
	k := strings.ToLower(key)
	switch k {
	case "aws:currenttime", "aws:epochtime", "aws:securetransport", "aws:requestedregion", "aws:useragent", "aws:viaawsservice":
		return false, true // CTX-3, CTX-4: always sent
	case "aws:multifactorauthpresent", "aws:tokenissuetime", "aws:multifactorauthage":
		switch p.Kind {
		case PrincipalAnonymous, PrincipalService:
			return true, false // no credentials of a principal: never sent
		case PrincipalRoleSession, PrincipalFederatedUser:
			if k == "aws:multifactorauthage" {
				return true, true // CTX-13: only when MFA was used
			}
			return false, true // CTX-12: temporary credentials always carry it
		}
	}
	if p.Kind == PrincipalAnonymous && (strings.HasPrefix(k, "aws:principaltag/") || strings.HasPrefix(k, "aws:principalorg")) {
		return true, false // CTX-8, CTX-9: absent for anonymous callers
	}
	return true, true
}

// domainOf computes the representative values of a key.
func (c *CompiledSet) domainOf(ka *keyAtoms, p *Principal, kr *KeyRange) *keyDomain {
	d := &keyDomain{key: ka.key}
	typ := ""
	if kt, ok := c.opts.Catalog.(KeyTypeCatalog); ok && c.opts.Catalog != nil {
		typ, _ = kt.ConditionKeyType(ka.key)
	}
	setOp := false
	fams := map[OperatorFamily]bool{}
	for _, cc := range ka.conds {
		if cc.op.Set != SetNone {
			setOp = true
		}
		if cc.fixed.IsZero() {
			fams[cc.family] = true
		}
		d.atoms = append(d.atoms, atomsOf(cc)...)
	}
	if c.opts.Catalog != nil {
		if multi, known := c.opts.Catalog.MultivaluedKey(ka.key); known {
			d.multi = multi
		} else {
			d.multi = setOp
		}
	} else {
		d.multi = setOp || strings.HasPrefix(typ, "ArrayOf")
	}
	typ = strings.TrimPrefix(typ, "ArrayOf")
	var present []string
	switch {
	case typ == "Bool" || typ == "" && onlyFamilies(fams, FamilyBool, FamilyNull):
		d.boolKey = true
		present = []string{"true", "false"}
	case typ == "Numeric" || typ == "" && onlyFamilies(fams, FamilyNumeric, FamilyNull):
		present = numericWitnesses(ka.conds)
		d.mixed(fams, FamilyNumeric)
	case typ == "Date" || typ == "" && onlyFamilies(fams, FamilyDate, FamilyNull):
		present = dateWitnesses(ka.conds)
		if typ == "Date" && fams[FamilyNumeric] {
			present = append(present, numericWitnesses(ka.conds)...) // aws:EpochTime: Date, Numeric
			delete(fams, FamilyNumeric)
		}
		d.mixed(fams, FamilyDate)
	case typ == "IPAddress" || typ == "" && onlyFamilies(fams, FamilyIP, FamilyNull):
		present = ipWitnesses(ka.conds)
		d.mixed(fams, FamilyIP)
	default:
		var reason string
		d.regular = true
		present, reason = regularWitnesses(append(d.atoms[:len(d.atoms):len(d.atoms)], kr.atoms()...))
		if reason != "" {
			d.inexact = reason + " " + ka.key
		}
		for _, f := range []OperatorFamily{FamilyNumeric, FamilyDate, FamilyIP, FamilyBinary} {
			if fams[f] {
				d.inexact = "mixed operator families on " + ka.key
			}
		}
		present = append(present, numericWitnessesIf(fams, ka.conds)...)
	}
	present = uniqueStrings(present)
	mayAbsent, mayPresent := presence(ka.key, p)
	if kr != nil {
		present, mayAbsent = kr.narrow(d, present, mayAbsent)
	}
	if mayAbsent || !mayPresent || len(present) == 0 {
		d.vals = append(d.vals, keyValue{absent: true})
	}
	if !mayPresent {
		return d
	}
	syms, why := d.symbolValues(kr)
	if why != "" {
		d.inexact = why
	}
	if !d.multi {
		for _, v := range present {
			d.vals = append(d.vals, keyValue{values: []string{v}})
		}
		d.vals = append(d.vals, syms...)
		return d
	}
	// A multivalued key: every non-empty subset of the classes' values.
	if len(present) > 5 {
		d.inexact = "multivalued key " + ka.key + " with more than 5 classes"
		for i := range present {
			d.vals = append(d.vals, keyValue{values: []string{present[i]}})
			for j := i + 1; j < len(present); j++ {
				d.vals = append(d.vals, keyValue{values: []string{present[i], present[j]}})
			}
		}
		return d
	}
	for mask := 1; mask < 1<<len(present); mask++ {
		var vs []string
		for i := range present {
			if mask&(1<<i) != 0 {
				vs = append(vs, present[i])
			}
		}
		d.vals = append(d.vals, keyValue{values: vs})
	}
	return d
}

func (d *keyDomain) mixed(fams map[OperatorFamily]bool, want OperatorFamily) {
	for f := range fams {
		if f != want && f != FamilyNull {
			d.inexact = "mixed operator families on " + d.key
		}
	}
}

func onlyFamilies(fams map[OperatorFamily]bool, want ...OperatorFamily) bool {
	if len(fams) == 0 {
		return false
	}
	for f := range fams {
		ok := false
		for _, w := range want {
			ok = ok || f == w
		}
		if !ok {
			return false
		}
	}
	return fams[want[0]]
}

func uniqueStrings(s []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// atomsOf turns a condition's policy values into atoms (positive form).
func atomsOf(cc *compiledCond) []atom {
	var out []atom
	op := positiveOf(cc.op.Base)
	switch cc.family {
	case FamilyString:
		for i := range cc.strs {
			s := &cc.strs[i]
			if s.sym != nil {
				out = append(out, symbolAtom(op, s.sym))
				continue
			}
			re := regularAtom(op, s.text)
			out = append(out, atom{op: op, text: s.text, match: re.matches, re: re})
		}
	case FamilyARN:
		for i := range cc.arns {
			a := &cc.arns[i]
			if a.sym != nil {
				out = append(out, symbolAtom(op, a.sym))
				continue
			}
			re := regularAtom(op, a.text)
			out = append(out, atom{op: op, text: a.text, match: re.matches, re: re})
		}
	case FamilyBool:
		for i := range cc.bools {
			re := regularAtom(OpStringEquals, boolText(cc.bools[i].val))
			out = append(out, atom{op: op, text: boolText(cc.bools[i].val), match: re.matches, re: re})
		}
	case FamilyNumeric:
		for i := range cc.nums {
			n := cc.nums[i]
			out = append(out, atom{op: op, text: decText(n.d), match: func(v string) bool {
				var notes triNotes
				rv, ok := parseDecimal(v)
				return n.match(op, rv, ok, &notes) == TriTrue
			}})
		}
	case FamilyDate:
		for i := range cc.dates {
			dv := cc.dates[i]
			text := ""
			if dv.n > 0 {
				text = instantText(dv.lo[0])
			}
			out = append(out, atom{op: op, text: text, match: func(v string) bool {
				var notes triNotes
				rv := parseDateValue(v)
				return compareDates(op, &rv, &dv, &notes) == TriTrue
			}})
		}
	case FamilyIP:
		for i := range cc.ips {
			ip := cc.ips[i]
			out = append(out, atom{op: op, text: ip.prefix.String(), match: func(v string) bool {
				var notes triNotes
				r := parseRequestIP(v)
				return ip.match(&r, &notes) == TriTrue
			}})
		}
	}
	return out
}

// positiveOf maps a negated operator to its positive form (CO-1).
func positiveOf(b BaseOperator) BaseOperator {
	switch b {
	case OpStringNotEquals:
		return OpStringEquals
	case OpStringNotEqualsIgnoreCase:
		return OpStringEqualsIgnoreCase
	case OpStringNotLike:
		return OpStringLike
	case OpNumericNotEquals:
		return OpNumericEquals
	case OpDateNotEquals:
		return OpDateEquals
	case OpNotIPAddress:
		return OpIPAddress
	case OpArnNotEquals, OpArnNotLike:
		return OpArnLike
	}
	return b
}

func numericWitnessesIf(fams map[OperatorFamily]bool, conds []*compiledCond) []string {
	if fams[FamilyNumeric] {
		return numericWitnesses(conds)
	}
	return nil
}

// numericWitnesses: each constant, a value between neighbours, and one
// below and one above all (CO-7).
func numericWitnesses(conds []*compiledCond) []string {
	var cs []*big.Rat
	for _, cc := range conds {
		for i := range cc.nums {
			if r, ok := new(big.Rat).SetString(decText(cc.nums[i].d)); ok && cc.nums[i].ok {
				cs = append(cs, r)
			}
		}
	}
	if len(cs) == 0 {
		return []string{"0"}
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].Cmp(cs[j]) < 0 })
	var out []string
	one := big.NewRat(1, 1)
	out = append(out, ratText(new(big.Rat).Sub(cs[0], one)))
	for i, r := range cs {
		out = append(out, ratText(r))
		if i+1 < len(cs) && r.Cmp(cs[i+1]) < 0 {
			mid := new(big.Rat).Add(r, cs[i+1])
			out = append(out, ratText(mid.Quo(mid, big.NewRat(2, 1))))
		}
	}
	out = append(out, ratText(new(big.Rat).Add(cs[len(cs)-1], one)))
	return out
}

// ratText renders a terminating decimal (constants and their midpoints are).
func ratText(r *big.Rat) string {
	if r.IsInt() {
		return r.Num().String()
	}
	s := r.FloatString(40)
	return strings.TrimRight(s, "0")
}

// dateWitnesses: each bound of each reading of each constant, the instants
// just before and after it (CO-8).
func dateWitnesses(conds []*compiledCond) []string {
	var is []instant
	for _, cc := range conds {
		for i := range cc.dates {
			d := &cc.dates[i]
			for r := 0; r < d.n; r++ {
				is = append(is, d.lo[r], d.hi[r])
			}
		}
	}
	if len(is) == 0 {
		return []string{"2020-01-01T00:00:00Z"}
	}
	var out []string
	for _, t := range is {
		for _, delta := range []int32{-1, 0, 1} {
			out = append(out, instantText(addNanos(t, delta)))
		}
	}
	return out
}

func addNanos(t instant, d int32) instant {
	t.nsec += d
	if t.nsec < 0 {
		t.sec--
		t.nsec += 1e9
	} else if t.nsec >= 1e9 {
		t.sec++
		t.nsec -= 1e9
	}
	return t
}

func instantText(t instant) string {
	return time.Unix(t.sec, int64(t.nsec)).UTC().Format("2006-01-02T15:04:05.999999999Z")
}

// ipWitnesses: per range its first and last address and the addresses just
// outside it, plus one address of each family (CO-11).
func ipWitnesses(conds []*compiledCond) []string {
	out := []string{"192.0.2.1", "2001:db8::1"}
	for _, cc := range conds {
		for i := range cc.ips {
			ip := &cc.ips[i]
			if !ip.ok {
				continue
			}
			first := ip.prefix.Masked().Addr()
			last := lastAddr(ip.prefix)
			out = append(out, first.String(), last.String())
			if p := first.Prev(); p.IsValid() {
				out = append(out, p.String())
			}
			if n := last.Next(); n.IsValid() {
				out = append(out, n.String())
			}
		}
	}
	return out
}

func lastAddr(p netip.Prefix) netip.Addr {
	a := p.Masked().Addr().AsSlice()
	bits := p.Bits()
	for i := range a {
		for b := 0; b < 8; b++ {
			if i*8+b >= bits {
				a[i] |= 1 << (7 - b)
			}
		}
	}
	out, _ := netip.AddrFromSlice(a)
	return out
}

// decText renders a parsed decimal.
func decText(d decimal) string {
	s := d.intg
	if s == "" {
		s = "0"
	}
	if d.frac != "" {
		s += "." + d.frac
	}
	if d.neg {
		s = "-" + s
	}
	return s
}
