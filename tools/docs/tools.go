//go:build tools

// Package tools pins the documentation generator in a module of its own, so
// that its dependencies stay out of the provider's go.mod.
package tools

import (
	// Documentation generation: go run github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs
	_ "github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs"
)
