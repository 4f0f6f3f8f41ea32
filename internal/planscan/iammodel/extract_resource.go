package iammodel

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// ownerSpec describes a resource type that can carry a resource-based policy
// and the separate resource type that can set it.
type ownerSpec struct {
	owner      string // aws_s3_bucket, ...
	service    string
	policyAttr string // the owner's own policy attribute ("" when none)
	standalone string // aws_s3_bucket_policy, ...
	linkAttr   string // the standalone resource's attribute naming the owner
	linkDef    string // the owner attribute the link most likely reads
	idents     []string
}

var ownerSpecs = []ownerSpec{
	{"aws_s3_bucket", "s3", "policy", "aws_s3_bucket_policy", "bucket", "id", []string{"bucket", "id", "arn"}},
	{"aws_kms_key", "kms", "policy", "aws_kms_key_policy", "key_id", "key_id", []string{"key_id", "id", "arn"}},
	{"aws_sqs_queue", "sqs", "policy", "aws_sqs_queue_policy", "queue_url", "url", []string{"url", "id", "arn", "name"}},
	{"aws_sns_topic", "sns", "policy", "aws_sns_topic_policy", "arn", "arn", []string{"arn", "id", "name"}},
	{"aws_lambda_function", "lambda", "", "aws_lambda_permission", "function_name", "function_name", []string{"function_name", "arn"}},
	{"aws_ecr_repository", "ecr", "", "aws_ecr_repository_policy", "repository", "name", []string{"name", "arn"}},
	{"aws_secretsmanager_secret", "secretsmanager", "policy", "aws_secretsmanager_secret_policy", "secret_arn", "arn", []string{"arn", "id", "name"}},
}

// holder is a resource that has (or may have) a resource policy.
type holder struct {
	rp       *ResourcePolicy
	in       *tfplan.Instance // nil for a resource outside the plan
	idents   []string
	docs     []*tfplan.Instance // standalone policy resources setting it
	lambdaQ  string             // lambda qualifier ("" = the function)
	external bool
}

func (b *builder) resourcePolicies(byType map[string][]*tfplan.Instance, prev *builder) {
	for _, spec := range ownerSpecs {
		var holders []*holder
		byInst := map[*tfplan.Instance]*holder{}
		for _, in := range byType[spec.owner] {
			arn := b.r.Str(in, "arn")
			h := &holder{in: in, rp: &ResourcePolicy{
				Address: in.Address, PolicyAddress: in.Address, Service: spec.service,
				Type: evaluator.PolicyResource, ARN: arn, Account: b.accountOf(in, arn), InPlan: true,
			}}
			for _, a := range spec.idents {
				if s := b.r.Str(in, a); s.Set() {
					h.idents = append(h.idents, s.Value)
				}
			}
			holders = append(holders, h)
			byInst[in] = h
		}
		// standalone policy resources -> owners (or resources outside the plan)
		extra := map[string]*holder{}
		for _, in := range byType[spec.standalone] {
			s, t := b.r.StrVia(in, spec.linkAttr, spec.linkDef)
			var h *holder
			if t != nil {
				h = byInst[t]
			}
			if h == nil && s.Set() {
				h = matchHolder(holders, spec, s.Value)
			}
			if h == nil && spec.service == "lambda" {
				h = b.lambdaQualified(in, s, holders, extra)
			}
			if h == nil {
				if !s.Known() {
					b.diag(evaluator.SeverityWarning, in.Address, "%s is known only after apply and names no resource in the plan; its policy is not placed", spec.linkAttr)
					continue
				}
				key := s.Value
				if h = extra[key]; h == nil {
					arn := b.externalARN(in, spec, s.Value)
					h = &holder{external: true, rp: &ResourcePolicy{
						Address: in.Address, PolicyAddress: in.Address, Service: spec.service,
						Type: evaluator.PolicyResource, ARN: arn, Account: b.accountOf(in, arn),
					}}
					extra[key] = h
					b.m.External = append(b.m.External, External{Address: in.Address, Kind: spec.owner, Ref: s,
						Note: "resource outside the plan; the plan sets its policy"})
				}
			} else if spec.service == "lambda" {
				if q := b.r.Str(in, "qualifier"); !q.Known() || q.Value != "" {
					h = b.lambdaQualified(in, s, holders, extra)
				}
			}
			h.docs = append(h.docs, in)
			h.rp.PolicyAddress = in.Address
		}
		keys := make([]string, 0, len(extra))
		for k := range extra {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			holders = append(holders, extra[k])
		}
		for _, h := range holders {
			b.placeDoc(spec, h, prev)
			if spec.service == "ecr" && h.rp.Doc != nil {
				// ECR repository policies omit Resource: they apply to
				// the repository (RS-1, evaluator.Options.ImpliedResource).
				h.rp.Doc.ImpliedResource = true
			}
			b.m.ResourcePolicies = append(b.m.ResourcePolicies, h.rp)
		}
	}
}

