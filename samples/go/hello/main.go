// hello: the smallest program that asks the kernel for something. fmt.Println formats the
// text in memory and then hands it to os.Stdout, whose Write ends in the write(2) syscall on
// file descriptor 1. The second half skips every layer and calls syscall.Write directly, so
// both lines produce the same syscall: only the path through Go's libraries differs.
package main

import (
	"fmt"
	"syscall"
)

func main() {
	// fmt → os.Stdout.Write → poll.FD.Write → syscall.Write → write(1, "Hello, World!\n", 14)
	fmt.Println("Hello,", "World!") // #WRITE

	// The same request without fmt and os: a byte slice and a file descriptor number.
	msg := []byte("Hello from syscall.Write\n")
	n, err := syscall.Write(1, msg) // #WRITE2
	if err != nil || n != len(msg) {
		panic(fmt.Sprintf("write returned %d, %v", n, err))
	}

	// Standard error is just another descriptor: 2.
	syscall.Write(2, []byte("and one line on stderr\n")) // #WRITE3
}
