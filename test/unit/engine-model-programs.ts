/**
 * The real programs the engine-model tests build and trace, with `// #MARKER` comments on the
 * lines whose syscalls the tests look for. Kept apart so several test files share them.
 */
export const C_PROGRAM = `#include <fcntl.h>
#include <pthread.h>
#include <spawn.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static void *worker(void *arg) {
  (void)arg;
  getppid(); // #THREAD
  return NULL;
}

int main(int argc, char **argv) {
  if (argc > 1) {
    write(1, "child\\n", 6); // #EXECED
    return 4;
  }
  int fd = open("/etc/hostname", O_RDONLY); // #OPEN
  char buf[64];
  read(fd, buf, sizeof buf); // #READ
  close(fd); // #CLOSE
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  pid_t child = fork(); // #FORK
  if (child == 0) {
    execl(argv[0], "prog", "again", (char *)NULL); // #EXEC
    _exit(127);
  }
  waitpid(child, NULL, 0); // #WAIT
  pid_t spawned;
  char *spawnArgv[] = {"true", NULL};
  posix_spawn(&spawned, "/bin/true", NULL, NULL, spawnArgv, NULL); // #SPAWN
  waitpid(spawned, NULL, 0);
  return 0;
}
`;

export const GO_PROGRAM = `package main

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
)

func main() {
	f, err := os.Open("/etc/hostname") // #OPEN
	if err != nil {
		panic(err)
	}
	buf := make([]byte, 64)
	f.Read(buf) // #READ
	f.Close()   // #CLOSE
	done := make(chan error)
	go func() {
		done <- os.WriteFile(filepath.Join(os.TempDir(), "syscall-lens-model-go.txt"), []byte("x"), 0o600) // #WRITEFILE
	}()
	<-done
	os.Remove(filepath.Join(os.TempDir(), "syscall-lens-model-go.txt")) // #REMOVE
	ln, err := net.Listen("tcp", "127.0.0.1:0") // #LISTEN
	if err != nil {
		panic(err)
	}
	conn, err := net.Dial("tcp", ln.Addr().String()) // #DIAL
	if err != nil {
		panic(err)
	}
	conn.Close()
	ln.Close()
	fmt.Println("done") // #PRINT
}
`;

export const RUST_PROGRAM = `use std::fs::File;
use std::io::Read;

fn main() {
    let mut f = File::open("/etc/hostname").unwrap(); // #OPEN
    let mut s = String::new();
    f.read_to_string(&mut s).unwrap(); // #READ
    println!("{}", s.len()); // #PRINT
    std::fs::metadata("/etc/passwd").unwrap(); // #STAT
}
`;
