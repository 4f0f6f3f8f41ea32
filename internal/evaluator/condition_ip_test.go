package evaluator

import "testing"

func TestConditionIP(t *testing.T) {
	t.Parallel()
	ip := func(v string) func() *evalEnv { return ctxEnv("aws:SourceIp", v) }
	c := func(op string, vals ...string) []Condition { return []Condition{mtCond(op, "aws:SourceIp", vals...)} }
	runCondCases(t, []condCase{
		{"CO-11 IPv4 CIDR", c("IpAddress", "203.0.113.0/24"), ip("203.0.113.9"), false, TriTrue, ""},
		{"CO-11 IPv4 CIDR outside", c("IpAddress", "203.0.113.0/24"), ip("203.0.114.9"), false, TriFalse, ""},
		{"CO-11 bare address is /32", c("IpAddress", "203.0.113.9"), ip("203.0.113.9"), false, TriTrue, ""},
		{"CO-11 bare address is /32, neighbour", c("IpAddress", "203.0.113.9"), ip("203.0.113.10"), false, TriFalse, ""},
		{"CO-11 host bits masked", c("IpAddress", "10.0.0.5/24"), ip("10.0.0.200"), false, TriTrue, ""},
		{"CO-11 NotIpAddress", c("NotIpAddress", "10.0.0.0/8", "192.168.0.0/16"), ip("8.8.8.8"), false, TriTrue, ""},
		{"CO-11 NotIpAddress inside", c("NotIpAddress", "10.0.0.0/8", "192.168.0.0/16"), ip("192.168.1.1"), false, TriFalse, ""},
		{"CO-11 IPv6 CIDR", c("IpAddress", "2001:db8::/32"), ip("2001:db8:1::5"), false, TriTrue, ""},
		{"CO-11 bare IPv6 is /128", c("IpAddress", "2001:db8::1"), ip("2001:db8::2"), false, TriFalse, ""},
		{"CO-11 IPv4 range never matches IPv6", c("IpAddress", "0.0.0.0/0"), ip("2001:db8::1"), false, TriFalse, ""},
		{"CO-11 IPv6 range never matches IPv4", c("IpAddress", "::/0"), ip("10.0.0.1"), false, TriFalse, ""},
		{"CO-11 IPv4-mapped request AMB-1", c("IpAddress", "10.0.0.0/8"), ip("::ffff:10.1.2.3"), false, TriUnknown, "ambiguous:CO-11"},
		{"CO-11 IPv4-mapped request, readings agree", c("IpAddress", "10.0.0.0/8"), ip("::ffff:11.1.2.3"), false, TriFalse, ""},
		{"CO-11 IPv4-mapped policy AMB-1", c("IpAddress", "::ffff:10.0.0.0/104"), ip("10.1.2.3"), false, TriUnknown, "ambiguous:CO-11"},
		{"CO-11 invalid request address", c("IpAddress", "10.0.0.0/8"), ip("not-an-ip"), false, TriUnknown, "ambiguous:CO-11"},
		{"CO-11 invalid policy CIDR", c("IpAddress", "10.0.0.0/33"), ip("10.0.0.1"), false, TriUnknown, "ambiguous:CO-11"},
	})
}