func matchHolder(hs []*holder, spec ownerSpec, v string) *holder {
	if spec.service == "lambda" && strings.HasPrefix(v, "arn:") {
		// function ARN, possibly qualified: compare the unqualified ARN too
		if parts := strings.Split(v, ":"); len(parts) == 8 {
			v2 := strings.Join(parts[:7], ":")
			for _, h := range hs {
				for _, id := range h.idents {
					if id == v2 {
						return h
					}
				}
			}
		}
	}
	for _, h := range hs {
		for _, id := range h.idents {
			if id == v {
				return h
			}
		}
	}
	return nil
}

// lambdaQualified returns the holder of a qualified function (alias or
// version): a separate resource policy in AWS.
func (b *builder) lambdaQualified(in *tfplan.Instance, fn tfplan.Str, hs []*holder, extra map[string]*holder) *holder {
	q := b.r.Str(in, "qualifier")
	if !q.Known() || q.Value == "" || !fn.Set() {
		return nil
	}
	key := fn.Value + ":" + q.Value
	if h := extra[key]; h != nil {
		return h
	}
	base := matchHolder(hs, ownerSpecs[4], fn.Value)
	var arn tfplan.Str
	addr := in.Address
	switch {
	case base != nil && base.rp.ARN.Known():
		arn = tfplan.KnownStr(base.rp.ARN.Value + ":" + q.Value)
		addr = base.rp.Address + ":" + q.Value
	case base != nil:
		arn = tfplan.UnknownStr(base.rp.ARN.Unknown.Reason+":"+q.Value, base.rp.ARN.Unknown.Prefix)
		addr = base.rp.Address + ":" + q.Value
	default:
		a := b.externalARN(in, ownerSpecs[4], fn.Value)
		if a.Known() {
			a = tfplan.KnownStr(a.Value + ":" + q.Value)
		}
		arn = a
	}
	h := &holder{lambdaQ: q.Value, external: base == nil, rp: &ResourcePolicy{
		Address: addr, PolicyAddress: in.Address, Service: "lambda", Type: evaluator.PolicyResource,
		ARN: arn, Account: b.accountOf(in, arn), InPlan: base != nil,
	}}
	extra[key] = h
	return h
}

// externalARN derives the ARN of a resource outside the plan from the value
// the policy resource names it by.
func (b *builder) externalARN(in *tfplan.Instance, spec ownerSpec, v string) tfplan.Str {
	if strings.HasPrefix(v, "arn:") {
		return tfplan.KnownStr(v)
	}
	r := b.r
	unk := func() tfplan.Str {
		return tfplan.UnknownStr("ARN of "+spec.owner+" "+v+" (account id or region unknown)", "arn:"+r.Partition+":"+spec.service+":")
	}
	switch spec.service {
	case "s3":
		return tfplan.KnownStr("arn:" + r.Partition + ":s3:::" + v)
	case "sqs":
		// https://sqs.<region>.amazonaws.com/<account>/<name>
		rest := v[strings.Index(v, "://")+3:]
		parts := strings.Split(rest, "/")
		host := strings.Split(parts[0], ".")
		if len(parts) == 3 && len(host) > 2 && evaluator.IsAccountID(parts[1]) {
			return tfplan.KnownStr("arn:" + r.Partition + ":sqs:" + host[1] + ":" + parts[1] + ":" + parts[2])
		}
		return unk()
	}
	if r.AccountOf(in) == "" || r.RegionOf(in) == "" {
		return unk()
	}
	head := "arn:" + r.Partition + ":" + spec.service + ":" + r.RegionOf(in) + ":" + r.AccountOf(in) + ":"
	switch spec.service {
	case "kms":
		return tfplan.KnownStr(head + "key/" + v)
	case "lambda":
		return tfplan.KnownStr(head + "function:" + v)
	case "ecr":
		return tfplan.KnownStr(head + "repository/" + v)
	}
	return unk()
}

