package iammodel

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// rc is a resource change for synthetic plans.
type rc struct {
	addr, typ, name string
	index           any
	module          string
	actions         []string
	before, after   map[string]any
	unknown         map[string]any
}

type cfgRes struct {
	typ, name string
	mode      string
	exprs     map[string]any // attribute -> {"references": [...]} or {"constant_value": v}
}

func refs(r ...string) map[string]any { return map[string]any{"references": r} }

// synthPlan builds a plan JSON document (format 1.2) from resource changes
// and root-module configuration, and loads it.
func synthPlan(t *testing.T, changes []rc, conf []cfgRes, provider map[string]any) *synth {
	t.Helper()
	rcs := []any{} // Terraform never writes null sections (tfplan refuses them)
	for _, c := range changes {
		mode := "managed"
		typ := c.typ
		if strings.HasPrefix(c.addr, "data.") || strings.Contains(c.addr, ".data.") {
			mode = "data"
		}
		m := map[string]any{"address": c.addr, "mode": mode, "type": typ, "name": c.name,
			"change": map[string]any{"actions": c.actions, "before": c.before, "after": c.after, "after_unknown": orEmpty(c.unknown)}}
		if c.index != nil {
			m["index"] = c.index
		}
		if c.module != "" {
			m["module_address"] = c.module
		}
		rcs = append(rcs, m)
	}
	cres := []any{}
	for _, c := range conf {
		mode := c.mode
		if mode == "" {
			mode = "managed"
		}
		addr := c.typ + "." + c.name
		if mode == "data" {
			addr = "data." + addr
		}
		cres = append(cres, map[string]any{"address": addr, "mode": mode, "type": c.typ, "name": c.name, "expressions": orEmpty(c.exprs)})
	}
	cfg := map[string]any{"root_module": map[string]any{"resources": cres}}
	if provider != nil {
		cfg["provider_config"] = map[string]any{"aws": map[string]any{"name": "aws", "expressions": provider}}
	}
	doc := map[string]any{"format_version": "1.2", "terraform_version": "1.11.4", "resource_changes": rcs,
		"planned_values": map[string]any{"root_module": map[string]any{}}, "configuration": cfg}
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := tfplan.LoadBytes("synthetic.json", data)
	if err != nil {
		t.Fatal(err)
	}
	return &synth{plan: plan, t: t}
}

// synth is a loaded synthetic plan.
type synth struct {
	plan *tfjson.Plan
	t    *testing.T
}

func (s *synth) build(opts ModelOptions) (*Model, *Model, []Diagnostic) {
	s.t.Helper()
	b, a, d, err := BuildModel(s.plan, opts)
	if err != nil {
		s.t.Fatal(err)
	}
	return b, a, d
}

func orEmpty(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

var create = []string{"create"}
var noop = []string{"no-op"}
var del = []string{"delete"}
var upd = []string{"update"}

const trustEC2 = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"ec2.amazonaws.com"}}]}`
const allowS3 = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`

func role(name string) map[string]any {
	return map[string]any{"name": name, "path": "/", "assume_role_policy": trustEC2}
}

func TestInvalidPolicyKeptAndReported(t *testing.T) {
	t.Parallel()
	// PT-11: a policy that is not JSON stays as written for the engine to
	// report, with an error diagnostic naming the address.
	m := synthPlan(t, []rc{
		{addr: "aws_iam_role.r", typ: "aws_iam_role", name: "r", actions: create, after: role("r"), unknown: map[string]any{"arn": true}},
		{addr: "aws_iam_role_policy.bad", typ: "aws_iam_role_policy", name: "bad", actions: create,
			after: map[string]any{"name": "bad", "role": "r", "policy": "Statement: allow everything"}},
	}, nil, nil)
	_, after, diags := m.build(ModelOptions{})
	id := after.Identity("aws_iam_role.r")
	if id == nil || len(id.Inline) != 1 {
		t.Fatalf("role inline policies: %+v", id)
	}
	if got := string(id.Inline[0].Doc.JSON); got != "Statement: allow everything" || id.Inline[0].Doc.Unknown != nil {
		t.Errorf("doc = %q, want the raw text", got)
	}
	if !hasDiag(diags, evaluator.SeverityError, "aws_iam_role_policy.bad", "not valid JSON") {
		t.Errorf("no error diagnostic for the invalid policy: %v", diags)
	}
}

