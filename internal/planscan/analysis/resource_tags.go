package analysis

import (
	"regexp"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/iamdata"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/iammodel"
)

// Resource tags (issue 8, CTX-19): a request on a resource of the plan
// carries aws:ResourceTag/KEY from the resource's tags (tags_all), as
// principal tags fill aws:PrincipalTag/ (principal_tags.go). The IAM User
// Guide, aws:ResourceTag/tag-key: "This key is included in the request
// context when the requested resource already has attached tags or in
// requests that create a resource with an attached tag. This key is
// returned only for resources that support authorization based on tags."
// Which resources do is the service reference's: the key is listed for the
// action or for the resource type the ARN matches (CTX-2). Where it is
// listed and the tags are known, every aws:ResourceTag/ key is fixed (a tag
// the resource lacks is absent); where the tags are known only after apply,
// the keys the question's policies read are unknown, named by the tags'
// address (PT-1: never absent); where it is not listed, AWS sends no
// aws:ResourceTag/ key at all. S3 lists it, but "By default, ABAC is
// disabled for all Amazon S3 general purpose buckets. To use ABAC for
// general purpose buckets, you must enable it" (S3 User Guide, "Enabling
// ABAC in general purpose buckets"), a bucket setting that hashicorp/aws
// 5.100 does not manage: a tag the bucket has is unknown (ABAC may be on
// outside the plan), a tag it lacks is absent.

// resourceTagKey finds the aws:ResourceTag/ keys a policy text reads.
var resourceTagKey = lazyRegexp(`(?i)aws:ResourceTag/[^"\s}]+`)

const resourceTagPrefix = "aws:ResourceTag/"

// resourceTags is what a request on one resource carries as
// aws:ResourceTag/ keys.
type resourceTags struct {
	// fixed: the keys are decided (set, unknown or absent); false leaves
	// them as the question gives them (a resource outside the plan, an
	// action the reference data does not know).
	fixed bool
	tags  map[string]string
	// unknown names the tags known only after apply; s3ABAC marks the tags
	// of a bucket whose ABAC status the plan does not hold.
	unknown *evaluator.Unknown
	s3ABAC  bool
}

// resourceTagsOf decides the aws:ResourceTag/ keys of action on a tagged
// resource of the plan (tr nil: none); arn is the request's resource
// (known or not).
func resourceTagsOf(cat *iamdata.Catalog, action, arn string, arnKnown bool, tr *iammodel.TaggedResource) resourceTags {
	if tr == nil {
		return resourceTags{}
	}
	act, ok := cat.LookupAction(action)
	if !ok {
		return resourceTags{}
	}
	rt := ""
	if arnKnown {
		t, ok := cat.MatchResourceType(act, arn)
		if !ok {
			return resourceTags{}
		}
		rt = t.Name
	}
	if !cat.ConditionKeyListed(act, rt, "aws:ResourceTag/tag") {
		return resourceTags{fixed: true} // CTX-2: AWS sends none
	}
	out := resourceTags{fixed: true, tags: tr.Tags, unknown: tr.TagsUnknown}
	if tr.Type == "aws_s3_bucket" && out.unknown == nil && len(out.tags) > 0 {
		out.s3ABAC = true
		out.unknown = &evaluator.Unknown{Reason: tr.Address + " ABAC status (S3 reads bucket tags only with ABAC enabled; not in the plan)"}
	}
	return out
}

// apply sets the keys in ctx (values the question gives win); keys lists
// the aws:ResourceTag/ keys the question's policies read (for unknown
// tags). fixPrefix reports whether every other aws:ResourceTag/ key is
// absent.
func (rt resourceTags) apply(ctx evaluator.Context, keys func() []string) (out evaluator.Context, fixPrefix bool) {
	if !rt.fixed {
		return ctx, false
	}
	out = ctx.Clone()
	switch {
	case rt.unknown != nil && rt.s3ABAC:
		for _, k := range keys() {
			if _, has := lookupFold(rt.tags, k[len(resourceTagPrefix):]); has && !ctx.Has(k) {
				out.SetUnknown(k, *rt.unknown)
			}
		}
		return out, true
	case rt.unknown != nil:
		for _, k := range keys() {
			if !ctx.Has(k) {
				out.SetUnknown(k, *rt.unknown)
			}
		}
		return out, false
	}
	for k, v := range rt.tags {
		if key := resourceTagPrefix + k; !ctx.Has(key) {
			out.Set(key, v)
		}
	}
	return out, true
}

