/*
 * pid (C): a new PID namespace, where the first process is number 1. clone(CLONE_NEWPID)
 * starts a child inside it: the child sees itself as pid 1 and its parent as 0 (outside its
 * world), while the parent sees the child's ordinary pid. The child then mounts a fresh /proc
 * (in its own mount namespace, so the machine's /proc is untouched) and finds only its own
 * processes there. CLONE_NEWUSER makes this possible without root where the kernel allows it.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int count_processes_in_proc(void)
{
    DIR *d = opendir("/proc");
    if (!d)
        return -1;
    int n = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;)
        if (isdigit((unsigned char)e->d_name[0]))
            n++;
    closedir(d);
    return n;
}

static int child_main(void)
{
    printf("child:  getpid() = %d, getppid() = %d\n", getpid(), getppid()); // #GETID

    /* Our own /proc: private propagation first, so the mount stays in this namespace. */
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 || // #MOUNT
        mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) != 0) { // #MOUNT
        perror("child: mount /proc (skipping the /proc part)");
    } else {
        printf("child:  /proc now lists %d process(es)\n", count_processes_in_proc());
    }

    pid_t grandchild = fork(); // #FORK
    if (grandchild == 0) {
        printf("grandchild: getpid() = %d\n", getpid()); // #GETID
        _exit(0);
    }
    waitpid(grandchild, NULL, 0); // #WAIT
    return 0;
}

/*
 * The clone syscall itself, used like fork (no new stack: the child continues from here with
 * a copy of ours). glibc's clone() wrapper would work too, but its assembly hides the caller
 * from stack unwinders, so a tracer could not show you which line made the call.
 */
static pid_t clone_process(int flags)
{
    return (pid_t)syscall(SYS_clone, flags, NULL, NULL, NULL, 0); // #CLONE
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0); /* one write per line, even into a pipe */
    int flags = CLONE_NEWPID | CLONE_NEWNS | SIGCHLD;
    pid_t pid = clone_process(CLONE_NEWUSER | flags);
    if (pid < 0 && geteuid() == 0)
        pid = clone_process(flags); /* root, on a kernel without unprivileged user namespaces */
    if (pid == 0)
        _exit(child_main());
    if (pid < 0) {
        perror("clone");
        fprintf(stderr, "Creating a PID namespace needs root or an unprivileged user namespace: "
                        "run it as root (in the Vagrant VM: sudo ./main).\n");
        return 1;
    }
    printf("parent: my pid is %d, the child's pid seen from here is %d\n", getpid(), pid);
    int status;
    waitpid(pid, &status, 0); // #WAIT
    printf("parent: child exited with %d\n", WEXITSTATUS(status));
    return 0;
}
