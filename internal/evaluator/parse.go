package evaluator

import (
	"fmt"
	"sort"
	"strings"
)

// ParsePolicy reads a policy document of the given type into a Policy tree
// and reports every finding that needs no reference data (GR-*, CO-*, PR-*,
// VA-*, PT-10). Values keep their text exactly as written: variables are not
// substituted. The tree is nil only when the document is not a JSON object.
// When the document repeats a JSON key, the tree keeps the last occurrence
// and Policy.Alternate the first (GR-2).
func ParsePolicy(doc []byte, typ PolicyType) (*Policy, []Finding) {
	return parsePolicy(doc, typ, Options{})
}

// parsePolicy is ParsePolicy with the account's trust-policy size quota
// (opts.TrustPolicyQuota, GR-11; 0 means the default) and
// opts.ImpliedResource (RS-1).
func parsePolicy(doc []byte, typ PolicyType, opts Options) (*Policy, []Finding) {
	trustQuota := opts.TrustPolicyQuota
	t, err := parseJSON(doc, defaultJSONLimits)
	if err != nil {
		return nil, []Finding{{
			Severity: SeverityError,
			Code:     "GR-1",
			Message:  "the document is not valid JSON: " + err.Msg,
			Position: Position{Offset: err.Offset, Line: err.Line, Column: err.Column},
		}}
	}
	implied := opts.ImpliedResource && typ == PolicyResource
	b := &policyBuilder{t: t, typ: typ, report: true, impliedResource: implied, path: make([]byte, 0, 128)}
	p := b.build()
	if p == nil {
		return nil, b.findings
	}
	if len(t.dups) > 0 {
		alt := &policyBuilder{t: t, typ: typ, firstWins: true, impliedResource: implied, path: make([]byte, 0, 128)}
		p.Alternate = alt.build()
		b.duplicateKeyFindings()
	}
	p.Size = t.policySize()
	if p.Alternate != nil {
		p.Alternate.Size = p.Size
	}
	b.sizeFindings(p.Size, trustQuota)
	b.characterFindings()
	sortFindingsByOffset(b.findings)
	return p, b.findings
}

func sortFindingsByOffset(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].Offset < fs[j].Offset })
}

// policyBuilder walks the JSON tree once, building the Policy and, when
// report is set, the findings. The alternate (first-wins) tree of GR-2 is
// built by a second builder with firstWins set and report off.
type policyBuilder struct {
	t           *jsonTree
	typ         PolicyType
	firstWins   bool
	report      bool
	findings    []Finding
	path        []byte // JSON pointer of the node being built
	varsEnabled bool   // VA-1
	version     string
	hasVersion  bool
	sids        map[string]Position
	arena       strings.Builder // backs pointer strings
	ptr         string          // pointer() of the current path when ptrValid
	ptrValid    bool
	// impliedResource: a resource policy whose statements may omit
	// Resource (Options.ImpliedResource, RS-1).
	impliedResource bool
}

// skip says whether a member is shadowed by a repeated key (GR-2): the main
// tree keeps the last occurrence, the alternate the first.
func (b *policyBuilder) skip(key int32) bool {
	f := b.t.nodes[key].flags
	if b.firstWins {
		return f&jsonFlagDupEarlier != 0
	}
	return f&jsonFlagDupLater != 0
}

func (b *policyBuilder) push(tok string) int {
	mark := len(b.path)
	b.path = appendPointerToken(b.path, tok)
	b.ptrValid = false
	return mark
}

func (b *policyBuilder) pushIndex(i int) int {
	mark := len(b.path)
	b.path = appendPointerIndex(b.path, i)
	b.ptrValid = false
	return mark
}

func (b *policyBuilder) pop(mark int) {
	b.path = b.path[:mark]
	b.ptrValid = false
}

// pointer returns the current JSON pointer as a string. Pointers are cut
// from a shared append-only strings.Builder (its String never copies and
// bytes once written never change), so a whole policy's pointers cost a
// few allocations instead of one each.
func (b *policyBuilder) pointer() string {
	if b.ptrValid {
		return b.ptr
	}
	if b.arena.Cap()-b.arena.Len() < len(b.path) {
		size := max(len(b.path), min(64<<10, max(1<<10, len(b.t.src))))
		b.arena = strings.Builder{}
		b.arena.Grow(size)
	}
	start := b.arena.Len()
	b.arena.Write(b.path)
	b.ptr = b.arena.String()[start:]
	b.ptrValid = true
	return b.ptr
}

