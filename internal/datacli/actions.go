package datacli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/iamsim/terraform-provider-iamsim/internal/iamdata"
)

// Output formats of planscan actions and planscan managed-policy.
const (
	FormatText = "text"
	FormatJSON = "json"
)

// CheckFormat reports an error for a format other than text or json.
func CheckFormat(format string) error {
	if format != FormatText && format != FormatJSON {
		return fmt.Errorf("unknown format %q (want %s or %s)", format, FormatText, FormatJSON)
	}
	return nil
}

// ActionInfo describes one action for planscan actions.
type ActionInfo struct {
	Action        string              `json:"action"`
	AccessLevel   string              `json:"accessLevel"`
	ResourceTypes []ActionResourceRef `json:"resourceTypes"`
	WildcardOnly  bool                `json:"wildcardOnly"`
	ConditionKeys []string            `json:"conditionKeys"`
}

// ActionResourceRef is a resource type an action accepts, with its ARN formats.
type ActionResourceRef struct {
	Name       string   `json:"name"`
	ARNFormats []string `json:"arnFormats"`
	Required   bool     `json:"required"`
}

// DescribeActions expands each pattern (a case-insensitive glob, AC-1/AC-2)
// and describes the matching actions, each once, in the order the patterns
// first match them. unmatched lists the patterns that match no action.
func DescribeActions(cat *iamdata.Catalog, patterns []string) (infos []ActionInfo, unmatched []string) {
	seen := map[string]bool{}
	infos = []ActionInfo{}
	for _, p := range patterns {
		names := cat.ExpandActions(p)
		if len(names) == 0 {
			unmatched = append(unmatched, p)
			continue
		}
		for _, n := range names {
			if seen[n] {
				continue
			}
			seen[n] = true
			a, ok := cat.LookupAction(n)
			if !ok {
				continue
			}
			infos = append(infos, describe(cat, a))
		}
	}
	return infos, unmatched
}

func describe(cat *iamdata.Catalog, a *iamdata.Action) ActionInfo {
	info := ActionInfo{
		Action:        a.FullName(),
		AccessLevel:   string(a.AccessLevel),
		ResourceTypes: make([]ActionResourceRef, 0, len(a.ResourceTypes)),
		WildcardOnly:  a.WildcardOnly,
		ConditionKeys: append([]string{}, a.ConditionKeys...),
	}
	for _, rt := range a.ResourceTypes {
		ref := ActionResourceRef{Name: rt.Name, Required: rt.Required, ARNFormats: []string{}}
		if def, ok := cat.LookupResourceType(a.Service, rt.Name); ok {
			ref.ARNFormats = append(ref.ARNFormats, def.ARNFormats...)
		}
		info.ResourceTypes = append(info.ResourceTypes, ref)
	}
	return info
}

// WriteActions writes infos as a table (ACTION, ACCESS LEVEL, RESOURCE
// TYPES, CONDITION KEYS; a required type is marked *, a wildcard-only action
// shows "*") or as a JSON array.
func WriteActions(w io.Writer, format string, infos []ActionInfo) error {
	switch format {
	case FormatJSON:
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(infos)
	case FormatText:
		if len(infos) == 0 {
			return nil
		}
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ACTION\tACCESS LEVEL\tRESOURCE TYPES\tCONDITION KEYS")
		for _, in := range infos {
			types := "*"
			if !in.WildcardOnly {
				names := make([]string, len(in.ResourceTypes))
				for i, rt := range in.ResourceTypes {
					names[i] = rt.Name
					if rt.Required {
						names[i] += "*"
					}
				}
				types = strings.Join(names, ", ")
			}
			keys := strings.Join(in.ConditionKeys, ", ")
			if keys == "" {
				keys = "-"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", in.Action, in.AccessLevel, types, keys)
		}
		return tw.Flush()
	}
	return CheckFormat(format)
}
