package analysis

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/zclconf/go-cty/cty"
)

// Config is a planscan.hcl file: the assertions and policy of the CI gate.
//
//	trusted_accounts = ["444455556666"]
//	fail_on_unknown  = false
//
//	assert "web reads assets" {
//	  principals = [aws_iam_role.web]                  # addresses or ARNs
//	  actions    = ["s3:GetObject"]
//	  resources  = ["${aws_s3_bucket.assets.arn}/*"]   # references resolve in the plan
//	  context    = { "aws:SecureTransport" = "true" }
//	  expect     = "allowed"                           # allowed, denied, explicitDeny, implicitDeny, possible
//	}
//	only "deployers pass roles" {
//	  principals = [aws_iam_role.deployer, aws_iam_group.ops]  # a group: its members
//	  actions    = ["iam:PassRole"]
//	  resources  = ["*"]           # every resource; literal("*") is the request resource *
//	}
//	deny_new "no new permissions management" {
//	  access_levels = ["Permissions management"]
//	  actions       = ["iam:*"]
//	}
//	severity "unknown-account" { level = "error" }
//	suppress {
//	  finding   = "public-access"
//	  address   = "aws_s3_bucket_policy.site"
//	  reason    = "static website"
//	}
type Config struct {
	File            string
	TrustedAccounts []string
	FailOnUnknown   bool
	Asserts         []ConfigAssert
	Only            []ConfigOnly
	DenyNew         []ConfigDenyNew
	// Severities maps a rule (finding kind or block kind) to a level.
	Severities   map[string]Level
	Suppressions []ConfigSuppression
}

// ConfigAssert is an assert block.
type ConfigAssert struct {
	Name       string
	Pos        string // file:line:col
	Principals []string
	Actions    []string
	Resources  []string
	Context    map[string][]string
	Expect     string
	State      string // before, after (default) or both
}

// ConfigOnly is an only block: only these principals may perform the
// actions on the resources.
type ConfigOnly struct {
	Name       string
	Pos        string
	Principals []string
	Actions    []string
	Resources  []string
}

// ConfigDenyNew is a deny_new block: the plan must not grant any principal
// new access at these levels or to these actions.
type ConfigDenyNew struct {
	Name         string
	Pos          string
	AccessLevels []string
	Actions      []string // patterns (service:Action globs)
	Principals   []string // optional filter: addresses (a group: its members)
	Resources    []string // optional filter: resource patterns, as in assert
}

// ConfigSuppression silences matching results, with a reason.
type ConfigSuppression struct {
	Pos       string
	Finding   string
	Principal string
	Address   string
	Resource  string
	Reason    string
	// Expires is the last day (UTC) the suppression applies; zero: never
	// expires. An expired suppression silences nothing and is reported.
	Expires time.Time
	// Inline: a planscan:ignore comment of the .tf source, not a block.
	Inline bool
}

// SupportedExpectations are the assert expect values: evaluated over every
// context the assert does not pin (possible: allowed for some context).
func SupportedExpectations() []string { return evaluator.SupportedContextExpectations() }

// ConfigError lists the problems of a config file, each with file:line:col.
type ConfigError struct{ Diags hcl.Diagnostics }

func (e *ConfigError) Error() string {
	var lines []string
	for _, d := range e.Diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		pos := ""
		if d.Subject != nil {
			pos = fmt.Sprintf("%s:%d:%d: ", d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column)
		}
		msg := d.Summary
		if d.Detail != "" {
			msg += ": " + d.Detail
		}
		lines = append(lines, pos+msg)
	}
	return strings.Join(lines, "\n")
}

// LoadConfig reads and parses a config file.
func LoadConfig(path string) (*Config, error) {
	src, err := readConfigFile(path)
	if err != nil {
		return nil, err
	}
	return ParseConfig(path, src)
}

var configSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "trusted_accounts"}, {Name: "fail_on_unknown"}},
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "assert", LabelNames: []string{"name"}},
		{Type: "only", LabelNames: []string{"name"}},
		{Type: "deny_new", LabelNames: []string{"name"}},
		{Type: "severity", LabelNames: []string{"rule"}},
		{Type: "suppress"},
	},
}

