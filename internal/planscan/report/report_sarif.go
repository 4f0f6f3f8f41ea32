package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/analysis"
	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
)

// SARIF 2.1.0 (OASIS), written with github.com/owenrumney/go-sarif/v3.
// Results point at locate's file and line, with the Terraform address as a
// logical location; suppressed results carry SARIF suppressions; the
// partial fingerprint lets code scanning follow a result across runs.

var ruleDescriptions = map[string]string{
	"assert":                    "An assertion of the planscan config file",
	"only":                      "Only the listed principals may perform these actions",
	"deny_new":                  "The plan must not grant new access of these kinds",
	"iamsim_assertion":          "An iamsim_assertion resource of the plan",
	"admin-equivalent":          "A principal can do everything (or can grant itself everything)",
	"privilege-escalation":      "A principal can raise its own privileges",
	"assume-chain":              "A principal can assume a role that is admin-equivalent or can escalate",
	"public-access":             "A resource or trust policy is open to anyone",
	"shared-access":             "A resource or trust policy is shared outside its account, not publicly",
	"unknown-account":           "A resource or trust policy grants an account outside the plan and the allow-list",
	"invalid-policy":            "A policy IAM would reject: the apply would fail (PT-11)",
	"plan-error":                "The plan holds a value the apply would reject",
	"access-gained":             "A principal gains access",
	"access-lost":               "A principal loses access",
	"access-unknown":            "A definite decision becomes unknown (PT-8)",
	"access-resolved":           "An unknown decision becomes definite (PT-8)",
	"unknown-policy":            "A policy is known only after apply",
	"possible-admin-equivalent": "A principal may be admin-equivalent (depends on unknown values)",
	"expired-suppression":       "A suppress block of the config file or a planscan:ignore comment is past its expires date",
	"escalation-path":           "A principal can reach admin-equivalent access in several steps",
	"errored-plan":              "The plan is errored: results may be incomplete",
}

// RuleDescription is a rule's one-line description (the rule id when it
// has none).
func RuleDescription(id string) string {
	if d := ruleDescriptions[id]; d != "" {
		return d
	}
	return id
}

// fingerprintKey names planscan's fingerprint in SARIF partialFingerprints.
const fingerprintKey = "planscan/v1"

func sarifKind(s analysis.Status) string {
	switch s {
	case analysis.StatusPass:
		return "pass"
	case analysis.StatusUnknown:
		return "review"
	}
	return "fail"
}

// buildSARIF builds the SARIF log of results.
func buildSARIF(results []analysis.CheckResult, failOnUnknown bool, o ReportOptions) *sarif.Report {
	name := "planscan"
	run := sarif.NewRun()
	run.Tool = sarif.NewTool()
	run.Tool.Driver = sarif.NewToolComponent()
	run.Tool.Driver.Name = &name
	if o.Version != "" {
		run.Tool.Driver.WithVersion(o.Version)
	}
	ids := []string{}
	seen := map[string]bool{}
	for _, r := range results {
		if !seen[r.Rule] {
			seen[r.Rule] = true
			ids = append(ids, r.Rule)
		}
	}
	sort.Strings(ids)
	ruleIdx := map[string]int{}
	for i, id := range ids {
		ruleIdx[id] = i
		run.AddRule(id).WithShortDescription(sarif.NewMultiformatMessageString().WithText(RuleDescription(id)))
	}
	for i := range results {
		r := &results[i]
		sr := sarif.NewResult().WithRuleID(r.Rule).WithRuleIndex(ruleIdx[r.Rule]).
			WithKind(sarifKind(r.Status)).WithLevel(effectiveLevel(r, failOnUnknown)).
			WithMessage(sarif.NewTextMessage(r.Message))
		sr.PartialFingerprints = map[string]string{fingerprintKey: fingerprint(r)}
		loc := sarif.NewLocation()
		if l := locate(r, o); l.Path != "" {
			loc.WithPhysicalLocation(sarifPhysical(l))
		}
		if r.Address != "" {
			loc.WithLogicalLocations([]*sarif.LogicalLocation{sarif.NewLogicalLocation().WithFullyQualifiedName(r.Address).WithKind("resource")})
		}
		if loc.PhysicalLocation != nil || len(loc.LogicalLocations) > 0 {
			sr.AddLocation(loc)
		}
		if _, ok := sourceOf(r, o); ok {
			// The config block that asked, beside the .tf block that answers.
			if path, line, ok := splitPos(r.ConfigPos); ok {
				sr.AddRelatedLocation(sarif.NewLocation().WithPhysicalLocation(sarifPhysical(Location{Path: path, Line: line})))
			}
		}
		if r.Status == analysis.StatusSuppressed {
			sr.WithKind("fail")
			sp := sarif.NewSuppression().WithKind("external").WithStatus("accepted").WithJustification(r.Suppressed)
			if l, ok := sourcePos(r.SuppressedAt, o); ok {
				// A planscan:ignore comment of the .tf source.
				sp.WithKind("inSource").WithLocation(sarif.NewLocation().WithPhysicalLocation(sarifPhysical(l)))
			}
			sr.AddSuppression(sp)
		}
		props := sarif.NewPropertyBag()
		if r.Principal != "" {
			props.Add("principal", r.Principal)
		}
		if r.PreExisting {
			props.Add("preExisting", true)
		}
		if r.Decision != "" {
			props.Add("decision", r.Decision)
		}
		if len(r.DependsOn) > 0 {
			props.Add("dependsOn", r.DependsOn)
		}
		if len(r.Path) > 0 {
			props.Add("escalationPath", r.Path)
		}
		if len(props.Properties) > 0 {
			sr.WithProperties(props)
		}
		run.AddResult(sr)
	}
	log := sarif.NewReport()
	log.Schema = sarifSchema
	log.AddRun(run)
	return log
}

