package evaluator

import (
	"math/rand"
	"strings"
	"testing"
)

// Roles created with name_prefix "reader-": their ARNs are symbols.
var (
	symRoleReader = Unknown{Reason: "aws_iam_role.reader.arn", Prefix: "arn:aws:iam::111122223333:role/reader-", Symbol: "aws_iam_role.reader", Fresh: true}
	symRoleOther  = Unknown{Reason: "aws_iam_role.other.arn", Prefix: "arn:aws:iam::111122223333:role/reader-", Symbol: "aws_iam_role.other", Fresh: true}
	symUserOps    = Unknown{Reason: "aws_iam_user.ops.arn", Prefix: "arn:aws:iam::111122223333:user/ops-", Symbol: "aws_iam_user.ops", Fresh: true}
)

// symPrincipalDecide asks s3:GetObject under a bucket policy (same
// account, EV-7: the resource policy alone grants) whose Principal is
// {"AWS": entry}; the caller is principal, or the role or user whose ARN
// is u.
func symPrincipalDecide(t *testing.T, element, entry, principal string, u *Unknown) (Tri, Result) {
	t.Helper()
	st := `{"Effect":"Allow","` + element + `":{"AWS":` + quoteJSON(entry) + `},"Action":"s3:GetObject","Resource":"*"}`
	cs := Compile(PolicySet{Resource: resDoc(pol(st))}, Options{})
	req := rq(t, principal, "s3:GetObject", bucket)
	if u != nil {
		uu := *u
		req.Principal.ARN, req.Principal.RoleARN, req.Principal.Name = "", "", ""
		req.Principal.Unknown = &uu
		if strings.Contains(u.Prefix, ":user/") {
			req.Principal.Kind = PrincipalUser
		} else {
			req.Principal.Kind = PrincipalRoleSession
		}
	}
	return decideTri(t, cs, &req, entry+" vs "+principal)
}

// Issue 8: a symbol in Principal compares with the caller's ARN three
// ways. PR-6: a role ARN is "matched exactly, path included" and names
// every session of the role; PR-5 likewise for a user; PT-3: never a
// definite answer a completion of the symbols could change.
func TestSymbolPrincipalMatching(t *testing.T) {
	t.Parallel()
	reader, user := SymbolText(&symRoleReader), SymbolText(&symUserOps)
	cases := []struct {
		name, entry, principal string
		u                      *Unknown
		want                   Tri
		unknown                string
	}{
		{name: "PR-6 the same role symbol matches", entry: reader, u: &symRoleReader, want: TriTrue},
		{name: "PR-6 another role the plan creates with the same prefix never matches", entry: reader, u: &symRoleOther, want: TriFalse},
		{name: "PR-5 the same user symbol matches", entry: user, u: &symUserOps, want: TriTrue},
		{name: "PR-2 a role entry never names a user", entry: reader, u: &symUserOps, want: TriFalse},
		{name: "PT-3 a literal role of the symbol's form may be it", entry: reader, principal: "arn:aws:iam::111122223333:role/reader-20261202", want: TriUnknown, unknown: "aws_iam_role.reader"},
		{name: "PT-4 a literal role of another name is not it", entry: reader, principal: "arn:aws:iam::111122223333:role/app", want: TriFalse},
		{name: "PT-4 a literal role of another account is not it", entry: reader, principal: "arn:aws:iam::444455556666:role/reader-1", want: TriFalse},
		{name: "PT-4 a role on a path below is not it (a generated part holds no /)", entry: reader, principal: "arn:aws:iam::111122223333:role/reader-x/y", want: TriFalse},
		{name: "PT-4 an unknown role whose prefix contradicts", entry: reader, u: &Unknown{Reason: "r.arn", Prefix: "arn:aws:iam::111122223333:role/writer"}, want: TriFalse},
		{name: "PT-3 an unknown role whose prefix fits", entry: reader, u: &Unknown{Reason: "r.arn", Prefix: "arn:aws:iam::111122223333:role/"}, want: TriUnknown, unknown: "r.arn"},
		{name: "PR-6 a symbol role against the literal role of another name", entry: "arn:aws:iam::111122223333:role/app", u: &symRoleReader, want: TriUnknown},
		{name: "PR-11 * matches the symbol role", entry: "*", u: &symRoleReader, want: TriTrue},
		{name: "PR-4 the account entry delegates to identity policies, none here (EV-7)", entry: "111122223333", u: &symRoleReader, want: TriFalse},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			principal := c.principal
			if principal == "" {
				principal = roleARN
			}
			got, res := symPrincipalDecide(t, "Principal", c.entry, principal, c.u)
			if got != c.want {
				t.Fatalf("Principal %s: got %v, want %v (%v)", c.entry, got, c.want, ReasonStrings(res.Unknowns))
			}
			if c.unknown != "" && !strings.Contains(strings.Join(ReasonStrings(res.Unknowns), "|"), c.unknown) {
				t.Errorf("unknown reasons %v do not name %s", ReasonStrings(res.Unknowns), c.unknown)
			}
		})
	}
}

// PT-3 property for Principal: a definite answer on symbols holds for
// every completion (distinct generated parts for distinct Fresh objects,
// holding no "/" or ":").
func TestSymbolPrincipalCompletionsAgree(t *testing.T) {
	t.Parallel()
	syms := []Unknown{symRoleReader, symRoleOther, symUserOps}
	gens := []string{"1", "12", "2", "123"}
	plain := []string{"*", "111122223333", "arn:aws:iam::111122223333:role/reader-1", "arn:aws:iam::111122223333:role/app",
		"arn:aws:iam::111122223333:user/ops-12", "arn:aws:iam::444455556666:root"}
	rng := rand.New(rand.NewSource(9))
	definite := 0
	for i := 0; i < 200; i++ {
		var entry string
		var entSym *Unknown
		if rng.Intn(3) > 0 {
			entSym = &syms[rng.Intn(len(syms))]
			entry = SymbolText(entSym)
		} else {
			entry = plain[rng.Intn(len(plain))]
		}
		caller := &syms[rng.Intn(len(syms))]
		sym, _ := symPrincipalDecide(t, "Principal", entry, roleARN, caller)
		if sym == TriUnknown {
			continue
		}
		definite++
		for j := 0; j < 8; j++ {
			comp := sampleCompletion(rng, syms, gens)
			concrete := entry
			if entSym != nil {
				concrete = entSym.Prefix + comp[entSym.Symbol]
			}
			got, _ := symPrincipalDecide(t, "Principal", concrete, caller.Prefix+comp[caller.Symbol], nil)
			if got != sym {
				t.Fatalf("PT-3: %s on %s is %v, but %s on %s is %v", entry, caller.Symbol, sym, concrete, caller.Prefix+comp[caller.Symbol], got)
			}
		}
	}
	if definite < 50 {
		t.Errorf("only %d definite answers: the property was barely tested", definite)
	}
}

// sampleCompletion picks a generated part per symbol from gens, distinct
// for symbols after the same prefix (distinct Fresh objects never share
// one; a part holds no "/" or ":").
func sampleCompletion(rng *rand.Rand, syms []Unknown, gens []string) map[string]string {
	comp := map[string]string{}
	used := map[string]bool{}
	for _, s := range syms {
		g := gens[rng.Intn(len(gens))]
		for used[s.Prefix+g] {
			g += "9"
		}
		used[s.Prefix+g] = true
		comp[s.Symbol] = g
	}
	return comp
}
