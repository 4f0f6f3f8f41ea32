package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/analysis"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/report"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfconfig"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

// parseInterspersed parses flags that may come before or after the
// positional arguments (planscan query PLAN --principal P ...).
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// planFlags are the flags every plan command takes.
type planFlags struct {
	accountID, region, source string
	allowErrored              bool
	// needPlan names the command when it cannot read a state (diff): load
	// then refuses one with a usage error.
	needPlan string
	catalogFlags
	warn     io.Writer
	notice   string
	analysis *analysis.Analysis
	src      *tfconfig.Config // the configuration source found (nil: none)
	prog     *progress        // the status line on a terminal (nil: silent)
}

// principals counts the users and roles of both sides, for progress.
func (p *planFlags) principals() int {
	a := p.analysis
	return len(a.Before.Model.Users) + len(a.Before.Model.Roles) + len(a.After.Model.Users) + len(a.After.Model.Roles)
}

// locator locates Terraform addresses in the source, with paths relative
// to the repository root (code scanning and annotations resolve them
// there, also when planscan runs in a subdirectory).
func (p *planFlags) locator() report.Locator { return report.SourceLocator(p.src, repositoryRoot(".")) }

func (p *planFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&p.accountID, "account-id", "", "account id for ARN synthesis when the plan does not tell it")
	fs.StringVar(&p.region, "region", "", "region for regional ARNs when the plan does not tell it")
	fs.BoolVar(&p.allowErrored, "allow-errored-plan", false, "analyse a plan with \"errored\": true (refused by default; check then reports an unknown errored-plan result)")
	fs.StringVar(&p.source, "source", "", "`directory` of the plan's Terraform configuration (default: the plan file's directory, else the working directory, when it matches the plan)")
	p.catalogFlags.register(fs)
	p.warn = fs.Output()
}

// load loads a plan file and builds both models with the reference data
// (and its overrides).
func (p *planFlags) load(path string) (*analysis.Analysis, error) {
	cat, err := p.catalog()
	if err != nil {
		return nil, err
	}
	p.prog = newProgress(p.warn)
	p.prog.step("loading %s", path)
	plan, info, err := tfplan.LoadWith(path, tfplan.LoadOptions{AllowErrored: p.allowErrored})
	if err != nil {
		p.prog.done()
		return nil, err
	}
	if info.State && p.needPlan != "" {
		p.prog.done()
		return nil, fmt.Errorf("%s is the `terraform show -json` of a state, not of a plan: %s needs a plan (`terraform plan -out tfplan && terraform show -json tfplan`); query and check read a state", path, p.needPlan)
	}
	var src *tfconfig.Config
	if info.State {
		// Every value of a state is known: nothing to rebuild from source.
		if p.source != "" {
			fmt.Fprintf(p.prog.around(p.warn), "planscan: warning: --source %s is not used: %s is a state, whose values are all known\n", p.source, path)
		}
	} else {
		p.prog.step("reading the configuration source")
		src = findSource(p.source, path, plan, p.prog.around(p.warn))
		p.prog.step("modelling %d resources before and after the plan", len(plan.ResourceChanges))
	}
	if info.State {
		p.prog.step("modelling the state")
	}
	a, err := analysis.Analyze(plan, analysis.AnalyzeOptions{AccountID: p.accountID, Region: p.region, Catalog: cat, Errored: info.Errored, Source: src, State: info.State})
	p.prog.done()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	p.analysis, p.notice, p.src = a, joinNotices(sourceNotice(a, src), a.After.Model.Org.Assumption), src
	return a, nil
}