// sarifPhysical is a physical location: the file and, when known, the
// region (a .tf location: the block header, from its first column to its
// last, so code scanning annotates the resource line itself).
func sarifPhysical(l Location) *sarif.PhysicalLocation {
	pl := sarif.NewPhysicalLocation().WithArtifactLocation(sarif.NewSimpleArtifactLocation(l.Path))
	if l.Line > 0 {
		rg := sarif.NewRegion().WithStartLine(l.Line)
		if l.Column > 0 {
			rg.WithStartColumn(l.Column)
		}
		if l.EndLine >= l.Line {
			rg.WithEndLine(l.EndLine)
			if l.EndColumn > 0 {
				rg.WithEndColumn(l.EndColumn)
			}
		}
		pl.WithRegion(rg)
	}
	return pl
}

const sarifSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

func writeSARIF(w io.Writer, results []analysis.CheckResult, failOnUnknown bool, o ReportOptions) error {
	var buf bytes.Buffer
	if err := buildSARIF(results, failOnUnknown, o).Write(&buf); err != nil {
		return err
	}
	dec := json.NewDecoder(&buf)
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifTidy(doc))
}

// sarifDefaults are properties go-sarif writes with the value the SARIF
// specification defines as their default; leaving them out changes
// nothing for a reader and keeps the log short.
var sarifDefaults = map[string]string{
	"index": "-1", "id": "-1", "parentIndex": "-1", "byteOffset": "-1", "charOffset": "-1", "rank": "-1",
	"language": `"en-US"`, "newlineSequences": `["\r\n","\n"]`,
	"contents": `["localizedData","nonLocalizedData"]`, "isComprehensive": "false",
}

// sarifKeep are arrays kept when empty: a run's results and a driver's rules.
var sarifKeep = map[string]bool{"results": true, "rules": true}

// sarifTidy drops empty arrays and objects and properties at their
// default value.
func sarifTidy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if d, ok := sarifDefaults[k]; ok {
				if b, _ := json.Marshal(e); string(b) == d {
					delete(x, k)
					continue
				}
			}
			if a, ok := e.([]any); ok && len(a) == 0 && !sarifKeep[k] {
				delete(x, k)
				continue
			}
			if m, ok := e.(map[string]any); ok && len(m) == 0 {
				delete(x, k)
				continue
			}
			x[k] = sarifTidy(e)
		}
	case []any:
		for i := range x {
			x[i] = sarifTidy(x[i])
		}
	}
	return v
}

// JUnit XML (the common Ant/Jenkins dialect): a suite per rule, a test case
// per result; failures for failed results, skipped for unknown and
// suppressed ones.

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

func writeJUnit(w io.Writer, results []analysis.CheckResult, name string, o ReportOptions) error {
	bySuite := map[string]*junitSuite{}
	var order []string
	all := junitSuites{Name: name}
	for _, r := range results {
		s := bySuite[r.Rule]
		if s == nil {
			s = &junitSuite{Name: r.Rule}
			bySuite[r.Rule] = s
			order = append(order, r.Rule)
		}
		cname := r.Name
		if r.Principal != "" && !strings.Contains(cname, r.Principal) {
			cname += " [" + r.Principal + "]"
		}
		c := junitCase{Name: cname, Classname: "planscan." + r.Rule}
		if l, ok := sourceOf(&r, o); ok {
			c.File, c.Line = l.Path, l.Line
		}
		switch {
		case r.Status == analysis.StatusFail && r.Level == analysis.LevelError:
			c.Failure = &junitFailure{Message: r.Message, Type: r.Rule, Text: junitText(r)}
			s.Failures++
			all.Failures++
		case r.Status == analysis.StatusFail:
			c.SystemOut = string(r.Level) + ": " + r.Message
		case r.Status == analysis.StatusUnknown:
			c.Skipped = &junitSkipped{Message: "unknown: " + r.Message}
			s.Skipped++
			all.Skipped++
		case r.Status == analysis.StatusSuppressed:
			c.Skipped = &junitSkipped{Message: "suppressed: " + r.Suppressed}
			s.Skipped++
			all.Skipped++
		}
		s.Tests++
		all.Tests++
		s.Cases = append(s.Cases, c)
	}
	sort.Strings(order)
	for _, k := range order {
		all.Suites = append(all.Suites, *bySuite[k])
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(all); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w)
	return err
}

func junitText(r analysis.CheckResult) string {
	var b strings.Builder
	b.WriteString(r.Message)
	if r.Address != "" {
		b.WriteString("\naddress: " + r.Address)
	}
	if r.Decision != "" {
		b.WriteString("\ndecision: " + r.Decision)
	}
	if len(r.DependsOn) > 0 {
		b.WriteString("\ndepends on: " + strings.Join(r.DependsOn, ", "))
	}
	return b.String()
}