// placeDoc decides a holder's document: a standalone policy resource wins;
// else the owner's own attribute; a KMS key created without a policy gets
// the default key policy.
func (b *builder) placeDoc(spec ownerSpec, h *holder, prev *builder) {
	if len(h.docs) > 0 {
		if h.in != nil {
			b.standalone[h.in.Address] = true
		}
		if spec.service == "lambda" {
			h.rp.Doc = b.lambdaDoc(h)
			return
		}
		if len(h.docs) > 1 {
			addrs := make([]string, len(h.docs))
			for i, d := range h.docs {
				addrs[i] = d.Address
			}
			b.diag(evaluator.SeverityWarning, h.rp.Address, "several resources set its policy (%s); they overwrite each other, the outcome is unknown", strings.Join(addrs, ", "))
			h.rp.Doc = &evaluator.PolicyDoc{Name: h.rp.Address, Unknown: &evaluator.Unknown{Reason: strings.Join(addrs, " | ") + ".policy"}}
			return
		}
		if d, ok := b.doc(h.docs[0], "policy", h.docs[0].Address); ok {
			h.rp.Doc = &d
		}
		return
	}
	in := h.in
	if in == nil || spec.policyAttr == "" {
		return
	}
	attr := spec.policyAttr
	_, configured := in.Configured[attr]
	v, unk := in.Values[attr], tfplan.IsUnknown(tfplan.UnknownAtKey(in.AfterUnknown, attr))
	switch {
	case configured || (in.Config == nil && unk):
		if d, ok := b.doc(in, attr, in.Address+"."+attr); ok {
			h.rp.Doc = &d
		}
		return
	case prev != nil && prev.standalone[in.Address]:
		// the separate policy resource is removed by this plan
		if spec.service == "kms" {
			b.defaultKeyPolicy(h)
		}
		return
	case unk && in.Action == tfplan.ActionCreate:
		switch spec.service {
		case "kms":
			b.defaultKeyPolicy(h)
		case "sns":
			b.defaultTopicPolicy(h, in.Address+"."+attr)
		}
		return
	case unk:
		if s, ok := in.Prior[attr].(string); ok {
			v = s
		} else if in.Prior[attr] != nil {
			b.r.Problems.Add(in.Address, "change.before."+attr, in.Prior[attr], "a string")
			return
		} else {
			h.rp.Doc = &evaluator.PolicyDoc{Name: in.Address + "." + attr, Unknown: &evaluator.Unknown{Reason: in.Address + "." + attr}}
			return
		}
	}
	text, isStr := v.(string)
	if !isStr && v != nil {
		b.r.Problems.Add(in.Address, attr, v, "a string")
		return
	}
	if text == "" {
		if spec.service == "kms" && b.m.Side == tfplan.After && in.Action == tfplan.ActionCreate {
			b.defaultKeyPolicy(h)
		}
		return
	}
	b.checkJSON(in.Address, attr, text)
	h.rp.Doc = &evaluator.PolicyDoc{Name: in.Address + "." + attr, JSON: []byte(text)}
}

// defaultKeyPolicy is the policy AWS gives a KMS key created without one:
// the account (root) may do kms:* (so IAM policies can grant key access).
func (b *builder) defaultKeyPolicy(h *holder) {
	h.rp.DefaultKeyPolicy = true
	acct := h.rp.Account
	name := h.rp.Address + ".policy (default key policy)"
	if !acct.Known() {
		h.rp.Doc = &evaluator.PolicyDoc{Name: name, Unknown: &evaluator.Unknown{Reason: h.rp.Address + ".policy (default key policy; account id unknown)"}}
		return
	}
	doc := `{"Version":"2012-10-17","Id":"key-default-1","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow",` +
		`"Principal":{"AWS":"arn:` + b.r.Partition + `:iam::` + acct.Value + `:root"},"Action":"kms:*","Resource":"*"}]}`
	h.rp.Doc = &evaluator.PolicyDoc{Name: name, JSON: []byte(doc)}
}

