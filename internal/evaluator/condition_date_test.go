package evaluator

import (
	"testing"
	"time"
)

func TestConditionDate(t *testing.T) {
	t.Parallel()
	now := func(v string) func() *evalEnv { return ctxEnv("aws:CurrentTime", v) }
	c := func(op string, vals ...string) []Condition {
		return []Condition{mtCond(op, "aws:CurrentTime", vals...)}
	}
	runCondCases(t, []condCase{
		{"CO-8 LessThan ISO", c("DateLessThan", "2024-06-01T00:00:00Z"), now("2024-05-31T23:59:59Z"), false, TriTrue, ""},
		{"CO-8 GreaterThan ISO", c("DateGreaterThan", "2024-06-01T00:00:00Z"), now("2024-05-31T23:59:59Z"), false, TriFalse, ""},
		{"CO-8 Equals across zones", c("DateEquals", "2024-06-01T02:00:00+02:00"), now("2024-06-01T00:00:00Z"), false, TriTrue, ""},
		{"CO-8 NotEquals", c("DateNotEquals", "2024-06-01T00:00:00Z"), now("2024-06-01T00:00:01Z"), false, TriTrue, ""},
		{"CO-8 date alone is 00:00 UTC", c("DateEquals", "2024-06-01"), now("2024-06-01T00:00:00Z"), false, TriTrue, ""},
		{"CO-8 YYYY-MM", c("DateLessThanEquals", "2024-06"), now("2024-06-01T00:00:00Z"), false, TriTrue, ""},
		{"CO-8 minutes without seconds", c("DateEquals", "2024-06-01T10:30Z"), now("2024-06-01T10:30:00Z"), false, TriTrue, ""},
		{"CO-8 fractional seconds", c("DateLessThan", "2024-06-01T00:00:00.5Z"), now("2024-06-01T00:00:00.25Z"), false, TriTrue, ""},
		{"CO-8 OR-3 epoch request vs ISO policy", c("DateGreaterThan", "2024-01-01T00:00:00Z"), now("1717200000"), false, TriTrue, ""},
		{"CO-8 OR-3 epoch equals ISO", c("DateEquals", "1704067200"), now("2024-01-01T00:00:00Z"), false, TriTrue, ""},
		{"CO-8 OR-3 ISO with offset vs epoch", c("DateLessThan", "1704067200"), now("2024-01-01T00:30:00+01:00"), false, TriTrue, ""},
		{"CO-8 no TZD, far from the bound", c("DateLessThan", "2024-06-01T00:00:00"), now("2024-05-01T00:00:00Z"), false, TriTrue, ""},
		{"CO-8 no TZD, within the zone range", c("DateLessThan", "2024-06-01T00:00:00"), now("2024-06-01T03:00:00Z"), false, TriUnknown, "ambiguous:CO-8"},
		{"CO-8 no TZD, equality never definite", c("DateEquals", "2024-06-01T00:00:00"), now("2024-06-01T00:00:00Z"), false, TriUnknown, "ambiguous:CO-8"},
		{"CO-8 no TZD, equality surely false", c("DateEquals", "2024-06-01T00:00:00"), now("2024-06-03T00:00:00Z"), false, TriFalse, ""},
		{"CO-8 epoch millis AMB-1", c("DateGreaterThan", "1704067200000"), now("2024-06-01T00:00:00Z"), false, TriUnknown, "ambiguous:CO-8"},
		{"CO-8 epoch millis, readings agree", c("DateLessThan", "1704067200000"), now("2000-01-01T00:00:00Z"), false, TriTrue, ""},
		{"CO-8 four digits: year or epoch", c("DateGreaterThan", "2024"), now("2023-06-01T00:00:00Z"), false, TriUnknown, "ambiguous:CO-8"},
		{"CO-8 invalid policy date", c("DateLessThan", "June 1st"), now("2024-06-01T00:00:00Z"), false, TriUnknown, "ambiguous:CO-8"},
		{"CO-8 invalid month", c("DateLessThan", "2024-13-01"), now("2024-06-01T00:00:00Z"), false, TriUnknown, "ambiguous:CO-8"},
		{"CO-8 invalid request date", c("DateLessThan", "2024-06-01"), now("yesterday"), false, TriUnknown, "ambiguous:CO-8"},
		{"CO-8 no wildcards", c("DateLessThan", "2024-*"), now("2020-01-01"), false, TriUnknown, "ambiguous:CO-8"},
	})
}

func TestParseDateValue(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"2024-02-29T12:34:56Z", "1999-12-31T23:59:59-05:00", "1970-01-01T00:00:00Z", "2100-03-01T00:00:00+14:00", "1601-01-01T00:00:00Z"} {
		want, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		d := parseDateValue(s)
		if d.n != 1 || d.lo[0].sec != want.Unix() || d.lo[0] != d.hi[0] {
			t.Errorf("parseDateValue(%q) = %+v, want %d", s, d, want.Unix())
		}
	}
	for _, bad := range []string{"2023-02-29", "2024-01-01T24:00:00Z", "2024-01-01T10:00:00+0100", "2024-1-1", "2024-01-01T10Z", "2024-01-01 10:00:00Z", "-5"} {
		if d := parseDateValue(bad); d.n != 0 {
			t.Errorf("parseDateValue(%q) parsed, want failure", bad)
		}
	}
}
