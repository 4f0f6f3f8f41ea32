package evaluator

import (
	"slices"
	"testing"
)

// FuzzParsedAndPrincipals: for any document, compiling its parse
// (PolicyDoc.Parsed) decides as compiling its JSON (EV-2), and a resource
// policy that PrincipalApplies rules out for a caller changes none of the
// caller's decisions, while PrincipalKeys still finds it when it may
// apply (PT-3).
func FuzzParsedAndPrincipals(f *testing.F) {
	addPolicySeeds(f)
	for _, el := range principalElements {
		f.Add([]byte(pol(`{"Effect":"Deny",` + el + `,"Action":"s3:*","Resource":"*"}`)))
	}
	callers := []Principal{}
	for _, arn := range []string{userARN, sessARN, roleARN, rootARN, userB, "cloudtrail.amazonaws.com"} {
		p, err := ParsePrincipal(arn)
		if err != nil {
			f.Fatal(err)
		}
		callers = append(callers, p)
	}
	callers = append(callers, Principal{Kind: PrincipalRoleSession, Account: acctA, Partition: "aws", Name: "app",
		Unknown: &Unknown{Reason: "aws_iam_role.app.arn", Prefix: "arn:aws:iam::111122223333:role/"}})
	identity := docs(pol(allowAll))
	f.Fuzz(func(t *testing.T, doc []byte) {
		parsed := PolicyDoc{JSON: doc}
		parsed.Parsed = ParseDocument(parsed, PolicyResource, Options{})
		parsed.JSON = nil
		fromJSON := Compile(PolicySet{Identity: identity, Resource: &PolicyDoc{JSON: doc}}, Options{})
		fromParse := Compile(PolicySet{Identity: identity, Resource: &parsed}, Options{})
		rp := CompileResource(&PolicyDoc{JSON: doc}, Options{}).Policy(PolicyResource)
		keys, any := rp.PrincipalKeys()
		without := Compile(PolicySet{Identity: identity}, Options{})
		for i := range callers {
			p := &callers[i]
			for _, ra := range []string{acctA, acctB} {
				req := Request{Principal: *p, Action: "s3:GetObject", Resource: bucket, ResourceAccount: ra}
				a, b := fromJSON.Decide(&req), fromParse.Decide(&req)
				if a.Decision != b.Decision || !slices.Equal(a.Unknowns, b.Unknowns) {
					t.Fatalf("from JSON %v %v, from the parse %v %v", a.Decision, a.Unknowns, b.Decision, b.Unknowns)
				}
				got := rp.PrincipalApplies(p, false)
				if got != TriFalse {
					if ck := CallerKeys(p); !any && !slices.ContainsFunc(keys, func(k string) bool { return slices.Contains(ck, k) }) {
						t.Fatalf("PrincipalApplies = %v for %s, but keys %v and the caller's %v share none", got, p.ARN, keys, ck)
					}
					continue
				}
				if w := without.Decide(&req); w.Decision != a.Decision || !slices.Equal(w.Unknowns, a.Unknowns) {
					t.Fatalf("PrincipalApplies = false for %s, but the document changes %v %v -> %v %v", p.ARN, w.Decision, w.Unknowns, a.Decision, a.Unknowns)
				}
			}
		}
	})
}
