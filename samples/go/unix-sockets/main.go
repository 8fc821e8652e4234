// unix-sockets: sockets addressed by a path instead of an IP and a port. A stream socket
// (SOCK_STREAM, like TCP: listen/accept/connect, a byte stream) and a datagram socket
// (SOCK_DGRAM, like UDP: separate messages, sendto/recvfrom). The socket files are made by
// bind(2) in a temporary directory and removed with unlink(2); data never touches the disk.
package main

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"path/filepath"
)

func main() {
	dir, err := os.MkdirTemp("", "unix-sockets-")
	check(err)
	defer os.RemoveAll(dir)

	// ── Stream: a connection, like TCP ──
	streamPath := filepath.Join(dir, "stream.sock")
	ln, err := net.Listen("unix", streamPath) // #BIND
	check(err)
	defer ln.Close()
	go func() {
		c, err := ln.Accept() // #ACCEPT
		if err != nil {
			return
		}
		defer c.Close()
		line, _ := bufio.NewReader(c).ReadString('\n') // #READ
		fmt.Fprintf(c, "stream server got %q\n", line) // #WRITE
	}()
	c, err := net.Dial("unix", streamPath) // #CONNECT
	check(err)
	fmt.Fprintln(c, "hello over a stream socket") // #WRITE
	reply, err := bufio.NewReader(c).ReadString('\n')
	check(err)
	fmt.Print(reply)
	c.Close()

	// ── Datagram: messages, like UDP, each with its sender's address ──
	serverAddr := &net.UnixAddr{Name: filepath.Join(dir, "server.sock"), Net: "unixgram"}
	clientAddr := &net.UnixAddr{Name: filepath.Join(dir, "client.sock"), Net: "unixgram"}
	server, err := net.ListenUnixgram("unixgram", serverAddr) // #BIND
	check(err)
	defer server.Close()
	client, err := net.ListenUnixgram("unixgram", clientAddr) // a bound client can get replies
	check(err)
	defer client.Close()

	client.WriteToUnix([]byte("one datagram"), serverAddr)     // #SEND
	client.WriteToUnix([]byte("another datagram"), serverAddr) // #SEND
	buf := make([]byte, 256)
	for i := 0; i < 2; i++ {
		n, from, err := server.ReadFromUnix(buf) // #RECV
		check(err)
		fmt.Printf("datagram server got %q from %s\n", buf[:n], filepath.Base(from.Name))
	}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "unix-sockets:", err)
		os.Exit(1)
	}
}
