package evaluator

import (
	"crypto/sha256"
	"fmt"
	"os"
	"testing"
)

// TestRealisticResultsDigest prints the sha256 of the full Result (%+v) of
// every realistic request, decided twice (the second pass with the caches
// warm), so that a speed change can show that it keeps every answer
// byte-identical: run it with -v before and after and compare the digests.
// IAMSIM_RESULTS_DUMP=file also writes the printed Results to file.
func TestRealisticResultsDigest(t *testing.T) {
	t.Parallel()
	cases := loadRealistic(t)
	h := sha256.New()
	var dump *os.File
	if name := os.Getenv("IAMSIM_RESULTS_DUMP"); name != "" {
		f, err := os.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		dump = f
	}
	var res Result
	for pass := 0; pass < 2; pass++ {
		for i := range cases {
			c := &cases[i]
			res.Reset()
			c.set.DecideInto(&c.req, &res)
			line := fmt.Sprintf("%s %+v\n", c.id, res)
			h.Write([]byte(line))
			if dump != nil && pass == 0 {
				_, _ = dump.WriteString(line)
			}
		}
	}
	t.Logf("results digest: %x (%d requests, 2 passes)", h.Sum(nil), len(cases))
}
