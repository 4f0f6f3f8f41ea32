package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/iamdata/internal/format"
)

type notice struct {
	pkg  string
	meta packageMeta
	dir  string
}

// write stores the data files and NOTICE, touching a file only when its
// content changes so regeneration is idempotent.
func write(out string, svcs *format.Services, pols []format.Policy, info dataInfo, notices []notice) error {
	svcBytes, err := format.Gzip(format.EncodeServices(svcs))
	if err != nil {
		return err
	}
	polBytes, err := format.Gzip(format.EncodePolicies(pols))
	if err != nil {
		return err
	}
	infoBytes, err := json.MarshalIndent(info, "", "  ")
	if err != nil {
		return fmt.Errorf("encode info: %w", err)
	}
	infoBytes = append(infoBytes, '\n')
	noticeBytes, err := buildNotice(notices)
	if err != nil {
		return err
	}

	files := []struct {
		name string
		data []byte
	}{
		{filepath.Join("data", "services.bin.gz"), svcBytes},
		{filepath.Join("data", "managed-policies.bin.gz"), polBytes},
		{filepath.Join("data", "info.json"), infoBytes},
		{"NOTICE", noticeBytes},
	}
	if err := os.MkdirAll(filepath.Join(out, "data"), 0o755); err != nil {
		return err
	}
	for _, f := range files {
		path := filepath.Join(out, f.name)
		if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, f.data) {
			continue
		}
		if err := os.WriteFile(path, f.data, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "iamdata gen: wrote %s (%d bytes)\n", path, len(f.data))
	}
	return nil
}

func buildNotice(notices []notice) ([]byte, error) {
	var b strings.Builder
	b.WriteString("The files in data/ are generated from the following npm packages and are\n")
	b.WriteString("redistributed under their licences. The generator (internal/gen) drops\n")
	b.WriteString("descriptions, dependent actions, scenarios and policy version history, keeps\n")
	b.WriteString("the default version of each managed policy, normalises access levels and\n")
	b.WriteString("re-encodes the rest.\n")
	for _, n := range notices {
		lic, err := readLicence(n.dir)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", n.pkg, err)
		}
		fmt.Fprintf(&b, "\n================================================================\n")
		fmt.Fprintf(&b, "%s %s (%s licence)\n", n.pkg, n.meta.Version, n.meta.License)
		fmt.Fprintf(&b, "https://www.npmjs.com/package/%s/v/%s\n", n.pkg, n.meta.Version)
		b.WriteString("================================================================\n\n")
		b.WriteString(strings.TrimSpace(lic))
		b.WriteString("\n")
	}
	return []byte(b.String()), nil
}

func readLicence(dir string) (string, error) {
	for _, name := range []string{"LICENSE", "LICENSE.txt", "LICENSE.md"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err == nil {
			return string(b), nil
		}
	}
	return "", fmt.Errorf("no LICENSE file in %s", dir)
}