func runQuery(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("planscan query", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var principals, actions, resources, ctxPairs stringList
	fs.Var(&principals, "principal", "Terraform address (aws_iam_role.web) or ARN of the principal (repeatable)")
	fs.Var(&actions, "action", "action such as s3:GetObject (repeatable)")
	fs.Var(&resources, "resource", "resource ARN or \"*\"; may embed ${address.attribute} references (repeatable)")
	fs.Var(&ctxPairs, "context", "request context key=value (repeatable; a repeated key makes a list)")
	state := fs.String("state", "after", "which state to ask about: before, after or both")
	format := fs.String("format", "text", "output format: text or json")
	var whoCan stringList
	fs.Var(&whoCan, "who-can", "list every principal (of the plan or outside it) that can perform this action on --resource, directly or through a path, over every context (repeatable)")
	anyContext := fs.Bool("any-context", false, "answer for every value of the context keys not given with --context: always, conditional (with the conditions), never or unknown")
	var pf planFlags
	pf.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: planscan query PLAN --principal P --action A [--action ...] --resource R [--resource ...]")
		fmt.Fprintln(stderr, "         [--context key=value ...] [--any-context] [--state before|after|both] [--format text|json]")
		fmt.Fprintln(stderr, "       planscan query PLAN --who-can A --resource R [--resource ...] [--state before|after|both] [--format text|json]")
		fmt.Fprintln(stderr, "Decides each (principal, action, resource) in the state before and/or after the plan; with")
		fmt.Fprintln(stderr, "--any-context, for every value of the context keys that --context does not pin.")
		fmt.Fprintln(stderr, "Exit status: 0 when answered, 2 on a usage or input error (including an answer that is")
		fmt.Fprintln(stderr, "error because of the question: an unknown action, a resource of the wrong type).")
		fs.PrintDefaults()
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return usageError(err)
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "planscan query: "+format+"\n", a...)
		return exitUsage
	}
	switch {
	case len(pos) != 1:
		return fail("want exactly one plan file")
	case len(whoCan) > 0 && (len(principals) > 0 || len(actions) > 0 || len(ctxPairs) > 0):
		return fail("--who-can takes no --principal, --action or --context: it asks about every principal, over every context")
	case len(whoCan) > 0 && len(resources) == 0:
		return fail("--who-can needs --resource")
	case *format != "text" && *format != "json":
		return fail("unknown format %q (want text or json)", *format)
	case len(whoCan) > 0:
		return runWhoCan(&pf, pos[0], whoCan, resources, *state, *format, stdout, stderr)
	case len(principals) == 0 || len(actions) == 0:
		return fail("--principal and --action are required (or --who-can)")
	}
	if len(resources) == 0 {
		resources = append(resources, "*")
	}
	ctx, err := analysis.ParseContext(ctxPairs)
	if err != nil {
		return fail("%v", err)
	}
	a, err := pf.load(pos[0])
	if err != nil {
		return fail("%v", err)
	}
	warnErrored(stderr, "query", a)
	sides, err := a.Sides(*state)
	if err != nil {
		return fail("%v", err)
	}
	// Resolve every principal and resource first: a reference that names
	// nothing is an input error on every side it is asked about.
	type prepared struct {
		subs    []*analysis.Subject
		targets []*analysis.Target
	}
	prep := make([]prepared, len(sides))
	for i, s := range sides {
		for _, p := range principals {
			sub, err := s.Subject(p)
			if err != nil {
				return fail("%v", err)
			}
			prep[i].subs = append(prep[i].subs, sub)
		}
		for _, r := range resources {
			t, err := s.Target(r)
			if err != nil {
				return fail("%v", err)
			}
			prep[i].targets = append(prep[i].targets, t)
		}
	}
	for k, r := range resources {
		absent := true
		for i := range sides {
			absent = absent && prep[i].targets[k].Absent
		}
		if absent {
			return fail("resource %q: it names a resource that is in no %s state of the plan", r, *state)
		}
	}
	for j, p := range principals {
		absent := true
		for i := range sides {
			absent = absent && prep[i].subs[j].Absent
		}
		if absent {
			return fail("principal %q: no user or role with this address in the %s state of the plan", p, *state)
		}
	}
	pf.writeNotice(stdout, stderr, *format)
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	// An answer that is `error` because of the question itself (an unknown
	// action, a resource of the wrong type: AC-5, RS-10) is an input error,
	// like a bad flag: every answer is still printed, and the status is 2.
	var questionErrs []string
	seenErr := map[string]bool{}
	// requestError records, once, an error in the question itself (AC-5,
	// RS-10, EV-14), not in a policy it uses.
	requestError := func(e *evaluator.DecideError) {
		if e.InRequest() && !seenErr[e.Message] {
			seenErr[e.Message] = true
			questionErrs = append(questionErrs, e.Message)
		}
	}
	loc := pf.locator()
	for j := range principals {
		for _, act := range actions {
			for k := range resources {
				for i, s := range sides {
					if *anyContext {
						qa := s.DecideAnyContext(prep[i].subs[j], act, prep[i].targets[k], ctx)
						requestError(qa.Q.First.Error) // the first context's error is the outcome's (Quantify stops there)
						js := qa.JSON()
						srcs := report.AnswerSources(js.Principal, nil, loc)
						if *format == "json" {
							if err := enc.Encode(struct {
								analysis.QuantifiedJSON
								Sources []report.Sourced `json:"sources,omitempty"`
							}{js, srcs}); err != nil {
								return fail("%v", err)
							}
						} else {
							fmt.Fprint(stdout, qa.Text())
							_ = report.WriteAnswerSources(stdout, srcs)
						}
						continue
					}
					ans := s.Decide(prep[i].subs[j], act, prep[i].targets[k], ctx)
					requestError(ans.Result.Error)
					js := ans.JSON()
					srcs := report.AnswerSources(js.Principal, js.MatchedStatements, loc)
					if *format == "json" {
						if err := enc.Encode(struct {
							analysis.AnswerJSON
							Sources []report.Sourced `json:"sources,omitempty"`
						}{js, srcs}); err != nil {
							return fail("%v", err)
						}
					} else {
						fmt.Fprint(stdout, ans.Text())
						_ = report.WriteAnswerSources(stdout, srcs)
					}
				}
			}
		}
	}
	for _, inv := range a.InvalidPolicies() {
		fmt.Fprintf(stderr, "planscan query: warning: %s (%s) is an invalid %s policy: %s; the apply would fail, so decisions that depend on it are unknown (PT-11)\n", inv.Name, inv.Side, inv.Type, inv.Summary())
	}
	if len(questionErrs) > 0 {
		for _, e := range questionErrs {
			fmt.Fprintf(stderr, "planscan query: invalid question: %s\n", e)
		}
		return exitUsage
	}
	return exitOK
}