func (b *policyBuilder) pos(node int32) Position { return b.t.pos(node, b.pointer()) }

// add reports a finding at a node, with the current pointer.
func (b *policyBuilder) add(sev Severity, code string, node int32, format string, args ...any) {
	if !b.report {
		return
	}
	b.addAt(sev, code, b.pos(node), format, args...)
}

// addIn reports a finding at a member of the current object: the pointer
// gets the member name.
func (b *policyBuilder) addIn(member string, sev Severity, code string, node int32, format string, args ...any) {
	if !b.report {
		return
	}
	mark := b.push(member)
	b.addAt(sev, code, b.pos(node), format, args...)
	b.pop(mark)
}

func (b *policyBuilder) addAt(sev Severity, code string, pos Position, format string, args ...any) {
	if !b.report {
		return
	}
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	b.findings = append(b.findings, Finding{Severity: sev, Code: code, Message: msg, Position: pos})
}

func jsonKindArticle(k jsonKind) string {
	switch k {
	case jsonArray, jsonObject:
		return "an " + k.String()
	case jsonNull:
		return "null"
	}
	return "a " + k.String()
}

var (
	topLevelElements  = []string{"Version", "Id", "Statement"}
	statementElements = []string{"Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"}
)

// unknownElement reports a member name that is not a policy element (GR-1),
// with a hint when it differs from one only by case or belongs elsewhere.
func (b *policyBuilder) unknownElement(key int32, name string, known []string, where string) {
	for _, k := range known {
		if strings.EqualFold(k, name) {
			b.add(SeverityError, "GR-1", key, "%q is not a %s element: element names are case-sensitive; write %q", name, where, k)
			return
		}
	}
	other := statementElements
	otherWhere := "statement"
	if where == "statement" {
		other, otherWhere = topLevelElements, "top-level"
	}
	for _, k := range other {
		if strings.EqualFold(k, name) {
			b.add(SeverityError, "GR-1", key, "%q is a %s element and cannot appear at the %s level", k, otherWhere, where)
			return
		}
	}
	b.add(SeverityError, "GR-1", key, "%q is not a %s element; IAM accepts only %s", name, where, strings.Join(known, ", "))
}

func (b *policyBuilder) build() *Policy {
	t := b.t
	if k := t.nodes[0].kind; k != jsonObject {
		b.add(SeverityError, "GR-1", 0, "a policy document must be a JSON object, not %s", jsonKindArticle(k))
		return nil
	}
	p := &Policy{Type: b.typ}
	if b.report && !lintKnownPolicyType(b.typ) {
		b.add(SeverityError, "GR-9", 0, "unknown policy type %q; expected one of %s", string(b.typ), lintPolicyTypeList())
	}
	stmt := int32(-1)
	kids := t.kidsOf(0)
	for i := 0; i < len(kids); i += 2 {
		k, v := kids[i], kids[i+1]
		if b.skip(k) {
			continue
		}
		name := t.text(k)
		mark := b.push(name)
		switch name {
		case "Version":
			b.parseVersion(p, v)
		case "Id":
			b.parseID(p, k, v)
		case "Statement":
			stmt = v
		default:
			b.unknownElement(k, name, topLevelElements, "top-level")
		}
		b.pop(mark)
	}
	b.version, b.hasVersion = p.Version, p.HasVersion
	b.varsEnabled = p.Version == "2012-10-17" // VA-1
	if !p.HasVersion {
		b.add(SeverityWarning, "GR-3", 0, `the policy has no Version element: add "Version": "2012-10-17"; without it policy variables such as ${aws:username} are literal text (VA-1)`)
	}
	if stmt < 0 {
		b.add(SeverityError, "GR-4", 0, "the policy has no Statement element; IAM requires one")
	} else {
		mark := b.push("Statement")
		b.parseStatements(p, stmt)
		b.pop(mark)
	}
	return p
}

func (b *policyBuilder) parseVersion(p *Policy, v int32) {
	n := b.t.nodes[v]
	text := b.t.text(v)
	p.HasVersion = true
	p.Version = text
	if n.kind != jsonString {
		b.add(SeverityError, "GR-3", v, `Version must be the string "2012-10-17", not %s`, jsonKindArticle(n.kind))
		if n.kind != jsonNumber && n.kind != jsonTrue && n.kind != jsonFalse {
			p.Version = ""
		}
		return
	}
	switch text {
	case "2012-10-17":
	case "2008-10-17":
		if b.typ == PolicySCP || b.typ == PolicyRCP {
			b.add(SeverityError, "GR-3", v, `%s policies must use Version "2012-10-17", not "2008-10-17"`, strings.ToUpper(string(b.typ)))
		}
	default:
		b.add(SeverityError, "GR-3", v, `Version %q is not valid: IAM accepts only "2012-10-17" (current) and "2008-10-17"`, text)
	}
}

