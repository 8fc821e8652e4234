// exec: start other programs. exec.Command runs a program directly: Go's syscall package clones a
// child (clone with CLONE_VFORK|CLONE_VM, so the parent waits until the child has exec'd), the
// child calls execve(2) on the program's path, and the parent collects it with wait4(2).
// Through "sh -c" there is one more process in between: the shell parses the command line,
// then forks and execs the real program (or just execs it, for a single simple command).
package main

import (
	"fmt"
	"os"
	"os/exec"
)

func main() {
	// 1. Directly: argv is passed as is, no shell, no quoting problems.
	out, err := exec.Command("echo", "hello from", "a child process").Output() // #EXEC
	check(err)
	fmt.Print("direct: ", string(out))

	// 2. Through a shell: the shell does the pipe and spawns both sides.
	out, err = exec.Command("sh", "-c", "echo one two three | wc -w").Output() // #EXEC
	check(err)
	fmt.Print("through sh -c, word count: ", string(out))

	// 3. Exit status: the child's exit code comes back through wait4.
	err = exec.Command("sh", "-c", "exit 3").Run() // #EXEC
	if ee, ok := err.(*exec.ExitError); ok {
		fmt.Println("sh -c 'exit 3' ended with code", ee.ExitCode())
	}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "exec:", err)
		os.Exit(1)
	}
}