func hasDiag(ds []Diagnostic, sev evaluator.Severity, addr, text string) bool {
	for _, d := range ds {
		if d.Severity == sev && d.Address == addr && strings.Contains(d.Summary, text) {
			return true
		}
	}
	return false
}

func TestUnknownTypesIgnoredAndCounted(t *testing.T) {
	t.Parallel()
	m := synthPlan(t, []rc{
		{addr: "aws_instance.a", typ: "aws_instance", name: "a", actions: create, after: map[string]any{}},
		{addr: "aws_instance.b", typ: "aws_instance", name: "b", actions: create, after: map[string]any{}},
		{addr: "null_resource.n", typ: "null_resource", name: "n", actions: create, after: map[string]any{}},
	}, nil, nil)
	_, after, _ := m.build(ModelOptions{})
	if after.Ignored["aws_instance"] != 2 || after.Ignored["null_resource"] != 1 || len(after.Principals()) != 0 {
		t.Errorf("ignored = %v", after.Ignored)
	}
}

func TestUnknownDocumentIsNeverEmpty(t *testing.T) {
	t.Parallel()
	// PT-5: a "known after apply" document is an Unknown marker with the address.
	m := synthPlan(t, []rc{
		{addr: "aws_iam_role.r", typ: "aws_iam_role", name: "r", actions: create, after: role("r")},
		{addr: "aws_iam_role_policy.p", typ: "aws_iam_role_policy", name: "p", actions: create,
			after: map[string]any{"name": "p", "role": "r"}, unknown: map[string]any{"policy": true}},
	}, nil, nil)
	_, after, _ := m.build(ModelOptions{})
	set := after.PolicySetFor(after.Identity("aws_iam_role.r"))
	if len(set.Identity) != 1 || set.Identity[0].Unknown == nil || set.Identity[0].Unknown.Reason != "aws_iam_role_policy.p.policy" {
		t.Fatalf("identity = %+v", set.Identity)
	}
}

func TestReferenceFollowsEachKey(t *testing.T) {
	t.Parallel()
	// The attachment's role and policy_arn are unknown in change.after; the
	// configuration references aws_iam_role.app[each.key] and the policy.
	m := synthPlan(t, []rc{
		{addr: `aws_iam_role.app["a"]`, typ: "aws_iam_role", name: "app", index: "a", actions: create, after: role("app-a"), unknown: map[string]any{"name": true}},
		{addr: `aws_iam_role.app["b"]`, typ: "aws_iam_role", name: "app", index: "b", actions: create, after: role("app-b"), unknown: map[string]any{"name": true}},
		{addr: `aws_iam_policy.p["a"]`, typ: "aws_iam_policy", name: "p", index: "a", actions: create, after: map[string]any{"name": "p-a", "path": "/", "policy": allowS3}, unknown: map[string]any{"arn": true}},
		{addr: `aws_iam_role_policy_attachment.x["a"]`, typ: "aws_iam_role_policy_attachment", name: "x", index: "a", actions: create,
			after: map[string]any{}, unknown: map[string]any{"role": true, "policy_arn": true}},
	}, []cfgRes{{typ: "aws_iam_role_policy_attachment", name: "x", exprs: map[string]any{
		"role": refs("aws_iam_role.app", "each.key"), "policy_arn": refs("aws_iam_policy.p", "each.key")}}}, nil)
	_, after, diags := m.build(ModelOptions{})
	a := after.PolicySetFor(after.Identity(`aws_iam_role.app["a"]`))
	b := after.PolicySetFor(after.Identity(`aws_iam_role.app["b"]`))
	if len(a.Identity) != 1 || a.Identity[0].Unknown != nil || string(a.Identity[0].JSON) != allowS3 {
		t.Errorf("app[a] identity = %+v", a.Identity)
	}
	if len(b.Identity) != 0 {
		t.Errorf("app[b] identity = %+v, want none", b.Identity)
	}
	if len(diags) != 0 {
		t.Errorf("diagnostics: %v", diags)
	}
}

