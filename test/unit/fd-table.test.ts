/**
 * The reconstructed fd table, checked against what a real C program opened, duplicated,
 * closed, shared with a thread, copied into a fork and kept across execve, traced by real
 * strace. Each check names the marker line whose syscall it reads the table after.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FdEntry, TraceEvent, TraceModelView } from '../../debug-adapter/engine/types';
import { compile, eventsAt, markers, record, trace, withTempDir } from './engine-model-support';

const PROGRAM = String.raw`#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/close_range.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int thread_fd = -1;
static void *opener(void *arg) {
  (void)arg;
  thread_fd = open("/etc/passwd", O_RDONLY); // #THREAD_OPEN
  return NULL;
}

int main(int argc, char **argv) {
  if (argc > 1) {
    fcntl(20, F_GETFD); // #EXEC_CHECK
    return 0;
  }
  int fd = open("/etc/hostname", O_RDONLY); // #OPEN
  int p[2];
  pipe(p); // #PIPE
  dup2(fd, 9); // #DUP2
  int ce = fcntl(fd, F_DUPFD_CLOEXEC, 20); // #DUPFD_CLOEXEC
  (void)ce;
  int server = socket(AF_INET, SOCK_STREAM, 0); // #SOCKET
  struct sockaddr_in addr;
  memset(&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(server, (struct sockaddr *)&addr, sizeof addr);
  listen(server, 1);
  socklen_t len = sizeof addr;
  getsockname(server, (struct sockaddr *)&addr, &len);
  int client = socket(AF_INET, SOCK_STREAM, 0);
  connect(client, (struct sockaddr *)&addr, sizeof addr); // #CONNECT
  int accepted = accept(server, NULL, NULL); // #ACCEPT
  write(client, "hi", 2); // #SEND
  close(accepted); // #CLOSE_ACCEPTED
  pthread_t t;
  pthread_create(&t, NULL, opener, NULL);
  pthread_join(t, NULL);
  getppid(); // #AFTER_JOIN
  pid_t child = fork();
  if (child == 0) {
    close(9); // #CHILD_CLOSE
    _exit(0);
  }
  waitpid(child, NULL, 0);
  getppid(); // #AFTER_WAIT
  pid_t execd = fork();
  if (execd == 0) {
    execl(argv[0], "prog", "exec-child", (char *)NULL); // #EXEC
    _exit(127);
  }
  waitpid(execd, NULL, 0);
  syscall(SYS_close_range, 4, 5, 0); // #CLOSE_RANGE
  syscall(SYS_close_range, 3, ~0U, CLOSE_RANGE_CLOEXEC); // #CLOSE_RANGE_CLOEXEC
  fcntl(9, F_SETFD, 0); // #SETFD
  return 0;
}
`;

function one(model: TraceModelView, path: string, line: number, name: string): TraceEvent {
  const found = eventsAt(model, path, line, name);
  assert.equal(found.length, 1, `one ${name} at line ${line}, found ${found.length}`);
  return found[0];
}

function byFd(table: FdEntry[]): Map<number, FdEntry> {
  return new Map(table.map((e) => [e.fd, e]));
}

test('fd table over time follows open, pipe, dup2, F_DUPFD_CLOEXEC, sockets, threads, fork, execve, close_range and F_SETFD', async () => {
  await withTempDir(async (dir) => {
    const { binary, sourcePath } = await compile(dir, 'c', PROGRAM);
    const m = markers(PROGRAM);
    const line = (name: string): number => m.get(name) as number;
    const recording = await record(await trace(dir, [binary]), [dir]);
    try {
      const { model } = recording;
      const open = one(model, sourcePath, line('OPEN'), 'openat');
      const hostnameFd = open.ret as number;
      assert.equal(byFd(model.fdTableAt(open.seq)).get(hostnameFd)?.description, '/etc/hostname');
      assert.equal(byFd(model.fdTableAt(open.seq)).get(hostnameFd)?.openedAt, open.seq);
      // Just before the open (the previous event of that thread), the fd did not exist.
      assert.equal(byFd(model.fdTableAt(open.seq - 1)).has(hostnameFd), false);
      // The traced program inherited stdin, stdout and stderr; they are in its table from the start.
      assert.deepEqual(model.fdTableAt(0).filter((e) => e.fd <= 2).map((e) => e.fd), [0, 1, 2]);
      assert.match(byFd(model.fdTableAt(open.seq)).get(1)?.description ?? '', /stdout/);

      const pipe = one(model, sourcePath, line('PIPE'), 'pipe2');
      const afterPipe = byFd(model.fdTableAt(pipe.seq));
      const pipeFds = [...afterPipe.values()].filter((e) => e.annotation?.kind === 'pipe');
      assert.equal(pipeFds.length, 2);
      assert.match(pipeFds[0].description, /^pipe:\[\d+\]$/);

      const dup2 = one(model, sourcePath, line('DUP2'), 'dup2');
      assert.equal(byFd(model.fdTableAt(dup2.seq)).get(9)?.description, '/etc/hostname');
      assert.equal(byFd(model.fdTableAt(dup2.seq)).get(9)?.cloexec, false);

      const dupfd = one(model, sourcePath, line('DUPFD_CLOEXEC'), 'fcntl');
      assert.equal(dupfd.ret, 20);
      assert.deepEqual({ ...byFd(model.fdTableAt(dupfd.seq)).get(20), openedAt: undefined, annotation: undefined },
        { fd: 20, description: '/etc/hostname', cloexec: true, openedAt: undefined, annotation: undefined });

      const socket = one(model, sourcePath, line('SOCKET'), 'socket');
      assert.match(byFd(model.fdTableAt(socket.seq)).get(socket.ret as number)?.description ?? '', /^TCP /);
      const send = one(model, sourcePath, line('SEND'), 'write');
      const client = byFd(model.fdTableAt(send.seq)).get(Number(/^(\d+)</.exec(send.record.kind === 'syscall' ? send.record.argsText : '')?.[1]));
      assert.match(client?.description ?? '', /^TCP 127\.0\.0\.1:\d+ → 127\.0\.0\.1:\d+$/);
      const accept = one(model, sourcePath, line('ACCEPT'), 'accept');
      const closeAccepted = one(model, sourcePath, line('CLOSE_ACCEPTED'), 'close');
      assert.equal(byFd(model.fdTableAt(accept.seq)).has(accept.ret as number), true);
      assert.equal(byFd(model.fdTableAt(closeAccepted.seq)).has(accept.ret as number), false);

      // The thread opened /etc/passwd in the shared table: the main thread sees it after join.
      const threadOpen = one(model, sourcePath, line('THREAD_OPEN'), 'openat');
      assert.notEqual(threadOpen.pid, threadOpen.tgid, 'the opener is a thread, not the leader');
      assert.equal(threadOpen.tgid, open.pid);
      const afterJoin = one(model, sourcePath, line('AFTER_JOIN'), 'getppid');
      assert.equal(byFd(model.fdTableAt(afterJoin.seq)).get(threadOpen.ret as number)?.description, '/etc/passwd');

      // fork copies the table: the child's close does not touch the parent's fd 9.
      const childClose = one(model, sourcePath, line('CHILD_CLOSE'), 'close');
      assert.notEqual(childClose.tgid, open.tgid);
      assert.equal(byFd(model.fdTableAt(childClose.seq)).has(9), false);
      assert.equal(byFd(model.fdTableAt(childClose.seq)).has(hostnameFd), true, 'the child inherited the rest');
      const afterWait = one(model, sourcePath, line('AFTER_WAIT'), 'getppid');
      assert.equal(byFd(model.fdTableAt(afterWait.seq)).get(9)?.description, '/etc/hostname');

      // execve drops close-on-exec fds (20) and keeps the others (9).
      const execCheck = one(model, sourcePath, line('EXEC_CHECK'), 'fcntl');
      assert.equal(execCheck.errno, 'EBADF', 'the program itself saw fd 20 closed');
      const execTable = byFd(model.fdTableAt(execCheck.seq));
      assert.equal(execTable.has(20), false);
      assert.equal(execTable.get(9)?.description, '/etc/hostname');
      const execd = model.process(execCheck.tgid);
      assert.equal(execd?.program, 'prog');
      assert.deepEqual(execd?.argv, ['prog', 'exec-child']);
      assert.equal(execd?.parent, open.tgid);

      const closeRange = one(model, sourcePath, line('CLOSE_RANGE'), 'close_range');
      const afterRange = byFd(model.fdTableAt(closeRange.seq));
      for (const p of pipeFds) assert.equal(afterRange.has(p.fd), false, `pipe fd ${p.fd} closed by close_range`);
      const cloexecAll = one(model, sourcePath, line('CLOSE_RANGE_CLOEXEC'), 'close_range');
      const afterCloexec = model.fdTableAt(cloexecAll.seq).filter((e) => e.fd >= 3);
      assert.ok(afterCloexec.length >= 3);
      assert.ok(afterCloexec.every((e) => e.cloexec), 'CLOSE_RANGE_CLOEXEC marks every fd ≥ 3');
      const setfd = one(model, sourcePath, line('SETFD'), 'fcntl');
      assert.equal(byFd(model.fdTableAt(setfd.seq)).get(9)?.cloexec, false);
      assert.equal(byFd(model.fdTableAt(setfd.seq)).get(20)?.cloexec, true);
    } finally {
      await recording.close();
    }
  });
});

const KINDS_PROGRAM = String.raw`#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/openat2.h>
#include <signal.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <unistd.h>

int main(void) {
  eventfd(0, EFD_CLOEXEC); // #EVENTFD
  epoll_create1(EPOLL_CLOEXEC); // #EPOLL
  timerfd_create(CLOCK_MONOTONIC, 0); // #TIMERFD
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  signalfd(-1, &set, SFD_CLOEXEC); // #SIGNALFD
  memfd_create("lens-memfd", MFD_CLOEXEC); // #MEMFD
  inotify_init1(IN_CLOEXEC); // #INOTIFY
  int sv[2];
  socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv); // #SOCKETPAIR
  dup3(sv[0], 40, O_CLOEXEC); // #DUP3
  struct open_how how;
  memset(&how, 0, sizeof how);
  how.flags = O_RDONLY | O_CLOEXEC;
  syscall(SYS_openat2, AT_FDCWD, "/etc/hostname", &how, sizeof how); // #OPENAT2
  creat("lens-created.txt", 0600); // #CREAT
  unlink("lens-created.txt");
  return 0;
}
`;

test('fd table knows every kind of new descriptor and its close-on-exec flag', async () => {
  await withTempDir(async (dir) => {
    const { binary, sourcePath } = await compile(dir, 'c', KINDS_PROGRAM);
    const m = markers(KINDS_PROGRAM);
    const recording = await record(await trace(dir, [binary]), [dir]);
    try {
      const { model } = recording;
      const entryAfter = (marker: string, name: string, fd?: number): FdEntry | undefined => {
        const e = one(model, sourcePath, m.get(marker) as number, name);
        return byFd(model.fdTableAt(e.seq)).get(fd ?? (e.ret as number));
      };
      const expectations: [string, string, RegExp, boolean][] = [
        ['EVENTFD', 'eventfd2', /^anon_inode:\[eventfd\]$/, true],
        ['EPOLL', 'epoll_create1', /^anon_inode:\[eventpoll\]$/, true],
        ['TIMERFD', 'timerfd_create', /^anon_inode:\[timerfd\]$/, false],
        ['SIGNALFD', 'signalfd4', /^anon_inode:\[signalfd\]$/, true],
        ['MEMFD', 'memfd_create', /^\/memfd:lens-memfd/, true],
        ['INOTIFY', 'inotify_init1', /^anon_inode:\[inotify\]$/, true],
        ['OPENAT2', 'openat2', /^\/etc\/hostname$/, true],
        ['CREAT', 'creat', /lens-created\.txt$/, false],
      ];
      for (const [marker, name, description, cloexec] of expectations) {
        const entry = entryAfter(marker, name);
        assert.ok(entry, `${marker}: ${name} made an fd`);
        assert.match(entry.description, description, marker);
        assert.equal(entry.cloexec, cloexec, `${marker} cloexec`);
      }
      const pair = one(model, sourcePath, m.get('SOCKETPAIR') as number, 'socketpair');
      const unix = model.fdTableAt(pair.seq).filter((e) => e.openedAt === pair.seq);
      assert.equal(unix.length, 2);
      for (const e of unix) {
        assert.match(e.description, /^UNIX/);
        assert.equal(e.cloexec, true);
      }
      const dup3 = entryAfter('DUP3', 'dup3', 40);
      assert.match(dup3?.description ?? '', /^UNIX/);
      assert.equal(dup3?.cloexec, true);
    } finally {
      await recording.close();
    }
  });
});
