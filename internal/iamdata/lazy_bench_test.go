package iamdata

import "testing"

// BenchmarkLoadLazy is the start-up cost of the engine's reference data:
// gunzip the services stream and locate its entries (decodeLazy).
func BenchmarkLoadLazy(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decodeLazy(embeddedServices); err != nil {
			b.Fatal(err)
		}
	}
}
