// io-writer: one interface, four destinations. fmt.Fprintf only needs an io.Writer; what the
// kernel sees depends on what is behind it. A file and stdout end in write(2) on their file
// descriptors, a TCP connection ends in write(2) on a socket, and a bytes.Buffer ends nowhere:
// it only appends to a slice in this process's memory, so it makes no syscall at all.
package main

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
)

func main() {
	dir, err := os.MkdirTemp("", "io-writer-") // #MKDIR
	check(err)
	defer os.RemoveAll(dir)

	// 1. A file: openat(…, O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC) then write(fd, …).
	f, err := os.Create(filepath.Join(dir, "out.txt")) // #OPEN
	check(err)
	fmt.Fprintf(f, "to a file: %d\n", 1) // #WRITE
	f.Close()                            // #CLOSE

	// 2. Standard output: the same write(2), on descriptor 1.
	fmt.Fprintf(os.Stdout, "to stdout: %d\n", 2) // #WRITE

	// 3. A bytes.Buffer: appends to memory. No syscall: the kernel is never asked.
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "to a buffer: %d\n", 3) // #NOSYSCALL
	// Only when we copy the buffer to stdout does a write(2) happen.
	io.Copy(os.Stdout, &buf) // #WRITE

	// 4. A network connection over loopback: socket, connect, then write(2) on the socket.
	ln, err := net.Listen("tcp", "127.0.0.1:0") // #LISTEN
	check(err)
	defer ln.Close()
	received := make(chan string)
	go func() {
		c, err := ln.Accept() // #ACCEPT
		check(err)
		defer c.Close()
		data, _ := io.ReadAll(c) // #READ
		received <- string(data)
	}()
	conn, err := net.Dial("tcp", ln.Addr().String()) // #CONNECT
	check(err)
	fmt.Fprintf(conn, "to a TCP connection: %d\n", 4) // #WRITE
	conn.Close()
	fmt.Print("the server read: ", <-received) // #WRITE
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "io-writer:", err)
		os.Exit(1)
	}
}
