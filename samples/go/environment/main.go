// environment: environment variables are strings the kernel copies onto a new program's stack
// at execve(2) time, next to argv. Reading them (os.Getenv) and changing them (os.Setenv) only
// touches this process's memory: no syscall. They reach another program only when we pass them
// to the next execve, which is what exec.Cmd.Env does. Compare the two execve calls in the trace.
package main

import (
	"fmt"
	"os"
	"os/exec"
)

func main() {
	fmt.Println("HOME is", os.Getenv("HOME")) // #WRITE

	// In memory only: nothing tells the kernel.
	os.Setenv("GREETING", "hello from the parent") // #NOSYSCALL

	// A child inherits our (changed) environment: it is in execve's envp argument.
	out, err := exec.Command("sh", "-c", `echo "child sees GREETING=$GREETING"`).Output() // #EXEC
	check(err)
	fmt.Print(string(out))

	// Or we choose the child's whole environment ourselves.
	cmd := exec.Command("sh", "-c", `echo "only: $(env | sort | tr '\n' ' ')"`)
	cmd.Env = []string{"ONLY_THIS=1", "PATH=/usr/bin:/bin"}
	out, err = cmd.Output() // #EXEC
	check(err)
	fmt.Print(string(out))

	// os.ExpandEnv reads variables from memory too.
	fmt.Println(os.ExpandEnv("expanded: $GREETING")) // #WRITE
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "environment:", err)
		os.Exit(1)
	}
}