// defaultTopicPolicy is the policy SNS gives a topic created without one
// (found by the ground truth of symbol_principals: never "no policy",
// PT-5). Its text is the one AWS sets: statement __default_statement_ID
// lets {"AWS": "*"} do the topic's management and publish actions under
// StringEquals AWS:SourceOwner = the topic's account (SNS Developer Guide,
// "Example cases for Amazon SNS access control", section "aws:SourceAccount
// versus aws:SourceOwner"; the Terraform aws_sns_topic_policy example with
// Id __default_policy_ID; and the policy Moto returns for the topic in
// testdata/fixtures/symbol_principals/state.json, which this copies). With
// the account or the topic's ARN unknown the document stays unknown.
func (b *builder) defaultTopicPolicy(h *holder, attr string) {
	acct, arn := h.rp.Account, h.rp.ARN
	resource := arn.Value
	if !arn.Known() && arn.Unknown != nil {
		resource = evaluator.SymbolText(arn.Unknown)
	}
	if !acct.Known() || resource == "" {
		h.rp.Doc = &evaluator.PolicyDoc{Name: h.rp.Address, Unknown: &evaluator.Unknown{Reason: attr + ": the default topic policy SNS sets at apply (account or topic ARN unknown)"}}
		return
	}
	doc := `{"Version":"2008-10-17","Id":"__default_policy_ID","Statement":[{"Sid":"__default_statement_ID","Effect":"Allow",` +
		`"Principal":{"AWS":"*"},"Action":["SNS:GetTopicAttributes","SNS:SetTopicAttributes","SNS:AddPermission","SNS:RemovePermission",` +
		`"SNS:DeleteTopic","SNS:Subscribe","SNS:ListSubscriptionsByTopic","SNS:Publish"],"Resource":` + strconv.Quote(resource) + `,` +
		`"Condition":{"StringEquals":{"AWS:SourceOwner":` + strconv.Quote(acct.Value) + `}}}]}`
	h.rp.Doc = &evaluator.PolicyDoc{Name: attr + " (default topic policy)", JSON: []byte(doc)}
}

// lambdaDoc synthesises the function policy from its aws_lambda_permission
// statements (the provider's AddPermission calls).
func (b *builder) lambdaDoc(h *holder) *evaluator.PolicyDoc {
	name := h.rp.Address + " (lambda permissions)"
	var stmts []map[string]any
	var unknown []string
	resource := h.rp.ARN
	if !resource.Known() {
		unknown = append(unknown, "ARN of "+h.rp.Address)
	}
	for _, in := range h.docs {
		get := func(a string) tfplan.Str { return b.r.Str(in, a) }
		action, principal, sid := get("action"), get("principal"), get("statement_id")
		st := map[string]any{"Effect": "Allow"}
		if !action.Known() || !principal.Known() {
			unknown = append(unknown, in.Address)
			continue
		}
		if sid.Set() {
			st["Sid"] = sid.Value
		}
		st["Action"] = action.Value
		st["Resource"] = resource.Value
		switch p := principal.Value; {
		case p == "*":
			st["Principal"] = "*"
		case evaluator.IsAccountID(p) || strings.HasPrefix(p, "arn:"):
			st["Principal"] = map[string]any{"AWS": p}
		default:
			st["Principal"] = map[string]any{"Service": p}
		}
		cond := map[string]map[string]any{}
		for _, c := range []struct{ attr, op, key string }{
			{"source_arn", "ArnLike", "AWS:SourceArn"},
			{"source_account", "StringEquals", "AWS:SourceAccount"},
			{"principal_org_id", "StringEquals", "aws:PrincipalOrgID"},
			{"function_url_auth_type", "StringEquals", "lambda:FunctionUrlAuthType"},
			{"event_source_token", "StringEquals", "lambda:EventSourceToken"},
		} {
			v := get(c.attr)
			if !v.Known() {
				unknown = append(unknown, in.Address+"."+c.attr)
				continue
			}
			if v.Value == "" {
				continue
			}
			if cond[c.op] == nil {
				cond[c.op] = map[string]any{}
			}
			cond[c.op][c.key] = v.Value
		}
		if len(cond) > 0 {
			st["Condition"] = cond
		}
		stmts = append(stmts, st)
	}
	if len(unknown) > 0 {
		return &evaluator.PolicyDoc{Name: name, Unknown: &evaluator.Unknown{Reason: strings.Join(unknown, ", ")}}
	}
	js, _ := json.Marshal(map[string]any{"Version": "2012-10-17", "Id": "default", "Statement": stmts})
	return &evaluator.PolicyDoc{Name: name, JSON: js}
}