// ParseConfig parses config text. Errors carry file:line:col.
func ParseConfig(filename string, src []byte) (*Config, error) {
	if err := checkConfigLimits(filename, src); err != nil {
		return nil, err
	}
	f, diags := hclsyntax.ParseConfig(src, filename, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, &ConfigError{diags}
	}
	content, diags := f.Body.Content(configSchema)
	if diags.HasErrors() {
		return nil, &ConfigError{diags}
	}
	p := &configParser{}
	c := &Config{File: filename, Severities: map[string]Level{}}
	if a := content.Attributes["trusted_accounts"]; a != nil {
		c.TrustedAccounts = p.strings(a.Expr)
		for _, acct := range c.TrustedAccounts {
			if !evaluator.IsAccountID(acct) {
				p.errorf(a.Expr.Range(), "trusted_accounts: %q is not a 12-digit account id", acct)
			}
		}
	}
	if a := content.Attributes["fail_on_unknown"]; a != nil {
		v, d := a.Expr.Value(nil)
		p.diags = append(p.diags, d...)
		if !d.HasErrors() {
			if v.Type() != cty.Bool || v.IsNull() {
				p.errorf(a.Expr.Range(), "fail_on_unknown must be true or false")
			} else {
				c.FailOnUnknown = v.True()
			}
		}
	}
	names := map[string]hcl.Range{}
	for _, b := range content.Blocks {
		pos := posOf(b.DefRange)
		if len(b.Labels) > 0 && b.Type != "severity" {
			key := b.Type + " " + b.Labels[0]
			if prev, dup := names[key]; dup {
				p.errorf(b.LabelRanges[0], "duplicate %s block %q (first at %s)", b.Type, b.Labels[0], posOf(prev))
			}
			names[key] = b.DefRange
		}
		switch b.Type {
		case "assert":
			attrs := p.attrs(b.Body, []string{"principals", "actions", "resources", "expect"}, []string{"context", "state", "description"})
			a := ConfigAssert{Name: b.Labels[0], Pos: pos, State: "after"}
			a.Principals = p.principals(attrs["principals"])
			a.Actions = p.strings(attrs["actions"])
			a.Resources = p.refs(attrs["resources"])
			a.Expect = p.oneOf(attrs["expect"], "expect", SupportedExpectations())
			if e := attrs["context"]; e != nil {
				a.Context = p.contextMap(e)
			}
			if e := attrs["state"]; e != nil {
				a.State = p.oneOf(e, "state", []string{"before", "after", "both"})
			}
			c.Asserts = append(c.Asserts, a)
		case "only":
			attrs := p.attrs(b.Body, []string{"principals", "actions", "resources"}, []string{"description"})
			c.Only = append(c.Only, ConfigOnly{Name: b.Labels[0], Pos: pos,
				Principals: p.principals(attrs["principals"]), Actions: p.strings(attrs["actions"]), Resources: p.refs(attrs["resources"])})
		case "deny_new":
			attrs := p.attrs(b.Body, nil, []string{"access_levels", "actions", "principals", "resources", "description"})
			d := ConfigDenyNew{Name: b.Labels[0], Pos: pos}
			if e := attrs["access_levels"]; e != nil {
				for _, l := range p.strings(e) {
					lv, err := parseLevelName(l)
					if err != nil {
						p.errorf(e.Range(), "access_levels: %v", err)
						continue
					}
					d.AccessLevels = append(d.AccessLevels, lv)
				}
			}
			if e := attrs["actions"]; e != nil {
				d.Actions = p.strings(e)
			}
			if e := attrs["principals"]; e != nil {
				d.Principals = p.principals(e)
			}
			if e := attrs["resources"]; e != nil {
				d.Resources = p.refs(e)
			}
			if len(d.AccessLevels) == 0 && len(d.Actions) == 0 {
				p.errorf(b.DefRange, "deny_new %q needs access_levels or actions", d.Name)
			}
			c.DenyNew = append(c.DenyNew, d)
		case "severity":
			attrs := p.attrs(b.Body, []string{"level"}, nil)
			c.Severities[b.Labels[0]] = Level(p.oneOf(attrs["level"], "level", SupportedLevels()))
		case "suppress":
			attrs := p.attrs(b.Body, []string{"finding", "reason"}, []string{"principal", "address", "resource", "expires"})
			s := ConfigSuppression{Pos: pos, Finding: p.str(attrs["finding"]), Reason: p.str(attrs["reason"])}
			if e := attrs["principal"]; e != nil {
				s.Principal = p.str(e)
			}
			if e := attrs["address"]; e != nil {
				s.Address = p.str(e)
			}
			if e := attrs["resource"]; e != nil {
				s.Resource = p.str(e)
			}
			if strings.TrimSpace(s.Reason) == "" && attrs["reason"] != nil {
				p.errorf(attrs["reason"].Range(), "a suppression needs a reason")
			}
			if e := attrs["expires"]; e != nil {
				s.Expires = p.date(e, "expires")
			}
			c.Suppressions = append(c.Suppressions, s)
		}
	}
	if p.diags.HasErrors() {
		return nil, &ConfigError{p.diags}
	}
	return c, nil
}

