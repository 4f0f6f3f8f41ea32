package analysis

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
)

// WorkerPanic is a panic raised in one of parallel's workers, raised again
// on the calling goroutine so that the command's recover sees it (exit 4)
// instead of the process dying with Go's exit status 2, the status of an
// input error.
type WorkerPanic struct {
	Value any
	Stack []byte
}

func (p *WorkerPanic) Error() string {
	return fmt.Sprintf("%v\n[worker goroutine]\n%s", p.Value, p.Stack)
}

// parallel runs f(0..n-1) on GOMAXPROCS workers and returns when all are
// done. A panic in f stops no other call from being handed out (the
// sender never blocks) and is raised again here once every worker ended.
func parallel(n int, f func(int)) {
	work := make(chan int)
	var (
		wg       sync.WaitGroup
		once     sync.Once
		panicked *WorkerPanic
	)
	run := func(i int) {
		defer func() {
			if v := recover(); v != nil {
				once.Do(func() { panicked = &WorkerPanic{Value: v, Stack: debug.Stack()} })
			}
		}()
		f(i)
	}
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				run(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		work <- i
	}
	close(work)
	wg.Wait()
	if panicked != nil {
		panic(panicked)
	}
}
