package iammodel

import (
	"encoding/json"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// A grant becomes Allow statements after the key policy's own (KMS
// Developer Guide, "Grants in AWS KMS": "When authorizing access to a KMS
// key, grants are considered along with key policies and IAM policies";
// "A grant can allow access to a KMS key, but not deny access").
func TestWithGrants(t *testing.T) {
	t.Parallel()
	key := &ResourcePolicy{Address: "aws_kms_key.k", Doc: &evaluator.PolicyDoc{Name: "aws_kms_key.k.policy",
		JSON: []byte(`{"Version":"2012-10-17","Statement":{"Sid":"Root","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}}`)}}
	for _, tc := range []struct {
		name  string
		grant *KMSGrant
		want  string // the statements after the key policy's, as JSON
	}{
		{"operations to a role", &KMSGrant{Address: "aws_kms_grant.g", Name: tfplan.KnownStr("g-1"), Grantee: tfplan.KnownStr("arn:aws:iam::111122223333:role/app"),
			Operations: []string{"Decrypt", "Encrypt"}},
			`[{"Action":["kms:Decrypt","kms:Encrypt"],"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/app"},"Resource":"*","Sid":"Grant1g1"}]`},
		// GrantConstraints: EncryptionContextSubset "A list of key-value
		// pairs that must be included in the encryption context of the
		// cryptographic operation request"; EncryptionContextEquals "A list
		// of key-value pairs that must match the encryption context".
		{"subset constraint", &KMSGrant{Address: "aws_kms_grant.g", Grantee: tfplan.KnownStr("arn:aws:iam::111122223333:role/app"),
			Operations: []string{"Decrypt"}, Subset: map[string]string{"team": "payments"}},
			`[{"Action":["kms:Decrypt"],"Condition":{"StringEquals":{"kms:EncryptionContext:team":"payments"}},"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/app"},"Resource":"*","Sid":"Grant1"}]`},
		{"equals constraint and a retiring principal", &KMSGrant{Address: "aws_kms_grant.g", Grantee: tfplan.KnownStr("logs.us-east-1.amazonaws.com"),
			Retiring: tfplan.KnownStr("arn:aws:iam::111122223333:role/ops"), Operations: []string{"Decrypt"}, Equals: map[string]string{"app": "billing"}},
			`[{"Action":["kms:Decrypt"],"Condition":{"ForAllValues:StringEquals":{"kms:EncryptionContextKeys":["app"]},"StringEquals":{"kms:EncryptionContext:app":"billing"}},"Effect":"Allow","Principal":{"Service":"logs.us-east-1.amazonaws.com"},"Resource":"*","Sid":"Grant1"},` +
				`{"Action":"kms:RetireGrant","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/ops"},"Resource":"*","Sid":"Grant1Retiring"}]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			doc := withGrants(key, []*KMSGrant{tc.grant})
			var got struct{ Statement []json.RawMessage }
			if err := json.Unmarshal(doc.JSON, &got); err != nil {
				t.Fatal(err)
			}
			testkit.Equal(t, "key policy statement kept", string(got.Statement[0]), `{"Sid":"Root","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}`)
			rest, _ := json.Marshal(got.Statement[1:])
			testkit.Equal(t, "grant statements", string(rest), tc.want)
		})
	}
}

// A part known only after apply makes the key's grants unknown (PT-5),
// named by that part; an unknown key policy stays as it is.
func TestWithGrantsUnknown(t *testing.T) {
	t.Parallel()
	key := &ResourcePolicy{Address: "aws_kms_key.k", Doc: &evaluator.PolicyDoc{JSON: []byte(`{"Version":"2012-10-17","Statement":[]}`)}}
	g := &KMSGrant{Address: "aws_kms_grant.g", Unknown: &evaluator.Unknown{Reason: "aws_kms_grant.g.grantee_principal"}}
	doc := withGrants(key, []*KMSGrant{g})
	if doc.Unknown == nil || doc.Unknown.Reason != "aws_kms_grant.g.grantee_principal" {
		t.Fatalf("got %+v, want unknown named by the grantee", doc)
	}
	unk := &ResourcePolicy{Address: "aws_kms_key.k", Doc: &evaluator.PolicyDoc{Unknown: &evaluator.Unknown{Reason: "aws_kms_key.k.policy"}}}
	testkit.Equal(t, "unknown key policy", withGrants(unk, []*KMSGrant{g}).Unknown.Reason, "aws_kms_key.k.policy")
}
