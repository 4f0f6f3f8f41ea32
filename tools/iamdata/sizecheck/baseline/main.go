// Command baseline is the size-check control for ../withdata: it links the
// standard packages iamdata uses (and both real binaries link anyway) but not
// iamdata. See internal/iamdata/BENCHMARKS.fragment.md.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
)

var once = sync.OnceValue(func() int { return len(os.Args) })

func main() {
	zr, err := gzip.NewReader(bytes.NewReader(nil))
	var v map[string]any
	err2 := json.Unmarshal([]byte(os.Args[0]), &v)
	fmt.Println(zr != nil, err, err2, slices.Contains(os.Args, "x"), strings.ToLower(os.Args[0]), once())
}
