package analysis

import "testing"

// TestCutRef: the "${...}" cutter that Target (query references) and
// instantiateTemplate (service reference ARN formats) share.
func TestCutRef(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in                 string
		before, ref, after string
		found, ok          bool
	}{
		{"arn:aws:s3:::b", "arn:aws:s3:::b", "", "", false, true},
		{"${aws_s3_bucket.b.arn}/*", "", "aws_s3_bucket.b.arn", "/*", true, true},
		{"arn:${Partition}:ec2:${Region}", "arn:", "Partition", ":ec2:${Region}", true, true},
		{"x${ a.b }", "x", " a.b ", "", true, true},
		{"x${a.b", "", "", "", false, false},
		{"", "", "", "", false, true},
	} {
		before, ref, after, found, ok := cutRef(tc.in)
		if before != tc.before || ref != tc.ref || after != tc.after || found != tc.found || ok != tc.ok {
			t.Errorf("cutRef(%q) = %q, %q, %q, %v, %v; want %q, %q, %q, %v, %v", tc.in,
				before, ref, after, found, ok, tc.before, tc.ref, tc.after, tc.found, tc.ok)
		}
	}
}
