package evalcli

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// recorder is a caseHandler that writes one summary line per request.
type recorder struct{ out []string }

func (r *recorder) handleCase(c *Case, id []byte, inputErr error) error {
	if inputErr != nil {
		r.out = append(r.out, fmt.Sprintf("error id=%s: %v", id, inputErr))
		return nil
	}
	r.out = append(r.out, fmt.Sprintf("case id=%s %s %s ra=%s", id, c.Request.Action, c.Request.Resource, c.Request.ResourceAccount))
	return nil
}

func (r *recorder) handleBatch(b *Batch, sharedErr error) error {
	return b.EachRequest(func(req *BatchRequest, inputErr error) error {
		switch {
		case sharedErr != nil:
			r.out = append(r.out, fmt.Sprintf("error id=%s: %v", req.ID, sharedErr))
		case inputErr != nil:
			r.out = append(r.out, fmt.Sprintf("error id=%s: %v", req.ID, inputErr))
		default:
			r.out = append(r.out, fmt.Sprintf("batch id=%s %s %s ra=%s policy=%d", req.ID, req.Request.Action, req.Request.Resource, req.Request.ResourceAccount, req.Policy))
		}
		return nil
	})
}

func line(id, action, resource string) string {
	return `{"id": ` + id + `, "request": {"principal": "` + userARN + `", "action": "` + action + `", "resource": "` + resource + `"}}`
}

// resourceAllow grants alice everything in a resource policy.
const resourceAllow = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"` + userARN + `"},"Action":"*","Resource":"*"}]}`

const batchDoc = `{
  "identityPolicies": [` + allowAll + `],
  "resourcePolicies": [
    {"resources": ["arn:aws:s3:::data", "arn:aws:s3:::data/*"], "account": "444455556666", "policy": ` + resourceAllow + `},
    {"resources": ["arn:aws:sqs:us-east-1:111122223333:q"], "policy": ` + resourceAllow + `}
  ],
  "requests": [
    {"id": 1, "principal": "` + userARN + `", "action": "s3:GetObject", "resource": "arn:aws:s3:::data/k"},
    {"id": "two", "principal": "` + userARN + `", "action": "s3:ListBucket", "resource": "arn:aws:s3:::data", "resourceAccount": "999988887777"},
    {"id": 3, "principal": "` + userARN + `", "action": "s3:GetObject", "resource": "arn:aws:s3:::other/k"},
    {"id": 4, "principal": "` + userARN + `", "action": 4},
    {"id": 5, "principal": "` + userARN + `", "action": "sqs:SendMessage", "resource": "arn:aws:sqs:us-east-1:111122223333:q"}
  ]
}
`

var batchWant = []string{
	`batch id=1 s3:GetObject arn:aws:s3:::data/k ra=444455556666 policy=0`,
	`batch id="two" s3:ListBucket arn:aws:s3:::data ra=999988887777 policy=0`,
	`batch id=3 s3:GetObject arn:aws:s3:::other/k ra=111122223333 policy=-1`,
	`error id=4: line 11, column 78: /requests/3/action: must be a string such as "s3:GetObject", not a number`,
	`batch id=5 sqs:SendMessage arn:aws:sqs:us-east-1:111122223333:q ra=111122223333 policy=1`,
}

func TestReadInput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		input string
		want  []string
	}{
		{
			name:  "json lines with blank and bad lines",
			input: line("1", "s3:GetObject", "arn:aws:s3:::b/k") + "\n\n" + `{"id": 2, oops}` + "\r\n" + line(`"x"`, "sqs:SendMessage", "arn:aws:sqs:us-east-1:444455556666:q") + "\n",
			want: []string{
				`case id=1 s3:GetObject arn:aws:s3:::b/k ra=111122223333`,
				`error id=: line 3, column 11: invalid JSON: invalid character 'o' looking for an object key`,
				`case id="x" sqs:SendMessage arn:aws:sqs:us-east-1:444455556666:q ra=444455556666`,
			},
		},
		{
			name:  "no trailing newline",
			input: line("1", "s3:GetObject", "arn:aws:s3:::b/k"),
			want:  []string{`case id=1 s3:GetObject arn:aws:s3:::b/k ra=111122223333`},
		},
		{
			name:  "broken first line, JSON second line",
			input: `{"id": 1, "request": {` + "\n" + line("2", "s3:GetObject", "arn:aws:s3:::b/k") + "\n",
			want: []string{
				`error id=: line 1, column 23: invalid JSON: unexpected end of input in object`,
				`case id=2 s3:GetObject arn:aws:s3:::b/k ra=111122223333`,
			},
		},
		{
			name:  "not JSON at all is one bad line each",
			input: "hello\nworld\n",
			want: []string{
				`error id=: line 1, column 1: invalid JSON: invalid character 'h' looking for a value`,
				`error id=: line 2, column 1: invalid JSON: invalid character 'w' looking for a value`,
			},
		},
		{
			name:  "pretty-printed single case",
			input: "\n{\n  \"id\": 9,\n  \"request\": {\"principal\": \"" + userARN + "\", \"action\": \"s3:GetObject\"}\n}\n",
			want:  []string{`case id=9 s3:GetObject * ra=111122223333`},
		},
		{
			name:  "pretty batch document",
			input: batchDoc,
			want:  batchWant,
		},
		{
			name:  "one-line batch document",
			input: strings.ReplaceAll(batchDoc, "\n", " ") + "\n",
			want: append(append([]string(nil), batchWant[:3]...),
				`error id=4: line 1, column 1126: /requests/3/action: must be a string such as "s3:GetObject", not a number`,
				batchWant[4]),
		},
		{
			name:  "batch with a bad shared policy reports it per request",
			input: `{"identityPolicies": [1], "requests": [{"id": 1, "principal": "p", "action": "a"}, {"id": 2}]}`,
			want: []string{
				`error id=1: line 1, column 23: /identityPolicies/0: a policy must be a JSON object or a string holding one, not a number`,
				`error id=2: line 1, column 23: /identityPolicies/0: a policy must be a JSON object or a string holding one, not a number`,
			},
		},
		{
			name:  "a truncated single line is a bad case line",
			input: `{"id": 1, "request": [`,
			want:  []string{`error id=: line 1, column 23: invalid JSON: unexpected end of input looking for a value`},
		},
		{
			name:  "empty input",
			input: "\n  \n",
			want:  nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var r recorder
			noError(t, readInput(strings.NewReader(tt.input), "stdin", Limits{}.withDefaults(), &r))
			equal(t, "output", strings.Join(r.out, "\n"), strings.Join(tt.want, "\n"))
		})
	}
}

func TestReadInputUnreadable(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, input, wantErr string
	}{
		{"broken pretty document", "{\n  \"requests\": [\n    {\"id\": 1,}\n  ]\n}\n", "line 3, column 14: invalid JSON: invalid character '}' looking for an object key"},
		{"truncated document", "{\n  \"requests\": [\n", "line 3, column 1: invalid JSON: unexpected end of input looking for a value"},
		{"requests not an array", `{"requests": {"id": 1}}`, `line 1, column 14: /requests: a batch document needs a "requests" array`},
		{"one-line batch with trailing junk", `{"requests": []}` + "\n" + `{"requests": []}`, "line 2, column 1: invalid JSON: unexpected character '{' after the JSON value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var r recorder
			err := readInput(strings.NewReader(tt.input), "stdin", Limits{}.withDefaults(), &r)
			if !errors.Is(err, ErrUnreadable) {
				t.Fatalf("err = %v, want ErrUnreadable", err)
			}
			contains(t, "error", err.Error(), tt.wantErr)
		})
	}
}
