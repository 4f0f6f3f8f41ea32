package evalcli

import (
	"bufio"
	"bytes"
	"runtime/debug"
	"sync"
)

// maxEvalWorkers bounds the goroutines that decide a batch document's
// chunks; past a few, the writer and the memory bandwidth are the limit.
const maxEvalWorkers = 8

// batchChunk is chunk k of a batch document's requests (chunkElements of
// them, from offset chunks[k]) and, once done is closed, its results.
type batchChunk struct {
	k    int
	out  *bytes.Buffer
	err  error // the error that ended the chunk: the sequential reading would end there too
	pan  any   // a panic of the worker, raised again by the writer
	done chan struct{}
}

var chunkBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// handleBatchParallel decides the chunks of b's requests (b.chunks) on
// workers goroutines and writes their results in input order, so that the
// output is byte for byte what the sequential reading writes, ending at the
// same error. At most two chunks per worker are decided ahead of the
// writer: memory grows with the chunks in flight, not with the input.
//
// A worker's panic is raised again on this goroutine when its chunk's turn
// comes: a fault reading a mapped input then becomes the unreadable-input
// error of readMapped, and any other panic reaches the command's recover.
func (e *evalRunner) handleBatchParallel(b *Batch, sets *batchSets, chunks []int, workers int) error {
	jobs := make(chan *batchChunk, len(chunks))
	order := make(chan *batchChunk, 2*workers)
	stop := make(chan struct{})
	var stopOnce sync.Once
	halt := func() { stopOnce.Do(func() { close(stop) }) }
	defer halt()

	go func() {
		defer close(order)
		defer close(jobs)
		for k := range chunks {
			c := &batchChunk{k: k, done: make(chan struct{})}
			select {
			case order <- c:
				jobs <- c
			case <-stop:
				return
			}
		}
	}()
	for range workers {
		go func() {
			w := &evalRunner{cfg: e.cfg, w: bufio.NewWriterSize(nil, 16<<10)}
			for c := range jobs {
				select {
				case <-stop:
				default:
					w.runChunk(b, sets, chunks, c)
				}
				close(c.done)
			}
		}()
	}

	var err error
	for c := range order {
		<-c.done
		if c.pan != nil {
			halt()
			panic(c.pan)
		}
		if err == nil && c.out != nil {
			if _, werr := e.w.Write(c.out.Bytes()); werr != nil {
				err = werr
			} else if c.err != nil {
				err = batchError(b, c.err)
			}
		}
		if c.out != nil {
			c.out.Reset()
			chunkBuffers.Put(c.out)
		}
		if err != nil {
			halt() // the feeder stops; the chunks already queued are drained
		}
	}
	return err
}

// runChunk decides chunk c into a buffer of its own.
func (w *evalRunner) runChunk(b *Batch, sets *batchSets, chunks []int, c *batchChunk) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			c.pan = r
		}
	}()
	c.out = chunkBuffers.Get().(*bytes.Buffer)
	w.w.Reset(c.out)
	c.err = b.eachRequestFrom(chunks[c.k], c.k*chunkElements, chunkElements, func(r *BatchRequest, inputErr error) error {
		return w.batchRequest(sets, r, inputErr)
	})
	if ferr := w.w.Flush(); ferr != nil && c.err == nil {
		c.err = ferr
	}
}
