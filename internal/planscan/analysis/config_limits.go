package analysis

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamsim/terraform-provider-iamsim/internal/inputlimit"
)

// planscan.hcl is pull-request input: check loads ./planscan.hcl by itself,
// so a file that crashes or hangs the parser would crash or hang the gate.
// hcl's parser recurses without a limit (100,000 nested brackets overflow
// the stack), so size and nesting are checked on the raw bytes first.
const (
	MaxConfigSize  = 1 << 20 // bytes
	MaxConfigDepth = 64      // nested brackets, braces, parentheses and template interpolations
)

// readConfigFile reads a config file of at most MaxConfigSize bytes, with
// inputlimit's handling of FIFOs and devices (never blocks, never reads
// without end).
func readConfigFile(path string) ([]byte, error) {
	src, err := inputlimit.ReadFile(path, "config file", MaxConfigSize)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return src, nil
}

// checkConfigLimits refuses a config larger than MaxConfigSize or nested
// deeper than MaxConfigDepth, with the position of the offending byte.
func checkConfigLimits(filename string, src []byte) error {
	if len(src) > MaxConfigSize {
		return fmt.Errorf("config: %s is larger than %s", filename, inputlimit.FormatSize(MaxConfigSize))
	}
	depth := inputlimit.HCLDepth
	if strings.HasSuffix(filename, ".json") {
		depth = inputlimit.JSONDepth
	}
	err := depth(src, MaxConfigDepth)
	var de *inputlimit.DepthError
	if errors.As(err, &de) {
		pos := hcl.Pos{Line: de.Line, Column: de.Column, Byte: de.Offset}
		return &ConfigError{hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  fmt.Sprintf("nested deeper than %d levels", MaxConfigDepth),
			Detail:   "planscan.hcl nests brackets, braces, parentheses or template interpolations too deeply (or chains too many unary operators or conditionals)",
			Subject:  &hcl.Range{Filename: filename, Start: pos, End: pos},
		}}}
	}
	return err
}