func (b *policyBuilder) parseID(p *Policy, k, v int32) {
	n := b.t.nodes[v]
	p.HasID = true
	p.ID = b.t.text(v)
	if n.kind != jsonString {
		b.add(SeverityError, "GR-1", v, "Id must be a string, not %s", jsonKindArticle(n.kind))
	}
	switch b.typ {
	case PolicyIdentity, PolicyBoundary, PolicySession:
		b.add(SeverityError, "GR-1", k, "Id is allowed in resource-based policies only, not in %s policies", lintPolicyTypeNoun(b.typ))
	}
}

func (b *policyBuilder) parseStatements(p *Policy, node int32) {
	t := b.t
	n := t.nodes[node]
	switch n.kind {
	case jsonObject:
		p.Statements = make([]Statement, 0, 1)
		p.Statements = append(p.Statements, b.parseStatement(node, 1))
	case jsonArray:
		kids := t.kidsOf(node)
		if len(kids) == 0 {
			b.add(SeverityWarning, "GR-4", node, "the Statement array is empty: the policy grants and denies nothing")
			return
		}
		p.Statements = make([]Statement, 0, len(kids))
		for i, k := range kids {
			mark := b.pushIndex(i)
			if t.nodes[k].kind != jsonObject {
				b.add(SeverityError, "GR-4", k, "each statement must be a JSON object, not %s", jsonKindArticle(t.nodes[k].kind))
			} else {
				p.Statements = append(p.Statements, b.parseStatement(k, i+1))
			}
			b.pop(mark)
		}
	default:
		b.add(SeverityError, "GR-4", node, "Statement must be an object or an array of objects, not %s", jsonKindArticle(n.kind))
	}
}

// stmtNodes remembers where a statement's elements are, for findings that
// need the whole statement.
type stmtNodes struct {
	node, effect, principal, notPrincipal, action, notAction, resource, notResource, condition int32
}

func (b *policyBuilder) parseStatement(node int32, index int) Statement {
	t := b.t
	st := Statement{Index: index, Pos: b.pos(node)}
	sn := stmtNodes{node: node, effect: -1, principal: -1, notPrincipal: -1, action: -1, notAction: -1, resource: -1, notResource: -1, condition: -1}
	kids := t.kidsOf(node)
	// Principal, Action and Resource checks depend on other elements (the
	// Effect, the policy type), so record where everything is first.
	for i := 0; i < len(kids); i += 2 {
		k, v := kids[i], kids[i+1]
		if b.skip(k) {
			continue
		}
		name := t.text(k)
		switch name {
		case "Sid":
			mark := b.push(name)
			b.parseSid(&st, v)
			b.pop(mark)
		case "Effect":
			sn.effect = v
		case "Principal":
			sn.principal = v
		case "NotPrincipal":
			sn.notPrincipal = v
		case "Action":
			sn.action = v
		case "NotAction":
			sn.notAction = v
		case "Resource":
			sn.resource = v
		case "NotResource":
			sn.notResource = v
		case "Condition":
			sn.condition = v
		default:
			mark := b.push(name)
			b.unknownElement(k, name, statementElements, "statement")
			b.pop(mark)
		}
	}
	b.parseEffect(&st, sn)
	b.parseActions(&st, sn)
	b.parseResources(&st, sn)
	if sn.condition >= 0 {
		mark := b.push("Condition")
		st.Conditions = b.parseConditions(sn.condition)
		b.pop(mark)
	}
	if sn.principal >= 0 {
		mark := b.push("Principal")
		st.Principal = b.parsePrincipals(sn.principal)
		b.pop(mark)
	}
	if sn.notPrincipal >= 0 {
		mark := b.push("NotPrincipal")
		st.NotPrincipal = b.parsePrincipals(sn.notPrincipal)
		b.pop(mark)
	}
	if b.report {
		b.checkStatementPrincipal(&st, sn)
		b.lintStatement(&st, sn)
	}
	return st
}

