// flock: advisory file locks. flock(2) locks belong to an open file (what open returned), not
// to the process, so two opens of the same file in one program compete like two programs would.
// We take an exclusive lock, show that a non-blocking attempt fails with EWOULDBLOCK, then let a
// goroutine block in flock until the lock is released.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

func main() {
	dir, err := os.MkdirTemp("", "flock-")
	check(err)
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "shared.lock")

	first, err := os.Create(path)
	check(err)
	defer first.Close()
	second, err := os.Open(path) // a second, independent open of the same file
	check(err)
	defer second.Close()

	check(syscall.Flock(int(first.Fd()), syscall.LOCK_EX)) // #FLOCK
	fmt.Println("first: exclusive lock taken")

	// LOCK_NB: do not wait, fail at once if someone else holds the lock.
	err = syscall.Flock(int(second.Fd()), syscall.LOCK_SH|syscall.LOCK_NB) // #FLOCK
	fmt.Println("second, non-blocking shared lock:", err)

	// Without LOCK_NB the call sleeps in the kernel until the lock is free.
	got := make(chan time.Duration)
	go func() {
		start := time.Now()
		syscall.Flock(int(second.Fd()), syscall.LOCK_SH) // #FLOCK
		got <- time.Since(start).Round(10 * time.Millisecond)
	}()
	time.Sleep(200 * time.Millisecond)
	check(syscall.Flock(int(first.Fd()), syscall.LOCK_UN)) // #FLOCK
	fmt.Println("second: shared lock after waiting about", <-got)
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "flock:", err)
		os.Exit(1)
	}
}
