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
	"text/tabwriter"
)

// version is set at build time: -ldflags "-X main.version=v1.2.3".
var version = "dev"

// Exit statuses shared by the subcommands.
const (
	exitOK       = 0
	exitFindings = 1 // the check ran and found problems (validate: error findings)
	exitUsage    = 2 // bad flags, or input that cannot be read
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
	{"validate", "validate policy documents and report findings with positions", runValidate},
	{"actions", "list the actions a pattern matches, with access level and resource types", runActions},
	{"managed-policy", "print an AWS managed policy document", runManagedPolicy},
	{"version", "print the version and the versions of the AWS reference data", runVersion},
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		usage(stdout)
		return exitOK
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(args[1:], stdin, stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "planscan: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitUsage
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
}
