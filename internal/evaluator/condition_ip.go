package evaluator

import (
	"net/netip"
	"strings"
)

// IP operators (CO-11). Policy values are IPv4 or IPv6 CIDRs; a bare
// address is /32 or /128; host bits are masked. An IPv4 range never
// matches an IPv6 request and the reverse; IPv4-mapped IPv6 addresses are
// [silent]: the mapped reading (compare as IPv4) and the family reading
// (no match) are both evaluated (AMB-1).
type ipValue struct {
	ok     bool
	prefix netip.Prefix
	// mapped is the other family's form of the prefix: an IPv4 prefix as
	// ::ffff:a.b.c.d/96+n, or an IPv4-mapped prefix as plain IPv4.
	mapped   netip.Prefix
	isMapped bool // prefix is IPv4-mapped IPv6
}

func compileIPValue(s string) ipValue {
	var p ipValue
	var err error
	if strings.Contains(s, "/") {
		p.prefix, err = netip.ParsePrefix(s)
	} else {
		var a netip.Addr
		if a, err = netip.ParseAddr(s); err == nil {
			p.prefix = netip.PrefixFrom(a, a.BitLen())
		}
	}
	if err != nil || p.prefix.Addr().Zone() != "" {
		return ipValue{}
	}
	p.prefix = p.prefix.Masked()
	p.ok = true
	if a := p.prefix.Addr(); a.Is4In6() && p.prefix.Bits() >= 96 {
		p.isMapped = true
		p.mapped = netip.PrefixFrom(a.Unmap(), p.prefix.Bits()-96)
	}
	return p
}

type requestIP struct {
	ok   bool
	addr netip.Addr
}

func parseRequestIP(s string) requestIP {
	a, err := netip.ParseAddr(s)
	if err != nil {
		return requestIP{}
	}
	return requestIP{ok: true, addr: a.WithZone("")}
}

// match reports whether the request address lies in the range.
func (p *ipValue) match(r *requestIP, notes *triNotes) Tri {
	if !p.ok || !r.ok {
		notes.add(reasonCO11) // not an address or CIDR: [silent]
		return TriUnknown
	}
	direct := p.prefix.Contains(r.addr)
	alt := direct
	switch {
	case r.addr.Is4In6() && p.prefix.Addr().Is4():
		alt = p.prefix.Contains(r.addr.Unmap())
	case r.addr.Is4() && p.isMapped:
		alt = p.mapped.Contains(r.addr)
	}
	if alt != direct {
		notes.add(reasonCO11)
		return TriUnknown
	}
	return TriOf(direct)
}
