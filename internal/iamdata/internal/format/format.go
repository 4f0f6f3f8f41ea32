// Package format defines the compact binary encoding of the data embedded in
// package iamdata. The generator writes it and iamdata reads it; nothing else
// depends on it, so it may change whenever both sides change together.
//
// Both files are a gzip stream (best compression, no name, zero timestamp) of:
//
//	magic  "IAMSVC1\n" or "IAMPOL1\n"
//	body   uvarints and length-prefixed byte strings
//
// The service reference interns every string in a table and every list of
// strings in a list table, so a body entry is a small integer.
package format

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// Magic numbers at the start of the decompressed streams.
const (
	ServicesMagic = "IAMSVC1\n"
	PoliciesMagic = "IAMPOL1\n"
)

// ErrCorrupt reports a truncated or inconsistent stream.
var ErrCorrupt = errors.New("corrupt iamdata stream")

// Gzip compresses b deterministically: best compression, empty header.
func Gzip(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, fmt.Errorf("create gzip writer: %w", err)
	}
	if _, err := zw.Write(b); err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	return buf.Bytes(), nil
}

// Gunzip decompresses b into one buffer sized by the stream's trailer
// (ISIZE, the uncompressed size modulo 2^32, trusted up to 64 MiB as a
// hint only), instead of growing one by doubling: the embedded service
// reference is decoded in every planscan eval process.
func Gunzip(b []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("open gzip stream: %w", err)
	}
	hint := 512
	if len(b) >= 4 {
		hint = max(hint, min(int(binary.LittleEndian.Uint32(b[len(b)-4:])), 64<<20))
	}
	out := make([]byte, 0, hint+1) // +1 to see the end without growing
	for {
		n, err := zr.Read(out[len(out):cap(out)])
		out = out[:len(out)+n]
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read gzip stream: %w", err)
		}
		if len(out) == cap(out) {
			out = append(out, 0)[:len(out)]
		}
	}
}

type encoder struct{ buf []byte }

func (e *encoder) uvarint(v int) { e.buf = binary.AppendUvarint(e.buf, uint64(v)) }

func (e *encoder) bytes(b []byte) {
	e.uvarint(len(b))
	e.buf = append(e.buf, b...)
}

func (e *encoder) bool(b bool) {
	if b {
		e.buf = append(e.buf, 1)
	} else {
		e.buf = append(e.buf, 0)
	}
}

type decoder struct {
	buf []byte
	err error
}

func (d *decoder) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: %s", ErrCorrupt, what)
	}
}

func (d *decoder) uvarint() int {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.buf)
	if n <= 0 || v > math.MaxInt32 {
		d.fail("bad varint")
		return 0
	}
	d.buf = d.buf[n:]
	return int(v)
}

// count reads a length that must not exceed the remaining input.
func (d *decoder) count() int {
	n := d.uvarint()
	if n > len(d.buf) {
		d.fail("count exceeds input")
		return 0
	}
	return n
}

func (d *decoder) bytes() []byte {
	n := d.count()
	if d.err != nil {
		return nil
	}
	b := d.buf[:n:n]
	d.buf = d.buf[n:]
	return b
}

func (d *decoder) bool() bool {
	if d.err != nil {
		return false
	}
	if len(d.buf) == 0 || d.buf[0] > 1 {
		d.fail("bad bool")
		return false
	}
	v := d.buf[0] == 1
	d.buf = d.buf[1:]
	return v
}

func (d *decoder) magic(m string) {
	if len(d.buf) < len(m) || string(d.buf[:len(m)]) != m {
		d.fail("bad magic")
		return
	}
	d.buf = d.buf[len(m):]
}
