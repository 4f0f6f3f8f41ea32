package analysis

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/iamdata"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfconfig"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// Ground truth after apply (issue 8). Each fixture with a state.json was
// applied against Moto (scripts/make-fixtures-apply.sh): the state is what
// the plan made, every value known. Every answer planscan gives as definite
// on the plan (allowed or denied after apply; always, never or conditional
// over every context) must be the answer on that state: PT-3/PT-4, an
// unknown value never decides. Unknowns on the plan may become definite.
//
// The questions: every principal of either side (by Terraform address),
// anonymous and the principal ARNs that resource policies name ×
// the actions the fixture's policies mention (a wildcard pattern stands for
// up to three of its actions, plus a few sensitive actions) × every
// resource of the state with an ARN (by address, "${ADDR.arn}", and an
// object of each bucket), the literal resources the policies name, and *.
// Resources are matched by address: their ARNs differ only where the plan
// had unknowns. The plan is asked twice, alone and with the configuration
// source beside it (what planscan does by default).

// gtActions are asked in every fixture: the escalation and data actions
// that findings care about.
var gtActions = []string{"sts:AssumeRole", "iam:PassRole", "iam:CreatePolicyVersion", "iam:AttachRolePolicy",
	"iam:PutUserPolicy", "s3:GetObject", "s3:PutObject", "kms:Decrypt", "sqs:SendMessage"}

// gtCounts are the numbers of one fixture.
type gtCounts struct {
	questions                              int
	planDefinite, sourceDefinite, definite int // plan alone, plan + source, state
	anyPlan, anySource, anyState           int // the same over every context
	checkPlan, checkState                  int // check results pass or fail (plan + source, state)
	// hiddenRS10 counts definite plan answers (plan, plan + source) to
	// questions that the state shows to be invalid (RS-10): the plan's
	// unknown ARN hid the resource's type.
	hiddenRS10 [2]int
	// literal counts the questions on a literal ARN that a resource of the
	// plan gets only at apply (gtTargets' hidden); literalDefinite those
	// the plan (plan, plan + source) answers definitely: equal to the
	// state, as every definite answer must be (the others are unknown).
	literal         int
	literalDefinite [2]int
}

func TestGroundTruthAfterApply(t *testing.T) {
	t.Parallel()
	states, err := filepath.Glob(testkit.Path("fixtures", "*", "state.json"))
	if err != nil || len(states) == 0 {
		t.Fatalf("no fixture has a state.json (%v)", err)
	}
	sort.Strings(states)
	counts := make([]gtCounts, len(states))
	t.Run("fixtures", func(t *testing.T) {
		for i, sp := range states {
			fixture := filepath.Base(filepath.Dir(sp))
			t.Run(fixture, func(t *testing.T) {
				t.Parallel()
				counts[i] = groundTruth(t, fixture)
			})
		}
	})
	if t.Failed() {
		return
	}
	var b strings.Builder
	b.WriteString("fixture\tquestions\tdefinite on plan\tplan + source\tstate\tany-context on plan\tplan + source\tstate\tcheck results definite on plan + source\tstate\tRS-10 hidden (plan, plan + source)\n")
	for i, sp := range states {
		c := counts[i]
		fmt.Fprintf(&b, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d, %d\n", filepath.Base(filepath.Dir(sp)), c.questions,
			c.planDefinite, c.sourceDefinite, c.definite, c.anyPlan, c.anySource, c.anyState, c.checkPlan, c.checkState, c.hiddenRS10[0], c.hiddenRS10[1])
	}
	testkit.Golden(t, testkit.Path("golden", "groundtruth.tsv"), b.String())
}

