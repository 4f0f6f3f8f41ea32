package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/iamdata/internal/format"
)

type srcPolicyVersion struct {
	CreatedDate json.RawMessage `json:"createdDate"`
	Document    json.RawMessage `json:"document"`
}

type srcPolicy struct {
	ARN             *string                     `json:"arn"`
	LatestVersionID *string                     `json:"latestVersionId"`
	VersionsCount   *int                        `json:"versionsCount"`
	Versions        map[string]srcPolicyVersion `json:"versions"`
	CreatedDate     json.RawMessage             `json:"createdDate"`
	LastUpdatedDate *string                     `json:"lastUpdatedDate"`
}

const managedPolicyARNPrefix = "arn:aws:iam::aws:policy/"

// readPolicies returns the default version of every managed policy, sorted
// by name, and the newest lastUpdatedDate.
func readPolicies(path string) ([]format.Policy, string, error) {
	var src map[string]srcPolicy
	if err := readJSON(path, &src, true); err != nil {
		return nil, "", err
	}
	if len(src) == 0 {
		return nil, "", errors.New("no managed policies")
	}
	newest := ""
	out := make([]format.Policy, 0, len(src))
	for name, p := range src {
		pol, err := convertPolicy(name, p)
		if err != nil {
			return nil, "", fmt.Errorf("managed policy %s: %w", name, err)
		}
		if *p.LastUpdatedDate > newest {
			newest = *p.LastUpdatedDate
		}
		out = append(out, pol)
	}
	slices.SortFunc(out, func(a, b format.Policy) int { return strings.Compare(a.Name, b.Name) })
	return out, newest, nil
}

func convertPolicy(name string, p srcPolicy) (format.Policy, error) {
	if p.ARN == nil || p.LatestVersionID == nil || p.Versions == nil || p.LastUpdatedDate == nil {
		return format.Policy{}, errors.New("missing arn, latestVersionId, versions or lastUpdatedDate")
	}
	rest, ok := strings.CutPrefix(*p.ARN, managedPolicyARNPrefix)
	if !ok {
		return format.Policy{}, fmt.Errorf("arn %q does not start with %s", *p.ARN, managedPolicyARNPrefix)
	}
	path := "/"
	if i := strings.LastIndexByte(rest, '/'); i >= 0 {
		path = "/" + rest[:i+1]
		rest = rest[i+1:]
	}
	if rest != name {
		return format.Policy{}, fmt.Errorf("arn %q does not end in the policy name", *p.ARN)
	}
	v, ok := p.Versions[*p.LatestVersionID]
	if !ok {
		return format.Policy{}, fmt.Errorf("default version %s missing from versions", *p.LatestVersionID)
	}
	doc, err := compactDocument(v.Document)
	if err != nil {
		return format.Policy{}, fmt.Errorf("version %s: %w", *p.LatestVersionID, err)
	}
	return format.Policy{Name: name, Path: path, Version: *p.LatestVersionID, Document: doc}, nil
}

// compactDocument minifies a policy document, keeping key order, and checks
// that it is an object with a Statement.
func compactDocument(raw json.RawMessage) ([]byte, error) {
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(raw, &probe); err != nil {
		return nil, fmt.Errorf("document is not a JSON object: %w", err)
	}
	if _, ok := probe["Statement"]; !ok {
		return nil, errors.New("document has no Statement")
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return nil, fmt.Errorf("compact document: %w", err)
	}
	return buf.Bytes(), nil
}
