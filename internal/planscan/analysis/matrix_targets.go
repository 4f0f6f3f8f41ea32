package analysis

import (
	"sort"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/iammodel"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// Targets of the access matrix: the resources of both sides, S3 objects,
// "*", representatives of patterns that name resources outside the plan,
// and which action classes can act on each (the fit cache).

// matrixTarget is a resource of the matrix: a known resource of either
// side, an S3 bucket's objects, or "*".
type matrixTarget struct {
	id      int
	ARN     string
	Unknown *evaluator.Unknown
	Label   string // ARN, or the address-based label of an unknown ARN
	Service string
	Kind    string // s3-bucket, s3-object, kms-key, iam-role, ..., "*"
	// per side (0 before, 1 after): the model's entries
	policy [2]*iammodel.ResourcePolicy
	role   [2]*iammodel.Identity
	// precomputed per side: sanitized documents and their parse
	resDoc, trustDoc   [2]*evaluator.PolicyDoc
	resPars, trustPars [2]*parsedDoc
	// and compiled once (buildIndexes)
	resComp, trustComp [2]*evaluator.CompiledResource
	lower              string        // lower-case ARN
	rel                [2]*relTarget // its resource document seen from it (matrix_relative.go)
	account            [2]string
	slr                bool
	// pattern: the policy pattern a representative target stands for
	pattern string
	// tagged: the target's tags per side (resource_tags.go), nil when it
	// is not a tagged resource of the plan
	tagged [2]*iammodel.TaggedResource
}

func (u *universe) buildTargets() {
	byKey := map[string]*matrixTarget{}
	add := func(side int, key, arn string, unk *evaluator.Unknown, label, service, kind string) *matrixTarget {
		t := byKey[key]
		if t == nil {
			t = &matrixTarget{id: len(u.targets), ARN: arn, Unknown: unk, Label: label, Service: service, Kind: kind}
			byKey[key] = t
			u.targets = append(u.targets, t)
		}
		return t
	}
	kindOf := map[string]string{"s3": "s3-bucket", "kms": "kms-key", "sqs": "sqs-queue", "sns": "sns-topic", "lambda": "lambda-function",
		"ecr": "ecr-repository", "secretsmanager": "secretsmanager-secret"}
	for si, get := range sides {
		m := get(u.a).Model
		for _, rp := range m.ResourcePolicies {
			if rp.Type != evaluator.PolicyResource {
				continue
			}
			kind := kindOf[rp.Service]
			if kind == "" {
				kind = rp.Service
			}
			var t *matrixTarget
			if rp.ARN.Set() {
				t = add(si, "arn:"+rp.ARN.Value, rp.ARN.Value, nil, rp.ARN.Value, rp.Service, kind)
			} else if !rp.ARN.Known() {
				t = add(si, "addr:"+rp.Address, rp.ARN.Unknown.Prefix, rp.ARN.Unknown, "${"+rp.Address+".arn}", rp.Service, kind)
			} else {
				continue
			}
			t.policy[si] = rp
			if rp.Service == "s3" {
				var o *matrixTarget
				if t.Unknown == nil {
					o = add(si, "arn:"+rp.ARN.Value+"/*", rp.ARN.Value+"/*", nil, rp.ARN.Value+"/*", "s3", "s3-object")
				} else {
					// the objects keep the bucket's symbol, followed by
					// "/*" (evaluator.Unknown.Suffix), as a known bucket's
					// objects are its ARN then "/*"
					ou := *t.Unknown
					if ou.Symbol != "" {
						ou.Suffix = "/*"
					}
					o = add(si, "addr:"+rp.Address+"/*", t.ARN, &ou, "${"+rp.Address+".arn}/*", "s3", "s3-object")
				}
				o.policy[si] = rp
			}
		}
		for _, id := range m.Principals() {
			kind := "iam-" + string(id.Kind)
			var t *matrixTarget
			if id.ARN.Set() {
				t = add(si, "arn:"+id.ARN.Value, id.ARN.Value, nil, id.ARN.Value, "iam", kind)
			} else if !id.ARN.Known() {
				t = add(si, "addr:"+id.Address, id.ARN.Unknown.Prefix, id.ARN.Unknown, "${"+id.Address+".arn}", "iam", kind)
			} else {
				continue
			}
			if id.Kind == iammodel.KindRole {
				t.role[si] = id
			}
		}
		for _, p := range m.Policies {
			if p.ARN.Set() {
				add(si, "arn:"+p.ARN.Value, p.ARN.Value, nil, p.ARN.Value, "iam", "iam-policy")
			}
		}
		for _, g := range m.Groups {
			if g.ARN.Set() {
				add(si, "arn:"+g.ARN.Value, g.ARN.Value, nil, g.ARN.Value, "iam", "iam-group")
			}
		}
	}
	u.addTaggedTargets(add)
	// Resources the policies name literally (or with one trailing "*",
	// which then stands for itself): an identity grant on a resource
	// outside the plan shows in the diff too.
	var named []string
	for _, pd := range u.docList {
		for _, r := range pd.resources {
			if !strings.HasPrefix(r, "arn:") || strings.Contains(r, "${") || strings.ContainsAny(strings.TrimSuffix(r, "*"), "*?") {
				continue
			}
			named = append(named, r)
		}
	}
	sort.Strings(named)
	for _, r := range named {
		if _, ok := byKey["arn:"+r]; !ok {
			service, kind := namedKind(r)
			add(1, "arn:"+r, r, nil, r, service, kind)
		}
	}
	// Patterns with inner wildcards (arn:aws:ec2:*:*:instance/*,
	// arn:aws:s3:::logs-*/*) are represented by the pattern's
	// representative ARN, as the gate's blocks are (check_scope.go: its
	// wildcards filled with planscan-any, account and region the plan's),
	// labelled "(outside the plan)": the answer is that resource's, one of
	// the pattern's shape that no plan resource has, never a claim about
	// every resource the pattern matches (the plan's own resources are
	// targets of their own).
	for _, r := range u.innerPatterns() {
		reps := u.a.After.instantiate(r)
		if len(reps) == 0 || !arnPatternMatch(r, reps[0]) {
			continue
		}
		if _, ok := byKey["arn:"+reps[0]]; !ok {
			service, kind := namedKind(reps[0])
			add(1, "arn:"+reps[0], reps[0], nil, reps[0]+" (outside the plan)", service, kind).pattern = r
		}
	}
	sort.SliceStable(u.targets, func(i, j int) bool { return u.targets[i].Label < u.targets[j].Label })
	u.star = &matrixTarget{ARN: "*", Label: "*", Kind: "*"}
	u.targets = append([]*matrixTarget{u.star}, u.targets...)
	for i, t := range u.targets {
		t.id = i
		t.lower = strings.ToLower(t.ARN)
		t.slr = strings.Contains(t.ARN, ":role/aws-service-role/")
		for si, get := range sides {
			s := get(u.a)
			t.account[si] = evaluator.ARNField(t.ARN, 4)
			if rp := t.policy[si]; rp != nil {
				t.account[si] = rp.Account.String()
				if rp.Doc != nil {
					d := s.sanitize(*rp.Doc, evaluator.PolicyResource)
					t.resDoc[si] = &d
					t.resPars[si] = u.doc(d, evaluator.PolicyResource)
				}
			}
			if r := t.role[si]; r != nil && r.Trust != nil {
				d := s.sanitize(*r.Trust, evaluator.PolicyTrust)
				t.trustDoc[si] = &d
				t.trustPars[si] = u.doc(d, evaluator.PolicyTrust)
			}
		}
	}
}

// representatives maps the label of each representative target to the
// policy pattern it stands for.
func (u *universe) representatives() map[string]string {
	out := map[string]string{}
	for _, t := range u.targets {
		if t.pattern != "" {
			out[t.Label] = t.pattern
		}
	}
	return out
}

// innerPatterns are the ARN patterns of the policies with a wildcard
// before their end, sorted.
func (u *universe) innerPatterns() []string {
	seen := map[string]bool{}
	var out []string
	for _, pd := range u.docList {
		for _, r := range pd.resources {
			if strings.HasPrefix(r, "arn:") && !strings.Contains(r, "${") && strings.ContainsAny(strings.TrimSuffix(r, "*"), "*?") && !seen[r] {
				seen[r] = true
				out = append(out, r)
			}
		}
	}
	sort.Strings(out)
	return out
}

// namedKind is the service and kind of a resource the policies name.
func namedKind(r string) (service, kind string) {
	service = evaluator.ARNField(r, 2)
	res := evaluator.ARNField(r, 5)
	kind = service + ":" + resourceTypeWord(res)
	if !strings.ContainsAny(res, "/:") {
		// a bare name (SQS queues, SNS topics): one kind for all, not
		// one per name, so that they group
		kind = service + ":"
	}
	if service == "s3" {
		kind = "s3-bucket"
		if strings.Contains(res, "/") {
			kind = "s3-object"
		}
	}
	return service, kind
}

// resourceTypeWord is the first word of an ARN's resource part ("role" of
// "role/app"); "" when the part is empty ("arn:aws:s3:::", named by a
// public Checkov plan) or holds only separators.
func resourceTypeWord(res string) string {
	if w := strings.FieldsFunc(res, func(c rune) bool { return c == '/' || c == ':' }); len(w) > 0 {
		return w[0]
	}
	return ""
}

// fitKey is an entry of the fit cache.
type fitKey struct {
	class int32
	t     *matrixTarget
}

// fitting returns the members of a class that can act on a target of the
// target's kind (RS-9, RS-10): wildcard-only actions only on "*", others on
// resources of one of their resource types (and on "*").
func (u *universe) fitting(c *actionClass, t *matrixTarget) []int32 {
	// Keyed by target, not by kind: targets of one kind may be of different
	// resource types (a DynamoDB table and its index/* pattern), and a cache
	// by kind answered for whichever target came first (nondeterministic).
	k := fitKey{c.id, t}
	u.fitMu.RLock()
	f, ok := u.fit[k]
	u.fitMu.RUnlock()
	if ok {
		return f
	}
	f = make([]int32, 0, len(c.members))
	for _, m := range c.members {
		if t.Kind == "*" {
			f = append(f, m)
			continue
		}
		if !serviceOn(u.svc[m], t) {
			continue
		}
		sample := t.ARN
		if t.Unknown != nil {
			sample = unknownSample(t) // a shape check only
		}
		if fits, ok := u.cat.Engine().ResourceFits(u.actions[m], sample); !ok || fits {
			f = append(f, m)
		}
	}
	u.fitMu.Lock()
	u.fit[k] = f
	u.fitMu.Unlock()
	return f
}

// kindSamples are ARNs of each kind of plan resource, for the shape check
// of a target whose ARN is known only in part.
var kindSamples = map[string]string{
	"kms-key":   "arn:aws:kms:us-east-1:000000000000:key/x",
	"iam-role":  "arn:aws:iam::000000000000:role/x",
	"iam-user":  "arn:aws:iam::000000000000:user/x",
	"s3-bucket": "arn:aws:s3:::x",
	"s3-object": "arn:aws:s3:::x/x",
}

// unknownSample is an ARN of the target's shape consistent with its known
// prefix: the prefix completed with the kind's sample fields after it
// (arn:aws:kms:us-west-2: + 000000000000:key/x). A new KMS key known as
// arn:aws:kms:REGION: (account unknown) or an IAM role as arn:aws:iam::
// is then still a target of key and role actions, never dropped from the
// diff (issue 8). A prefix into the resource part tells the shape itself.
func unknownSample(t *matrixTarget) string {
	p := t.Unknown.Prefix
	s, ok := kindSamples[t.Kind]
	n := strings.Count(p, ":")
	if !ok || n >= 5 || !strings.HasSuffix(p, ":") && p != "" {
		return p + "x"
	}
	fields := strings.SplitN(s, ":", 6)
	pf := strings.Split(p, ":")
	for i := 0; i < n && i < 3; i++ {
		if i != 1 && pf[i] != fields[i] { // the partition may differ
			return p + "x"
		}
	}
	return p + strings.Join(fields[n:], ":")
}
