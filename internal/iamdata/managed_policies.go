package iamdata

import (
	"fmt"
	"slices"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/iamdata/internal/format"
)

// ManagedPolicyDoc is the default version of an AWS managed policy.
type ManagedPolicyDoc struct {
	ARN      string // in the partition that was asked for; "aws" for a bare name
	Name     string // e.g. "AWSLambdaBasicExecutionRole"
	Path     string // e.g. "/service-role/"
	Version  string // default version id, e.g. "v12"
	Document []byte // minified policy JSON; a fresh copy per call
}

type policyIndex struct {
	src    []format.Policy // sorted by name
	byName map[string]*format.Policy
}

func buildPolicyIndex(ps []format.Policy) (*policyIndex, error) {
	idx := &policyIndex{src: ps, byName: make(map[string]*format.Policy, len(ps))}
	for i := range ps {
		p := &ps[i]
		if _, dup := idx.byName[p.Name]; dup {
			return nil, fmt.Errorf("managed policy %s: listed twice", p.Name)
		}
		idx.byName[p.Name] = p
	}
	return idx, nil
}

// ManagedPolicy finds an AWS managed policy by ARN in any partition
// (arn:aws:iam::aws:policy/PowerUserAccess,
// arn:aws-us-gov:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole),
// by path and name (service-role/AWSLambdaBasicExecutionRole) or by bare
// name (PowerUserAccess). Names and paths are case-sensitive, as in IAM
// ARNs; a path that differs from the policy's is no match.
func (c *Catalog) ManagedPolicy(nameOrARN string) (ManagedPolicyDoc, bool) {
	partition, path, name, ok := splitManagedPolicyRef(nameOrARN)
	if !ok {
		return ManagedPolicyDoc{}, false
	}
	p, ok := c.policies().byName[name]
	if !ok || (path != "" && path != p.Path) {
		return ManagedPolicyDoc{}, false
	}
	return ManagedPolicyDoc{
		ARN:      managedPolicyARN(partition, p.Path, p.Name),
		Name:     p.Name,
		Path:     p.Path,
		Version:  p.Version,
		Document: slices.Clone(p.Document),
	}, true
}

// ManagedPolicyNames returns the names of every managed policy, sorted.
func (c *Catalog) ManagedPolicyNames() []string {
	src := c.policies().src
	out := make([]string, len(src))
	for i := range src {
		out[i] = src[i].Name
	}
	return out
}

func managedPolicyARN(partition, path, name string) string {
	return "arn:" + partition + ":iam::aws:policy" + path + name
}

// splitManagedPolicyRef parses the forms ManagedPolicy accepts. path is ""
// for a bare name and "/.../" otherwise.
func splitManagedPolicyRef(ref string) (partition, path, name string, ok bool) {
	partition = "aws"
	rest := ref
	if strings.HasPrefix(ref, "arn:") {
		parts := strings.SplitN(ref, ":", 6)
		if len(parts) != 6 || parts[1] == "" || parts[2] != "iam" || parts[3] != "" || parts[4] != "aws" {
			return "", "", "", false
		}
		partition = parts[1]
		var found bool
		if rest, found = strings.CutPrefix(parts[5], "policy/"); !found {
			return "", "", "", false
		}
		path = "/"
	}
	rest = strings.TrimPrefix(rest, "/")
	if i := strings.LastIndexByte(rest, '/'); i >= 0 {
		path = "/" + rest[:i+1]
		rest = rest[i+1:]
	}
	if rest == "" {
		return "", "", "", false
	}
	return partition, path, rest, true
}

// ManagedPolicy finds an AWS managed policy in [Default].
func ManagedPolicy(nameOrARN string) (ManagedPolicyDoc, bool) {
	return defaultCatalog.ManagedPolicy(nameOrARN)
}

// ManagedPolicyNames returns the managed policy names of [Default].
func ManagedPolicyNames() []string { return defaultCatalog.ManagedPolicyNames() }
