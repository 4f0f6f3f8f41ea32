package provider

import (
	"fmt"
	"os"
	"os/exec"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// The acceptance tests run the real terraform CLI against the provider
// served in-process. They never download anything: the CLI comes from
// TF_ACC_TERRAFORM_PATH (the Makefile sets it with scripts/terraform-cli.sh)
// or from PATH, and a missing CLI fails the tests instead of skipping them.

var protoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"iamsim": providerserver.NewProtocol6WithError(New("test")()),
}

// terraformCLIError is set by TestMain when no CLI was found.
var terraformCLIError error

func TestMain(m *testing.M) {
	terraformCLIError = useTerraformCLI()
	// Configurations declare source = "iamsim/iamsim" (provider functions
	// need required_providers), so the in-process provider must be served
	// under that namespace.
	if os.Getenv("TF_ACC_PROVIDER_NAMESPACE") == "" {
		_ = os.Setenv("TF_ACC_PROVIDER_NAMESPACE", "iamsim")
	}
	_ = os.Setenv("CHECKPOINT_DISABLE", "1")
	os.Exit(m.Run())
}

// useTerraformCLI pins TF_ACC_TERRAFORM_PATH to an existing CLI so that
// terraform-plugin-testing never tries to download one.
func useTerraformCLI() error {
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return fmt.Errorf("TF_ACC_TERRAFORM_PATH=%s: %w", p, err)
		}
		return nil
	}
	for _, name := range []string{"terraform", "tofu"} {
		if p, err := exec.LookPath(name); err == nil {
			return os.Setenv("TF_ACC_TERRAFORM_PATH", p)
		}
	}
	return fmt.Errorf("no terraform CLI: set TF_ACC_TERRAFORM_PATH or put terraform on PATH (make test does it with scripts/terraform-cli.sh)")
}

// unitTest runs steps against the in-process provider with the terraform CLI.
func unitTest(t *testing.T, steps ...resource.TestStep) {
	t.Helper()
	if terraformCLIError != nil {
		t.Fatalf("acceptance test needs a terraform CLI: %v", terraformCLIError)
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps:                    steps,
	})
}

// config prefixes a configuration with the required_providers block that
// provider functions need.
func config(body string) string {
	return `terraform {
  required_providers {
    iamsim = { source = "iamsim/iamsim" }
  }
}
` + body
}
