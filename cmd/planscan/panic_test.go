package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

// Every subcommand runs behind the recover of runGuarded: a panic, whatever
// its value and whatever was written before it, exits 4 with a bug-report
// request, the panic value and a short stack.
func TestPanicExitsInternal(t *testing.T) {
	t.Parallel()
	values := map[string]func(){
		"string": func() { panic("boom") },
		"error":  func() { panic(errors.New("boom")) },
		"runtime error": func() {
			var s []int
			_ = s[len(fmt.Sprint())] // index out of range [0] with length 0
		},
	}
	for _, c := range commands {
		for kind, boom := range values {
			t.Run(c.name+"/"+kind, func(t *testing.T) {
				t.Parallel()
				hooked := []command{{c.name, c.summary, func(_ []string, _ io.Reader, stdout, _ io.Writer) int {
					fmt.Fprintln(stdout, "PASSED") // output before the panic must not decide the status
					boom()
					return exitOK
				}}}
				var out, errOut bytes.Buffer
				code := runCommands(hooked, []string{c.name, "x"}, strings.NewReader(""), &out, &errOut)
				if code != exitInternal {
					t.Errorf("exit %d, want %d", code, exitInternal)
				}
				msg := errOut.String()
				for _, want := range []string{"planscan " + c.name + ": internal error:", "bug report", "Stack:", "panic_test.go"} {
					if !strings.Contains(msg, want) {
						t.Errorf("stderr lacks %q:\n%s", want, msg)
					}
				}
				if kind != "runtime error" && !strings.Contains(msg, "boom") {
					t.Errorf("stderr lacks the panic value:\n%s", msg)
				}
				if kind == "runtime error" && !strings.Contains(msg, "index out of range") {
					t.Errorf("stderr lacks the runtime error:\n%s", msg)
				}
				if n := strings.Count(msg, "\n"); n > 40 {
					t.Errorf("stack not short: %d lines", n)
				}
			})
		}
	}
}

func TestHelpDocumentsExit4(t *testing.T) {
	t.Parallel()
	code, stdout, _ := runPlanscan(t, "", "help")
	if code != 0 || !strings.Contains(stdout, "4 internal error") {
		t.Errorf("help (exit %d) does not document exit 4:\n%s", code, stdout)
	}
}
