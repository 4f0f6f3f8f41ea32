package report

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/analysis"
)

// SARIF 2.1.0 (OASIS): the subset planscan writes. Required by the spec:
// sarifLog.version and runs; run.tool; tool.driver; driver.name;
// result.message; message.text (or id); reportingDescriptor.id.

const sarifSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID               string       `json:"id"`
	ShortDescription sarifMessage `json:"shortDescription"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID       string             `json:"ruleId"`
	RuleIndex    int                `json:"ruleIndex"`
	Kind         string             `json:"kind"`
	Level        string             `json:"level"`
	Message      sarifMessage       `json:"message"`
	Locations    []sarifLocation    `json:"locations,omitempty"`
	Suppressions []sarifSuppression `json:"suppressions,omitempty"`
	Properties   map[string]any     `json:"properties,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation *sarifPhysical       `json:"physicalLocation,omitempty"`
	LogicalLocations []sarifLogicalLocale `json:"logicalLocations,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifLogicalLocale struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification,omitempty"`
}

var ruleDescriptions = map[string]string{
	"assert":                    "An assertion of the planscan config file",
	"only":                      "Only the listed principals may perform these actions",
	"deny_new":                  "The plan must not grant new access of these kinds",
	"iamsim_assertion":          "An iamsim_assertion resource of the plan",
	"admin-equivalent":          "A principal can do everything (or can grant itself everything)",
	"privilege-escalation":      "A principal can raise its own privileges",
	"assume-chain":              "A principal can assume a role that is admin-equivalent or can escalate",
	"public-access":             "A resource or trust policy is open to anyone",
	"unknown-account":           "A resource or trust policy grants an account outside the plan and the allow-list",
	"invalid-policy":            "A policy IAM would reject: the apply would fail (PT-11)",
	"plan-error":                "The plan holds a value the apply would reject",
	"access-gained":             "A principal gains access",
	"access-lost":               "A principal loses access",
	"access-unknown":            "A definite decision becomes unknown (PT-8)",
	"access-resolved":           "An unknown decision becomes definite (PT-8)",
	"unknown-policy":            "A policy is known only after apply",
	"possible-admin-equivalent": "A principal may be admin-equivalent (depends on unknown values)",
}

func sarifKind(s analysis.Status) string {
	switch s {
	case analysis.StatusPass:
		return "pass"
	case analysis.StatusUnknown:
		return "review"
	}
	return "fail"
}

func writeSARIF(w io.Writer, results []analysis.CheckResult, o ReportOptions) error {
	ruleIdx := map[string]int{}
	var rules []sarifRule
	ids := make([]string, 0)
	for _, r := range results {
		if _, ok := ruleIdx[r.Rule]; !ok {
			ruleIdx[r.Rule] = -1
			ids = append(ids, r.Rule)
		}
	}
	sort.Strings(ids)
	for i, id := range ids {
		ruleIdx[id] = i
		desc := ruleDescriptions[id]
		if desc == "" {
			desc = id
		}
		rules = append(rules, sarifRule{ID: id, ShortDescription: sarifMessage{Text: desc}})
	}
	run := sarifRun{Tool: sarifTool{Driver: sarifDriver{Name: "planscan", Version: o.Version, Rules: rules}}, Results: []sarifResult{}}
	if run.Tool.Driver.Rules == nil {
		run.Tool.Driver.Rules = []sarifRule{}
	}
	for _, r := range results {
		level := string(r.Level)
		if r.Status == analysis.StatusPass {
			level = "none"
		}
		sr := sarifResult{RuleID: r.Rule, RuleIndex: ruleIdx[r.Rule], Kind: sarifKind(r.Status), Level: level, Message: sarifMessage{Text: r.Message}}
		loc := sarifLocation{}
		if o.Plan != "" {
			loc.PhysicalLocation = &sarifPhysical{ArtifactLocation: sarifArtifact{URI: o.Plan}}
		}
		if r.Address != "" {
			loc.LogicalLocations = []sarifLogicalLocale{{FullyQualifiedName: r.Address, Kind: "resource"}}
		}
		if loc.PhysicalLocation != nil || loc.LogicalLocations != nil {
			sr.Locations = []sarifLocation{loc}
		}
		if r.Status == analysis.StatusSuppressed {
			sr.Kind = "fail"
			sr.Suppressions = []sarifSuppression{{Kind: "external", Justification: r.Suppressed}}
		}
		props := map[string]any{}
		if r.Principal != "" {
			props["principal"] = r.Principal
		}
		if r.PreExisting {
			props["preExisting"] = true
		}
		if r.Decision != "" {
			props["decision"] = r.Decision
		}
		if len(r.DependsOn) > 0 {
			props["dependsOn"] = r.DependsOn
		}
		if len(r.Path) > 0 {
			props["escalationPath"] = r.Path
		}
		if len(props) > 0 {
			sr.Properties = props
		}
		run.Results = append(run.Results, sr)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{run}})
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