func posOf(r hcl.Range) string {
	return fmt.Sprintf("%s:%d:%d", r.Filename, r.Start.Line, r.Start.Column)
}

// parseLevelName accepts the access levels (case-insensitive).
func parseLevelName(s string) (string, error) {
	for _, l := range []string{"List", "Read", "Write", "Permissions management", "Tagging"} {
		if strings.EqualFold(s, l) {
			return l, nil
		}
	}
	return "", fmt.Errorf("unknown access level %q (want List, Read, Write, Permissions management or Tagging)", s)
}

type configParser struct{ diags hcl.Diagnostics }

func (p *configParser) errorf(r hcl.Range, format string, args ...any) {
	rr := r
	p.diags = append(p.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: fmt.Sprintf(format, args...), Subject: &rr})
}

// attrs reads a block's attributes (no nested blocks).
func (p *configParser) attrs(body hcl.Body, required, optional []string) map[string]hcl.Expression {
	schema := &hcl.BodySchema{}
	for _, n := range required {
		schema.Attributes = append(schema.Attributes, hcl.AttributeSchema{Name: n, Required: true})
	}
	for _, n := range optional {
		schema.Attributes = append(schema.Attributes, hcl.AttributeSchema{Name: n})
	}
	content, diags := body.Content(schema)
	p.diags = append(p.diags, diags...)
	out := map[string]hcl.Expression{}
	if content != nil {
		for n, a := range content.Attributes {
			out[n] = a.Expr
		}
	}
	return out
}

// text renders an expression as a string: literals as they are, and
// references (aws_iam_role.web.arn, "${aws_s3_bucket.b.arn}/*") as
// ${address.attribute} text that the plan resolves later. A bare
// reference to a resource (aws_iam_role.web) renders as its address.
func (p *configParser) text(e hcl.Expression, bare bool) (string, bool) {
	switch x := e.(type) {
	case *hclsyntax.ScopeTraversalExpr:
		s := traversalString(x.Traversal)
		if bare {
			return s, true
		}
		return "${" + s + "}", true
	case *hclsyntax.TemplateWrapExpr:
		return p.text(x.Wrapped, false)
	case *hclsyntax.TemplateExpr:
		var b strings.Builder
		for _, part := range x.Parts {
			s, ok := p.text(part, false)
			if !ok {
				return "", false
			}
			b.WriteString(s)
		}
		return b.String(), true
	case *hclsyntax.LiteralValueExpr:
		if x.Val.Type() == cty.String && !x.Val.IsNull() {
			return x.Val.AsString(), true
		}
		if x.Val.Type() == cty.Number && !x.Val.IsNull() {
			return x.Val.AsBigFloat().Text('f', -1), true
		}
		if x.Val.Type() == cty.Bool && !x.Val.IsNull() {
			if x.Val.True() {
				return "true", true
			}
			return "false", true
		}
	}
	p.errorf(e.Range(), "want a string, a resource reference or a template of them")
	return "", false
}

func traversalString(t hcl.Traversal) string {
	var b strings.Builder
	for i, step := range t {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			b.WriteString(s.Name)
		case hcl.TraverseAttr:
			b.WriteString("." + s.Name)
		case hcl.TraverseIndex:
			if s.Key.Type() == cty.String {
				fmt.Fprintf(&b, "[%q]", s.Key.AsString())
			} else if s.Key.Type() == cty.Number {
				fmt.Fprintf(&b, "[%s]", s.Key.AsBigFloat().Text('f', -1))
			}
		case hcl.TraverseSplat:
			b.WriteString("[*]")
		default:
			_ = i
		}
	}
	return b.String()
}

func (p *configParser) str(e hcl.Expression) string {
	if e == nil {
		return ""
	}
	s, _ := p.text(e, true)
	return s
}

// strings reads a list of strings (or references); a single string is a
// list of one.
func (p *configParser) strings(e hcl.Expression) []string { return p.list(e, true) }

