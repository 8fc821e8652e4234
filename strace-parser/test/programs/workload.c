/*
 * A small program for the parser's real-strace tests: it makes the kinds of calls whose
 * strace output is hard to parse (strings with quotes, parentheses and " = ", -yy paths,
 * sockets of every family, pipes, epoll/eventfd/inotify, threads racing each other so
 * calls interleave as <unfinished ...>/<... resumed>, fork/exec, signals, a stopped child,
 * a child killed by SIGKILL inside a blocking read, a segfaulting child) and exits with 7.
 * `workload DIR` runs everything; `workload DIR execthread` has a thread call execve.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *dir;

static void on_usr1(int sig) { (void)sig; }

static void *worker(void *arg) {
  long id = (long)arg;
  char name[64];
  snprintf(name, sizeof name, "t%ld", id);
  for (int i = 0; i < 25; i++) {
    int fd = open("/dev/null", O_WRONLY);
    write(fd, name, strlen(name));
    close(fd);
    struct timespec ts = {0, 200000};
    nanosleep(&ts, NULL);
  }
  return NULL;
}

static void *exec_thread(void *arg) {
  (void)arg;
  execl("/bin/true", "true", (char *)NULL);
  return NULL;
}

static void files(void) {
  char path[4096], buf[128];
  snprintf(path, sizeof path, "%s/data (1) = 3.txt", dir);
  const char text[] = "hello \"quoted\" (paren) = 3\n\t\x01\xff\\ end";
  for (int i = 0; i < 5; i++) {
    int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
    write(fd, text, sizeof text - 1);
    close(fd);
    struct stat st;
    stat(path, &st);
    lstat(path, &st);
    fd = open(path, O_RDONLY | O_CLOEXEC);
    fstat(fd, &st);
    read(fd, buf, sizeof buf);
    lseek(fd, 0, SEEK_SET);
    fcntl(fd, F_GETFD);
    close(fd);
  }
  open("/nonexistent/x", O_RDONLY);
  int d = open(dir, O_RDONLY | O_DIRECTORY);
  char ents[4096];
  syscall(217 /* getdents64 */, d, ents, sizeof ents);
  close(d);
  void *m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  munmap(m, 8192);
}

static void pipes_and_fds(void) {
  int p[2];
  char b[8];
  pipe2(p, O_CLOEXEC);
  write(p[1], "ab", 2);
  read(p[0], b, 2);
  dup2(p[0], 10);
  close(10);
  close(p[0]);
  close(p[1]);
  int ep = epoll_create1(0);
  int ev = eventfd(0, 0);
  struct epoll_event e = {.events = EPOLLIN, .data.fd = ev};
  epoll_ctl(ep, EPOLL_CTL_ADD, ev, &e);
  uint64_t one = 1;
  write(ev, &one, sizeof one);
  epoll_wait(ep, &e, 1, 10);
  close(ev);
  close(ep);
  int in = inotify_init1(0);
  inotify_add_watch(in, dir, IN_CREATE);
  close(in);
  poll(NULL, 0, 1);
}

static void sockets(void) {
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  socklen_t len = sizeof a;
  int ls = socket(AF_INET, SOCK_STREAM, 0);
  bind(ls, (struct sockaddr *)&a, sizeof a);
  listen(ls, 1);
  getsockname(ls, (struct sockaddr *)&a, &len);
  pid_t c = fork();
  if (c == 0) {
    int s = socket(AF_INET, SOCK_STREAM, 0);
    connect(s, (struct sockaddr *)&a, sizeof a);
    write(s, "ping", 4);
    close(s);
    _exit(0);
  }
  int conn = accept(ls, NULL, NULL);
  char b[8];
  read(conn, b, sizeof b);
  close(conn);
  close(ls);
  waitpid(c, NULL, 0);
  int u = socket(AF_INET, SOCK_DGRAM, 0);
  struct sockaddr_in ua = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  len = sizeof ua;
  bind(u, (struct sockaddr *)&ua, sizeof ua);
  getsockname(u, (struct sockaddr *)&ua, &len);
  sendto(u, "x", 1, 0, (struct sockaddr *)&ua, sizeof ua);
  recvfrom(u, b, sizeof b, 0, NULL, NULL);
  close(u);
  int sv[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
  write(sv[0], "u", 1);
  read(sv[1], b, 1);
  close(sv[0]);
  close(sv[1]);
  struct sockaddr_un un = {.sun_family = AF_UNIX};
  snprintf(un.sun_path, sizeof un.sun_path, "%s/sock", dir);
  int us = socket(AF_UNIX, SOCK_STREAM, 0);
  bind(us, (struct sockaddr *)&un, sizeof un);
  close(us);
}

static void processes(void) {
  int status;
  struct sigaction sa = {.sa_handler = on_usr1};
  sigaction(SIGUSR1, &sa, NULL);
  raise(SIGUSR1);
  pid_t s = fork();
  if (s == 0) {
    pause();
    _exit(0);
  }
  kill(s, SIGSTOP);
  waitpid(s, &status, WUNTRACED);
  kill(s, SIGCONT);
  kill(s, SIGTERM);
  waitpid(s, &status, 0);
  int kp[2];
  pipe(kp);
  pid_t k = fork();
  if (k == 0) {
    char b;
    read(kp[0], &b, 1); /* blocks until SIGKILL */
    _exit(0);
  }
  struct timespec ts = {0, 30000000};
  nanosleep(&ts, NULL);
  kill(k, SIGKILL);
  waitpid(k, &status, 0);
  pid_t sg = fork();
  if (sg == 0) {
    struct rlimit no_core = {0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    *(volatile int *)0 = 1;
    _exit(0);
  }
  waitpid(sg, &status, 0);
  pid_t e = fork();
  if (e == 0) {
    execl("/bin/true", "true", (char *)NULL);
    _exit(127);
  }
  waitpid(e, &status, 0);
}

int main(int argc, char **argv) {
  dir = argc > 1 ? argv[1] : "/tmp";
  if (argc > 2 && strcmp(argv[2], "execthread") == 0) {
    pthread_t t;
    pthread_create(&t, NULL, exec_thread, NULL);
    pause();
    return 0;
  }
  files();
  pipes_and_fds();
  sockets();
  pthread_t t[3];
  for (long i = 0; i < 3; i++) pthread_create(&t[i], NULL, worker, (void *)i);
  for (int i = 0; i < 3; i++) pthread_join(t[i], NULL);
  processes();
  return 7;
}
