// process-info: who am I? Each question is one small syscall that reads a field of this
// process's task in the kernel: getpid, getppid, getuid/geteuid, getgid/getegid, getgroups,
// getpgid (process group = a shell job) and getsid (session = a login or terminal).
// Nothing is cached: ask twice, and you see the syscall twice.
package main

import (
	"fmt"
	"os"
	"syscall"
)

func main() {
	fmt.Println("pid: ", os.Getpid())                        // #GETID
	fmt.Println("ppid:", os.Getppid())                       // #GETID
	fmt.Println("uid: ", os.Getuid(), "euid:", os.Geteuid()) // #GETID
	fmt.Println("gid: ", os.Getgid(), "egid:", os.Getegid()) // #GETID

	groups, err := os.Getgroups() // #GETID
	check(err)
	fmt.Println("supplementary groups:", groups)

	pgid, err := syscall.Getpgid(0) // #GETID
	check(err)
	sid, _, errno := syscall.RawSyscall(syscall.SYS_GETSID, 0, 0, 0) // #GETID
	if errno != 0 {
		check(errno)
	}
	fmt.Println("process group:", pgid, "session:", sid)

	// os.Getwd trusts $PWD when it names the same directory as "." (two stats, compared
	// by device and inode) and calls getcwd only when it does not.
	wd, err := os.Getwd() // #STAT
	check(err)
	buf := make([]byte, 4096)
	n, err := syscall.Getcwd(buf) // #GETCWD
	check(err)
	fmt.Println("working directory:", wd, "and from getcwd:", string(buf[:n-1]))

	exe, err := os.Executable() // #READLINK
	check(err)
	fmt.Println("executable:", exe)
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "process-info:", err)
		os.Exit(1)
	}
}
