package tfplan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// showTimeout bounds `terraform show -json` on a binary plan file.
const showTimeout = 5 * time.Minute

// showBinaryPlan converts a binary plan file with `terraform show -json`
// (or `tofu show -json`). The CLI needs the provider schemas, so it runs in
// the plan file's directory, which must be the initialised working directory.
// This file holds the package's only process execution.
func showBinaryPlan(path string) ([]byte, error) {
	var cli string
	for _, name := range []string{"terraform", "tofu"} {
		if p, err := exec.LookPath(name); err == nil {
			cli = p
			break
		}
	}
	if cli == "" {
		return nil, errors.New("neither terraform nor tofu is on PATH; run `terraform show -json <planfile> > plan.json` and give plan.json")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), showTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, cli, "show", "-json", "-no-color", abs)
	cmd.Dir = filepath.Dir(abs)
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if len(msg) > 500 {
			msg = msg[:500] + "..."
		}
		return nil, fmt.Errorf("%s show -json failed (run it in the plan's initialised working directory): %w: %s", filepath.Base(cli), err, msg)
	}
	return stdout.Bytes(), nil
}
