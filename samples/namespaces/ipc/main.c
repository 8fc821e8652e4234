/*
 * ipc (C): System V IPC objects (message queues, semaphores, shared memory) are found by a
 * numeric key, machine-wide. A new IPC namespace (unshare(CLONE_NEWIPC)) starts with none of
 * them. The parent makes a message queue and puts a message in it; a child moves to a new IPC
 * namespace and cannot find the queue by the same key (ENOENT); the parent then reads its
 * message and removes the queue.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/wait.h>
#include <unistd.h>

struct message {
    long type;
    char text[64];
};

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    key_t key = 0x5ca1 << 16 | (getpid() & 0xffff); /* a key unlikely to be in use */
    int q = msgget(key, IPC_CREAT | IPC_EXCL | 0600); // #MSGGET
    if (q < 0) {
        perror("msgget");
        return 1;
    }
    struct message m = {.type = 1};
    strcpy(m.text, "kept in the machine's IPC namespace");
    msgsnd(q, &m, sizeof m.text, 0); // #MSGSND
    printf("parent: queue 0x%x has id %d\n", key, q);

    pid_t pid = fork(); // #FORK
    if (pid == 0) {
        if (unshare(CLONE_NEWUSER | CLONE_NEWIPC) != 0 && // #UNSHARE
            (geteuid() != 0 || unshare(CLONE_NEWIPC) != 0)) {
            perror("child: unshare (run it as root: sudo ./main in the Vagrant VM)");
            _exit(1);
        }
        if (msgget(key, 0) < 0) // #MSGGET
            printf("child, in a new IPC namespace: msgget(0x%x) -> %s\n", key, strerror(errno));
        else
            printf("child: the queue is still visible?!\n");
        _exit(0);
    }
    waitpid(pid, NULL, 0); // #WAIT

    struct message got;
    if (msgrcv(q, &got, sizeof got.text, 0, IPC_NOWAIT) >= 0) // #MSGRCV
        printf("parent: still there, message says: %s\n", got.text);
    msgctl(q, IPC_RMID, NULL); // #MSGCTL
    return 0;
}