// lookupFold finds a tag by key, ignoring case (CO-2: the tag-key part of
// aws:ResourceTag/ is case-insensitive).
func lookupFold(tags map[string]string, key string) (string, bool) {
	for k, v := range tags {
		if strings.EqualFold(k, key) {
			return v, true
		}
	}
	return "", false
}

// taggedTarget is the tagged resource of the plan a target names exactly
// (by known ARN, or by the address of an ARN known only after apply).
func (s *SideAnalysis) taggedTarget(t *Target) *iammodel.TaggedResource {
	if t.Unknown == nil {
		if t.ARN == "*" {
			return nil
		}
		if tr := s.Model.TaggedByARN(t.ARN); tr != nil {
			return tr
		}
		if strings.HasPrefix(t.ARN, "arn:") && evaluator.ARNField(t.ARN, 2) == "s3" {
			// an object of a bucket of the plan: the bucket's tags (with ABAC)
			if bucket, _, ok := strings.Cut(t.ARN, "/"); ok {
				if tr := s.Model.TaggedByARN(bucket); tr != nil && tr.Type == "aws_s3_bucket" {
					return tr
				}
			}
		}
		return nil
	}
	if addr, ok := singleRefAddress(t.Ref); ok {
		return s.Model.TaggedByAddress(addr)
	}
	return nil
}

// resourceTagContext fills aws:ResourceTag/ keys for a question on a
// resource of the plan and fixes the prefix when every key is decided;
// ctx and opts are returned unchanged otherwise.
func (s *SideAnalysis) resourceTagContext(sub *Subject, action string, t *Target, ctx evaluator.Context, opts evaluator.QuantifyOptions) (evaluator.Context, evaluator.QuantifyOptions) {
	if !s.readsResourceTags() {
		return ctx, opts // no policy compares them: set or absent decide alike
	}
	rt := resourceTagsOf(s.catalog, action, t.ARN, t.Unknown == nil, s.taggedTarget(t))
	out, fix := rt.apply(ctx, func() []string { return s.questionKeys(resourceTagKey(), sub, action, t) })
	if fix {
		opts.FixedKeys = append(append([]string(nil), opts.FixedKeys...), resourceTagPrefix)
	}
	return out, opts
}

// readsResourceTags: some document of the side reads aws:ResourceTag/.
func (s *SideAnalysis) readsResourceTags() bool {
	s.caches.readsTagsOnce.Do(func() {
		var docs []evaluator.PolicyDoc
		for _, id := range s.Model.Principals() {
			set := s.Model.PolicySetFor(id)
			docs = append(append(docs, set.Identity...), set.Boundaries...)
			for _, lv := range append(append([][]evaluator.PolicyDoc{}, set.SCPs...), set.RCPs...) {
				docs = append(docs, lv...)
			}
		}
		for _, rp := range s.Model.ResourcePolicies {
			if rp.Doc != nil {
				docs = append(docs, *rp.Doc)
			}
		}
		for _, d := range docs {
			if mayReadTagKey(d.JSON) && resourceTagKey().Match(d.JSON) {
				s.caches.readsTags = true
				return
			}
		}
	})
	return s.caches.readsTags
}

// questionKeys are the keys matching re that the documents of a question
// read (the principal's policies, boundary and organization policies, and
// the target's resource or trust policy).
func (s *SideAnalysis) questionKeys(re *regexp.Regexp, sub *Subject, action string, t *Target) []string {
	var docs []evaluator.PolicyDoc
	if id := sub.Identity; id != nil {
		set := s.Model.PolicySetFor(id)
		docs = append(append(docs, set.Identity...), set.Boundaries...)
		for _, lv := range append(append([][]evaluator.PolicyDoc{}, set.SCPs...), set.RCPs...) {
			docs = append(docs, lv...)
		}
	}
	if d := s.resourceDoc(action, t); d != nil {
		docs = append(docs, *d)
	}
	return keysIn(re, docs)
}

// keysIn lists the distinct keys matching re in the documents' text.
func keysIn(re *regexp.Regexp, docs []evaluator.PolicyDoc) []string {
	seen := map[string]bool{}
	var out []string
	for _, d := range docs {
		if !mayReadTagKey(d.JSON) {
			continue // re is principalTagKey or resourceTagKey: no match
		}
		for _, m := range re.FindAll(d.JSON, -1) {
			k := string(m)
			if lk := strings.ToLower(k); !seen[lk] {
				seen[lk] = true
				out = append(out, k)
			}
		}
	}
	return out
}