func TestUnresolvedAttachmentMayApplyToEveryRole(t *testing.T) {
	t.Parallel()
	// PT-5: an unknown attachment target counts as an unknown document for
	// every role it could reach.
	m := synthPlan(t, []rc{
		{addr: "aws_iam_role.a", typ: "aws_iam_role", name: "a", actions: create, after: role("a")},
		{addr: "aws_iam_role.b", typ: "aws_iam_role", name: "b", actions: create, after: role("b")},
		{addr: "aws_iam_role_policy_attachment.x", typ: "aws_iam_role_policy_attachment", name: "x", actions: create,
			after: map[string]any{"policy_arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}, unknown: map[string]any{"role": true}},
	}, []cfgRes{{typ: "aws_iam_role_policy_attachment", name: "x", exprs: map[string]any{"role": refs("var.role_name")}}}, nil)
	_, after, diags := m.build(ModelOptions{})
	for _, addr := range []string{"aws_iam_role.a", "aws_iam_role.b"} {
		set := after.PolicySetFor(after.Identity(addr))
		if len(set.Identity) != 1 || set.Identity[0].Unknown == nil || !strings.HasPrefix(set.Identity[0].Unknown.Reason, "aws_iam_role_policy_attachment.x") {
			t.Errorf("%s identity = %+v", addr, set.Identity)
		}
	}
	if len(diags) != 1 || diags[0].Severity != evaluator.SeverityWarning {
		t.Errorf("diagnostics: %v", diags)
	}
}

func TestManagedPolicies(t *testing.T) {
	t.Parallel()
	resolver := func(arn string) ([]byte, bool) {
		if arn == "arn:aws:iam::aws:policy/ReadOnlyAccess" {
			return []byte(allowS3), true
		}
		return nil, false
	}
	m := synthPlan(t, []rc{
		{addr: "aws_iam_role.a", typ: "aws_iam_role", name: "a", actions: create, after: role("a")},
		{addr: "aws_iam_role_policy_attachment.ro", typ: "aws_iam_role_policy_attachment", name: "ro", actions: create,
			after: map[string]any{"role": "a", "policy_arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}},
		{addr: "aws_iam_role_policy_attachment.odd", typ: "aws_iam_role_policy_attachment", name: "odd", actions: create,
			after: map[string]any{"role": "a", "policy_arn": "arn:aws:iam::aws:policy/NoSuchPolicy"}},
		{addr: "aws_iam_role_policy_attachment.ext", typ: "aws_iam_role_policy_attachment", name: "ext", actions: create,
			after: map[string]any{"role": "a", "policy_arn": "arn:aws:iam::111122223333:policy/elsewhere"}},
		{addr: "aws_iam_role_policy_attachment.outside", typ: "aws_iam_role_policy_attachment", name: "outside", actions: create,
			after: map[string]any{"role": "not-in-plan", "policy_arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}},
	}, nil, nil)
	_, after, _ := m.build(ModelOptions{ManagedPolicies: resolver})
	set := after.PolicySetFor(after.Identity("aws_iam_role.a"))
	want := []struct{ name, unknown string }{
		{"arn:aws:iam::aws:policy/ReadOnlyAccess", ""},
		{"arn:aws:iam::aws:policy/NoSuchPolicy", "unknown managed policy arn:aws:iam::aws:policy/NoSuchPolicy"},
		{"arn:aws:iam::111122223333:policy/elsewhere", "managed policy arn:aws:iam::111122223333:policy/elsewhere is outside the plan (aws_iam_role_policy_attachment.ext)"},
	}
	if len(set.Identity) != len(want) {
		t.Fatalf("identity = %+v", set.Identity)
	}
	for i, w := range want {
		d := set.Identity[i]
		got := ""
		if d.Unknown != nil {
			got = d.Unknown.Reason
		}
		if d.Name != w.name || got != w.unknown {
			t.Errorf("identity[%d] = %s %q, want %s %q", i, d.Name, got, w.name, w.unknown)
		}
	}
	var kinds []string
	for _, e := range after.External {
		kinds = append(kinds, e.Address+":"+e.Kind)
	}
	if strings.Join(kinds, ",") != "aws_iam_role_policy_attachment.ext:policy,aws_iam_role_policy_attachment.outside:role" {
		t.Errorf("external = %v", kinds)
	}
}

func TestActionsAndSides(t *testing.T) {
	t.Parallel()
	acct := "111122223333"
	prior := func(name string) map[string]any {
		r := role(name)
		r["arn"] = "arn:aws:iam::" + acct + ":role/" + name
		r["unique_id"] = "AROA" + strings.ToUpper(name)
		return r
	}
	upd2 := prior("kept")
	upd2["assume_role_policy"] = strings.Replace(trustEC2, "ec2", "lambda", 1)
	m := synthPlan(t, []rc{
		{addr: "aws_iam_role.gone", typ: "aws_iam_role", name: "gone", actions: del, before: prior("gone")},
		{addr: "aws_iam_role.fresh", typ: "aws_iam_role", name: "fresh", actions: create, after: role("fresh"), unknown: map[string]any{"arn": true, "unique_id": true}},
		// an in-place update whose arn the provider marks unknown: the prior value stands
		{addr: "aws_iam_role.kept", typ: "aws_iam_role", name: "kept", actions: upd, before: prior("kept"), after: upd2, unknown: map[string]any{"arn": true}},
		{addr: "aws_iam_role.same", typ: "aws_iam_role", name: "same", actions: noop, before: prior("same"), after: prior("same")},
	}, nil, nil)
	before, after, _ := m.build(ModelOptions{})
	addrs := func(m *Model) string {
		var s []string
		for _, id := range m.Principals() {
			s = append(s, id.Address+"="+id.ARN.String())
		}
		return strings.Join(s, " ")
	}
	wantBefore := "aws_iam_role.gone=arn:aws:iam::111122223333:role/gone aws_iam_role.kept=arn:aws:iam::111122223333:role/kept aws_iam_role.same=arn:aws:iam::111122223333:role/same"
	wantAfter := "aws_iam_role.fresh=arn:aws:iam::111122223333:role/fresh aws_iam_role.kept=arn:aws:iam::111122223333:role/kept aws_iam_role.same=arn:aws:iam::111122223333:role/same"
	if got := addrs(before); got != wantBefore {
		t.Errorf("before:\n got %s\nwant %s", got, wantBefore)
	}
	// fresh's ARN is synthesised from name, path and the account the prior ARNs show
	if got := addrs(after); got != wantAfter {
		t.Errorf("after:\n got %s\nwant %s", got, wantAfter)
	}
	if tr := after.Identity("aws_iam_role.kept").Trust; tr == nil || !strings.Contains(string(tr.JSON), "lambda") {
		t.Errorf("kept trust after = %v", tr)
	}
	if tr := before.Identity("aws_iam_role.kept").Trust; tr == nil || !strings.Contains(string(tr.JSON), "ec2") {
		t.Errorf("kept trust before = %v", tr)
	}
	if rp := after.ResourcePolicyFor("arn:aws:iam::111122223333:role/kept"); rp == nil || rp.Type != evaluator.PolicyTrust {
		t.Errorf("trust policy by ARN = %+v", rp)
	}
	p := after.PrincipalOf(after.Identity("aws_iam_role.fresh"))
	if p.Kind != evaluator.PrincipalRoleSession || p.RoleARN != "arn:aws:iam::111122223333:role/fresh" || p.Account != acct || p.Unknown != nil {
		t.Errorf("principal = %+v", p)
	}
}

func TestAccountSources(t *testing.T) {
	t.Parallel()
	roleOnly := []rc{{addr: "aws_iam_role.r", typ: "aws_iam_role", name: "r", actions: create, after: role("r"), unknown: map[string]any{"arn": true}}}
	caller := append([]rc{{addr: "data.aws_caller_identity.me", typ: "aws_caller_identity", name: "me", actions: []string{"read"},
		after: map[string]any{"account_id": "222233334444"}}}, roleOnly...)
	cases := []struct {
		name     string
		changes  []rc
		provider map[string]any
		opts     ModelOptions
		want     string
	}{
		{"none", roleOnly, nil, ModelOptions{}, "arn:aws:iam::…(known after apply: aws_iam_role.r.arn (account id unknown; pass --account-id))"},
		{"option", roleOnly, nil, ModelOptions{AccountID: "999988887777"}, "arn:aws:iam::999988887777:role/r"},
		{"caller identity", caller, nil, ModelOptions{}, "arn:aws:iam::222233334444:role/r"},
		{"allowed_account_ids", roleOnly, map[string]any{"allowed_account_ids": map[string]any{"constant_value": []any{"555566667777"}}}, ModelOptions{}, "arn:aws:iam::555566667777:role/r"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, after, _ := synthPlan(t, tc.changes, nil, tc.provider).build(tc.opts)
			if got := after.Identity("aws_iam_role.r").ARN.String(); got != tc.want {
				t.Errorf("arn = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestKMSDefaultKeyPolicy(t *testing.T) {
	t.Parallel()
	m := synthPlan(t, []rc{
		{addr: "aws_kms_key.k", typ: "aws_kms_key", name: "k", actions: create, after: map[string]any{"description": "x"},
			unknown: map[string]any{"arn": true, "key_id": true, "policy": true}},
		{addr: "aws_kms_key.p", typ: "aws_kms_key", name: "p", actions: create, after: map[string]any{}, unknown: map[string]any{"arn": true, "key_id": true, "policy": true}},
	}, []cfgRes{{typ: "aws_kms_key", name: "k", exprs: map[string]any{"description": map[string]any{"constant_value": "x"}}},
		{typ: "aws_kms_key", name: "p", exprs: map[string]any{"policy": refs("data.aws_iam_policy_document.kp.json")}}}, nil)
	_, after, _ := m.build(ModelOptions{AccountID: "111122223333"})
	k := after.ResourceByAddress("aws_kms_key.k")
	if k == nil || !k.DefaultKeyPolicy || k.Doc == nil || !strings.Contains(string(k.Doc.JSON), `"arn:aws:iam::111122223333:root"`) {
		t.Fatalf("aws_kms_key.k = %+v", k)
	}
	p := after.ResourceByAddress("aws_kms_key.p")
	if p == nil || p.DefaultKeyPolicy || p.Doc == nil || p.Doc.Unknown == nil || p.Doc.Unknown.Reason != "aws_kms_key.p.policy" {
		t.Fatalf("aws_kms_key.p = %+v", p)
	}
}

func TestLambdaPermissionsBecomeAFunctionPolicy(t *testing.T) {
	t.Parallel()
	m := synthPlan(t, []rc{
		{addr: "aws_lambda_function.f", typ: "aws_lambda_function", name: "f", actions: create, after: map[string]any{"function_name": "hook"}, unknown: map[string]any{"arn": true}},
		{addr: "aws_lambda_permission.s3", typ: "aws_lambda_permission", name: "s3", actions: create,
			after:   map[string]any{"action": "lambda:InvokeFunction", "principal": "s3.amazonaws.com", "statement_id": "S3", "source_arn": "arn:aws:s3:::b", "source_account": "111122223333"},
			unknown: map[string]any{"function_name": true}},
		{addr: "aws_lambda_permission.acct", typ: "aws_lambda_permission", name: "acct", actions: create,
			after: map[string]any{"action": "lambda:InvokeFunction", "principal": "444455556666", "statement_id": "Acct", "function_name": "hook"}},
	}, []cfgRes{{typ: "aws_lambda_permission", name: "s3", exprs: map[string]any{"function_name": refs("aws_lambda_function.f.function_name", "aws_lambda_function.f")}}},
		map[string]any{"region": map[string]any{"constant_value": "eu-west-1"}})
	_, after, _ := m.build(ModelOptions{AccountID: "111122223333"})
	rp := after.ResourcePolicyFor("arn:aws:lambda:eu-west-1:111122223333:function:hook")
	if rp == nil || rp.Doc == nil || rp.Doc.Unknown != nil {
		t.Fatalf("function policy = %+v", rp)
	}
	var doc struct {
		Statement []map[string]any
	}
	if err := json.Unmarshal(rp.Doc.JSON, &doc); err != nil || len(doc.Statement) != 2 {
		t.Fatalf("doc %s: %v", rp.Doc.JSON, err)
	}
	s3, acct := doc.Statement[0], doc.Statement[1]
	if s3["Sid"] != "S3" || s3["Resource"] != "arn:aws:lambda:eu-west-1:111122223333:function:hook" ||
		!strings.Contains(mustJSON(s3), `"ArnLike":{"AWS:SourceArn":"arn:aws:s3:::b"}`) ||
		!strings.Contains(mustJSON(s3), `"StringEquals":{"AWS:SourceAccount":"111122223333"}`) ||
		!strings.Contains(mustJSON(s3), `"Principal":{"Service":"s3.amazonaws.com"}`) {
		t.Errorf("s3 statement = %s", mustJSON(s3))
	}
	if !strings.Contains(mustJSON(acct), `"Principal":{"AWS":"444455556666"}`) {
		t.Errorf("account statement = %s", mustJSON(acct))
	}
	// a qualified ARN reads the function's policy too
	if after.ResourcePolicyFor("arn:aws:lambda:eu-west-1:111122223333:function:hook:live") != rp {
		t.Errorf("qualified ARN does not find the function policy")
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestS3ObjectARNFindsBucketPolicy(t *testing.T) {
	t.Parallel()
	m := synthPlan(t, []rc{
		{addr: "aws_s3_bucket.b", typ: "aws_s3_bucket", name: "b", actions: create, after: map[string]any{"bucket": "data"}, unknown: map[string]any{"arn": true, "id": true, "policy": true}},
		{addr: "aws_s3_bucket_policy.b", typ: "aws_s3_bucket_policy", name: "b", actions: create, after: map[string]any{"policy": allowS3}, unknown: map[string]any{"bucket": true}},
	}, []cfgRes{
		{typ: "aws_s3_bucket", name: "b", exprs: map[string]any{"bucket": map[string]any{"constant_value": "data"}}},
		{typ: "aws_s3_bucket_policy", name: "b", exprs: map[string]any{"bucket": refs("aws_s3_bucket.b.id", "aws_s3_bucket.b")}},
	}, nil)
	_, after, _ := m.build(ModelOptions{})
	for _, arn := range []string{"arn:aws:s3:::data", "arn:aws:s3:::data/some/key"} {
		rp := after.ResourcePolicyFor(arn)
		if rp == nil || rp.Address != "aws_s3_bucket.b" || rp.PolicyAddress != "aws_s3_bucket_policy.b" || rp.Doc == nil || string(rp.Doc.JSON) != allowS3 {
			t.Errorf("%s -> %+v", arn, rp)
		}
	}
	if after.ResourcePolicyFor("arn:aws:s3:::other") != nil {
		t.Errorf("unknown bucket found")
	}
}

func TestSCPLevels(t *testing.T) {
	t.Parallel()
	deny := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}`
	org := []rc{
		{addr: "aws_organizations_policy.root", typ: "aws_organizations_policy", name: "root", actions: noop,
			before: map[string]any{"id": "p-root", "type": "SERVICE_CONTROL_POLICY", "content": deny}, after: map[string]any{"id": "p-root", "type": "SERVICE_CONTROL_POLICY", "content": deny}},
		{addr: "aws_organizations_policy.ou", typ: "aws_organizations_policy", name: "ou", actions: noop,
			before: map[string]any{"id": "p-ou", "type": "SERVICE_CONTROL_POLICY", "content": deny}, after: map[string]any{"id": "p-ou", "type": "SERVICE_CONTROL_POLICY", "content": deny}},
		{addr: "aws_organizations_policy_attachment.root", typ: "aws_organizations_policy_attachment", name: "root", actions: create,
			after: map[string]any{"policy_id": "p-root", "target_id": "r-ab12"}},
		{addr: "aws_organizations_policy_attachment.ou", typ: "aws_organizations_policy_attachment", name: "ou", actions: create,
			after: map[string]any{"policy_id": "p-ou", "target_id": "ou-ab12-11111111"}},
		{addr: "aws_iam_role.r", typ: "aws_iam_role", name: "r", actions: create, after: role("r")},
	}
	placed := append(append([]rc{}, org...), rc{addr: "aws_organizations_organizational_unit.prod", typ: "aws_organizations_organizational_unit", name: "prod", actions: noop,
		before: map[string]any{"id": "ou-ab12-11111111", "parent_id": "r-ab12"}, after: map[string]any{"id": "ou-ab12-11111111", "parent_id": "r-ab12"}},
		rc{addr: "aws_organizations_account.member", typ: "aws_organizations_account", name: "member", actions: noop,
			before: map[string]any{"id": "111122223333", "parent_id": "ou-ab12-11111111"}, after: map[string]any{"id": "111122223333", "parent_id": "ou-ab12-11111111"}})
	cases := []struct {
		name    string
		changes []rc
		want    string // levels: K known doc, U unknown doc, F implicit FullAWSAccess
	}{
		// EV-4/PT-6: without the account's place in the org, the OU's SCP may apply
		{"ou unplaced", org, "FK|FU|F"},
		{"ou placed", placed, "FK|FK|F"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, after, _ := synthPlan(t, tc.changes, nil, nil).build(ModelOptions{AccountID: "111122223333"})
			set := after.PolicySetFor(after.Identity("aws_iam_role.r"))
			var lv []string
			for _, l := range set.SCPs {
				s := ""
				for _, d := range l {
					switch {
					case strings.Contains(d.Name, "implicit"):
						s += "F"
					case d.Unknown != nil:
						s += "U"
					default:
						s += "K"
					}
				}
				lv = append(lv, s)
			}
			if got := strings.Join(lv, "|"); got != tc.want {
				t.Errorf("levels %s, want %s", got, tc.want)
			}
			if len(set.RCPs) != 0 {
				t.Errorf("RCP levels without RCPs: %v", set.RCPs)
			}
		})
	}
}
