package report

// planscan graph (issue 10): the principal graph of one side as a Mermaid
// flowchart (the drawing of Markdown reports: report_escalation.go), a
// Graphviz DOT digraph, or JSON (doc/planscan/schemas/graph.schema.json).

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/analysis"
)

// GraphFormats are the formats of planscan graph.
var GraphFormats = []string{"mermaid", "dot", "json"}

// WriteGraph renders a principal graph.
func WriteGraph(w io.Writer, g *analysis.PrincipalGraph, format string) error {
	switch format {
	case "mermaid", "":
		_, err := io.WriteString(w, graphMermaid(g))
		return err
	case "dot":
		_, err := io.WriteString(w, graphDOT(g))
		return err
	case "json":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(g)
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(GraphFormats, ", "))
}

// edgeLabel is the technique and, when the edge needs them, its
// conditions or the values known only after apply it depends on.
func edgeLabel(e *analysis.EscalationStep) string {
	l := e.Technique
	if e.Conditions != "" {
		l += " when " + e.Conditions
	}
	if e.Status == analysis.StatusUnknown && len(e.DependsOn) > 0 {
		l += " (unknown: " + strings.Join(e.DependsOn, ", ") + ")"
	}
	return l
}

// nodeLabel marks admin-equivalent nodes.
func nodeLabel(n *analysis.GraphNode) string {
	if n.AdminEquivalent && n.Kind != analysis.NodeAnyPermission {
		return n.ID + " (admin-equivalent)"
	}
	return n.ID
}

// graphMermaid: one flowchart; principals outside the plan are rounded,
// groups are parallelograms, admin-equivalent nodes double-framed; edges
// that need a value known only after apply are dashed.
func graphMermaid(g *analysis.PrincipalGraph) string {
	var b strings.Builder
	b.WriteString("flowchart LR\n")
	ids := map[string]string{}
	for i := range g.Nodes {
		n := &g.Nodes[i]
		id := fmt.Sprintf("n%d", i)
		ids[n.ID] = id
		open, closing := "[\"", "\"]"
		switch {
		case n.Kind == analysis.NodeExternal:
			open, closing = "([\"", "\"])"
		case n.Kind == analysis.NodeGroup:
			open, closing = "[/\"", "\"/]"
		case n.AdminEquivalent:
			open, closing = "[[\"", "\"]]"
		}
		fmt.Fprintf(&b, "  %s%s%s%s\n", id, open, mermaidText(safeText(nodeLabel(n))), closing)
	}
	for i := range g.Edges {
		e := &g.Edges[i]
		arrow := "-->"
		if e.Status == analysis.StatusUnknown {
			arrow = "-.->"
		}
		fmt.Fprintf(&b, "  %s %s|%s| %s\n", ids[e.From], arrow, mermaidText(safeText(edgeLabel(e))), ids[e.To])
	}
	return b.String()
}

// graphDOT: a Graphviz digraph with the same shapes and line styles.
func graphDOT(g *analysis.PrincipalGraph) string {
	var b strings.Builder
	fmt.Fprintf(&b, "digraph principals {\n  label=%s;\n  rankdir=LR;\n  node [shape=box];\n", dotQuote("planscan graph, "+g.Side+" side"))
	for i := range g.Nodes {
		n := &g.Nodes[i]
		var attrs []string
		switch {
		case n.Kind == analysis.NodeExternal:
			attrs = append(attrs, "shape=ellipse")
		case n.Kind == analysis.NodeGroup:
			attrs = append(attrs, "shape=parallelogram")
		case n.AdminEquivalent:
			attrs = append(attrs, "peripheries=2")
		}
		if n.ARN != "" {
			attrs = append(attrs, "tooltip="+dotQuote(n.ARN))
		}
		sort.Strings(attrs)
		fmt.Fprintf(&b, "  %s [label=%s%s];\n", dotQuote(n.ID), dotQuote(nodeLabel(n)), prefixed(", ", attrs))
	}
	for i := range g.Edges {
		e := &g.Edges[i]
		style := ""
		if e.Status == analysis.StatusUnknown {
			style = ", style=dashed"
		}
		fmt.Fprintf(&b, "  %s -> %s [label=%s%s];\n", dotQuote(e.From), dotQuote(e.To), dotQuote(edgeLabel(e)), style)
	}
	b.WriteString("}\n")
	return b.String()
}

func prefixed(sep string, l []string) string {
	if len(l) == 0 {
		return ""
	}
	return sep + strings.Join(l, sep)
}

// dotQuote is a DOT double-quoted string: backslashes and quotes escaped,
// control characters escaped by safeText.
func dotQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(safeText(s)) + `"`
}
