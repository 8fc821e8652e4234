// time: clocks, sleeps and timers. time.Now reads the clock through the vDSO: a page of
// kernel code and data mapped into every process, so reading the time is a normal function
// call with no switch into the kernel, and strace sees nothing. Sleeping and timers need the
// kernel to wake us: Go parks the goroutine and its scheduler waits in epoll_pwait or futex with
// a timeout (runtime events). A raw nanosleep shows a sleep that is a syscall on our own line.
package main

import (
	"fmt"
	"os"
	"syscall"
	"time"
	"unsafe"
)

func main() {
	start := time.Now()                                                  // #NOSYSCALL
	end := time.Now()                                                    // #NOSYSCALL
	fmt.Println("two clock reads, no syscall, apart by", end.Sub(start)) // #WRITE

	// The same clock through a real syscall, for comparison.
	var tv syscall.Timeval
	check(syscall.Gettimeofday(&tv)) // the Go wrapper also uses the vDSO on amd64
	var ts syscall.Timespec
	_, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, 1 /* CLOCK_MONOTONIC */, uintptr(unsafe.Pointer(&ts)), 0) // #CLOCK
	if errno != 0 {
		check(errno)
	}
	fmt.Printf("clock_gettime(CLOCK_MONOTONIC) as a syscall: %d.%09d s\n", ts.Sec, ts.Nsec)

	// time.Sleep: the goroutine is parked; the runtime's timer wakes it.
	t0 := time.Now()
	time.Sleep(50 * time.Millisecond)
	fmt.Println("time.Sleep(50ms) took", time.Since(t0).Round(time.Millisecond))

	// A nanosleep made by this line itself.
	req := syscall.Timespec{Nsec: 20 * 1000 * 1000}
	check(syscall.Nanosleep(&req, nil)) // #NANOSLEEP

	// Timers and tickers: channels that the runtime fills when the time comes.
	timer := time.NewTimer(30 * time.Millisecond)
	ticker := time.NewTicker(10 * time.Millisecond)
	defer ticker.Stop()
	ticks := 0
	for done := false; !done; {
		select {
		case <-ticker.C:
			ticks++
		case <-timer.C:
			done = true
		}
	}
	fmt.Println("ticker fired", ticks, "times before the 30ms timer") // #WRITE
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "time:", err)
		os.Exit(1)
	}
}
