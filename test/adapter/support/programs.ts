/**
 * Small real C programs the adapter tests trace, written into a fresh temp dir by each test
 * file and built by the engine (build: auto). Lines that make syscalls carry marker comments
 * (`// #OPEN`); tests find them with `markerLine`, never by number.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const BASIC_C = `#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void say(const char *s) {
  write(1, s, strlen(s)); // #SAY
}

int main(int argc, char **argv) {
  const char *file = argc > 1 ? argv[1] : "notes.txt";
  int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644); // #OPEN
  write(fd, "hello\\n", 6); // #WRITE
  close(fd); // #CLOSE
  int bad = open("/nonexistent/missing.txt", O_RDONLY); // #FAIL
  for (int i = 0; i < 3; i++) say("tick\\n"); // #LOOP
  close(bad + 100); // #AFTER
  say("done\\n"); // #DONE
  return 0;
}
`;

export const FORK_C = `#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  write(1, "parent\\n", 7); // #PARENT
  pid_t child = fork(); // #FORK
  if (child == 0) {
    write(1, "child\\n", 6); // #CHILD
    _exit(3);
  }
  int status = 0;
  waitpid(child, &status, 0); // #WAIT
  write(1, "reaped\\n", 7); // #REAPED
  return 0;
}
`;

export const THREADS_C = `#include <pthread.h>
#include <unistd.h>

static void *worker(void *arg) {
  (void)arg;
  write(1, "worker\\n", 7); // #WORKER
  return NULL;
}

int main(void) {
  pthread_t t;
  write(1, "main\\n", 5); // #MAIN
  pthread_create(&t, NULL, worker, NULL); // #CREATE
  pthread_join(t, NULL); // #JOIN
  write(1, "joined\\n", 7); // #JOINED
  return 0;
}
`;

/** Runs until killed: for terminate and live-run tests. */
export const FOREVER_C = `#include <stdio.h>
#include <unistd.h>

int main(void) {
  write(1, "start\\n", 6); // #START
  for (;;) {
    usleep(200000); // #SLEEP
    write(1, ".", 1); // #TICK
  }
}
`;

/** Reads a line from stdin and echoes it: for the terminal relay. */
export const ECHO_C = `#include <stdio.h>
#include <unistd.h>

int main(void) {
  char buf[128];
  ssize_t n = read(0, buf, sizeof buf); // #READ
  if (n > 0) write(1, buf, n); // #ECHO
  return n > 0 ? 0 : 1;
}
`;

export interface Workspace {
  dir: string;
  /** Write a source file into the workspace; returns its absolute path. */
  write(name: string, text: string): string;
  cleanup(): void;
}

export function makeWorkspace(prefix = 'syscall-lens-adapter-'): Workspace {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    dir,
    write(name, text) {
      const file = path.join(dir, name);
      writeFileSync(file, text);
      return file;
    },
    cleanup() { rmSync(dir, { recursive: true, force: true }); },
  };
}

/** 1-based line of the line holding `// #MARKER`. */
export function markerLine(file: string, marker: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  const index = lines.findIndex((l) => l.includes(`// ${marker}`));
  if (index < 0) throw new Error(`marker ${marker} not found in ${file}`);
  return index + 1;
}
