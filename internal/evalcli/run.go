package evalcli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/inputlimit"
	"github.com/iamsim/terraform-provider-iamsim/internal/textsafe"
)

// Eval decides every request of r (JSON lines or a batch document, see
// readInput) and writes one result per request to w, in input order: a JSON
// line, or with cfg.Explain an explanation headed by the request id. A case
// the input layer rejects yields decision "error" with a message naming its
// line and JSON pointer. The returned error wraps ErrUnreadable when the
// input cannot be read at all; other errors come from writing w.
//
// The input is bounded by cfg.Limits: memory stays proportional to the
// longest line or document, never to the input. A regular file no larger
// than a document (MaxDocument) is read whole, in one read, or mapped
// (cfg.MapFile), and its lines are used in place (see readWhole); so is
// the same memory bound kept.
func Eval(r io.Reader, w io.Writer, cfg Config) error {
	out := &evalRunner{w: bufio.NewWriterSize(w, 64<<10), cfg: cfg}
	name := cfg.Name
	if name == "" {
		name = "stdin"
	}
	lim := cfg.Limits.withDefaults()
	var err error
	if src, ok, rerr := readWhole(r, name, lim, cfg.MapFile); rerr != nil {
		err = rerr
	} else if ok {
		err = readMapped(src, name, lim, out)
	} else {
		err = readInput(inputlimit.NewReader(r, name, "input", lim.MaxInput), name, lim, out)
	}
	if ferr := out.w.Flush(); ferr != nil && err == nil {
		err = fmt.Errorf("writing output: %w", ferr)
	}
	return err
}

// evalRunner compiles each policy set once and writes the results.
type evalRunner struct {
	w   *bufio.Writer
	cfg Config
	buf []byte
	res evaluator.Result
}

func (e *evalRunner) handleCase(c *Case, id []byte, inputErr error) error {
	if inputErr != nil {
		return e.writeError(id, inputErr)
	}
	compiled := evaluator.Compile(c.Set, e.cfg.Options)
	return e.decide(compiled, id, &c.Request)
}

// handleBatch compiles the shared policies once and each resource policy at
// most once (CompiledSet.WithResource), then streams the requests: in
// chunks on several goroutines when the document has more than one chunk
// and the process more than one CPU (see handleBatchParallel), else here.
func (e *evalRunner) handleBatch(b *Batch, sharedErr error) error {
	if sharedErr != nil {
		return batchError(b, b.EachRequest(func(r *BatchRequest, _ error) error {
			return e.writeError(r.ID, sharedErr)
		}))
	}
	sets := newBatchSets(b, e.cfg.Options)
	if chunks := b.chunks(); len(chunks) > 1 {
		workers := e.cfg.Workers
		if workers <= 0 {
			workers = runtime.GOMAXPROCS(0)
		}
		if workers = min(workers, len(chunks), maxEvalWorkers); workers > 1 {
			return e.handleBatchParallel(b, sets, chunks, workers)
		}
	}
	return batchError(b, b.EachRequest(func(r *BatchRequest, inputErr error) error {
		return e.batchRequest(sets, r, inputErr)
	}))
}

// batchSets are a batch document's compiled policy sets: the shared
// policies, and with each resource policy, compiled when a request first
// needs it (safe for concurrent use).
type batchSets struct {
	base         *evaluator.CompiledSet
	withResource []func() *evaluator.CompiledSet
}

func newBatchSets(b *Batch, opts evaluator.Options) *batchSets {
	s := &batchSets{base: evaluator.Compile(b.Set, opts), withResource: make([]func() *evaluator.CompiledSet, len(b.ResourcePolicies))}
	for i := range s.withResource {
		doc := &b.ResourcePolicies[i].Doc
		s.withResource[i] = sync.OnceValue(func() *evaluator.CompiledSet { return s.base.WithResource(doc) })
	}
	return s
}

// batchRequest decides one request of a batch document and writes its result.
func (e *evalRunner) batchRequest(sets *batchSets, r *BatchRequest, inputErr error) error {
	if inputErr != nil {
		return e.writeError(r.ID, inputErr)
	}
	compiled := sets.base
	if r.Policy >= 0 {
		compiled = sets.withResource[r.Policy]()
	}
	return e.decide(compiled, r.ID, &r.Request)
}

// batchError makes the requests array's own syntax or limit errors, which
// end the reading, unreadable-input errors located in the document.
func batchError(b *Batch, err error) error {
	var se *syntaxError
	var fe *fieldError
	if errors.As(err, &se) || errors.As(err, &fe) {
		return unreadable(b.lines().inputError(err))
	}
	return err
}

func (e *evalRunner) decide(c *evaluator.CompiledSet, id []byte, req *evaluator.Request) error {
	e.res.Reset()
	c.DecideInto(req, &e.res)
	if e.cfg.Explain {
		e.buf = appendExplainHeader(e.buf[:0], id)
		e.buf = append(e.buf, textsafe.Lines(evaluator.Explain(req, &e.res))...)
		e.buf = appendNewlines(e.buf)
	} else {
		e.buf = appendResultLine(e.buf[:0], id, &e.res)
	}
	_, err := e.w.Write(e.buf)
	return err
}

func (e *evalRunner) writeError(id []byte, inputErr error) error {
	if e.cfg.Explain {
		e.buf = appendExplainHeader(e.buf[:0], id)
		e.buf = append(e.buf, "decision: error\n"...)
		e.buf = append(e.buf, textsafe.Line(inputErr.Error())...)
		e.buf = appendNewlines(e.buf)
	} else {
		e.buf = appendErrorLine(e.buf[:0], id, inputErr)
	}
	_, err := e.w.Write(e.buf)
	return err
}
