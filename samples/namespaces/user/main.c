/*
 * user (C): root inside, nobody outside. unshare(CLONE_NEWUSER) puts this process in a new
 * user namespace with every capability, but over that namespace only. Until uid_map and
 * gid_map are written, our ids are unmapped and show as 65534 (nobody). Writing "0 <my uid> 1"
 * maps root inside to our own uid outside; "deny" in setgroups must come first for gid_map.
 * Then getuid() says 0, yet changing the machine's host name still fails with EPERM: the
 * machine's UTS namespace belongs to the initial user namespace, where we have no power.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define HINT " (a kernel that restricts unprivileged user namespaces needs root: sudo ./main in the Vagrant VM)"

/* Write one line into a /proc file; a single write(2), as the kernel requires for maps. */
static void write_proc(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC); // #OPEN
    if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text)) { // #WRITE
        fprintf(stderr, "writing %s: %s%s\n", path, strerror(errno), HINT);
        exit(1);
    }
    close(fd);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    uid_t uid = getuid(); // #GETID
    gid_t gid = getgid(); // #GETID
    printf("outside: uid=%d gid=%d\n", uid, gid);

    if (unshare(CLONE_NEWUSER) != 0) { // #UNSHARE
        perror("unshare(CLONE_NEWUSER)");
        if (geteuid() == 0)
            fprintf(stderr, "Even root may not create user namespaces here: they are disabled "
                            "(is user.max_user_namespaces 0?).\n");
        else
            fprintf(stderr, "This kernel does not allow unprivileged user namespaces: "
                            "run it as root (in the Vagrant VM: sudo ./main).\n");
        return 1;
    }
    printf("inside, before mapping: uid=%d gid=%d\n", getuid(), getgid()); // #GETID

    char map[64];
    write_proc("/proc/self/setgroups", "deny");
    snprintf(map, sizeof map, "0 %d 1", uid);
    write_proc("/proc/self/uid_map", map);
    snprintf(map, sizeof map, "0 %d 1", gid);
    write_proc("/proc/self/gid_map", map);
    printf("inside, after mapping:  uid=%d gid=%d (root, here)\n", getuid(), getgid()); // #GETID

    /* Root inside only: the machine's host name is not ours to change. */
    if (sethostname("not-allowed", 11) != 0) // #SETHOSTNAME
        printf("sethostname on the machine's UTS namespace: %s\n", strerror(errno));
    return 0;
}
