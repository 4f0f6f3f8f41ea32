package evaluator

// Date operators (CO-8). Both sides may use any of the W3C ISO 8601
// profiles (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDThh:mmTZD,
// YYYY-MM-DDThh:mm:ssTZD, YYYY-MM-DDThh:mm:ss.sTZD; TZD = Z or ±hh:mm) or
// epoch seconds; both are converted to UTC instants before comparing
// (OR-3). The ambiguous forms become several readings or an interval:
//   - a time without TZD: every offset UTC−12:00 … UTC+14:00 (an interval);
//   - epoch above 10^11: seconds or milliseconds (two readings);
//   - four digits: a year or epoch seconds (two readings).
// A comparison is definite only when it holds, or fails, for every reading.

// instant is seconds since the epoch plus nanoseconds.
type instant struct {
	sec  int64
	nsec int32
}

func cmpInstant(a, b instant) int {
	switch {
	case a.sec < b.sec:
		return -1
	case a.sec > b.sec:
		return 1
	case a.nsec < b.nsec:
		return -1
	case a.nsec > b.nsec:
		return 1
	}
	return 0
}

// dateValue holds up to two readings, each an interval [lo, hi].
type dateValue struct {
	n      int // 0 when the value does not parse
	lo, hi [2]instant
}

func (d *dateValue) add(lo, hi instant) {
	d.lo[d.n], d.hi[d.n] = lo, hi
	d.n++
}

const (
	maxEpochSeconds = 100_000_000_000 // 10^11: above it, milliseconds look likelier (CO-8)
	zoneWest        = 12 * 3600       // UTC−12:00
	zoneEast        = 14 * 3600       // UTC+14:00
)

// parseDateValue parses a policy or request date without allocating.
func parseDateValue(s string) dateValue {
	var d dateValue
	if s == "" {
		return d
	}
	if allDigits(s) {
		if len(s) > 18 {
			return d
		}
		var n int64
		for i := 0; i < len(s); i++ {
			n = n*10 + int64(s[i]-'0')
		}
		if len(s) == 4 {
			// A year (YYYY) or epoch seconds in 1970.
			y := instant{sec: daysFromCivil(n, 1, 1) * 86400}
			d.add(y, y)
		}
		sec := instant{sec: n}
		d.add(sec, sec)
		if n > maxEpochSeconds && d.n < 2 {
			ms := instant{sec: n / 1000, nsec: int32(n%1000) * 1_000_000}
			d.add(ms, ms)
		}
		return d
	}
	t, zoned, ok := parseISODate(s)
	if !ok {
		return d
	}
	if zoned {
		d.add(t, t)
		return d
	}
	// No TZD: local time anywhere from UTC−12:00 to UTC+14:00.
	d.add(instant{sec: t.sec - zoneEast, nsec: t.nsec}, instant{sec: t.sec + zoneWest, nsec: t.nsec})
	return d
}

// parseISODate returns the instant (as UTC when there is no TZD) and
// whether a TZD was given (a date alone counts as 00:00 UTC, CO-8).
func parseISODate(s string) (instant, bool, bool) {
	var t instant
	if len(s) < 4 || !allDigits(s[:4]) {
		return t, false, false
	}
	year := int64(atoiDigits(s[:4]))
	month, day := 1, 1
	rest := s[4:]
	if rest != "" {
		if len(rest) < 3 || rest[0] != '-' || !allDigits(rest[1:3]) {
			return t, false, false
		}
		month = atoiDigits(rest[1:3])
		rest = rest[3:]
		if rest != "" {
			if len(rest) < 3 || rest[0] != '-' || !allDigits(rest[1:3]) {
				return t, false, false
			}
			day = atoiDigits(rest[1:3])
			rest = rest[3:]
		}
	}
	if month < 1 || month > 12 || day < 1 || day > daysIn(year, month) {
		return t, false, false
	}
	t.sec = daysFromCivil(year, month, day) * 86400
	if rest == "" {
		return t, true, true
	}
	// Thh:mm[:ss[.s+]]TZD; only after a full date.
	if len(s) < 10 || rest[0] != 'T' || len(rest) < 6 || rest[3] != ':' || !allDigits(rest[1:3]) || !allDigits(rest[4:6]) {
		return t, false, false
	}
	hh, mm := atoiDigits(rest[1:3]), atoiDigits(rest[4:6])
	ss := 0
	rest = rest[6:]
	if rest != "" && rest[0] == ':' {
		if len(rest) < 3 || !allDigits(rest[1:3]) {
			return t, false, false
		}
		ss = atoiDigits(rest[1:3])
		rest = rest[3:]
		if rest != "" && rest[0] == '.' {
			j := 1
			var ns int32
			scale := int32(100_000_000)
			for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
				ns += int32(rest[j]-'0') * scale
				scale /= 10
				j++
			}
			if j == 1 {
				return t, false, false
			}
			t.nsec = ns
			rest = rest[j:]
		}
	}
	if hh > 23 || mm > 59 || ss > 60 {
		return t, false, false
	}
	t.sec += int64(hh*3600 + mm*60 + ss)
	switch {
	case rest == "":
		return t, false, true
	case rest == "Z":
		return t, true, true
	case len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':' && allDigits(rest[1:3]) && allDigits(rest[4:6]):
		oh, om := atoiDigits(rest[1:3]), atoiDigits(rest[4:6])
		if oh > 23 || om > 59 {
			return t, false, false
		}
		off := int64(oh*3600 + om*60)
		if rest[0] == '+' {
			t.sec -= off
		} else {
			t.sec += off
		}
		return t, true, true
	}
	return t, false, false
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func atoiDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

func daysIn(y int64, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil is the number of days from 1970-01-01 (proleptic
// Gregorian calendar).
func daysFromCivil(y int64, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := int64((m + 9) % 12)
	doy := (153*mp+2)/5 + int64(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// compareDates applies a Date operator to every pair of readings: TriTrue
// or TriFalse when all agree, else AMB-1.
func compareDates(op BaseOperator, req, pol *dateValue, notes *triNotes) Tri {
	if req.n == 0 || pol.n == 0 {
		notes.add(reasonCO8) // a value that does not parse: [silent]
		return TriUnknown
	}
	out := TriUnknown
	for i := 0; i < req.n; i++ {
		for j := 0; j < pol.n; j++ {
			t := intervalHolds(op, req.lo[i], req.hi[i], pol.lo[j], pol.hi[j])
			switch {
			case t == TriUnknown:
				notes.add(reasonCO8)
				return TriUnknown
			case out == TriUnknown:
				out = t
			case out != t:
				notes.add(reasonCO8)
				return TriUnknown
			}
		}
	}
	return out
}

// intervalHolds decides "a op b" for a in [alo, ahi] and b in [blo, bhi]:
// definite only when it holds for all or for none of the pairs.
func intervalHolds(op BaseOperator, alo, ahi, blo, bhi instant) Tri {
	// c ranges over [cmp(alo, bhi), cmp(ahi, blo)].
	minC, maxC := cmpInstant(alo, bhi), cmpInstant(ahi, blo)
	if cmpInstant(alo, ahi) == 0 && cmpInstant(blo, bhi) == 0 {
		return TriOf(cmpHolds(op, minC))
	}
	lo, hi := cmpHolds(op, minC), cmpHolds(op, maxC)
	if op == OpDateEquals || op == OpDateNotEquals {
		if minC > 0 || maxC < 0 {
			return TriFalse // disjoint
		}
		return TriUnknown
	}
	if lo == hi {
		return TriOf(lo)
	}
	return TriUnknown
}
