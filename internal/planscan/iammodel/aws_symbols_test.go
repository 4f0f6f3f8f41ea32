package iammodel

import (
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// Symbols (issue 8, PT-4): the values of an object the plan creates that
// hold a part generated at apply are its known prefix and a generated part
// named by the object's address; the ARN and the name of one bucket share
// it. An object the plan updates, a data source and an unknown region or
// account give no symbol.
func TestSymbolsOfCreatedObjects(t *testing.T) {
	t.Parallel()
	unknown := map[string]any{"arn": true, "id": true, "bucket": true, "name": true, "key_id": true}
	s := synthPlan(t, []rc{
		{addr: "aws_kms_key.app", typ: "aws_kms_key", name: "app", actions: create, after: map[string]any{}, unknown: unknown},
		{addr: "aws_instance.web", typ: "aws_instance", name: "web", actions: create, after: map[string]any{}, unknown: unknown},
		{addr: "aws_s3_bucket.logs", typ: "aws_s3_bucket", name: "logs", actions: create, after: map[string]any{"bucket_prefix": "logs-"}, unknown: unknown},
		{addr: "aws_iam_role.ci", typ: "aws_iam_role", name: "ci", actions: create, after: map[string]any{"name_prefix": "ci-", "path": "/deploy/"}, unknown: unknown},
		{addr: "aws_secretsmanager_secret.token", typ: "aws_secretsmanager_secret", name: "token", actions: create, after: map[string]any{"name": "token"}, unknown: map[string]any{"arn": true, "id": true}},
		{addr: "aws_kms_key.kept", typ: "aws_kms_key", name: "kept", actions: []string{"update"}, before: map[string]any{}, after: map[string]any{}, unknown: unknown},
		{addr: "data.aws_kms_key.other", typ: "aws_kms_key", name: "other", actions: []string{"read"}, after: map[string]any{}, unknown: unknown},
	}, nil, nil)
	for _, tc := range []struct {
		account, addr, attr string
		prefix, symbol      string // symbol "": no symbol
		fresh               bool
	}{
		{"111122223333", "aws_kms_key.app", "arn", "arn:aws:kms:us-east-1:111122223333:key/", "aws_kms_key.app", true},
		{"111122223333", "aws_kms_key.app", "key_id", "", "aws_kms_key.app", true},
		{"111122223333", "aws_instance.web", "arn", "arn:aws:ec2:us-east-1:111122223333:instance/", "aws_instance.web", true},
		{"111122223333", "aws_instance.web", "id", "", "aws_instance.web", true},
		{"111122223333", "aws_s3_bucket.logs", "arn", "arn:aws:s3:::logs-", "aws_s3_bucket.logs", true},
		{"111122223333", "aws_s3_bucket.logs", "bucket", "logs-", "aws_s3_bucket.logs", true},
		{"111122223333", "aws_iam_role.ci", "arn", "arn:aws:iam::111122223333:role/deploy/ci-", "aws_iam_role.ci", true},
		{"111122223333", "aws_iam_role.ci", "name", "ci-", "aws_iam_role.ci", true},
		// six random characters after the name: not unique to the secret
		{"111122223333", "aws_secretsmanager_secret.token", "arn", "arn:aws:secretsmanager:us-east-1:111122223333:secret:token-", "aws_secretsmanager_secret.token", false},
		{"111122223333", "aws_kms_key.kept", "arn", "", "", false},
		{"111122223333", "data.aws_kms_key.other", "arn", "", "", false},
		{"", "aws_kms_key.app", "arn", "", "", false}, // account unknown
	} {
		insts := tfplan.CollectInstances(s.plan, tfplan.After, tfplan.NewConfigIndex(s.plan.Config), nil)
		r := NewAWSResolver(tfplan.After, insts, tfplan.NewConfigIndex(s.plan.Config), tc.account, "us-east-1")
		for _, in := range insts {
			if in.Address != tc.addr {
				continue
			}
			v := r.Str(in, tc.attr)
			if v.Known() {
				t.Fatalf("%s.%s: known %q", tc.addr, tc.attr, v.Value)
			}
			u := v.Unknown
			if u.Symbol != tc.symbol || (tc.symbol != "" && (u.Prefix != tc.prefix || u.Fresh != tc.fresh)) {
				t.Errorf("%s.%s (account %q): %+v, want prefix %q symbol %q fresh %v", tc.addr, tc.attr, tc.account, *u, tc.prefix, tc.symbol, tc.fresh)
			}
			// the placeholder writes the symbol into a rebuilt policy
			text, ok := (&builder{}).placeholder(in, tc.attr, v)
			if ok != (tc.symbol != "") || ok && text != evaluator.SymbolText(u) {
				t.Errorf("%s.%s: placeholder %q, %v", tc.addr, tc.attr, text, ok)
			}
		}
	}
}

// A rebuilt document may hold symbols only in Resource and NotResource,
// in the AWS entries of Principal and NotPrincipal and in Condition
// values, the elements whose matching knows them (evaluator/symbol.go,
// principal_symbol.go, condition_symbol.go).
func TestSymbolsOnlyWhereMatched(t *testing.T) {
	t.Parallel()
	sym := evaluator.SymbolText(&evaluator.Unknown{Prefix: "arn:aws:iam::111122223333:role/ci-", Symbol: "aws_iam_role.ci", Fresh: true})
	for _, tc := range []struct {
		doc  string
		want bool
	}{
		{`{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`, true},
		{`{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"` + sym + `"}]}`, true},
		{`{"Statement":{"Effect":"Deny","Action":"sts:AssumeRole","NotResource":["` + sym + `","*"]}}`, true},
		{`{"Statement":[{"Effect":"Allow","Principal":{"AWS":"` + sym + `"},"Action":"s3:*","Resource":"*"}]}`, true},
		{`{"Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":["` + sym + `","111122223333"]},"Action":"s3:*","Resource":"*"}]}`, true},
		{`{"Statement":[{"Effect":"Allow","Principal":{"Service":"` + sym + `"},"Action":"s3:*","Resource":"*"}]}`, false},
		{`{"Statement":[{"Effect":"Allow","Principal":"` + sym + `","Action":"s3:*","Resource":"*"}]}`, false},
		{`{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"ArnEquals":{"aws:SourceArn":"` + sym + `"}}}]}`, true},
		{`{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"ArnLike":{"aws:PrincipalArn":["` + sym + `","arn:aws:iam::111122223333:role/x"]},"NumericLessThan":{"s3:max-keys":"` + sym + `"}}}]}`, true},
		{`{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"` + sym + `":"x"}}}]}`, false},
		{`{"Statement":[{"Effect":"Allow","Action":"` + sym + `","Resource":"*"}]}`, false},
	} {
		if got := symbolsOnlyWhereMatched(tc.doc); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.doc, got, tc.want)
		}
	}
}
