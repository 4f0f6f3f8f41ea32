package iamdata

import (
	"sort"
	"strings"
	"testing"
)

// realisticARNs builds ARNs of one format the way AWS names real resources:
// short names, names with '/' paths (log groups /aws/lambda/fn, IAM paths,
// SSM parameter paths, ECR namespaces) where the service does not pin the
// placeholder, and ':' inside names (Lambda qualifiers, log-group:NAME:*
// forms) likewise. The result never holds '*'.
func realisticARNs(c *Catalog, service, format string) []string {
	fields := strings.SplitN(format, ":", 6)
	header := make([]string, 5)
	for i, f := range fields[:5] {
		switch {
		case f == "${Partition}":
			header[i] = "aws"
		case f == "${Region}" || (i == 3 && f == "*"):
			header[i] = "us-east-1"
		case f == "${Account}" || (i == 4 && f == "*"):
			header[i] = "123456789012"
		default:
			header[i] = fillPlaceholders(f, func(string) string { return "h1" })
		}
	}
	prefix := strings.Join(header, ":") + ":"
	variants := []func(name string) string{
		func(string) string { return "name-1" },
		func(name string) string {
			if c.PinnedPlaceholder(service, name) {
				return "app.prod_2"
			}
			return "team/app.prod_2"
		},
		func(name string) string {
			if c.PinnedPlaceholder(service, name) {
				return "Ab3"
			}
			return "/aws/lambda/fn:prod/x"
		},
	}
	out := make([]string, 0, len(variants))
	for _, v := range variants {
		out = append(out, prefix+fillPlaceholders(fields[5], v))
	}
	return out
}

// fillPlaceholders replaces ${Name} (and {Name}) with fill(Name) and a
// literal * with a path.
func fillPlaceholders(s string, fill func(string) string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '$' && i+1 < len(s) && s[i+1] == '{', s[i] == '{':
			end := strings.IndexByte(s[i:], '}')
			name := strings.TrimPrefix(s[i+1:i+end], "{")
			b.WriteString(fill(name))
			i += end
		case s[i] == '*':
			b.WriteString("any/thing")
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// kindOf is what tells resource kinds apart in a format: its service segment
// and the literal text that starts its resource part (role/, log-group:, ...).
func kindOf(format string) (service, lead string) {
	fields := strings.SplitN(format, ":", 6)
	res := fields[5]
	if j := strings.IndexAny(res, "${*"); j >= 0 {
		res = res[:j]
	}
	return fields[2], res
}

type dataTemplate struct {
	service, typeName, format string
	tmpl                      arnTemplate
}

// TestEveryResourceTypeFitsItsRealisticARNs runs RS-10 over the whole
// embedded reference: for every format of every resource type, realistic ARNs
// fit their own type (no false errors), and fit another format only when it
// is the same kind: the same service segment and a resource part that starts
// with the other format's literal text (an object ARN fits the bucket format
// of a service that does not pin BucketName; a role ARN never fits user/).
func TestEveryResourceTypeFitsItsRealisticARNs(t *testing.T) {
	t.Parallel()
	c := Default()
	var all []dataTemplate
	bySegment := map[string][]int{}
	for prefix, svc := range c.services().services {
		for _, rt := range svc.resourceTypes {
			for i, f := range rt.ARNFormats {
				seg, _ := kindOf(f)
				bySegment[seg] = append(bySegment[seg], len(all))
				all = append(all, dataTemplate{prefix, rt.Name, f, rt.templates[i]})
			}
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].format < all[j].format }) // stable failure order
	bySegment = map[string][]int{}
	for i, d := range all {
		seg, _ := kindOf(d.format)
		bySegment[seg] = append(bySegment[seg], i)
	}
	otherSegment := map[string]string{}
	segs := make([]string, 0, len(bySegment))
	for s := range bySegment {
		if !strings.Contains(s, "$") { // backup's arn:${Partition}:${Vendor}:... fits any service
			segs = append(segs, s)
		}
	}
	sort.Strings(segs)
	for i, s := range segs {
		otherSegment[s] = segs[(i+1)%len(segs)]
	}
	checked, crossKind := 0, 0
	for _, d := range all {
		seg, lead := kindOf(d.format)
		for _, arn := range realisticARNs(c, d.service, d.format) {
			checked++
			if strings.Contains(arn, "*") {
				t.Fatalf("%s: generated %q holds '*'", d.format, arn)
			}
			if !d.tmpl.match(arn) {
				t.Errorf("RS-10 false error: %q does not fit its own type %s/%s (%s)", arn, d.service, d.typeName, d.format)
			}
			// Same service segment: a fit must be the same kind.
			for _, j := range bySegment[seg] {
				o := all[j]
				if o.format == d.format || !o.tmpl.match(arn) {
					continue
				}
				_, olead := kindOf(o.format)
				if !strings.HasPrefix(lead, olead) {
					crossKind++
					t.Errorf("%q (%s/%s) fits a different kind %s/%s (%s)", arn, d.service, d.typeName, o.service, o.typeName, o.format)
				}
			}
			// Another service segment: never a fit.
			for _, j := range bySegment[otherSegment[seg]] {
				if o := all[j]; o.tmpl.match(arn) {
					t.Errorf("%q (%s) fits %s/%s of another service (%s)", arn, d.format, o.service, o.typeName, o.format)
				}
			}
			// The same ARN with another service segment fits nothing of this segment.
			moved := strings.Replace(arn, ":"+seg+":", ":"+otherSegment[seg]+"x:", 1)
			for _, j := range bySegment[seg] {
				if o := all[j]; moved != arn && o.tmpl.match(moved) {
					t.Errorf("%q fits %s/%s of service segment %s", moved, o.service, o.typeName, seg)
				}
			}
		}
	}
	if checked < 3*2300 {
		t.Errorf("only %d ARNs checked", checked)
	}
	if crossKind > 0 {
		t.Logf("%d cross-kind fits", crossKind)
	}
}

// TestPinnedPlaceholders pins the placeholders that real data pins with '/'
// and leaves free the ones AWS documents as holding '/'.
func TestPinnedPlaceholders(t *testing.T) {
	t.Parallel()
	tests := []struct {
		service, name string
		pinned        bool
	}{
		// "Bucket names can consist only of lowercase letters, numbers,
		// periods (.), and hyphens (-)." (S3 User Guide, Bucket naming rules)
		{"s3", "BucketName", true},
		{"s3", "ObjectName", false},
		// "The following characters are allowed: a-z, A-Z, 0-9, '_' (underscore),
		// '-' (hyphen), '/' (forward slash), '.' (period), and '#' (number sign)"
		// (CloudWatch Logs API, CreateLogGroup logGroupName).
		{"logs", "LogGroupName", false},
		{"logs", "LogStreamName", false},
		// IAM paths: arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/Bob
		// (IAM User Guide, IAM identifiers).
		{"iam", "RoleNameWithPath", false},
		{"iam", "UserNameWithPath", false},
		// "arn:aws:ssm:us-east-2:123456789012:parameter/Dev/ERP/Oracle/addUser"
		// (Systems Manager User Guide, parameter hierarchies).
		{"ssm", "ParameterNameWithoutLeadingSlash", false},
		{"ecr", "RepositoryName", false},
		{"secretsmanager", "SecretId", false},
		{"lambda", "FunctionName", false},
	}
	for _, tt := range tests {
		t.Run(tt.service+"/"+tt.name, func(t *testing.T) {
			t.Parallel()
			assertEqual(t, "pinned", Default().PinnedPlaceholder(tt.service, tt.name), tt.pinned)
		})
	}
}
