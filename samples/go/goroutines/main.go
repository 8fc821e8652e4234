// goroutines: Go's runtime multiplexes goroutines onto OS threads. The threads are made with
// clone(2) (flags CLONE_VM|CLONE_THREAD…: same memory, same process), and threads that have
// nothing to do sleep in futex(2). Both are the runtime's own calls, made on its scheduler
// stack, so they show up as runtime events. What the user lines do (write) shows up on
// whichever thread ran the goroutine at that moment: look at the tids.
package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"sync"
	"time"
)

func main() {
	// 1. Goroutines + a channel: four workers send results back; main collects them.
	results := make(chan string)
	for i := 1; i <= 4; i++ {
		go func(id int) {
			busy(20 * time.Millisecond) // CPU work keeps several threads running at once
			results <- fmt.Sprintf("worker %d done", id)
		}(i)
	}
	for i := 0; i < 4; i++ {
		fmt.Println(<-results) // #WRITE
	}

	// 2. sync.Mutex: goroutines that block on the lock park in the runtime; an idle thread
	//    sleeps in futex(FUTEX_WAIT_PRIVATE) until the scheduler wakes it with FUTEX_WAKE.
	var mu sync.Mutex
	var wg sync.WaitGroup
	counter := 0
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 1000; j++ {
				mu.Lock()
				counter++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	fmt.Println("counter =", counter, "with", runtime.NumGoroutine(), "goroutine(s) left") // #WRITE

	// 3. context cancellation: a worker stops when its context is cancelled.
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	stopped := make(chan struct{})
	go func() {
		ticks := 0
		for {
			select {
			case <-ctx.Done():
				fmt.Println("worker stopped after", ticks, "ticks:", ctx.Err()) // #WRITE
				close(stopped)
				return
			case <-time.After(10 * time.Millisecond):
				ticks++
			}
		}
	}()
	<-stopped

	// 4. A goroutine locked to its own thread: the runtime must start a new one (clone).
	done := make(chan int)
	go func() {
		runtime.LockOSThread()
		done <- os.Getpid() // gettid would differ from main's; getpid is shared by all threads
	}()
	fmt.Println("process", <-done, "has several threads; see clone() in the trace") // #WRITE
}

// busy spins for d without sleeping, so the scheduler needs more than one thread.
func busy(d time.Duration) {
	end := time.Now().Add(d)
	for time.Now().Before(end) {
	}
}
