package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestProgressLine(t *testing.T) {
	t.Parallel()
	cases := []struct {
		elapsed time.Duration
		msg     string
		want    string
	}{
		{0, "loading plan.json", "\r\x1b[Kplanscan:   0.0s loading plan.json"},
		{1500 * time.Millisecond, "analysing 12 principals", "\r\x1b[Kplanscan:   1.5s analysing 12 principals"},
		{125 * time.Second, "modelling", "\r\x1b[Kplanscan: 125.0s modelling"},
	}
	for _, c := range cases {
		if got := progressLine(c.elapsed, c.msg); got != c.want {
			t.Errorf("progressLine(%v, %q) = %q, want %q", c.elapsed, c.msg, got, c.want)
		}
	}
}

// TestProgressSteps: each step rewrites the status line; a warning
// written around it gets a line of its own; done clears the line once.
func TestProgressSteps(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	p := &progress{w: &b, start: clock, now: func() time.Time { clock = clock.Add(time.Second); return clock }}
	p.step("loading %s", "plan.json")
	_, _ = p.around(&b).Write([]byte("planscan: warning: x\n"))
	p.step("analysing %d principals", 3)
	p.done()
	p.done()
	want := "\r\x1b[Kplanscan:   1.0s loading plan.json" + "\r\x1b[K" + "planscan: warning: x\n" +
		"\r\x1b[Kplanscan:   2.0s analysing 3 principals" + "\r\x1b[K"
	if b.String() != want {
		t.Errorf("got %q\nwant %q", b.String(), want)
	}
}

// TestProgressSilentOffTerminal: no progress unless stderr is a terminal:
// not a buffer, not a file, and nothing on the stderr of a run (what CI
// logs and tests see).
func TestProgressSilentOffTerminal(t *testing.T) {
	t.Parallel()
	f, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, w := range []io.Writer{&bytes.Buffer{}, f} {
		if p := newProgress(w); p != nil {
			t.Errorf("progress on %T", w)
		}
	}
	var nilProgress *progress
	nilProgress.step("x")
	nilProgress.done()
	plan := filepath.Join("..", "..", "internal", "planscan", "testdata", "fixtures", "escalation_two_hop", "plan.json")
	for _, args := range [][]string{
		{"check", plan, "--account-id", "111122223333"},
		{"diff", plan, "--account-id", "111122223333"},
		{"query", plan, "--principal", "aws_iam_user.dev", "--action", "sts:AssumeRole"},
	} {
		_, _, errOut := runPlanscan(t, "", args...)
		if strings.Contains(errOut, "\r") || strings.Contains(errOut, "loading") {
			t.Errorf("%s: progress on a non-terminal stderr: %q", args[0], errOut)
		}
	}
}
