package evaluator

import (
	"strings"
	"testing"
)

// arnFieldSplit is ARNField as it was written first, the reference.
func arnFieldSplit(s string, i int) string {
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || i < 0 || i > 5 {
		return ""
	}
	return parts[i]
}

func TestARNField(t *testing.T) {
	t.Parallel()
	cases := []struct {
		arn  string
		i    int
		want string
	}{
		{"arn:aws:iam::111122223333:role/app", 4, "111122223333"},
		{"arn:aws:iam::111122223333:role/app", 5, "role/app"},
		{"arn:aws:iam::111122223333:role/app", 3, ""},
		{"arn:aws:s3:::bucket", 2, "s3"},
		{"arn:aws:logs:us-east-1:111122223333:log-group:/a:*", 5, "log-group:/a:*"}, // the resource keeps its colons
		{"arn:aws:s3::bucket", 4, ""},                                               // five fields: not an ARN
		{"111122223333", 4, ""},
		{"arn:aws:iam::111122223333:role/app", 6, ""},
		{"arn:aws:iam::111122223333:role/app", -1, ""},
	}
	for _, c := range cases {
		t.Run(c.arn, func(t *testing.T) {
			t.Parallel()
			if got := ARNField(c.arn, c.i); got != c.want || got != arnFieldSplit(c.arn, c.i) {
				t.Fatalf("ARNField(%q, %d) = %q, want %q", c.arn, c.i, got, c.want)
			}
		})
	}
}

func FuzzARNField(f *testing.F) {
	f.Add("arn:aws:iam::111122223333:role/app", 4)
	f.Add(":::::", 5)
	f.Add("a:b", 1)
	f.Fuzz(func(t *testing.T, s string, i int) {
		if got, want := ARNField(s, i), arnFieldSplit(s, i); got != want {
			t.Fatalf("ARNField(%q, %d) = %q, want %q", s, i, got, want)
		}
	})
}
