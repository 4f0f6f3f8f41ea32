package evaluator

import (
	"slices"
	"strings"
	"testing"
)

// Accounts and principals shared by the decide tests.
const (
	acctA   = "111122223333"
	acctB   = "444455556666"
	userARN = "arn:aws:iam::111122223333:user/alice"
	roleARN = "arn:aws:iam::111122223333:role/app"
	sessARN = "arn:aws:sts::111122223333:assumed-role/app/s1"
	fedARN  = "arn:aws:sts::111122223333:federated-user/bob"
	rootARN = "arn:aws:iam::111122223333:root"
	userB   = "arn:aws:iam::444455556666:user/carol"
	sessB   = "arn:aws:sts::444455556666:assumed-role/ext/s1"
	bucket  = "arn:aws:s3:::bkt/key"
)

// doc is a named policy document.
func doc(name, json string) PolicyDoc { return PolicyDoc{Name: name, JSON: []byte(json)} }

// docs turns JSON texts into unnamed documents.
func docs(jsons ...string) []PolicyDoc {
	out := make([]PolicyDoc, len(jsons))
	for i, j := range jsons {
		out[i] = PolicyDoc{JSON: []byte(j)}
	}
	return out
}

func unknownDoc(reason string) PolicyDoc { return PolicyDoc{Unknown: &Unknown{Reason: reason}} }

func resDoc(json string) *PolicyDoc { d := PolicyDoc{JSON: []byte(json)}; return &d }

// pol builds a 2012-10-17 policy from statement JSON objects.
func pol(stmts ...string) string {
	return `{"Version":"2012-10-17","Statement":[` + strings.Join(stmts, ",") + `]}`
}

const (
	allowAll    = `{"Effect":"Allow","Action":"*","Resource":"*"}`
	denyAll     = `{"Effect":"Deny","Action":"*","Resource":"*"}`
	allowS3Get  = `{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`
	allowS3All  = `{"Effect":"Allow","Action":"s3:*","Resource":"*"}`
	allowEC2All = `{"Effect":"Allow","Action":"ec2:*","Resource":"*"}`
)

// rp builds a resource-policy Allow (or Deny) statement for a principal element.
func rpStmt(effect, principal, action string) string {
	return `{"Effect":"` + effect + `","Principal":` + principal + `,"Action":"` + action + `","Resource":"*"}`
}

// rq builds a request; kv are context key/value pairs.
func rq(t *testing.T, principal, action, resource string, kv ...string) Request {
	t.Helper()
	p, err := ParsePrincipal(principal)
	if err != nil {
		t.Fatalf("ParsePrincipal(%q): %v", principal, err)
	}
	r := Request{Principal: p, Action: action, Resource: resource}
	for i := 0; i+1 < len(kv); i += 2 {
		r.Context.Set(kv[i], kv[i+1])
	}
	return r
}

// decideCase is one row of the decision tables.
type decideCase struct {
	name string
	set  PolicySet
	req  Request
	want Decision
	// optional expectations
	blocked  []string   // exact BlockedBy, when non-nil
	possible []Decision // exact Possible, when non-nil
	unknown  string     // a reason that Unknowns must hold
	note     string     // a note that Notes must hold
	opts     Options
}

func runDecide(t *testing.T, cases []decideCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := Compile(tc.set, tc.opts)
			req := tc.req
			got := c.Decide(&req)
			if got.Decision != tc.want {
				t.Fatalf("decision = %s, want %s\n%s", got.Decision, tc.want, Explain(&req, &got))
			}
			if tc.blocked != nil && !slices.Equal(got.BlockedBy, tc.blocked) {
				t.Errorf("BlockedBy = %v, want %v\n%s", got.BlockedBy, tc.blocked, Explain(&req, &got))
			}
			if tc.possible != nil && !sameSet(got.Possible, tc.possible) {
				t.Errorf("Possible = %v, want %v\n%s", got.Possible, tc.possible, Explain(&req, &got))
			}
			if tc.unknown != "" && !slices.Contains(ReasonStrings(got.Unknowns), tc.unknown) {
				t.Errorf("Unknowns = %v, want to hold %q", got.Unknowns, tc.unknown)
			}
			if tc.note != "" && !slices.Contains(ReasonStrings(got.Notes), tc.note) {
				t.Errorf("Notes = %v, want to hold %q", got.Notes, tc.note)
			}
		})
	}
}

func sameSet[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

// withRA sets the resource account.
func withRA(r Request, ra string) Request { r.ResourceAccount = ra; return r }
