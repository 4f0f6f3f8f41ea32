package tfconfig

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// Diagnostic is a problem in the configuration source, with the file and
// line it concerns (File is "" when it concerns no file).
type Diagnostic struct {
	File    string
	Line    int
	Summary string
}

func (d Diagnostic) String() string {
	switch {
	case d.File == "":
		return d.Summary
	case d.Line > 0:
		return fmt.Sprintf("%s:%d: %s", d.File, d.Line, d.Summary)
	}
	return d.File + ": " + d.Summary
}

func diagsOf(ds hcl.Diagnostics) []Diagnostic {
	var out []Diagnostic
	for _, d := range ds {
		if d.Severity != hcl.DiagError {
			continue
		}
		dg := Diagnostic{Summary: d.Summary}
		if d.Detail != "" {
			dg.Summary += ": " + d.Detail
		}
		if d.Subject != nil {
			dg.File, dg.Line = d.Subject.Filename, d.Subject.Start.Line
		}
		out = append(out, dg)
	}
	return out
}

// Config is the configuration source of a root module and its module calls.
type Config struct {
	Dir  string
	Root *Module
}

// Module is one module's source: its blocks by kind.
type Module struct {
	Dir       string
	Variables map[string]hcl.Expression // default values (nil when none)
	Locals    map[string]hcl.Expression
	Outputs   map[string]hcl.Expression
	Resources map[string]*Resource // "managed.type.name" or "data.type.name"
	Calls     map[string]*ModuleCall
	// Providers are the provider blocks by configuration key: "aws" or
	// "aws.ALIAS", as the plan's provider_config_key names them.
	Providers map[string]*Provider
}

// Provider is a provider block.
type Provider struct {
	Name, Alias string
	Body        hcl.Body
	Range       hcl.Range
}

// Resource is a resource or data block.
type Resource struct {
	Mode, Type, Name string
	Count, ForEach   hcl.Expression
	Body             hcl.Body
	Range            hcl.Range // the block header
	// Suppressions are the planscan:ignore comments of the block.
	Suppressions []Suppression
}

// ModuleCall is a module block and the module it loads (nil when its
// source could not be found).
type ModuleCall struct {
	Name, Source   string
	Count, ForEach hcl.Expression
	Args           map[string]hcl.Expression
	Range          hcl.Range
	Module         *Module
}

var fileSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "terraform"}, {Type: "provider", LabelNames: []string{"name"}},
	{Type: "variable", LabelNames: []string{"name"}}, {Type: "locals"},
	{Type: "output", LabelNames: []string{"name"}}, {Type: "module", LabelNames: []string{"name"}},
	{Type: "resource", LabelNames: []string{"type", "name"}}, {Type: "data", LabelNames: []string{"type", "name"}},
	{Type: "moved"}, {Type: "import"}, {Type: "removed"}, {Type: "check", LabelNames: []string{"name"}},
	{Type: "ephemeral", LabelNames: []string{"type", "name"}},
}}

var (
	metaSchema  = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "count"}, {Name: "for_each"}}}
	varSchema   = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "default"}}}
	outSchema   = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "value"}}}
	aliasSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "alias"}}}
)

// maxModuleDepth bounds module nesting (and so source cycles).
const maxModuleDepth = 32

// Load reads the configuration source under dir. It returns nil when dir
// holds no .tf or .tf.json file. Problems (a file that does not parse, a
// module directory that is missing) are diagnostics with file and line;
// what could be read is still returned.
func Load(dir string) (*Config, []Diagnostic) {
	l := &loader{parser: hclparse.NewParser(), root: dir}
	l.readManifest()
	m := l.module(dir, "", 0)
	if m == nil {
		return nil, l.diags
	}
	return &Config{Dir: dir, Root: m}, l.diags
}

type loader struct {
	parser   *hclparse.Parser
	root     string
	manifest map[string]string // module key (a.b) -> directory
	diags    []Diagnostic
}

// readManifest reads .terraform/modules/modules.json (terraform init's map
// of module keys to directories), when present.
func (l *loader) readManifest() {
	p := filepath.Join(l.root, ".terraform", "modules", "modules.json")
	data, err := os.ReadFile(p)
	if err != nil {
		return
	}
	var mf struct {
		Modules []struct{ Key, Dir string } `json:"Modules"`
	}
	if err := json.Unmarshal(data, &mf); err != nil {
		l.diags = append(l.diags, Diagnostic{File: p, Summary: "cannot read the module manifest: " + err.Error()})
		return
	}
	l.manifest = map[string]string{}
	for _, m := range mf.Modules {
		l.manifest[m.Key] = m.Dir
	}
}

func sourceFiles(dir string) []string {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range ents {
		n := e.Name()
		if e.IsDir() || strings.HasPrefix(n, ".") || strings.HasSuffix(n, "~") {
			continue
		}
		if strings.HasSuffix(n, ".tf") || strings.HasSuffix(n, ".tf.json") {
			out = append(out, filepath.Join(dir, n))
		}
	}
	sort.Strings(out)
	return out
}

