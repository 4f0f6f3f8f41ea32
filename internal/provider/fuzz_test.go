package provider

import (
	"errors"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
)

// FuzzBuildQuery feeds arbitrary attribute values through the provider's
// pure input handling (principal short forms, actions, resources, inline
// policies, context, defaults): it must never panic, and a rejected input
// is an *inputError naming its attribute.
func FuzzBuildQuery(f *testing.F) {
	f.Add("role/web", "s3:GetObject", "arn:aws:s3:::b/k", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`, "aws:SourceIp", "StringEquals", "10.0.0.1", "111122223333", "aws")
	f.Add("arn:aws:iam:::role/x", "s3:Get*", "*", `{"Statement":"x"}`, "", "", "", "", "")
	f.Add("root", "iam:PassRole", "arn:aws:iam::111122223333:role/*", `[]`, "k", "Bool", "true", "1234", "aws-cn")
	f.Fuzz(func(t *testing.T, principal, action, resource, policy, ctxKey, ctxType, ctxValue, account, partition string) {
		in := &queryInput{
			Principal: textInput{Path: path.Root("principal"), Value: principal},
			Actions:   []textInput{{Path: path.Root("actions").AtListIndex(0), Value: action}},
			Resources: []textInput{{Path: path.Root("resources").AtListIndex(0), Value: resource}},
			Identity:  []textInput{{Path: path.Root("identity_policies").AtListIndex(0), Value: policy}},
			Context:   []contextInput{{Path: path.Root("context").AtListIndex(0), Key: ctxKey, Type: ctxType, Values: []string{ctxValue}}},
		}
		q, err := buildQuery(in, queryDefaults{AccountID: account, Partition: partition}, embeddedReferenceData())
		if err != nil {
			var ie *inputError
			if !errors.As(err, &ie) {
				t.Fatalf("buildQuery error %T %v is not an *inputError", err, err)
			}
			if ie.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		for _, o := range q.decide() {
			if o.Result.Decision == "" {
				t.Fatalf("no decision for %+v", o.Request)
			}
		}
	})
}