func (b *policyBuilder) parseSid(st *Statement, v int32) {
	n := b.t.nodes[v]
	st.HasSid = true
	st.Sid = b.t.text(v)
	if !b.report {
		return
	}
	if n.kind != jsonString {
		b.add(SeverityError, "GR-5", v, "Sid must be a string, not %s", jsonKindArticle(n.kind))
		return
	}
	b.checkSid(st.Sid, b.pos(v))
}

func (b *policyBuilder) parseEffect(st *Statement, sn stmtNodes) {
	if sn.effect < 0 {
		b.add(SeverityError, "GR-4", sn.node, `the statement has no Effect; IAM requires "Effect": "Allow" or "Deny"`)
		return
	}
	mark := b.push("Effect")
	defer b.pop(mark)
	n := b.t.nodes[sn.effect]
	if n.kind != jsonString {
		b.add(SeverityError, "GR-4", sn.effect, `Effect must be the string "Allow" or "Deny", not %s`, jsonKindArticle(n.kind))
		return
	}
	text := b.t.text(sn.effect)
	switch text {
	case "Allow":
		st.Effect = EffectAllow
	case "Deny":
		st.Effect = EffectDeny
	default:
		hint := ""
		if strings.EqualFold(text, "Allow") || strings.EqualFold(text, "Deny") {
			hint = " (the value is case-sensitive)"
		}
		b.add(SeverityError, "GR-4", sn.effect, `Effect must be "Allow" or "Deny", not %q%s`, text, hint)
	}
}

// parseValues reads an element that holds a string or an array of strings
// (Action, Resource, principal lists). Numbers are kept when allowNumbers
// (account IDs in principals, linted by GR-13); other kinds are errors.
func (b *policyBuilder) parseValues(node int32, elem, code string, allowNumbers bool) []Value {
	t := b.t
	n := t.nodes[node]
	switch n.kind {
	case jsonString, jsonNumber:
		if n.kind == jsonNumber && !allowNumbers {
			b.add(SeverityError, code, node, "%s must be a string or an array of strings, not a number", elem)
			return nil
		}
		return []Value{b.scalarValue(node)}
	case jsonArray:
		kids := t.kidsOf(node)
		if len(kids) == 0 {
			b.add(SeverityError, code, node, "%s is an empty array; it needs at least one entry", elem)
			return []Value{}
		}
		vals := make([]Value, 0, len(kids))
		for i, k := range kids {
			mark := b.pushIndex(i)
			kind := t.nodes[k].kind
			if kind == jsonString || (kind == jsonNumber && allowNumbers) {
				vals = append(vals, b.scalarValue(k))
			} else {
				b.add(SeverityError, code, k, "each %s entry must be a string, not %s", elem, jsonKindArticle(kind))
			}
			b.pop(mark)
		}
		return vals
	}
	b.add(SeverityError, code, node, "%s must be a string or an array of strings, not %s", elem, jsonKindArticle(n.kind))
	return nil
}

func (b *policyBuilder) scalarValue(node int32) Value {
	n := b.t.nodes[node]
	v := Value{Text: b.t.text(node), Pos: b.pos(node)}
	switch n.kind {
	case jsonNumber:
		v.Kind = KindNumber
	case jsonTrue, jsonFalse:
		v.Kind = KindBool
	}
	return v
}

func (b *policyBuilder) parseActions(st *Statement, sn stmtNodes) {
	switch {
	case sn.action >= 0 && sn.notAction >= 0:
		b.addIn("NotAction", SeverityError, "GR-4", sn.notAction, "the statement has both Action and NotAction; use exactly one (AC-3)")
		fallthrough
	case sn.action >= 0:
		mark := b.push("Action")
		st.Actions = b.parseValues(sn.action, "Action", "GR-4", false)
		st.HasAction = true
		b.pop(mark)
	case sn.notAction >= 0:
		mark := b.push("NotAction")
		st.Actions = b.parseValues(sn.notAction, "NotAction", "GR-4", false)
		st.HasAction, st.NotAction = true, true
		b.pop(mark)
	default:
		b.add(SeverityError, "GR-4", sn.node, "the statement has no Action or NotAction; IAM requires exactly one (AC-3)")
		return
	}
	if !b.report {
		return
	}
	mark := b.push(lintPick(st.NotAction, "NotAction", "Action"))
	for i := range st.Actions {
		b.checkAction(&st.Actions[i], st.NotAction)
	}
	b.pop(mark)
}

