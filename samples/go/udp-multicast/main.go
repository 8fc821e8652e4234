// udp-multicast: datagrams with no connection. Part 1 sends UDP packets from one socket to
// another on 127.0.0.1: sendto/recvfrom, no listen, no accept, no handshake. Part 2 joins a
// multicast group on the loopback interface only (setsockopt IP_ADD_MEMBERSHIP) and sends to the
// group with IP_MULTICAST_IF = lo and TTL 0, so not one packet can leave this machine.
package main

import (
	"fmt"
	"net"
	"os"
	"syscall"
	"time"
)

func main() {
	// ── Part 1: unicast UDP on loopback ──
	server, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)}) // #BIND
	check(err)
	defer server.Close()
	client, err := net.DialUDP("udp4", nil, server.LocalAddr().(*net.UDPAddr)) // #CONNECT
	check(err)
	defer client.Close()

	client.Write([]byte("ping over UDP")) // #WRITE
	buf := make([]byte, 1500)
	server.SetReadDeadline(time.Now().Add(2 * time.Second))
	n, from, err := server.ReadFromUDP(buf) // #RECV
	check(err)
	fmt.Printf("server got %q from %v\n", buf[:n], from)
	server.WriteToUDP([]byte("pong"), from) // #SEND

	// ── Part 2: multicast, kept on the loopback interface ──
	lo := loopbackInterface()
	group := &net.UDPAddr{IP: net.IPv4(239, 77, 77, 77), Port: 0}
	// Joining the group: the kernel now delivers the group's packets that arrive on lo.
	receiver, err := net.ListenMulticastUDP("udp4", lo, group) // #SETSOCKOPT
	check(err)
	defer receiver.Close()
	group.Port = receiver.LocalAddr().(*net.UDPAddr).Port

	sender, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	check(err)
	defer sender.Close()
	raw, err := sender.SyscallConn()
	check(err)
	raw.Control(func(fd uintptr) {
		// Send group traffic out of lo, never out of a real network card, and with TTL 0.
		syscall.SetsockoptIPMreqn(int(fd), syscall.IPPROTO_IP, syscall.IP_MULTICAST_IF, &syscall.IPMreqn{Ifindex: int32(lo.Index)}) // #SETSOCKOPT
		syscall.SetsockoptInt(int(fd), syscall.IPPROTO_IP, syscall.IP_MULTICAST_TTL, 0)                                             // #SETSOCKOPT
		syscall.SetsockoptInt(int(fd), syscall.IPPROTO_IP, syscall.IP_MULTICAST_LOOP, 1)
	})
	for i := 1; i <= 3; i++ {
		sender.WriteToUDP([]byte(fmt.Sprintf("news #%d", i)), group) // #SEND
	}
	receiver.SetReadDeadline(time.Now().Add(2 * time.Second))
	for i := 1; i <= 3; i++ {
		n, from, err := receiver.ReadFromUDP(buf) // #RECV
		if err != nil {
			fmt.Println("multicast: nothing received:", err)
			return
		}
		fmt.Printf("group member got %q from %v\n", buf[:n], from)
	}
}

func loopbackInterface() *net.Interface {
	ifaces, err := net.Interfaces()
	check(err)
	for i := range ifaces {
		if ifaces[i].Flags&net.FlagLoopback != 0 {
			return &ifaces[i]
		}
	}
	check(fmt.Errorf("no loopback interface"))
	return nil
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "udp-multicast:", err)
		os.Exit(1)
	}
}
