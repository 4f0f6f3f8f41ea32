package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/mattn/go-isatty"
)

// progress tells a person at a terminal what a long run is doing (issue 12
// item 8): one status line on stderr (loading, modelling, analysing N
// principals), rewritten in place and cleared before the report. It is
// silent when stderr is not a terminal (pipes, files, CI logs, tests): a
// nil *progress does nothing.
type progress struct {
	w     io.Writer
	start time.Time
	now   func() time.Time
	shown bool // a status line is on the screen
}

// newProgress returns the progress of a command whose stderr is w: nil
// unless w is a terminal.
func newProgress(w io.Writer) *progress {
	f, ok := w.(*os.File)
	if !ok || !(isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())) {
		return nil
	}
	return &progress{w: w, start: time.Now(), now: time.Now}
}

// step shows what the run does now.
func (p *progress) step(format string, a ...any) {
	if p == nil {
		return
	}
	fmt.Fprint(p.w, progressLine(p.now().Sub(p.start), fmt.Sprintf(format, a...)))
	p.shown = true
}

// done clears the status line.
func (p *progress) done() {
	if p == nil || !p.shown {
		return
	}
	fmt.Fprint(p.w, clearLine)
	p.shown = false
}

// around returns w, writing through which first clears the status line
// (a warning written during a step gets a line of its own).
func (p *progress) around(w io.Writer) io.Writer {
	if p == nil {
		return w
	}
	return clearingWriter{p: p, w: w}
}

type clearingWriter struct {
	p *progress
	w io.Writer
}

func (c clearingWriter) Write(b []byte) (int, error) {
	c.p.done()
	return c.w.Write(b)
}

// clearLine returns to the line's start and erases it (ANSI).
const clearLine = "\r\x1b[K"

// progressLine is the status line of a step: the time since the start and
// what is being done, replacing the previous line.
func progressLine(elapsed time.Duration, msg string) string {
	return fmt.Sprintf("%splanscan: %5.1fs %s", clearLine, elapsed.Seconds(), msg)
}