// groundTruth asks every question of one fixture on the plan (alone and
// with source) and on the state, and fails on a definite plan answer that
// the state contradicts.
func groundTruth(t *testing.T, fixture string) gtCounts {
	t.Helper()
	opts := AnalyzeOptions{AccountID: "111122223333"}
	plan, err := tfplan.Load(testkit.FixturePlan(fixture))
	if err != nil {
		t.Fatal(err)
	}
	alone, err := Analyze(plan, opts)
	if err != nil {
		t.Fatal(err)
	}
	src, _ := tfconfig.Load(testkit.Path("fixtures", fixture))
	if src != nil {
		if ok, why := src.Match(plan); !ok {
			t.Fatalf("the fixture's source does not match its plan: %s", why)
		}
	}
	withSrc, err := Analyze(plan, AnalyzeOptions{AccountID: opts.AccountID, Source: src})
	if err != nil {
		t.Fatal(err)
	}
	statePlan, info, err := tfplan.LoadWith(testkit.Path("fixtures", fixture, "state.json"), tfplan.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !info.State {
		t.Fatal("state.json is not read as a state")
	}
	restoreMotoGaps(t, fixture, plan, statePlan.PriorState)
	if t.Failed() {
		return gtCounts{}
	}
	state, err := Analyze(statePlan, AnalyzeOptions{AccountID: opts.AccountID, State: true})
	if err != nil {
		t.Fatal(err)
	}

	principals := gtPrincipals(alone.After, state.After)
	actions := gtActionsOf(state.After)
	targets, hidden := gtTargets(statePlan.PriorState, state.After, alone.After)
	t.Logf("%d principals, %d actions, %d targets", len(principals), len(actions), len(targets))
	if len(principals) == 0 || len(targets) == 0 {
		t.Fatalf("nothing to ask: %d principals, %d targets", len(principals), len(targets))
	}
	sides := []*SideAnalysis{alone.After, withSrc.After, state.After}
	names := []string{"plan", "plan + source", "state"}
	var c gtCounts
	for _, p := range principals {
		subs := make([]*Subject, len(sides))
		for i, s := range sides {
			if subs[i], err = s.Subject(p); err != nil {
				t.Fatalf("%s: principal %s: %v", names[i], p, err)
			}
		}
		for _, r := range targets {
			tgts := make([]*Target, len(sides))
			for i, s := range sides {
				if tgts[i], err = s.Target(r); err != nil {
					t.Fatalf("%s: resource %s: %v", names[i], r, err)
				}
			}
			for _, act := range actions {
				var ds [3]evaluator.Decision
				var qs [3]evaluator.ContextOutcome
				var stateRes evaluator.Result
				for i, s := range sides {
					res := s.Decide(subs[i], act, tgts[i], evaluator.Context{}).Result
					ds[i], stateRes = res.Decision, res
				}
				truth := gtClass(ds[2])
				if ds[2] == evaluator.DecisionError && stateRes.Error != nil && stateRes.Error.InRequest() {
					// Not a question: the action does not act on the
					// resource's type (RS-10). The plan must say so too, also
					// when the ARN is known only after apply (hiddenTypeError);
					// a definite answer there is counted and fails.
					if !strings.Contains(stateRes.Error.Message, "(RS-10)") {
						t.Errorf("%s %s on %s: the state says %s", p, act, r, stateRes.Error)
					}
					for i := range 2 {
						if gtClass(ds[i]) != "" {
							t.Errorf("%s %s on %s: %s says %s, the state after apply %s", p, act, r, names[i], ds[i], stateRes.Error)
							c.hiddenRS10[i]++
						}
					}
					continue
				}
				c.questions++
				for i, s := range sides {
					qs[i] = s.DecideAnyContext(subs[i], act, tgts[i], evaluator.Context{}).Q.Outcome
				}
				anyTruth := qs[2]
				for i := range 2 {
					if cl := gtClass(ds[i]); cl != "" {
						if cl != truth {
							t.Errorf("%s %s on %s: %s says %s, the state after apply %s", p, act, r, names[i], ds[i], ds[2])
						}
					}
					if gtDefiniteOutcome(qs[i]) && qs[i] != anyTruth {
						t.Errorf("%s %s on %s over every context: %s says %s, the state after apply %s", p, act, r, names[i], qs[i], anyTruth)
					}
				}
				if hidden[r] {
					c.literal++
					c.literalDefinite[0] += gtCount(gtClass(ds[0]) != "")
					c.literalDefinite[1] += gtCount(gtClass(ds[1]) != "")
				}
				c.planDefinite += gtCount(gtClass(ds[0]) != "")
				c.sourceDefinite += gtCount(gtClass(ds[1]) != "")
				c.definite += gtCount(truth != "")
				c.anyPlan += gtCount(gtDefiniteOutcome(qs[0]))
				c.anySource += gtCount(gtDefiniteOutcome(qs[1]))
				c.anyState += gtCount(gtDefiniteOutcome(anyTruth))
			}
		}
	}
	cc := gtCheck(t, fixture, withSrc, state)
	c.checkPlan, c.checkState = cc.planDefinite, cc.stateDefinite
	if c.definite < c.sourceDefinite || c.definite < c.planDefinite {
		t.Errorf("the state (every value known) answers fewer questions definitely (%d) than the plan (%d, with source %d)", c.definite, c.planDefinite, c.sourceDefinite)
	}
	if c.literal > 0 {
		t.Logf("%s: %d questions on literal ARNs the plan knows only after apply (PT-3); definite (equal to the state): plan %d, plan + source %d; the others unknown",
			fixture, c.literal, c.literalDefinite[0], c.literalDefinite[1])
	}
	t.Logf("%s: %d questions; definite: plan %d, plan + source %d, state %d; over every context: %d, %d, %d; check results: %d, %d; RS-10 hidden by an unknown ARN: %d, %d",
		fixture, c.questions, c.planDefinite, c.sourceDefinite, c.definite, c.anyPlan, c.anySource, c.anyState, c.checkPlan, c.checkState, c.hiddenRS10[0], c.hiddenRS10[1])
	return c
}

// gtClass is "allowed" or "denied" for a definite decision, else "".
func gtClass(d evaluator.Decision) string {
	switch d {
	case evaluator.Allowed:
		return "allowed"
	case evaluator.ExplicitDeny, evaluator.ImplicitDeny:
		return "denied"
	}
	return ""
}

func gtDefiniteOutcome(o evaluator.ContextOutcome) bool {
	switch o {
	case evaluator.OutcomeAlways, evaluator.OutcomeNever, evaluator.OutcomeConditional:
		return true
	}
	return false
}

func gtCount(b bool) int {
	if b {
		return 1
	}
	return 0
}

// gtPrincipals are the addresses of the users and roles of both sides,
// anonymous, and the literal AWS principal ARNs that the state's resource
// and trust policies name (principals outside the plan).
func gtPrincipals(sides ...*SideAnalysis) []string {
	seen := map[string]bool{"anonymous": true}
	for _, s := range sides {
		for _, id := range s.Model.Principals() {
			seen[id.Address] = true
		}
	}
	for _, rp := range sides[len(sides)-1].Model.ResourcePolicies {
		if rp.Doc == nil {
			continue
		}
		for _, st := range gtStatements(*rp.Doc) {
			p, _ := st["Principal"].(map[string]any)
			for _, a := range gtStrings(p["AWS"]) {
				if strings.HasPrefix(a, "arn:") && !strings.ContainsAny(a, "*?$") {
					seen[a] = true
				}
			}
		}
	}
	return sortedKeys(seen)
}

// gtActionsOf are the actions the state's documents name (each wildcard
// pattern by up to three of its actions; AWS managed policies left out) and
// gtActions.
func gtActionsOf(s *SideAnalysis) []string {
	cat := iamdata.Default()
	seen := map[string]bool{}
	for _, a := range gtActions {
		seen[a] = true
	}
	for _, d := range gtDocs(s) {
		if strings.Contains(d.Name, ":iam::aws:policy/") {
			continue // an AWS managed policy: thousands of actions, asked through gtActions
		}
		for _, st := range gtStatements(d) {
			for _, a := range append(gtStrings(st["Action"]), gtStrings(st["NotAction"])...) {
				switch {
				case a == "*":
				case strings.ContainsAny(a, "*?"):
					ex := cat.ExpandActions(a)
					sort.Strings(ex)
					for i := 0; i < len(ex) && i < 3; i++ {
						seen[ex[i]] = true
					}
				case cat.ActionExists(a):
					seen[a] = true
				}
			}
		}
	}
	return sortedKeys(seen)
}

// gtTargets: "*", every resource of the state with an ARN by reference (and
// an object of each bucket), and the literal resources the documents name
// (each wildcard replaced by a letter; policy variables left out).
//
// A literal that names a resource of the plan by the ARN it gets only at
// apply (a KMS key's id read back from the state) is asked too: the plan
// cannot know that the literal is its resource, so it answers for the
// resource outside the plan and for each resource the literal could be
// (query_maybe_symbol.go), definitely only when they agree (PT-3). hidden
// lists those literals.
func gtTargets(st *tfjson.State, s, plan *SideAnalysis) (targets []string, hidden map[string]bool) {
	seen := map[string]bool{"*": true}
	var arns []string // ARNs of the state that the plan knows only after apply
	hidden = map[string]bool{}
	var walk func(m *tfjson.StateModule)
	walk = func(m *tfjson.StateModule) {
		if m == nil {
			return
		}
		for _, r := range m.Resources {
			if r.Mode != tfjson.ManagedResourceMode {
				continue
			}
			if arn, _ := r.AttributeValues["arn"].(string); strings.HasPrefix(arn, "arn:") {
				ref := "${" + r.Address + ".arn}"
				seen[ref] = true
				if t, err := plan.Target(ref); err == nil && t.Unknown != nil {
					arns = append(arns, arn)
				}
				if r.Type == "aws_s3_bucket" {
					seen["${"+r.Address+".arn}/planscan-gt"] = true
				}
			}
		}
		for _, c := range m.ChildModules {
			walk(c)
		}
	}
	if st != nil && st.Values != nil {
		walk(st.Values.RootModule)
	}
	for _, d := range gtDocs(s) {
		for _, stm := range gtStatements(d) {
			for _, r := range gtStrings(stm["Resource"]) {
				if strings.HasPrefix(r, "arn:") && !strings.Contains(r, "${") {
					lit := strings.NewReplacer("*", "x", "?", "x").Replace(r)
					seen[lit] = true
					if gtNamesHidden(r, arns) {
						hidden[lit] = true
					}
				}
			}
		}
	}
	return sortedKeys(seen), hidden
}

func gtNamesHidden(r string, hidden []string) bool {
	for _, h := range hidden {
		if strings.HasPrefix(r, h) {
			return true
		}
	}
	return false
}

// gtDocs are the known documents of a side: identity policies and
// boundaries of every principal, trust and resource policies, SCPs, RCPs.
func gtDocs(s *SideAnalysis) []evaluator.PolicyDoc {
	var out []evaluator.PolicyDoc
	for _, id := range s.Model.Principals() {
		set := s.Model.PolicySetFor(id)
		out = append(out, set.Identity...)
		out = append(out, set.Boundaries...)
		for _, l := range append(set.SCPs, set.RCPs...) {
			out = append(out, l...)
		}
	}
	for _, rp := range s.Model.ResourcePolicies {
		if rp.Doc != nil {
			out = append(out, *rp.Doc)
		}
	}
	return out
}

func gtStatements(d evaluator.PolicyDoc) []map[string]any {
	if d.Unknown != nil {
		return nil
	}
	var doc struct {
		Statement any
	}
	if json.Unmarshal(d.JSON, &doc) != nil {
		return nil
	}
	var out []map[string]any
	switch st := doc.Statement.(type) {
	case map[string]any:
		out = append(out, st)
	case []any:
		for _, e := range st {
			if m, ok := e.(map[string]any); ok {
				out = append(out, m)
			}
		}
	}
	return out
}

func gtStrings(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// The fixtures README states which fixtures have no state.json and why.
func TestGroundTruthSkipsAreListed(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile(testkit.Path("fixtures", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	dirs, _ := filepath.Glob(testkit.Path("fixtures", "*", "main.tf"))
	for _, d := range dirs {
		c := filepath.Base(filepath.Dir(d))
		if _, err := os.Stat(filepath.Join(filepath.Dir(d), "state.json")); err == nil {
			continue
		}
		if !strings.Contains(string(readme), "`"+c+"`") {
			t.Errorf("%s has no state.json and the fixtures README does not say why", c)
		}
	}
}
