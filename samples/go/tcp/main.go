// tcp: a TCP echo server and its client in one program, on 127.0.0.1. The server side is
// socket + bind + listen, then accept4 for each client; the client side is socket + connect.
// Go's sockets are non-blocking: a read with no data yet returns EAGAIN and the goroutine waits
// in the runtime's epoll (epoll_pwait) until the kernel says the socket is readable.
package main

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"strings"
)

func main() {
	// Port 0: the kernel picks a free port; getsockname tells us which.
	ln, err := net.Listen("tcp", "127.0.0.1:0") // #LISTEN
	check(err)
	defer ln.Close()
	go serve(ln)

	conn, err := net.Dial("tcp", ln.Addr().String()) // #CONNECT
	check(err)
	defer conn.Close()
	reader := bufio.NewReader(conn)
	for _, word := range []string{"hello", "tcp", "bye"} {
		fmt.Fprintf(conn, "%s\n", word)       // #WRITE
		reply, err := reader.ReadString('\n') // #READ
		check(err)
		fmt.Print("client got: ", reply)
	}
}

// serve accepts one connection and echoes each line back in upper case.
func serve(ln net.Listener) {
	c, err := ln.Accept() // #ACCEPT
	if err != nil {
		return
	}
	defer c.Close()
	sc := bufio.NewScanner(c)
	for sc.Scan() { // #READ
		fmt.Fprintf(c, "%s\n", strings.ToUpper(sc.Text())) // #WRITE
	}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "tcp:", err)
		os.Exit(1)
	}
}
