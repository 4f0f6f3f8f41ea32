package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
)

// BenchmarkDecisionQuery measures one iamsim_decision read without
// Terraform: build the query (compile two policies) and decide 10 actions.
func BenchmarkDecisionQuery(b *testing.B) {
	identity := `{"Version":"2012-10-17","Statement":[
{"Sid":"Read","Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":"*"},
{"Sid":"WriteOwn","Effect":"Allow","Action":["s3:PutObject","s3:PutObjectTagging","s3:DeleteObject"],"Resource":"arn:aws:s3:::bench-*/${aws:PrincipalTag/team}/*"},
{"Sid":"FromCorp","Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":["10.0.0.0/8","192.0.2.0/24"]},"Bool":{"aws:ViaAWSService":"false"}}},
{"Sid":"NoAcl","Effect":"Deny","Action":["s3:PutObjectAcl","s3:PutBucketAcl"],"Resource":"*"}]}`
	boundary := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*","logs:*"],"Resource":"*"}]}`
	actions := []string{"s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:GetObjectTagging", "s3:PutObjectTagging",
		"s3:GetObjectAcl", "s3:PutObjectAcl", "s3:AbortMultipartUpload", "s3:RestoreObject", "s3:GetObjectVersion"}
	in := &queryInput{
		Principal: textInput{Path: path.Root("principal_arn"), Value: "arn:aws:iam::111122223333:role/app"},
		Resources: []textInput{{Path: path.Root("resource_arns").AtListIndex(0), Value: "arn:aws:s3:::bench-1/web/o.txt"}},
		Identity:  []textInput{{Path: path.Root("identity_policies_json").AtListIndex(0), Value: identity}},
		Boundary:  &textInput{Path: path.Root("permissions_boundary_json"), Value: boundary},
		Context: []contextInput{
			{Path: path.Root("principal_tags").AtMapKey("team"), Key: "aws:PrincipalTag/team", Type: contextString, Values: []string{"web"}},
			{Path: path.Root("context").AtListIndex(0), Key: "aws:SourceIp", Type: contextIP, Values: []string{"10.1.2.3"}},
		},
	}
	for i, a := range actions {
		in.Actions = append(in.Actions, textInput{Path: path.Root("action_names").AtListIndex(i), Value: a})
	}
	ref := embeddedReferenceData()
	defs := queryDefaults{Partition: "aws"}
	b.ReportAllocs()
	for b.Loop() {
		q, err := buildQuery(in, defs, ref)
		if err != nil {
			b.Fatal(err)
		}
		if outs := q.decide(); len(outs) != 10 {
			b.Fatalf("%d outcomes", len(outs))
		}
	}
}
