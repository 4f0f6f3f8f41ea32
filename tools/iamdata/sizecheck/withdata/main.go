// Command withdata links package iamdata and forces both data sets to load,
// so its size minus ../baseline's is what the embedded data and its code add
// to a binary. See internal/iamdata/BENCHMARKS.fragment.md.
package main

import (
	"fmt"

	"github.com/iamsim/terraform-provider-iamsim/internal/iamdata"
)

func main() {
	_, ok := iamdata.LookupAction("s3:GetObject")
	doc, _ := iamdata.ManagedPolicy("PowerUserAccess")
	fmt.Println(ok, doc.Version, len(iamdata.AllActions()))
}
