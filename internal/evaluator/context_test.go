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
