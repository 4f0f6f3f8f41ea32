package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/iamdata/internal/format"
)

// accessLevels maps every access-level string the service reference uses to
// the level iamdata reports. Any other string stops the generator.
var accessLevels = map[string]string{
	"List":                          "List",
	"Read":                          "Read",
	"Write":                         "Write",
	"Tagging":                       "Tagging",
	"Tagging, Write":                "Tagging",
	"Permissions management":        "Permissions management",
	"Permissions management, Write": "Permissions management",
}

// conditionKeyTypes lists the key types the engine understands.
var conditionKeyTypes = map[string]bool{
	"String": true, "ArrayOfString": true, "ARN": true, "ArrayOfARN": true,
	"Bool": true, "ArrayOfBool": true, "Date": true, "ArrayOfDate": true,
	"Numeric": true, "ArrayOfNumeric": true, "IPAddress": true, "ArrayOfIPAddress": true,
	"Binary": true,
}

type srcActionResourceType struct {
	Name             *string         `json:"name"`
	Required         *bool           `json:"required"`
	ConditionKeys    *[]string       `json:"conditionKeys"`
	DependentActions json.RawMessage `json:"dependentActions"`
}

type srcAction struct {
	Name             *string                  `json:"name"`
	Description      json.RawMessage          `json:"description"`
	AccessLevel      *string                  `json:"accessLevel"`
	ResourceTypes    *[]srcActionResourceType `json:"resourceTypes"`
	ConditionKeys    *[]string                `json:"conditionKeys"`
	DependentActions json.RawMessage          `json:"dependentActions"`
	Scenarios        json.RawMessage          `json:"scenarios"`
}

type srcResourceType struct {
	Key           *string   `json:"key"`
	ARN           *string   `json:"arn"`
	ConditionKeys *[]string `json:"conditionKeys"`
}

type srcConditionKey struct {
	Key         *string         `json:"key"`
	Description json.RawMessage `json:"description"`
	Type        *string         `json:"type"`
}

func readServices(dataDir string) (*format.Services, error) {
	var names map[string]string
	if err := readJSON(filepath.Join(dataDir, "serviceNames.json"), &names, true); err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, errors.New("serviceNames.json lists no services")
	}
	prefixes := make([]string, 0, len(names))
	for p := range names {
		prefixes = append(prefixes, p)
	}
	slices.Sort(prefixes)
	for _, sub := range []string{"actions", "resourceTypes", "conditionKeys"} {
		if err := checkFileSet(filepath.Join(dataDir, sub), prefixes); err != nil {
			return nil, err
		}
	}

	out := &format.Services{}
	for _, p := range prefixes {
		svc, err := readService(dataDir, p)
		if err != nil {
			return nil, fmt.Errorf("service %s: %w", p, err)
		}
		out.Services = append(out.Services, svc)
	}
	return out, nil
}

// checkFileSet makes sure dir holds exactly one <prefix>.json per service.
func checkFileSet(dir string, prefixes []string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var got []string
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".json")
		if !ok || e.IsDir() {
			return fmt.Errorf("%s: unexpected entry %s", dir, e.Name())
		}
		got = append(got, name)
	}
	slices.Sort(got)
	if !slices.Equal(got, prefixes) {
		return fmt.Errorf("%s: files do not match serviceNames.json (%d files, %d services)", dir, len(got), len(prefixes))
	}
	return nil
}

