package analysis

import (
	"errors"
	"sync/atomic"
	"testing"
)

// Issue 14: a panic in a worker reaches the caller (and so the command's
// recover, exit 4) after every item was handed out; it never kills the
// process from a goroutine nobody recovers.
func TestParallelRaisesWorkerPanicOnCaller(t *testing.T) {
	t.Parallel()
	var done atomic.Int32
	defer func() {
		v := recover()
		var wp *WorkerPanic
		if err, ok := v.(error); !ok || !errors.As(err, &wp) || wp.Value != "boom" {
			t.Fatalf("recovered %v, want a *WorkerPanic with value boom", v)
		}
		if got := done.Load(); got != 99 {
			t.Errorf("%d items ran, want the other 99", got)
		}
	}()
	parallel(100, func(i int) {
		if i == 42 {
			panic("boom")
		}
		done.Add(1)
	})
	t.Fatal("parallel returned after a worker panicked")
}

func TestParallelRunsEveryItem(t *testing.T) {
	t.Parallel()
	var sum atomic.Int64
	parallel(1000, func(i int) { sum.Add(int64(i)) })
	if got := sum.Load(); got != 999*1000/2 {
		t.Fatalf("sum %d", got)
	}
}
