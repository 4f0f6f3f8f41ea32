package analysis

// Resource tags in the access matrix (resource_tags.go, issue 8): when a
// policy of the plan reads aws:ResourceTag/, the tagged resources of the
// plan become targets, targets with different tags never share a generic
// group, and each cell's request carries the target's tags for the
// representative action of its class.

import (
	"sort"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/iammodel"
)

// readsResourceTags: some document of either side reads aws:ResourceTag/.
func (u *universe) readsResourceTags() bool { return len(u.resourceTagKeys()) > 0 }

// addTaggedTargets adds the tagged resources of the plan as targets (when
// a policy reads their tags) and records every target's tags per side.
func (u *universe) addTaggedTargets(add func(side int, key, arn string, unk *evaluator.Unknown, label, service, kind string) *matrixTarget) {
	if !u.readsResourceTags() {
		return
	}
	for si, get := range sides {
		for _, tr := range get(u.a).Model.ResourceTags {
			var t *matrixTarget
			switch {
			case tr.ARN.Set():
				service, kind := namedKind(tr.ARN.Value)
				t = add(si, "arn:"+tr.ARN.Value, tr.ARN.Value, nil, tr.ARN.Value, service, kind)
			case !tr.ARN.Known() && strings.Count(tr.ARN.Unknown.Prefix, ":") >= 3:
				service, kind := namedKind(tr.ARN.Unknown.Prefix)
				t = add(si, "addr:"+tr.Address, tr.ARN.Unknown.Prefix, tr.ARN.Unknown, "${"+tr.Address+".arn}", service, kind)
			default:
				continue
			}
			t.tagged[si] = tr
			if tr.Type == "aws_s3_bucket" && tr.ARN.Set() {
				objects := tr.ARN.Value + "/*"
				add(si, "arn:"+objects, objects, nil, objects, "s3", "s3-object").tagged[si] = tr
			}
		}
	}
}

// tagSig is the tags' part of a target's group signature.
func tagSig(tr *iammodel.TaggedResource) string {
	switch {
	case tr == nil:
		return ""
	case tr.TagsUnknown != nil:
		return "U" + tr.Address
	}
	kv := make([]string, 0, len(tr.Tags))
	for k, v := range tr.Tags {
		kv = append(kv, k+"\x00"+v)
	}
	sort.Strings(kv)
	return tr.Type + "\x01" + strings.Join(kv, "\x01")
}

// tagContext is the request context of a cell: the target's aws:ResourceTag/
// keys for the action (empty for an untagged target). Unknown tags make
// every aws:ResourceTag/ key of the universe's documents unknown.
func (u *universe) tagContext(si int, action string, t *matrixTarget) evaluator.Context {
	tr := t.tagged[si]
	if tr == nil {
		return evaluator.Context{}
	}
	rt := resourceTagsOf(u.cat, action, t.ARN, t.Unknown == nil, tr)
	ctx, _ := rt.apply(evaluator.Context{}, u.resourceTagKeys)
	return ctx
}

// resourceTagKeys are the aws:ResourceTag/ keys of every document the
// universe parsed (computed once).
func (u *universe) resourceTagKeys() []string {
	u.tagKeysOnce.Do(func() {
		var docs []evaluator.PolicyDoc
		for _, get := range sides {
			s := get(u.a)
			for _, id := range s.Model.Principals() {
				set := s.PolicySet(id)
				docs = append(append(docs, set.Identity...), set.Boundaries...)
				for _, l := range append(append([][]evaluator.PolicyDoc{}, set.SCPs...), set.RCPs...) {
					docs = append(docs, l...)
				}
			}
			for _, rp := range s.Model.ResourcePolicies {
				if rp.Doc != nil {
					docs = append(docs, *rp.Doc)
				}
			}
		}
		u.tagKeys = keysIn(resourceTagKey(), docs)
	})
	return u.tagKeys
}