func readService(dataDir, prefix string) (format.Service, error) {
	svc := format.Service{Prefix: prefix}
	file := prefix + ".json"

	var keys map[string]srcConditionKey
	if err := readJSON(filepath.Join(dataDir, "conditionKeys", file), &keys, true); err != nil {
		return svc, err
	}
	for id, k := range keys {
		if k.Key == nil || k.Type == nil {
			return svc, fmt.Errorf("condition key %q: missing key or type", id)
		}
		if !strings.EqualFold(id, *k.Key) {
			return svc, fmt.Errorf("condition key %q: index differs from key %q", id, *k.Key)
		}
		if !conditionKeyTypes[*k.Type] {
			return svc, fmt.Errorf("condition key %s: unknown type %q", *k.Key, *k.Type)
		}
		svc.ConditionKeys = append(svc.ConditionKeys, format.ConditionKey{Name: *k.Key, Type: *k.Type})
	}
	slices.SortFunc(svc.ConditionKeys, func(a, b format.ConditionKey) int {
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
	knownKey := func(k string) bool { _, ok := keys[strings.ToLower(k)]; return ok }

	var rts map[string]srcResourceType
	if err := readJSON(filepath.Join(dataDir, "resourceTypes", file), &rts, true); err != nil {
		return svc, err
	}
	for id, rt := range rts {
		if rt.Key == nil || rt.ARN == nil {
			return svc, fmt.Errorf("resource type %q: missing key or arn", id)
		}
		if rt.ConditionKeys == nil { // absent when the type has no keys
			rt.ConditionKeys = &[]string{}
		}
		if !strings.EqualFold(id, *rt.Key) {
			return svc, fmt.Errorf("resource type %q: index differs from key %q", id, *rt.Key)
		}
		formats, err := splitARNFormats(*rt.ARN)
		if err != nil {
			return svc, fmt.Errorf("resource type %s: %w", *rt.Key, err)
		}
		if err := checkKeys(*rt.ConditionKeys, knownKey); err != nil {
			return svc, fmt.Errorf("resource type %s: %w", *rt.Key, err)
		}
		svc.ResourceTypes = append(svc.ResourceTypes, format.ResourceType{
			Name: *rt.Key, ARNFormats: formats, ConditionKeys: *rt.ConditionKeys,
		})
	}
	slices.SortFunc(svc.ResourceTypes, func(a, b format.ResourceType) int { return strings.Compare(a.Name, b.Name) })

	var acts map[string]srcAction
	if err := readJSON(filepath.Join(dataDir, "actions", file), &acts, true); err != nil {
		return svc, err
	}
	if err := supplement(sarSupplements, prefix, acts, rts); err != nil {
		return svc, err
	}
	for id, a := range acts {
		act, err := convertAction(id, a, rts, knownKey)
		if err != nil {
			return svc, fmt.Errorf("action %q: %w", id, err)
		}
		svc.Actions = append(svc.Actions, act)
	}
	slices.SortFunc(svc.Actions, func(a, b format.Action) int {
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
	return svc, nil
}

func convertAction(id string, a srcAction, rts map[string]srcResourceType, knownKey func(string) bool) (format.Action, error) {
	if a.Name == nil || a.AccessLevel == nil || a.ResourceTypes == nil || a.ConditionKeys == nil {
		return format.Action{}, errors.New("missing name, accessLevel, resourceTypes or conditionKeys")
	}
	if !strings.EqualFold(id, *a.Name) || !validActionName(*a.Name) {
		return format.Action{}, fmt.Errorf("bad action name %q", *a.Name)
	}
	level, ok := accessLevels[*a.AccessLevel]
	if !ok {
		return format.Action{}, fmt.Errorf("unknown access level %q", *a.AccessLevel)
	}
	if err := checkKeys(*a.ConditionKeys, knownKey); err != nil {
		return format.Action{}, err
	}
	act := format.Action{Name: *a.Name, AccessLevel: level, ConditionKeys: *a.ConditionKeys}
	seen := map[string]int{} // resource type -> index in act.ResourceTypes
	for _, rt := range *a.ResourceTypes {
		if rt.Name == nil || rt.Required == nil || rt.ConditionKeys == nil {
			return act, errors.New("resource type entry misses name, required or conditionKeys")
		}
		def, ok := rts[strings.ToLower(*rt.Name)]
		if !ok {
			return act, fmt.Errorf("unknown resource type %q", *rt.Name)
		}
		if err := checkKeys(*rt.ConditionKeys, knownKey); err != nil {
			return act, fmt.Errorf("resource type %s: %w", *rt.Name, err)
		}
		if i, dup := seen[*def.Key]; dup {
			// The reference lists a few types twice (bedrock:UpdateDataAutomationProject):
			// merge the rows.
			prev := &act.ResourceTypes[i]
			prev.Required = prev.Required || *rt.Required
			for _, k := range *rt.ConditionKeys {
				if !slices.Contains(prev.ConditionKeys, k) {
					prev.ConditionKeys = append(slices.Clip(prev.ConditionKeys), k)
				}
			}
			continue
		}
		seen[*def.Key] = len(act.ResourceTypes)
		act.ResourceTypes = append(act.ResourceTypes, format.ActionResourceType{
			Name: *def.Key, Required: *rt.Required, ConditionKeys: *rt.ConditionKeys,
		})
	}
	return act, nil
}

func checkKeys(keys []string, known func(string) bool) error {
	for _, k := range keys {
		if !known(k) {
			return fmt.Errorf("condition key %q is not defined by the service", k)
		}
	}
	return nil
}

func validActionName(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '_', c == '.':
		default:
			return false
		}
	}
	return true
}

// splitARNFormats splits the reference's ARN column (some types list two
// formats separated by ", ") and checks each: arn:<partition>:<service>:
// <region>:<account>:<resource> with balanced ${Name} placeholders. One AWS
// template writes {Name} without the dollar; iamdata treats it as a
// placeholder too.
func splitARNFormats(col string) ([]string, error) {
	formats := strings.Split(col, ", ")
	for _, t := range formats {
		if !strings.HasPrefix(t, "arn:") || strings.Count(t, ":") < 5 {
			return nil, fmt.Errorf("arn template %q is not an ARN", t)
		}
		open := false
		for i := 0; i < len(t); i++ {
			switch c := t[i]; {
			case c == '{' && !open:
				open = true
			case c == '}' && open:
				if t[i-1] == '{' || t[i-1] == '$' {
					return nil, fmt.Errorf("arn template %q has an empty placeholder", t)
				}
				open = false
			case c == '{' || c == '}':
				return nil, fmt.Errorf("arn template %q has unbalanced braces", t)
			case c == '$' && (i+1 == len(t) || t[i+1] != '{'):
				return nil, fmt.Errorf("arn template %q has a stray $", t)
			case c == ' ' || c == ',' && !open:
				return nil, fmt.Errorf("arn template %q has a space or comma", t)
			}
		}
		if open {
			return nil, fmt.Errorf("arn template %q has an unclosed placeholder", t)
		}
	}
	return formats, nil
}
