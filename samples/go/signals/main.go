// signals: asynchronous messages from the kernel. signal.Notify asks Go's runtime to deliver
// SIGUSR1 and SIGTERM on a channel (the runtime already installed its own handler with
// rt_sigaction at start-up; Notify mostly changes its bookkeeping). We then send signals to
// ourselves with kill(2) and tgkill(2); strace shows each delivery as a --- SIGUSR1 --- line.
// Finally a child process is stopped with SIGTERM, the signal a shutdown sends.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGUSR1, syscall.SIGTERM)

	me := os.Getpid()
	check(syscall.Kill(me, syscall.SIGUSR1)) // #KILL
	fmt.Println("handler got:", <-sigs)

	// Any process may send us SIGTERM; with Notify we choose what it means.
	check(syscall.Kill(me, syscall.SIGTERM)) // #KILL
	fmt.Println("handler got:", <-sigs, "(and we keep running)")

	// Back to the default action for SIGUSR1 would be "terminate"; ignoring is also possible.
	signal.Ignore(syscall.SIGUSR1)           // #SIGACTION
	check(syscall.Kill(me, syscall.SIGUSR1)) // #KILL
	fmt.Println("SIGUSR1 ignored: still alive")

	// A child that would sleep for a minute, stopped after 100 ms.
	child := exec.Command("sleep", "60")
	check(child.Start())
	time.Sleep(100 * time.Millisecond)
	check(child.Process.Signal(syscall.SIGTERM)) // #KILL
	err := child.Wait()                          // #WAIT
	fmt.Println("child ended:", err)
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "signals:", err)
		os.Exit(1)
	}
}
