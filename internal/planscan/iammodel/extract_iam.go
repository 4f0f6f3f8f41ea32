package iammodel

import (
	"fmt"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

func (b *builder) policyDocument(in *tfplan.Instance) {
	js := b.r.Str(in, "json")
	if !js.Known() {
		if text, ok := b.fromSource(in, "json"); ok {
			js = tfplan.KnownStr(text)
		}
	}
	b.m.PolicyDocuments = append(b.m.PolicyDocuments, &PolicyDocument{Address: in.Address, JSON: js})
}

// managedPolicy reads aws_iam_policy and data.aws_iam_policy.
func (b *builder) managedPolicy(in *tfplan.Instance) {
	p := &ManagedPolicy{
		Address: in.Address,
		Action:  in.Action,
		Name:    b.r.Str(in, "name"),
		Path:    b.r.Str(in, "path"),
		ARN:     b.r.Str(in, "arn"),
	}
	if d, ok := b.doc(in, "policy", in.Address); ok {
		p.Doc = d
	} else {
		b.diag(evaluator.SeverityWarning, in.Address, "policy is empty")
		p.Doc = evaluator.PolicyDoc{Name: in.Address, Unknown: &evaluator.Unknown{Reason: in.Address + ".policy (empty)"}}
	}
	b.m.Policies = append(b.m.Policies, p)
	b.policyOf[in] = p
	if p.ARN.Known() && p.ARN.Value != "" {
		b.policyByARN[p.ARN.Value] = p
	}
}

func (b *builder) identity(in *tfplan.Instance, kind IdentityKind) *Identity {
	id := &Identity{
		Kind:     kind,
		Address:  in.Address,
		Action:   in.Action,
		Name:     b.r.Str(in, "name"),
		Path:     b.r.Str(in, "path"),
		ARN:      b.r.Str(in, "arn"),
		UniqueID: b.r.Str(in, "unique_id"),
	}
	if id.Path.Known() && id.Path.Value == "" {
		id.Path = tfplan.KnownStr("/")
	}
	id.Tags, id.TagsUnknown = b.principalTags(in)
	id.Account = b.accountOf(in, id.ARN)
	if pb, _ := b.r.StrVia(in, "permissions_boundary", "arn"); !pb.Known() || pb.Value != "" {
		id.Boundary = b.policyRef(in, "permissions_boundary")
	}
	return id
}

// accountOf is the account of a resource: the ARN's account field when
// known, else its provider configuration's account (issue 8).
func (b *builder) accountOf(in *tfplan.Instance, arn tfplan.Str) tfplan.Str {
	if arn.Known() {
		if a := evaluator.ARNField(arn.Value, 4); a != "" {
			return tfplan.KnownStr(a)
		}
	}
	return b.accountFor(in)
}

func (b *builder) user(in *tfplan.Instance) {
	id := b.identity(in, KindUser)
	b.m.Users = append(b.m.Users, id)
	b.users[in] = id
}

func (b *builder) role(in *tfplan.Instance) {
	id := b.identity(in, KindRole)
	if d, ok := b.doc(in, "assume_role_policy", in.Address+".assume_role_policy"); ok {
		id.Trust = &d
	} else {
		b.diag(evaluator.SeverityWarning, in.Address, "assume_role_policy is empty")
	}
	b.roleInline(in, id)
	b.roleManagedARNs(in, id)
	b.m.Roles = append(b.m.Roles, id)
	b.roles[in] = id
	if id.Trust != nil {
		b.m.ResourcePolicies = append(b.m.ResourcePolicies, &ResourcePolicy{
			Address: in.Address, PolicyAddress: in.Address, Service: "iam", Type: evaluator.PolicyTrust,
			ARN: id.ARN, Account: id.Account, Doc: id.Trust, InPlan: true,
		})
	}
}

// computedList returns the value and after_unknown of a list attribute that
// is Optional+Computed (inline_policy, managed_policy_arns). When the
// configuration does not set it and it is unknown, an in-place update keeps
// the prior value and a new resource gets what other resources attach
// (modelled through those resources), so it contributes nothing.
func (b *builder) computedList(in *tfplan.Instance, attr string) (val any, unk any, skip bool) {
	val, unk = in.Values[attr], tfplan.UnknownAtKey(in.AfterUnknown, attr)
	if !tfplan.IsUnknown(unk) {
		return val, unk, false
	}
	_, configured := in.Configured[attr]
	if in.Config == nil || configured {
		return nil, unk, false // unknown and set by the configuration
	}
	if in.Action == tfplan.ActionUpdate || in.Action == tfplan.ActionNoop {
		return in.Prior[attr], nil, false
	}
	return nil, nil, true
}

func (b *builder) roleInline(in *tfplan.Instance, id *Identity) {
	val, unk, skip := b.computedList(in, "inline_policy")
	if skip {
		return
	}
	_, configured := in.Configured["inline_policy"]
	computed := in.Config != nil && !configured
	if tfplan.IsUnknown(unk) {
		id.Maybe = append(id.Maybe, evaluator.Unknown{Reason: in.Address + ".inline_policy"})
		return
	}
	blocks, isList := val.([]any)
	if !isList && val != nil {
		b.r.Problems.Add(in.Address, "inline_policy", val, "a list")
	}
	for i, blk := range blocks {
		m, _ := blk.(map[string]any)
		if m == nil {
			b.r.Problems.Add(in.Address, fmt.Sprintf("inline_policy[%d]", i), blk, "an object")
			continue
		}
		for _, k := range []string{"name", "policy"} {
			if _, isStr := m[k].(string); !isStr && m[k] != nil {
				b.r.Problems.Add(in.Address, fmt.Sprintf("inline_policy[%d].%s", i, k), m[k], "a string")
			}
		}
		bu := tfplan.UnknownAtIndex(unk, i)
		name := tfplan.Str{}
		if tfplan.IsUnknown(tfplan.UnknownAtKey(bu, "name")) {
			name = tfplan.UnknownStr(in.Address+".inline_policy.name", "")
		} else {
			s, _ := tfplan.ScalarString(m["name"])
			name = tfplan.KnownStr(s)
		}
		addr := in.Address + ".inline_policy[" + name.String() + "]"
		if tfplan.IsUnknown(bu) || tfplan.IsUnknown(tfplan.UnknownAtKey(bu, "policy")) {
			id.Inline = append(id.Inline, &InlinePolicy{Address: addr, Name: name,
				Doc: evaluator.PolicyDoc{Name: addr, Unknown: &evaluator.Unknown{Reason: addr + ".policy"}}})
			continue
		}
		text, _ := tfplan.ScalarString(m["policy"])
		if text == "" {
			continue // the provider's placeholder block for "no inline policies"
		}
		b.checkJSON(in.Address, "inline_policy "+name.String()+" policy", text)
		id.Inline = append(id.Inline, &InlinePolicy{Address: addr, Name: name, Doc: evaluator.PolicyDoc{Name: addr, JSON: []byte(text)}, computed: computed})
	}
}

func (b *builder) roleManagedARNs(in *tfplan.Instance, id *Identity) {
	val, unk, skip := b.computedList(in, "managed_policy_arns")
	if skip {
		return
	}
	_, configured := in.Configured["managed_policy_arns"]
	arns, whole := b.r.StrList(in, "managed_policy_arns", val, unk)
	if whole != nil {
		id.Maybe = append(id.Maybe, *whole)
		return
	}
	for _, a := range arns {
		ref := &PolicyRef{Address: in.Address + ".managed_policy_arns", ARN: a, computed: in.Config != nil && !configured}
		if a.Known() {
			ref.Policy = b.policyByARN[a.Value]
		}
		id.Managed = append(id.Managed, ref)
	}
}

func (b *builder) group(in *tfplan.Instance) {
	g := &Group{
		Address: in.Address,
		Action:  in.Action,
		Name:    b.r.Str(in, "name"),
		Path:    b.r.Str(in, "path"),
		ARN:     b.r.Str(in, "arn"),
	}
	b.m.Groups = append(b.m.Groups, g)
	b.groupOf[in] = g
}

// policyRef resolves a policy ARN attribute (policy_arn,
// permissions_boundary) to the policy in the plan it names, if any.
func (b *builder) policyRef(in *tfplan.Instance, attr string) *PolicyRef {
	s, t := b.r.StrVia(in, attr, "arn")
	ref := &PolicyRef{Address: in.Address, ARN: s}
	if t != nil {
		ref.Policy = b.policyOf[t]
	}
	if ref.Policy == nil && s.Known() {
		ref.Policy = b.policyByARN[s.Value]
		if ref.Policy == nil && !isAWSManaged(s.Value) {
			b.m.External = append(b.m.External, External{Address: in.Address, Kind: "policy", Ref: s,
				Note: "customer managed policy outside the plan; its document is unknown"})
		}
	}
	return ref
}

// target is a user, role or group the plan links to.
type target struct {
	id    *Identity
	group *Group
}

// linkOne resolves a scalar name attribute (role, user, group) to entities
// of the kind: through the configuration reference when the value is
// unknown, else by name. ok is false when the link stays unknown.
func (b *builder) linkOne(in *tfplan.Instance, attr, kind string) (ts []target, name tfplan.Str, ok bool) {
	s, t := b.r.StrVia(in, attr, "name")
	if t != nil {
		if x, found := b.entityOf(t, kind); found {
			return []target{x}, s, true
		}
	}
	if !s.Known() {
		return nil, s, false
	}
	return b.byName(kind, s.Value, in.Address), s, true
}

// linkList resolves a list of names (users, roles, groups of an attachment
// or membership). unresolved is set when some element stays unknown.
func (b *builder) linkList(in *tfplan.Instance, attr, kind string) (ts []target, unresolved bool) {
	v, unk := b.r.Raw(in, attr)
	var elems []tfplan.Str
	if unk {
		elems = nil
	} else {
		var whole *evaluator.Unknown
		elems, whole = b.r.StrList(in, attr, v, tfplan.UnknownAtKey(in.AfterUnknown, attr))
		unk = whole != nil
	}
	anyUnknown := unk
	for _, e := range elems {
		if !e.Known() {
			anyUnknown = true
		}
	}
	if anyUnknown {
		// every element refers to a resource of the kind in the plan?
		if targets, _, ok := b.r.FollowAll(in, attr); ok && (unk || len(targets) == len(elems)) {
			var out []target
			for _, t := range targets {
				x, found := b.entityOf(t, kind)
				if !found {
					out = nil
					break
				}
				out = append(out, x)
			}
			if out != nil {
				return out, false
			}
		}
	}
	for _, e := range elems {
		if e.Known() && e.Value != "" {
			ts = append(ts, b.byName(kind, e.Value, in.Address)...)
		}
	}
	return ts, anyUnknown
}

func (b *builder) entityOf(t *tfplan.Instance, kind string) (target, bool) {
	if t.Key.Mode != tfjson.ManagedResourceMode {
		return target{}, false
	}
	switch {
	case kind == "user" && t.Key.Type == "aws_iam_user":
		if id := b.users[t]; id != nil {
			return target{id: id}, true
		}
	case kind == "role" && t.Key.Type == "aws_iam_role":
		if id := b.roles[t]; id != nil {
			return target{id: id}, true
		}
	case kind == "group" && t.Key.Type == "aws_iam_group":
		if g := b.groupOf[t]; g != nil {
			return target{group: g}, true
		}
	}
	return target{}, false
}

// byName finds the entities of a kind with a known name; none means the
// entity is outside the plan (recorded as External).
func (b *builder) byName(kind, name, from string) []target {
	if kind == "role" && strings.HasPrefix(name, "arn:") { // some attributes accept ARNs
		name = name[strings.LastIndexByte(name, '/')+1:]
	}
	b.indexNames()
	out := append([]target(nil), b.names[kind+"\x00"+name]...)
	if len(out) == 0 {
		b.m.External = append(b.m.External, External{Address: from, Kind: kind, Ref: tfplan.KnownStr(name),
			Note: kind + " outside the plan; its other policies are out of view"})
	}
	return out
}

// indexNames adds the users, roles and groups created since the last call
// to the name index (in model order, as byName lists them).
func (b *builder) indexNames() {
	if b.names == nil {
		b.names = map[string][]target{}
	}
	for ; b.indexed[0] < len(b.m.Users); b.indexed[0]++ {
		if id := b.m.Users[b.indexed[0]]; id.Name.Known() {
			b.names["user\x00"+id.Name.Value] = append(b.names["user\x00"+id.Name.Value], target{id: id})
		}
	}
	for ; b.indexed[1] < len(b.m.Roles); b.indexed[1]++ {
		if id := b.m.Roles[b.indexed[1]]; id.Name.Known() {
			b.names["role\x00"+id.Name.Value] = append(b.names["role\x00"+id.Name.Value], target{id: id})
		}
	}
	for ; b.indexed[2] < len(b.m.Groups); b.indexed[2]++ {
		if g := b.m.Groups[b.indexed[2]]; g.Name.Known() {
			b.names["group\x00"+g.Name.Value] = append(b.names["group\x00"+g.Name.Value], target{group: g})
		}
	}
}

// maybeFor records a link whose target is unknown: it may apply to any
// entity of the kind.
func (b *builder) maybeFor(kind string, u evaluator.Unknown) {
	switch kind {
	case "user":
		b.m.maybeUser = append(b.m.maybeUser, u)
	case "role":
		b.m.maybeRole = append(b.m.maybeRole, u)
	case "group":
		b.m.maybeGroup = append(b.m.maybeGroup, u)
	}
	b.diag(evaluator.SeverityWarning, "", "%s (it may apply to any %s)", u.Reason, kind)
}

// inlinePolicy reads aws_iam_{user,role,group}_policy.
func (b *builder) inlinePolicy(in *tfplan.Instance, kind string) {
	name := b.r.Str(in, "name")
	doc, ok := b.doc(in, "policy", in.Address)
	if !ok {
		b.diag(evaluator.SeverityWarning, in.Address, "policy is empty")
		return
	}
	p := &InlinePolicy{Address: in.Address, Name: name, Doc: doc}
	ts, ref, linked := b.linkOne(in, kind, kind)
	if !linked {
		b.maybeFor(kind, evaluator.Unknown{Reason: in.Address + ": " + kind + " " + ref.String()})
		return
	}
	for _, t := range ts {
		if t.id != nil {
			t.id.Inline = replaceInline(t.id.Inline, p)
		} else {
			t.group.Inline = replaceInline(t.group.Inline, p)
		}
	}
}

// replaceInline adds p, replacing an inline policy of the same known name
// (a role's computed inline_policy repeats aws_iam_role_policy documents).
func replaceInline(ps []*InlinePolicy, p *InlinePolicy) []*InlinePolicy {
	if p.Name.Known() {
		for i, q := range ps {
			if q.Name.Known() && q.Name.Value == p.Name.Value {
				ps[i] = p
				return ps
			}
		}
	}
	return append(ps, p)
}

// attachment reads aws_iam_{user,role,group}_policy_attachment.
func (b *builder) attachment(in *tfplan.Instance, kind string) {
	ref := b.policyRef(in, "policy_arn")
	ts, name, linked := b.linkOne(in, kind, kind)
	if !linked {
		b.maybeFor(kind, evaluator.Unknown{Reason: in.Address + ": " + kind + " " + name.String()})
		return
	}
	b.attach(ts, ref)
}

func (b *builder) attach(ts []target, ref *PolicyRef) {
	for _, t := range ts {
		if t.id != nil {
			t.id.Managed = append(t.id.Managed, ref)
		} else {
			t.group.Managed = append(t.group.Managed, ref)
		}
	}
}

// exclusiveAttachment reads aws_iam_policy_attachment (the policy's only
// attachments: users, roles and groups lists).
func (b *builder) exclusiveAttachment(in *tfplan.Instance) {
	ref := b.policyRef(in, "policy_arn")
	for _, kind := range []string{"user", "role", "group"} {
		ts, unresolved := b.linkList(in, kind+"s", kind)
		b.attach(ts, ref)
		if unresolved {
			b.maybeFor(kind, evaluator.Unknown{Reason: in.Address + "." + kind + "s"})
		}
	}
}

// groupMembership reads aws_iam_group_membership (one group, its users).
func (b *builder) groupMembership(in *tfplan.Instance) {
	gs, gname, linked := b.linkOne(in, "group", "group")
	users, unresolved := b.linkList(in, "users", "user")
	if !linked {
		for _, u := range users {
			u.id.MaybeGroups = append(u.id.MaybeGroups, evaluator.Unknown{Reason: in.Address + ": group " + gname.String()})
		}
	}
	for _, g := range gs {
		for _, u := range users {
			addMember(g.group, u.id)
		}
		if unresolved {
			b.maybeFor("user", evaluator.Unknown{Reason: in.Address + ".users (members of " + g.group.Address + ")"})
		}
	}
	if len(gs) == 0 && linked {
		for _, u := range users {
			u.id.MaybeGroups = append(u.id.MaybeGroups, evaluator.Unknown{Reason: in.Address + ": group " + gname.String() + " is outside the plan"})
		}
	}
}

// userGroupMembership reads aws_iam_user_group_membership (one user, its groups).
func (b *builder) userGroupMembership(in *tfplan.Instance) {
	us, uname, linked := b.linkOne(in, "user", "user")
	groups, unresolved := b.linkList(in, "groups", "group")
	if !linked {
		for _, g := range groups {
			g.group.Maybe = append(g.group.Maybe, evaluator.Unknown{Reason: in.Address + ": user " + uname.String()})
		}
		b.maybeFor("user", evaluator.Unknown{Reason: in.Address + ": user " + uname.String()})
		return
	}
	v, _ := b.r.Raw(in, "groups")
	names, _ := b.r.StrList(in, "groups", v, tfplan.UnknownAtKey(in.AfterUnknown, "groups"))
	for _, u := range us {
		for _, g := range groups {
			addMember(g.group, u.id)
		}
		if unresolved {
			u.id.MaybeGroups = append(u.id.MaybeGroups, evaluator.Unknown{Reason: in.Address + ".groups"})
		}
		// groups named but outside the plan: their policies are out of view
		for _, n := range names {
			if n.Known() && !hasGroupNamed(groups, n.Value) {
				u.id.MaybeGroups = append(u.id.MaybeGroups, evaluator.Unknown{Reason: in.Address + ": group " + n.Value + " is outside the plan"})
			}
		}
	}
}

func hasGroupNamed(ts []target, name string) bool {
	for _, t := range ts {
		if t.group != nil && t.group.Name.Known() && t.group.Name.Value == name {
			return true
		}
	}
	return false
}

func addMember(g *Group, u *Identity) {
	for _, x := range g.Members {
		if x == u {
			return
		}
	}
	g.Members = append(g.Members, u)
	u.Groups = append(u.Groups, g)
}

func (b *builder) instanceProfile(in *tfplan.Instance) {
	ip := &InstanceProfile{Address: in.Address, Name: b.r.Str(in, "name"), ARN: b.r.Str(in, "arn")}
	v, unk := b.r.Raw(in, "role")
	if unk || v != nil {
		ts, name, linked := b.linkOne(in, "role", "role")
		ip.RoleRef = name
		if linked && len(ts) == 1 {
			ip.Role = ts[0].id
		}
	}
	b.m.InstanceProfiles = append(b.m.InstanceProfiles, ip)
}

// dropStaleComputed removes, on the after side, what a role's computed
// managed_policy_arns / inline_policy repeat from the prior state although
// the plan manages it with separate resources: an attachment or
// aws_iam_role_policy that the plan deletes leaves a stale copy in the
// role's planned value; one that stays is modelled through its resource.
func (b *builder) dropStaleComputed(prev *builder) {
	if prev == nil {
		return
	}
	for _, id := range b.m.Roles {
		old := prev.m.byAddr[id.Address]
		if old == nil {
			continue
		}
		viaAttachment := map[string]bool{}
		for _, r := range old.Managed {
			if !r.computed && r.ARN.Known() {
				viaAttachment[r.ARN.Value] = true
			}
		}
		viaResource := map[string]bool{}
		for _, p := range old.Inline {
			if !p.computed && p.Name.Known() && !strings.HasPrefix(p.Address, id.Address+".") {
				viaResource[p.Name.Value] = true
			}
		}
		keep := id.Managed[:0]
		for _, r := range id.Managed {
			if r.computed && r.ARN.Known() && viaAttachment[r.ARN.Value] {
				continue
			}
			keep = append(keep, r)
		}
		id.Managed = keep
		keepIn := id.Inline[:0]
		for _, p := range id.Inline {
			if p.computed && p.Name.Known() && viaResource[p.Name.Value] {
				continue
			}
			keepIn = append(keepIn, p)
		}
		id.Inline = keepIn
	}
}

// principalTags are a user's or role's tags as AWS holds them: tags_all
// (the resource's tags and the provider's default_tags). hashicorp/aws
// plans a created resource without tags with tags_all known only after
// apply; then tags stand for tags_all when no provider configuration sets
// default_tags. Otherwise the tags are unknown, named by tags_all (PT-1).
func (b *builder) principalTags(in *tfplan.Instance) (map[string]string, *evaluator.Unknown) {
	if _, has := in.Values["tags_all"]; !has && !tfplan.IsUnknown(tfplan.UnknownAtKey(in.AfterUnknown, "tags_all")) {
		return b.r.TagMap(in, "tags") // a provider before tags_all (hashicorp/aws < 3.38)
	}
	all, u := b.r.TagMap(in, "tags_all")
	if u == nil {
		return all, nil
	}
	if !b.mayDefaultTag {
		if tags, tu := b.r.TagMap(in, "tags"); tu == nil {
			return tags, nil
		}
	}
	return nil, &evaluator.Unknown{Reason: in.Address + ".tags_all"}
}

// mayDefaultTag: some aws provider configuration of the plan sets
// default_tags, or the plan carries no configuration to tell.
func mayDefaultTag(cfg *tfplan.ConfigIndex) bool {
	if cfg == nil || cfg.Providers == nil {
		return true
	}
	for _, pc := range cfg.Providers {
		if pc != nil && pc.Name == "aws" && pc.Expressions["default_tags"] != nil {
			return true
		}
	}
	return false
}
