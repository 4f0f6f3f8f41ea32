package analysis

// Resource documents compared relative to their own resource. A bucket
// policy written once and instantiated per bucket (for_each) names its own
// bucket in Resource and often everyone in a Deny statement ("*" with
// aws:SecureTransport): every principal is named by every such document,
// and deciding each (principal, bucket) pair one by one made the matrix of
// a 1,000-role, 500-bucket plan 3.2 million decisions.
//
// For a principal p and a known target t, what the engine reads of t's
// resource document is: the statements that may name p (the others do not
// apply to p: the engine's StatementKeys tell, with the contract of
// PrincipalKeys that the mention index relies on), each with
// its effect, principal, actions and conditions, and whether each of its
// Resource/NotResource patterns matches t's ARN (the request carries no
// context that depends on t, and the target's kind, account and service-
// linked flag stay in the group signature). Two targets whose documents
// agree on all of that get the same decision for p, so they share an
// explicit group. A document is not compared this way when a pattern holds
// a policy variable (its match depends on the request), when a match is
// ambiguous (AMB-1: its reason would be the target's), or when the
// document repeats a key (GR-2).

import (
	"strconv"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// relStmt is a statement of a known document as the relative comparison
// sees it.
type relStmt struct {
	key       string   // everything that decides but the Resource patterns and whom it names
	principal string   // the Principal or NotPrincipal element as written
	resources []string // Resource or NotResource patterns as written
}

// relStatement records a parsed statement for the relative comparison.
func relStatement(st *evaluator.Statement) relStmt {
	var b strings.Builder
	b.WriteString(st.Effect.String())
	b.WriteString(strconv.FormatBool(st.NotAction))
	b.WriteString(strconv.FormatBool(st.HasAction))
	writeValues(&b, st.Actions)
	b.WriteString(strconv.FormatBool(st.NotResource))
	b.WriteString(strconv.FormatBool(st.HasResource))
	for _, c := range st.Conditions {
		b.WriteString("|c")
		b.WriteString(strconv.Quote(c.Operator))
		b.WriteString(strconv.Quote(c.Key))
		b.WriteString(strconv.FormatBool(c.EmptyArray))
		writeValues(&b, c.Values)
	}
	rs := relStmt{key: b.String()}
	for _, v := range st.Resources {
		rs.resources = append(rs.resources, v.Text)
	}
	b.Reset()
	for i, pr := range []*evaluator.Principals{st.Principal, st.NotPrincipal} {
		if pr == nil {
			continue
		}
		b.WriteString([]string{"|P", "|N"}[i])
		b.WriteString(strconv.FormatBool(pr.Wildcard))
		for _, l := range [][]evaluator.Value{pr.AWS, pr.Service, pr.Federated, pr.CanonicalUser} {
			writeValues(&b, l)
		}
	}
	rs.principal = b.String()
	return rs
}

func writeValues(b *strings.Builder, vs []evaluator.Value) {
	b.WriteString("[")
	for _, v := range vs {
		b.WriteString(strconv.Quote(v.Text))
		b.WriteString(strconv.Itoa(int(v.Kind)))
	}
	b.WriteString("]")
}

// relTarget is a target's resource document as seen from the target: the
// ids of its statements, and the state when only the statements that name
// everyone apply (most principals, computed once).
type relTarget struct {
	ids      []int32
	keys     [][]string // per statement: the engine's keys of whom it may name
	any      []bool     // per statement: it may name every caller
	everyone string
}

// buildRelative gives each known target of a side whose resource document
// can be compared relative to it the ids of that document's statements as
// seen from it (t.rel; nil when it cannot be compared).
func (u *universe) buildRelative() {
	intern := map[string]int32{}
	var b strings.Builder
	for _, t := range u.targets {
		for si := range 2 {
			pd := knownPars(t.resDoc[si], t.resPars[si])
			if pd == nil || !pd.relOK || pd.resourceFree || t.Unknown != nil || t.Kind == "*" || t.resComp[si] == nil {
				continue
			}
			keys, anyKey, ok := t.resComp[si].Policy(evaluator.PolicyResource).StatementKeys()
			if !ok || len(keys) != len(pd.rel) {
				continue
			}
			ids := make([]int32, 0, len(pd.rel))
			for i := range pd.rel {
				st := &pd.rel[i]
				b.Reset()
				b.WriteString(pd.version)
				b.WriteString(st.key)
				b.WriteString(st.principal)
				b.WriteString("|r")
				for _, p := range st.resources {
					m, ok := evaluator.MatchResourcePattern(p, t.ARN)
					if !ok || m == evaluator.TriUnknown {
						ids = nil
						break
					}
					b.WriteString(strconv.FormatBool(m == evaluator.TriTrue))
				}
				if ids == nil {
					break
				}
				k := b.String()
				id, seen := intern[k]
				if !seen {
					id = int32(len(intern))
					intern[k] = id
				}
				ids = append(ids, id)
			}
			if ids == nil {
				continue
			}
			rt := &relTarget{ids: ids, keys: keys, any: anyKey}
			b.Reset()
			b.WriteString("R")
			for i := range pd.rel {
				if anyKey[i] {
					b.WriteString(strconv.Itoa(int(ids[i])))
					b.WriteByte(',')
				}
			}
			rt.everyone = b.String()
			t.rel[si] = rt
		}
	}
}

// relativeState names a target's resource document in an explicit group's
// signature by the statements that may name the principal (callerKeys: its
// evaluator.CallerKeys) as seen from the target; ok is false when the
// document cannot be compared so. A statement is kept when it may name
// every caller or shares a key with the principal: a superset of those
// that apply (the StatementKeys contract), and the same for every target,
// as it depends on the statement's principal element alone.
func relativeState(si int, t *matrixTarget, res *parsedDoc, callerKeys map[string]bool) (string, bool) {
	rt := t.rel[si]
	if res == nil || rt == nil || len(rt.ids) != len(res.rel) {
		return "", false
	}
	may := func(i int) bool {
		if rt.any[i] {
			return true
		}
		for _, k := range rt.keys[i] {
			if callerKeys[k] {
				return true
			}
		}
		return false
	}
	named := false
	for i := range res.rel {
		if !rt.any[i] && may(i) {
			named = true
			break
		}
	}
	if !named {
		return rt.everyone, true
	}
	var b strings.Builder
	b.WriteString("R")
	for i := range res.rel {
		if may(i) {
			b.WriteString(strconv.Itoa(int(rt.ids[i])))
			b.WriteByte(',')
		}
	}
	return b.String(), true
}
