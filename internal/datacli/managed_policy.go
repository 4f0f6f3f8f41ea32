package datacli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/iamdata"
)

// maxSuggestions bounds the names SuggestManagedPolicies returns.
const maxSuggestions = 10

// SuggestManagedPolicies returns managed policy names close to ref (a name,
// path/name or ARN that was not found): the same name in another case or
// with another path first, then names with ref's name as a case-insensitive
// prefix, then names containing it; at most 10, sorted within each group.
func SuggestManagedPolicies(cat *iamdata.Catalog, ref string) []string {
	name := ref
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	if i := strings.LastIndexByte(name, ':'); i >= 0 {
		name = name[i+1:]
	}
	lname := strings.ToLower(name)
	if lname == "" {
		return nil
	}
	var exact, prefix, contains []string
	for _, n := range cat.ManagedPolicyNames() {
		ln := strings.ToLower(n)
		switch {
		case ln == lname:
			exact = append(exact, n)
		case strings.HasPrefix(ln, lname):
			prefix = append(prefix, n)
		case strings.Contains(ln, lname):
			contains = append(contains, n)
		}
	}
	out := slices.Concat(exact, prefix, contains)
	if len(out) > maxSuggestions {
		out = out[:maxSuggestions]
	}
	return out
}

// managedPolicyJSON is the --format json shape of planscan managed-policy.
type managedPolicyJSON struct {
	ARN      string          `json:"arn"`
	Name     string          `json:"name"`
	Path     string          `json:"path"`
	Version  string          `json:"version"`
	Document json.RawMessage `json:"document"`
}

// WriteManagedPolicy writes the policy document as indented JSON (text) or
// the object {arn, name, path, version, document} (json).
func WriteManagedPolicy(w io.Writer, format string, p iamdata.ManagedPolicyDoc) error {
	var buf bytes.Buffer
	switch format {
	case FormatText:
		if err := json.Indent(&buf, p.Document, "", "  "); err != nil {
			return fmt.Errorf("managed policy %s: %w", p.Name, err)
		}
		buf.WriteByte('\n')
	case FormatJSON:
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		v := managedPolicyJSON{ARN: p.ARN, Name: p.Name, Path: p.Path, Version: p.Version, Document: p.Document}
		if err := enc.Encode(v); err != nil {
			return fmt.Errorf("managed policy %s: %w", p.Name, err)
		}
	default:
		return CheckFormat(format)
	}
	_, err := w.Write(buf.Bytes())
	return err
}
