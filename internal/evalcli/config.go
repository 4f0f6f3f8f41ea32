package evalcli

import "github.com/iamsim/terraform-provider-iamsim/internal/evaluator"

// Config controls Eval.
type Config struct {
	// Explain writes evaluator.Explain's text per request instead of JSON.
	Explain bool
	// Options are the engine options (reference data, quotas).
	Options evaluator.Options
	// Name names the input in errors ("stdin" when empty).
	Name string
	// Limits bound the input; zero fields take the defaults.
	Limits Limits
	// MapFile maps a regular file that is read whole into memory (on
	// Linux) instead of copying it: fewer page faults and no copy. The
	// mapping is never released (decoded strings alias it and may outlive
	// Eval), so only a process that evaluates one input sets it (planscan
	// eval).
	MapFile bool
	// Workers bounds the goroutines that decide a batch document's
	// requests (in chunks, written in input order); 0 means GOMAXPROCS,
	// 1 decides them on the calling goroutine. The output is the same.
	Workers int
}

// Limits bound what Eval reads and builds. Going over MaxInput, MaxLine or
// MaxDocument makes the input unreadable (an error naming the input, the
// line and the limit); a case over MaxTree is an error decision for that
// case, found before its JSON tree is built.
type Limits struct {
	MaxInput    int64 // the whole input (default 1 GiB)
	MaxLine     int   // one input line (default 64 MiB)
	MaxDocument int64 // a document spread over several lines: a batch or a pretty-printed case (default 64 MiB)
}

// Default limits; MaxTree, the size of a case (or of a batch document
// without its requests, or of one request) whose JSON tree is built, is the
// engine's 16 MiB limit of a policy document.
const (
	DefaultMaxInput    = 1 << 30
	DefaultMaxLine     = 64 << 20
	DefaultMaxDocument = 64 << 20
	MaxTree            = 16 << 20
)

func (l Limits) withDefaults() Limits {
	if l.MaxInput <= 0 {
		l.MaxInput = DefaultMaxInput
	}
	if l.MaxLine <= 0 {
		l.MaxLine = DefaultMaxLine
	}
	if l.MaxDocument <= 0 {
		l.MaxDocument = DefaultMaxDocument
	}
	return l
}
