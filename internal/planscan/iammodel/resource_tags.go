package iammodel

import (
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// TaggedResource is a managed resource of the plan that carries tags, with
// the tags AWS holds for it (issue 8: aws:ResourceTag/* of requests on it).
type TaggedResource struct {
	Address string
	// Type is the Terraform resource type (aws_dynamodb_table, ...).
	Type string
	ARN  tfplan.Str
	// Tags are tags_all (the resource's tags and the provider's
	// default_tags) when TagsUnknown is nil; a key they lack is absent.
	Tags        map[string]string
	TagsUnknown *evaluator.Unknown
}

// resourceTags reads the tags of every managed resource whose type has a
// tags or tags_all attribute and whose ARN is known or known only after
// apply (PT-4): the same reading as principal tags (principalTags).
func (b *builder) resourceTags() {
	m := b.m
	m.taggedByARN, m.taggedByAddr = map[string]*TaggedResource{}, map[string]*TaggedResource{}
	for _, in := range b.r.Instances {
		if in.Key.Mode != tfjson.ManagedResourceMode || !hasTagAttribute(in) {
			continue
		}
		arn := b.r.Str(in, "arn")
		if arn.Known() && !strings.HasPrefix(arn.Value, "arn:") {
			continue
		}
		tr := &TaggedResource{Address: in.Address, Type: in.Key.Type, ARN: arn}
		tr.Tags, tr.TagsUnknown = b.principalTags(in)
		m.ResourceTags = append(m.ResourceTags, tr)
		m.taggedByAddr[in.Address] = tr
		if arn.Known() {
			m.taggedByARN[arn.Value] = tr
		}
	}
}

// hasTagAttribute: the resource type has tags (the plan holds a tags or
// tags_all value, known or not).
func hasTagAttribute(in *tfplan.Instance) bool {
	for _, a := range []string{"tags_all", "tags"} {
		if _, ok := in.Values[a]; ok || tfplan.IsUnknown(tfplan.UnknownAtKey(in.AfterUnknown, a)) {
			return true
		}
	}
	return false
}

// TaggedByARN is the tagged resource of the plan with this known ARN, or nil.
func (m *Model) TaggedByARN(arn string) *TaggedResource { return m.taggedByARN[arn] }

// TaggedByAddress is the tagged resource at a Terraform address, or nil.
func (m *Model) TaggedByAddress(address string) *TaggedResource { return m.taggedByAddr[address] }
