package evaluator

import "testing"

func TestContextGrowKeepsValues(t *testing.T) {
	t.Parallel()
	var c Context
	c.Grow(2)
	c.Set("aws:SourceIp", "10.0.0.1")
	c.Set("AWS:sourceip", "10.0.0.2") // CO-2: same key, replaced
	c.Set("aws:SecureTransport", "true")
	c.Set("aws:username", "alice") // beyond the reserved room: allocates
	c.SetList("aws:TagKeys", []string{"a"})
	want := map[string]string{"aws:sourceip": "10.0.0.2", "aws:securetransport": "true", "aws:username": "alice"}
	for k, v := range want {
		got := c.Lookup(k)
		if got == nil || len(got.Values) != 1 || got.Values[0] != v {
			t.Errorf("Lookup(%q) = %+v, want the single value %q", k, got, v)
		}
	}
	if c.Len() != 4 {
		t.Errorf("Len() = %d, want 4", c.Len())
	}
}

// Not parallel: AllocsPerRun refuses to run beside parallel tests.
func TestContextGrowAllocations(t *testing.T) {
	if got := testing.AllocsPerRun(100, func() {
		var d Context
		d.Grow(3)
		d.Set("a", "1")
		d.Set("b", "2")
		d.Set("c", "3")
	}); got > 2 {
		t.Errorf("Grow(3) + 3 Set: %v allocations, want at most 2", got)
	}
}

// CO-2: setting a key again in another case replaces it, also when only
// Unicode folding relates the two spellings.
func TestContextSetReplacesFoldedKey(t *testing.T) {
	t.Parallel()
	tests := []struct {
		first, second string
		same          bool
	}{
		{"aws:SourceIp", "AWS:SOURCEIP", true},
		{"aws:SourceIp", "aws:SourceVpc", false},
		{"k", "\u212a", true}, // KELVIN SIGN folds to k
		{"\u212a", "K", true},
		{"s", "\u017f", true}, // LATIN SMALL LETTER LONG S folds to s
		{"ab", "ba", false},
	}
	for _, tc := range tests {
		var c Context
		c.Set(tc.first, "1")
		c.Set(tc.second, "2")
		if got := c.Len() == 1; got != tc.same {
			t.Errorf("Set(%q) then Set(%q): %d keys", tc.first, tc.second, c.Len())
		}
		if v := c.Lookup(tc.second); v == nil || v.Values[0] != "2" {
			t.Errorf("Lookup(%q) after both sets = %v", tc.second, v)
		}
	}
}

// Reset empties the context (CTX-1: a key set before is absent after) and
// keeps its storage: a decoder that resets one Context per request and
// reserves with Grow and GrowValues allocates for the first request only,
// lists taken with ListBuffer included.
func TestContextResetReusesStorage(t *testing.T) {
	var c Context
	fill := func(team string) {
		c.Reset()
		c.Grow(3)
		c.GrowValues(4)
		c.Set("aws:PrincipalTag/team", team)
		c.Set("aws:SourceIp", "10.0.0.1")
		l := append(c.ListBuffer(2), "team", "env")
		c.SetList("aws:TagKeys", l)
	}
	fill("blue")
	c.Set("ÄWS:X", "non-ASCII") // sets nonASCII; Reset must clear it
	fill("red")
	if got := c.Lookup("ÄWS:X"); got != nil {
		t.Errorf("after Reset, Lookup of an earlier key = %+v, want absent", got)
	}
	if c.nonASCII {
		t.Error("after Reset, nonASCII still set")
	}
	if got := c.Lookup("aws:principaltag/TEAM"); got == nil || len(got.Values) != 1 || got.Values[0] != "red" {
		t.Errorf("Lookup(team) = %+v, want the single value red", got)
	}
	if got := c.Lookup("aws:TagKeys"); got == nil || !got.Multi || len(got.Values) != 2 || got.Values[1] != "env" {
		t.Errorf("Lookup(aws:TagKeys) = %+v, want the list [team env]", got)
	}
	if c.Len() != 3 {
		t.Errorf("Len() = %d, want 3", c.Len())
	}
	if got := testing.AllocsPerRun(100, func() { fill("green") }); got != 0 {
		t.Errorf("Reset + Grow + 2 Set + ListBuffer: %v allocations per request, want 0", got)
	}
	// Without room reserved, ListBuffer allocates rather than overwrite.
	var d Context
	d.Set("a", "1")
	if l := d.ListBuffer(3); len(l) != 0 || cap(l) != 3 {
		t.Errorf("ListBuffer(3) without room = len %d cap %d, want 0 and 3", len(l), cap(l))
	}
}
