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
