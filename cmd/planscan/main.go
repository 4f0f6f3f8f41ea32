// Command planscan answers AWS IAM access questions offline: it evaluates
// requests against policies (eval), validates policy documents (validate),
// and, as its commands grow, checks Terraform plans.
//
// This package holds flags and I/O only; the work is done in internal/*.
package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"text/tabwriter"
)

// version is set at build time: -ldflags "-X main.version=v1.2.3".
var version = "dev"

// Exit statuses shared by the subcommands.
const (
	exitOK       = 0
	exitFindings = 1 // the check ran and found problems (validate: error findings)
	exitUsage    = 2 // bad flags, or input that cannot be read
	exitUnknown  = 3 // check: only unknown decisions blocked the gate (--fail-on-unknown)
	exitInternal = 4 // a bug in planscan (a panic): never a pass, never an input error
)

// command is one subcommand. run gets the arguments after the command name.
type command struct {
	name    string
	summary string
	run     func(args []string, stdin io.Reader, stdout, stderr io.Writer) int
}

// commands is the subcommand table; a new subcommand adds one entry here
// and a file cmd_<name>.go with its run function.
var commands = []command{
	{"eval", "decide requests against policies (JSON lines or a batch document)", runEval},
	{"query", "decide questions about a Terraform plan, before and after it", runQuery},
	{"check", "the CI gate: assertions and built-in findings on a Terraform plan", runCheck},
	{"diff", "show who gains and who loses which access in a Terraform plan", runDiff},
	{"graph", "draw the principal graph of a Terraform plan: who can become whom, and how", runGraph},
	{"validate", "validate policy documents and report findings with positions", runValidate},
	{"actions", "list the actions a pattern matches, with access level and resource types", runActions},
	{"managed-policy", "print an AWS managed policy document", runManagedPolicy},
	{"version", "print the version and the versions of the AWS reference data", runVersion},
}

func main() {
	stop := startCPUProfile(os.Getenv("PLANSCAN_CPUPROFILE"), os.Stderr)
	code := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runCommands(commands, args, stdin, stdout, stderr)
}

// runCommands dispatches args to a command of cmds (tests add hidden ones).
func runCommands(cmds []command, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		usage(stdout)
		return exitOK
	}
	for _, c := range cmds {
		if c.name == args[0] {
			return runGuarded(c, args[1:], stdin, stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "planscan: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitUsage
}

// runGuarded runs a command and turns a panic into exitInternal with a
// request for a bug report: a CI gate must never read a crash as a pass
// (0) or as an input error (2). Output written before the panic stays;
// the caller sees the status. Fatal runtime errors (stack overflow, out of
// memory) cannot be recovered and exit 2 from the Go runtime, which is why
// every input is bounded before it is parsed.
func runGuarded(c command, args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		if v := recover(); v != nil {
			fmt.Fprintf(stderr, "planscan %s: internal error: %v\n", c.name, v)
			fmt.Fprintf(stderr, "This is a bug in planscan %s, not a problem with your input: please file a bug report\n", version)
			fmt.Fprintln(stderr, "with the iamsim project, with the command line, this message and, if you can share it,")
			fmt.Fprintln(stderr, "the input. Exit status 4. Stack:")
			fmt.Fprintln(stderr, shortStack(debug.Stack(), 24))
			code = exitInternal
		}
	}()
	return c.run(args, stdin, stdout, stderr)
}

// shortStack keeps the first max lines of a goroutine stack after the
// frames of the panic machinery itself.
func shortStack(stack []byte, max int) string {
	lines := strings.Split(strings.TrimRight(string(stack), "\n"), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "panic(") {
			lines = append(lines[:1:1], lines[i:]...)
			break
		}
	}
	if len(lines) > max {
		lines = append(lines[:max:max], "\t...")
	}
	return strings.Join(lines, "\n")
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: planscan <command> [flags] [arguments]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "commands:")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, c := range commands {
		fmt.Fprintf(tw, "  %s\t%s\n", c.name, c.summary)
	}
	_ = tw.Flush()
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'planscan <command> -h' for a command's flags.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Exit status: 0 success (check: passed), 1 findings (check failed, validate: error findings),")
	fmt.Fprintln(w, "2 usage or input error, 3 check: only unknown decisions blocked a verdict, 4 internal error")
	fmt.Fprintln(w, "(a bug in planscan: please report it).")
}