func (b *policyBuilder) parseResources(st *Statement, sn stmtNodes) {
	if b.typ == PolicyTrust {
		// RS-1: a trust policy's resource is the role itself.
		for i, n := range [2]int32{sn.resource, sn.notResource} {
			if name := lintPick(i == 1, "NotResource", "Resource"); n >= 0 {
				b.addIn(name, SeverityError, "GR-9", n, "a role trust policy cannot have a Resource or NotResource element: the resource is the role itself (RS-1)")
			}
		}
		return
	}
	switch {
	case sn.resource >= 0 && sn.notResource >= 0:
		b.addIn("NotResource", SeverityError, "GR-4", sn.notResource, "the statement has both Resource and NotResource; use exactly one (RS-1)")
		fallthrough
	case sn.resource >= 0:
		mark := b.push("Resource")
		st.Resources = b.parseValues(sn.resource, "Resource", "GR-4", false)
		st.HasResource = true
		b.pop(mark)
	case sn.notResource >= 0:
		mark := b.push("NotResource")
		st.Resources = b.parseValues(sn.notResource, "NotResource", "GR-4", false)
		st.HasResource, st.NotResource = true, true
		b.pop(mark)
	default:
		if b.impliedResource {
			// RS-1: the policy applies to the resource it is attached
			// to (ECR repository policies); the statement matches it.
			return
		}
		b.add(SeverityError, "GR-4", sn.node, "the statement has no Resource or NotResource; IAM requires exactly one (RS-1)")
		return
	}
	if !b.report {
		return
	}
	mark := b.push(lintPick(st.NotResource, "NotResource", "Resource"))
	for i := range st.Resources {
		b.checkResource(&st.Resources[i])
	}
	b.pop(mark)
}

// parsePrincipals reads a Principal or NotPrincipal element (PR-2).
func (b *policyBuilder) parsePrincipals(node int32) *Principals {
	t := b.t
	n := t.nodes[node]
	pr := &Principals{Pos: b.pos(node)}
	switch n.kind {
	case jsonString:
		if text := t.text(node); text == "*" {
			pr.Wildcard = true
		} else {
			b.add(SeverityError, "PR-2", node, `a principal must be "*" or an object such as {"AWS": %q}; a bare string other than "*" is not valid`, text)
		}
		return pr
	case jsonObject:
	default:
		b.add(SeverityError, "PR-2", node, `a principal must be "*" or an object with AWS, Service, Federated or CanonicalUser keys, not %s`, jsonKindArticle(n.kind))
		return pr
	}
	kids := t.kidsOf(node)
	if len(kids) == 0 {
		b.add(SeverityError, "PR-2", node, "the principal object is empty; name at least one AWS, Service, Federated or CanonicalUser principal")
	}
	for i := 0; i < len(kids); i += 2 {
		k, v := kids[i], kids[i+1]
		if b.skip(k) {
			continue
		}
		name := t.text(k)
		mark := b.push(name)
		switch name {
		case "AWS":
			pr.AWS = b.parseValues(v, "AWS principal", "PR-2", true)
		case "Service":
			pr.Service = b.parseValues(v, "Service principal", "PR-2", false)
		case "Federated":
			pr.Federated = b.parseValues(v, "Federated principal", "PR-2", false)
		case "CanonicalUser":
			pr.CanonicalUser = b.parseValues(v, "CanonicalUser principal", "PR-2", false)
		default:
			hint := ""
			for _, known := range []string{"AWS", "Service", "Federated", "CanonicalUser"} {
				if strings.EqualFold(known, name) {
					hint = fmt.Sprintf(" (keys are case-sensitive; write %q)", known)
				}
			}
			b.add(SeverityError, "PR-2", k, "%q is not a principal type%s; use AWS, Service, Federated or CanonicalUser", name, hint)
		}
		b.pop(mark)
	}
	if b.report {
		b.checkPrincipalValues(pr)
	}
	return pr
}