// module reads one module directory; key is its module key ("" for root).
func (l *loader) module(dir, key string, depth int) *Module {
	files := sourceFiles(dir)
	if len(files) == 0 {
		return nil
	}
	m := &Module{Dir: dir, Variables: map[string]hcl.Expression{}, Locals: map[string]hcl.Expression{},
		Outputs: map[string]hcl.Expression{}, Resources: map[string]*Resource{}, Calls: map[string]*ModuleCall{}, Providers: map[string]*Provider{}}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			l.diags = append(l.diags, Diagnostic{File: f, Summary: err.Error()})
			continue
		}
		var file *hcl.File
		var ds hcl.Diagnostics
		if strings.HasSuffix(f, ".json") {
			file, ds = l.parser.ParseJSON(src, f)
		} else {
			file, ds = l.parser.ParseHCL(src, f)
		}
		l.diags = append(l.diags, diagsOf(ds)...)
		if file == nil || file.Body == nil {
			continue
		}
		content, ds := file.Body.Content(fileSchema)
		l.diags = append(l.diags, diagsOf(ds)...)
		if content == nil {
			continue
		}
		var spans []span
		for _, b := range content.Blocks {
			if r := l.block(m, b, key, depth); r != nil {
				if body, ok := b.Body.(*hclsyntax.Body); ok {
					spans = append(spans, span{res: r, head: b.DefRange.Start.Line, last: body.SrcRange.End.Line})
				}
			}
		}
		if !strings.HasSuffix(f, ".json") {
			l.diags = append(l.diags, inlineSuppressions(src, f, spans)...)
		}
	}
	return m
}

// block reads one top-level block; it returns the resource of a resource
// or data block.
func (l *loader) block(m *Module, b *hcl.Block, key string, depth int) *Resource {
	switch b.Type {
	case "variable":
		c, _, _ := b.Body.PartialContent(varSchema)
		if a := c.Attributes["default"]; a != nil {
			m.Variables[b.Labels[0]] = a.Expr
		} else {
			m.Variables[b.Labels[0]] = nil
		}
	case "locals":
		as, ds := b.Body.JustAttributes()
		l.diags = append(l.diags, diagsOf(ds)...)
		for n, a := range as {
			m.Locals[n] = a.Expr
		}
	case "output":
		c, _, _ := b.Body.PartialContent(outSchema)
		if a := c.Attributes["value"]; a != nil {
			m.Outputs[b.Labels[0]] = a.Expr
		}
	case "resource", "data":
		mode := "managed"
		if b.Type == "data" {
			mode = "data"
		}
		r := &Resource{Mode: mode, Type: b.Labels[0], Name: b.Labels[1], Body: b.Body, Range: b.DefRange}
		if c, _, _ := b.Body.PartialContent(metaSchema); c != nil {
			r.Count, r.ForEach = attrExpr(c, "count"), attrExpr(c, "for_each")
		}
		m.Resources[mode+"."+r.Type+"."+r.Name] = r
		return r
	case "module":
		l.call(m, b, key, depth)
	case "provider":
		p := &Provider{Name: b.Labels[0], Body: b.Body, Range: b.DefRange}
		if c, _, _ := b.Body.PartialContent(aliasSchema); c != nil && c.Attributes["alias"] != nil {
			v, ds := c.Attributes["alias"].Expr.Value(nil)
			if ds.HasErrors() || v.Type() != cty.String || !v.IsKnown() || v.IsNull() {
				l.diags = append(l.diags, Diagnostic{File: b.DefRange.Filename, Line: b.DefRange.Start.Line, Summary: "provider " + p.Name + ": alias is not a literal string"})
				return nil
			}
			p.Alias = v.AsString()
		}
		k := p.Name
		if p.Alias != "" {
			k += "." + p.Alias
		}
		m.Providers[k] = p
	}
	return nil
}

func attrExpr(c *hcl.BodyContent, name string) hcl.Expression {
	if a := c.Attributes[name]; a != nil {
		return a.Expr
	}
	return nil
}

var callMeta = map[string]bool{"source": true, "version": true, "count": true, "for_each": true, "providers": true, "depends_on": true}

func (l *loader) call(m *Module, b *hcl.Block, parentKey string, depth int) {
	as, ds := b.Body.JustAttributes()
	l.diags = append(l.diags, diagsOf(ds)...)
	c := &ModuleCall{Name: b.Labels[0], Args: map[string]hcl.Expression{}, Range: b.DefRange}
	for n, a := range as {
		if !callMeta[n] {
			c.Args[n] = a.Expr
		}
	}
	if a := as["count"]; a != nil {
		c.Count = a.Expr
	}
	if a := as["for_each"]; a != nil {
		c.ForEach = a.Expr
	}
	m.Calls[c.Name] = c
	if a := as["source"]; a != nil {
		if v, d := a.Expr.Value(nil); !d.HasErrors() && v.IsKnown() && !v.IsNull() && v.Type().FriendlyName() == "string" {
			c.Source = v.AsString()
		}
	}
	key := c.Name
	if parentKey != "" {
		key = parentKey + "." + c.Name
	}
	if depth >= maxModuleDepth {
		l.diags = append(l.diags, Diagnostic{File: b.DefRange.Filename, Line: b.DefRange.Start.Line, Summary: "modules nested too deeply; not read"})
		return
	}
	var dir string
	switch {
	case strings.HasPrefix(c.Source, "./") || strings.HasPrefix(c.Source, "../"):
		dir = filepath.Join(m.Dir, filepath.FromSlash(c.Source))
	case l.manifest[key] != "":
		dir = l.manifest[key]
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(l.root, dir)
		}
	}
	if dir == "" {
		l.diags = append(l.diags, Diagnostic{File: b.DefRange.Filename, Line: b.DefRange.Start.Line,
			Summary: fmt.Sprintf("module %q: source %q is not installed under .terraform/modules (run terraform init); its policies stay as the plan has them", c.Name, c.Source)})
		return
	}
	c.Module = l.module(dir, key, depth+1)
	if c.Module == nil {
		l.diags = append(l.diags, Diagnostic{File: b.DefRange.Filename, Line: b.DefRange.Start.Line,
			Summary: fmt.Sprintf("module %q: no .tf files in %s; its policies stay as the plan has them", c.Name, dir)})
	}
}
