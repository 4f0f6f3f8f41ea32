// Command terraform-provider-iamsim serves the iamsim Terraform provider:
// offline, exact AWS IAM access decisions for plans and tests.
package main

import (
	"context"
	"flag"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/iamsim/terraform-provider-iamsim/internal/provider"
)

// version is set by the build (-ldflags "-X main.version=...") and by goreleaser.
var version = "dev"

func main() {
	quietSDKLogs()

	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address:         "registry.terraform.io/iamsim/iamsim",
		Debug:           debug,
		ProtocolVersion: 6,
	})
	if err != nil {
		log.Fatal(err.Error())
	}
}

// quietSDKLogs turns off the framework's and protocol's trace logs unless
// logging was asked for. go-plugin runs providers at trace level and leaves
// filtering to Terraform, so without this every request formats and ships
// dozens of log lines that Terraform then drops: a quarter of the provider's
// CPU time in a plan with many data sources (bench/provider-plan.sh).
func quietSDKLogs() {
	for _, v := range []string{"TF_LOG", "TF_LOG_PROVIDER", "TF_LOG_SDK", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_SDK_PROTO", "TF_LOG_PROVIDER_IAMSIM"} {
		if os.Getenv(v) != "" {
			return
		}
	}
	_ = os.Setenv("TF_LOG_SDK_FRAMEWORK", "off")
	_ = os.Setenv("TF_LOG_SDK_PROTO", "off")
}