// parseConditions reads a Condition block: operator -> key -> values, one
// Condition per (operator, key) in document order.
func (b *policyBuilder) parseConditions(node int32) []Condition {
	t := b.t
	n := t.nodes[node]
	if n.kind != jsonObject {
		b.add(SeverityError, "GR-6", node, "Condition must be an object of operator -> {key: value}, not %s", jsonKindArticle(n.kind))
		return nil
	}
	ops := t.kidsOf(node)
	count := 0
	for i := 1; i < len(ops); i += 2 {
		if t.nodes[ops[i]].kind == jsonObject {
			count += int(t.nodes[ops[i]].b) / 2
		}
	}
	conds := make([]Condition, 0, count)
	for i := 0; i < len(ops); i += 2 {
		ok, ov := ops[i], ops[i+1]
		if b.skip(ok) {
			continue
		}
		opName := t.text(ok)
		op := ParseOperator(opName)
		mark := b.push(opName)
		if b.report {
			b.checkOperator(opName, op, ok)
		}
		if t.nodes[ov].kind != jsonObject {
			b.add(SeverityError, "CO-18", ov, "the value of condition operator %q must be an object of key -> value, not %s", opName, jsonKindArticle(t.nodes[ov].kind))
			b.pop(mark)
			continue
		}
		keys := t.kidsOf(ov)
		first := len(conds)
		for j := 0; j < len(keys); j += 2 {
			kk, kv := keys[j], keys[j+1]
			if b.skip(kk) {
				continue
			}
			keyName := t.text(kk)
			kmark := b.push(keyName)
			c := Condition{Operator: opName, Op: op, Key: keyName, KeyPos: b.pos(kk), Pos: b.pos(kv)}
			c.Values, c.EmptyArray = b.conditionValues(kv)
			if b.report {
				for _, prev := range conds[first:] {
					if prev.Key != keyName && strings.EqualFold(prev.Key, keyName) {
						b.add(SeverityError, "CO-2", kk, "condition keys %q and %q under %s differ only by case; key names are case-insensitive, so merge them", prev.Key, keyName, opName)
						break
					}
				}
				b.checkCondition(&c)
			}
			conds = append(conds, c)
			b.pop(kmark)
		}
		b.pop(mark)
	}
	return conds
}

// conditionValues reads a condition value: a string, number or boolean, or
// a non-empty array of these (CO-18); [] sets empty (CO-14).
func (b *policyBuilder) conditionValues(node int32) ([]Value, bool) {
	t := b.t
	n := t.nodes[node]
	switch n.kind {
	case jsonString, jsonNumber, jsonTrue, jsonFalse:
		return []Value{b.scalarValue(node)}, false
	case jsonArray:
		kids := t.kidsOf(node)
		if len(kids) == 0 {
			b.add(SeveritySuggestion, "CO-14", node, "the condition value is an empty array: a plain operator never matches, ForAnyValue never matches, ForAllValues matches only when the key is absent; remove the condition or list values")
			return []Value{}, true
		}
		vals := make([]Value, 0, len(kids))
		for i, k := range kids {
			mark := b.pushIndex(i)
			switch kind := t.nodes[k].kind; kind {
			case jsonString, jsonNumber, jsonTrue, jsonFalse:
				vals = append(vals, b.scalarValue(k))
			default:
				b.add(SeverityError, "CO-18", k, "a condition value list may hold only strings, numbers and booleans, not %s", jsonKindArticle(kind))
			}
			b.pop(mark)
		}
		return vals, false
	}
	b.add(SeverityError, "CO-18", node, "a condition value must be a string, number, boolean or a non-empty array of these, not %s", jsonKindArticle(n.kind))
	return nil, false
}

func lintKnownPolicyType(t PolicyType) bool {
	for _, k := range SupportedPolicyTypes() {
		if k == t {
			return true
		}
	}
	return false
}

func lintPolicyTypeList() string {
	var s []string
	for _, k := range SupportedPolicyTypes() {
		s = append(s, string(k))
	}
	return strings.Join(s, ", ")
}

func lintPolicyTypeNoun(t PolicyType) string {
	switch t {
	case PolicyIdentity:
		return "identity-based"
	case PolicyBoundary:
		return "permissions boundary"
	case PolicySession:
		return "session"
	case PolicyTrust:
		return "role trust"
	case PolicyResource:
		return "resource-based"
	case PolicySCP:
		return "service control (SCP)"
	case PolicyRCP:
		return "resource control (RCP)"
	case PolicyEndpoint:
		return "VPC endpoint"
	}
	return string(t)
}

// lintIAMPolicyType reports the policy types IAM itself stores and validates
// strictly (GR-5 Sid rules, GR-12 characters).
func lintIAMPolicyType(t PolicyType) bool {
	switch t {
	case PolicyIdentity, PolicyBoundary, PolicySession, PolicyTrust:
		return true
	}
	return false
}

func lintPick(cond bool, yes, no string) string {
	if cond {
		return yes
	}
	return no
}
