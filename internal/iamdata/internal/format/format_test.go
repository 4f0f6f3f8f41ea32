package format

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"io"
	"reflect"
	"testing"
)

func sample() *Services {
	return &Services{Services: []Service{{
		Prefix:        "s3",
		ConditionKeys: []ConditionKey{{Name: "s3:prefix", Type: "String"}},
		ResourceTypes: []ResourceType{{Name: "bucket", ARNFormats: []string{"arn:${Partition}:s3:::${BucketName}"}, ConditionKeys: []string{"s3:prefix"}}},
		Actions: []Action{
			{Name: "ListBucket", AccessLevel: "List", ResourceTypes: []ActionResourceType{{Name: "bucket", Required: true, ConditionKeys: []string{"s3:prefix"}}}, ConditionKeys: []string{"s3:prefix"}},
			{Name: "ListAllMyBuckets", AccessLevel: "List"},
		},
	}}}
}

func TestServicesRoundTrip(t *testing.T) {
	t.Parallel()
	in := sample()
	enc := EncodeServices(in)
	out, err := DecodeServices(enc)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in, out) {
		t.Errorf("round trip:\n got %+v\nwant %+v", out, in)
	}
	if !bytes.Equal(enc, EncodeServices(in)) {
		t.Error("encoding is not deterministic")
	}
	for n := range len(enc) {
		if _, err := DecodeServices(enc[:n]); !errors.Is(err, ErrCorrupt) {
			t.Fatalf("truncated at %d: err = %v", n, err)
		}
	}
}

func TestPoliciesRoundTrip(t *testing.T) {
	t.Parallel()
	in := []Policy{{Name: "A", Path: "/", Version: "v1", Document: []byte(`{"Statement":[]}`)}}
	enc := EncodePolicies(in)
	out, err := DecodePolicies(enc)
	if err != nil || !reflect.DeepEqual(in, out) {
		t.Fatalf("round trip: %+v, %v", out, err)
	}
	for n := range len(enc) {
		if _, err := DecodePolicies(enc[:n]); !errors.Is(err, ErrCorrupt) {
			t.Fatalf("truncated at %d: err = %v", n, err)
		}
	}
}

func TestGzipDeterministic(t *testing.T) {
	t.Parallel()
	a, err := Gzip([]byte("hello"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Gzip([]byte("hello"))
	if !bytes.Equal(a, b) {
		t.Error("gzip output differs")
	}
	if got, err := Gunzip(a); err != nil || string(got) != "hello" {
		t.Errorf("Gunzip = %q, %v", got, err)
	}
}

func FuzzDecodeServices(f *testing.F) {
	f.Add(EncodeServices(sample()))
	f.Fuzz(func(t *testing.T, b []byte) {
		DecodeServices(b) //nolint:errcheck // must not panic
	})
}

// Gunzip sizes its buffer from the trailer but trusts it only as a hint:
// a wrong size, two members or a corrupt stream give what io.ReadAll over
// gzip.Reader gives.
func TestGunzipAgreesWithReadAll(t *testing.T) {
	t.Parallel()
	data := bytes.Repeat([]byte("arn:aws:s3:::bucket/key "), 5000)
	gz, err := Gzip(data)
	if err != nil {
		t.Fatal(err)
	}
	withSize := func(n uint32) []byte {
		b := bytes.Clone(gz)
		binary.LittleEndian.PutUint32(b[len(b)-4:], n)
		return b
	}
	small, err := Gzip([]byte("tail"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		gz   []byte
	}{
		{"exact size", gz},
		{"size too small", withSize(10)},
		{"size too large", withSize(1 << 30)},
		{"two members", append(bytes.Clone(gz), small...)},
		{"truncated", gz[:len(gz)-9]},
		{"not gzip", []byte("plain")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, gerr := Gunzip(tt.gz)
			var want []byte
			zr, werr := gzip.NewReader(bytes.NewReader(tt.gz))
			if werr == nil {
				want, werr = io.ReadAll(zr)
			}
			if (gerr == nil) != (werr == nil) {
				t.Fatalf("error %v, io.ReadAll's %v", gerr, werr)
			}
			if gerr == nil && !bytes.Equal(got, want) {
				t.Fatalf("got %d bytes, want %d", len(got), len(want))
			}
		})
	}
}
