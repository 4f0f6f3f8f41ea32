package iamdata

import "testing"

// BenchmarkLoadServiceReference decodes and indexes the embedded service
// reference from scratch on every iteration.
func BenchmarkLoadServiceReference(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decodeServices(embeddedServices); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkManagedPolicyLoad decodes and indexes the embedded managed
// policies from scratch on every iteration.
func BenchmarkManagedPolicyLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decodePolicies(embeddedPolicies); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookupAction(b *testing.B) {
	names := []string{"s3:GetObject", "IAM:PassRole", "ec2:describeinstances", "kms:Decrypt"}
	Default().services() // load outside the timer
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		if _, ok := LookupAction(names[i&3]); !ok {
			b.Fatal("not found")
		}
		i++
	}
}

func BenchmarkMatchResourceType(b *testing.B) {
	a, _ := LookupAction("s3:GetObject")
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := MatchResourceType(a, "arn:aws:s3:::bucket/path/to/key.txt"); !ok {
			b.Fatal("no match")
		}
	}
}

func BenchmarkExpandActions(b *testing.B) {
	Default().services()
	b.ReportAllocs()
	for b.Loop() {
		ExpandActions("s3:Get*")
	}
}

func TestLookupActionDoesNotAllocate(t *testing.T) {
	Default().services()
	allocs := testing.AllocsPerRun(100, func() {
		LookupAction("S3:GetObject")
		LookupAction("ec2:describeinstances")
	})
	if allocs != 0 {
		t.Errorf("LookupAction allocates %.1f times", allocs)
	}
}
