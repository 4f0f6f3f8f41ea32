package evaluator

import (
	"strings"
	"testing"
)

// decideTestCatalog knows s3:GetObject (objects), s3:ListAllMyBuckets
// (wildcard-only) and s3:PutObject.
type decideTestCatalog struct{}

func (decideTestCatalog) Action(name string) (bool, bool) {
	switch strings.ToLower(name) {
	case "s3:getobject", "s3:putobject":
		return true, false
	case "s3:listallmybuckets":
		return true, true
	}
	return false, false
}
func (decideTestCatalog) ServiceKnown(p string) bool { return p == "s3" }
func (decideTestCatalog) ResourceFits(action, arn string) (bool, bool) {
	if known, _ := (decideTestCatalog{}).Action(action); !known {
		return false, false
	}
	return strings.HasPrefix(arn, "arn:aws:s3:::") && strings.Contains(arn, "/"), true
}
func (decideTestCatalog) MultivaluedKey(string) (bool, bool) { return false, false }

// EV-21: invalid requests and invalid policies give DecisionError.
func TestDecideErrors(t *testing.T) {
	t.Parallel()
	type tc struct {
		name    string
		set     PolicySet
		req     Request
		opts    Options
		wantErr string // substring of Result.Error; "" means no error expected
		finding bool   // Result.Findings must be set
	}
	okReq := rq(t, userARN, "s3:GetObject", bucket)
	bad := func(r Request, f func(*Request)) Request { f(&r); return r }
	invalidPolicy := pol(`{"Effect":"allow","Action":"s3:*","Resource":"*"}`) // GR-4: Effect is exact
	cases := []tc{
		{name: "EV-21 empty action", req: bad(okReq, func(r *Request) { r.Action = "" }), wantErr: "action is empty"},
		{name: "EV-21 action without a colon", req: bad(okReq, func(r *Request) { r.Action = "s3GetObject" }), wantErr: "not service:Action"},
		{name: "EV-21 action with a wildcard", req: bad(okReq, func(r *Request) { r.Action = "s3:Get*" }), wantErr: "wildcard"},
		{name: "EV-21 empty resource", req: bad(okReq, func(r *Request) { r.Resource = "" }), wantErr: "resource is empty"},
		{name: "EV-21 missing principal", req: bad(okReq, func(r *Request) { r.Principal = Principal{} }), wantErr: "principal"},
		{name: "AC-5 unknown action with a catalog", opts: Options{Catalog: decideTestCatalog{}},
			req: bad(okReq, func(r *Request) { r.Action = "s3:GetObjekt" }), wantErr: "unknown action"},
		{name: "RS-10 resource of the wrong type with a catalog", opts: Options{Catalog: decideTestCatalog{}},
			req: bad(okReq, func(r *Request) { r.Resource = "arn:aws:s3:::bucket" }), wantErr: "RS-10"},
		{name: "RS-0 resource * skips the type check", opts: Options{Catalog: decideTestCatalog{}},
			req: bad(okReq, func(r *Request) { r.Resource = "*" })},
		{name: "AC-5 no catalog: no action check", req: bad(okReq, func(r *Request) { r.Action = "s3:GetObjekt" })},
		{name: "AC-5 FittedRequests: the caller fitted the action, no check", opts: Options{Catalog: decideTestCatalog{}, FittedRequests: true},
			req: bad(okReq, func(r *Request) { r.Action = "s3:GetObjekt" })},
		{name: "RS-10 FittedRequests: the caller fitted the resource, no check", opts: Options{Catalog: decideTestCatalog{}, FittedRequests: true},
			req: bad(okReq, func(r *Request) { r.Resource = "arn:aws:s3:::bucket" })},
		{name: "EV-21 invalid identity policy", set: PolicySet{Identity: []PolicyDoc{doc("bad", invalidPolicy)}}, req: okReq,
			wantErr: `policy "bad"`, finding: true},
		{name: "EV-21 not JSON", set: PolicySet{Identity: docs(`{"Version":`)}, req: okReq, wantErr: `policy "identity-0"`, finding: true},
		{name: "EV-21 invalid SCP", set: PolicySet{SCPs: [][]PolicyDoc{docs(invalidPolicy)}}, req: okReq, wantErr: `"scp-0-0"`, finding: true},
		{name: "EV-21 invalid policy the caller does not use", set: PolicySet{SCPs: [][]PolicyDoc{docs(invalidPolicy)}},
			req: rq(t, "cloudtrail.amazonaws.com", "s3:GetObject", bucket)},
		{name: "EV-21 invalid boundary of a root caller is unused", set: PolicySet{Boundaries: docs(invalidPolicy)},
			req: rq(t, rootARN, "s3:GetObject", bucket)},
		{name: "EV-14 web identity caller on another action", req: Request{Principal: Principal{Kind: PrincipalWebIdentity, FederatedProvider: oidcARN},
			Action: "s3:GetObject", Resource: bucket}, wantErr: "AssumeRoleWith"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			req := c.req
			got := Compile(c.set, c.opts).Decide(&req)
			if c.wantErr == "" {
				if got.Decision == DecisionError {
					t.Fatalf("unexpected error: %s", got.Error)
				}
				return
			}
			if got.Decision != DecisionError || !strings.Contains(got.Error.Error(), c.wantErr) {
				t.Fatalf("got %s %q, want error containing %q", got.Decision, got.Error, c.wantErr)
			}
			if c.finding && len(got.Findings) == 0 {
				t.Errorf("Findings empty, want the policy's error findings")
			}
		})
	}
}

// EV-21: CompilePolicy keeps the findings and marks invalid documents.
func TestCompilePolicyFindings(t *testing.T) {
	t.Parallel()
	cp := CompilePolicy(doc("p", pol(`{"Effect":"allow","Action":"s3:*","Resource":"*"}`)), PolicyIdentity, Options{})
	if !cp.Invalid() || !HasErrors(cp.Findings()) || cp.Name() != "p" || cp.Type() != PolicyIdentity {
		t.Fatalf("invalid=%v findings=%v name=%q", cp.Invalid(), cp.Findings(), cp.Name())
	}
	ok := CompilePolicy(PolicyDoc{JSON: []byte(pol(allowAll))}, PolicySCP, Options{})
	if ok.Invalid() || ok.Name() != "scp" {
		t.Fatalf("valid doc: invalid=%v findings=%v name=%q", ok.Invalid(), ok.Findings(), ok.Name())
	}
	u := CompilePolicy(unknownDoc("aws_iam_policy.x.policy"), PolicyIdentity, Options{})
	if u.Unknown() == nil || u.Invalid() {
		t.Fatalf("unknown doc: %+v", u)
	}
}