// principals reads a principals list and checks the forms that name
// principals outside the plan ("account:ID", "organization:o-...",
// "ou:...") where they are written.
func (p *configParser) principals(e hcl.Expression) []string {
	out := p.strings(e)
	elems := []hcl.Expression{e}
	if t, ok := e.(*hclsyntax.TupleConsExpr); ok && len(t.Exprs) == len(out) {
		elems = elems[:0]
		for _, x := range t.Exprs {
			elems = append(elems, x)
		}
	}
	for i, ref := range out {
		_, _, err := externalPrincipal(ref)
		if _, ok, oerr := parseOrgPrincipal(ref); ok {
			err = oerr
		}
		if err != nil {
			p.errorf(elems[min(i, len(elems)-1)].Range(), "%v", err)
		}
	}
	return out
}

// refs reads a list of resources: a bare reference is a ${...} value.
func (p *configParser) refs(e hcl.Expression) []string { return p.list(e, false) }

func (p *configParser) list(e hcl.Expression, bare bool) []string {
	if e == nil {
		return nil
	}
	var out []string
	item := func(el hcl.Expression) (string, bool) {
		if call, ok := el.(*hclsyntax.FunctionCallExpr); ok && !bare {
			return p.literal(call)
		}
		return p.text(el, bare)
	}
	switch x := e.(type) {
	case *hclsyntax.TupleConsExpr:
		for _, el := range x.Exprs {
			if s, ok := item(el); ok {
				out = append(out, s)
			}
		}
		if len(out) == 0 && len(x.Exprs) == 0 {
			p.errorf(e.Range(), "the list is empty")
		}
	default:
		if s, ok := item(e); ok {
			out = append(out, s)
		}
	}
	return out
}

// literal reads literal("*") in a resource list: the entry is the request
// resource as written (RS-0), not a pattern over resources. It renders as
// written, which no ARN or pattern can be.
func (p *configParser) literal(call *hclsyntax.FunctionCallExpr) (string, bool) {
	if call.Name != "literal" || len(call.Args) != 1 {
		p.errorf(call.Range(), "want literal(\"...\"), the only function a resource list takes")
		return "", false
	}
	s, ok := p.text(call.Args[0], false)
	if !ok {
		return "", false
	}
	return "literal(" + strconv.Quote(s) + ")", true
}

func (p *configParser) oneOf(e hcl.Expression, name string, allowed []string) string {
	if e == nil {
		return ""
	}
	s := p.str(e)
	for _, a := range allowed {
		if s == a {
			return s
		}
	}
	p.errorf(e.Range(), "%s = %q: want one of %s", name, s, strings.Join(allowed, ", "))
	return s
}

// contextMap reads { key = value } or { key = [values] }.
func (p *configParser) contextMap(e hcl.Expression) map[string][]string {
	x, ok := e.(*hclsyntax.ObjectConsExpr)
	if !ok {
		p.errorf(e.Range(), "context must be an object such as { \"aws:SourceIp\" = \"10.0.0.1\" }")
		return nil
	}
	out := map[string][]string{}
	for _, item := range x.Items {
		var key string
		if k, ok := item.KeyExpr.(*hclsyntax.ObjectConsKeyExpr); ok {
			if t, ok := k.Wrapped.(*hclsyntax.ScopeTraversalExpr); ok && len(t.Traversal) == 1 {
				key = t.Traversal.RootName()
			} else {
				key, _ = p.text(k.Wrapped, true)
			}
		} else {
			key, _ = p.text(item.KeyExpr, true)
		}
		if key == "" {
			p.errorf(item.KeyExpr.Range(), "empty context key")
			continue
		}
		out[key] = append(out[key], p.strings(item.ValueExpr)...)
	}
	return out
}

// ContextPairs renders an assert's context as key=value pairs.
func (a *ConfigAssert) ContextPairs() []string {
	keys := make([]string, 0, len(a.Context))
	for k := range a.Context {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []string
	for _, k := range keys {
		for _, v := range a.Context[k] {
			out = append(out, k+"="+v)
		}
	}
	return out
}

// date reads a YYYY-MM-DD date.
func (p *configParser) date(e hcl.Expression, name string) time.Time {
	s := p.str(e)
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		p.errorf(e.Range(), "%s = %q: want a date such as 2027-03-31", name, s)
	}
	return d
}
