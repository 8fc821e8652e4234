/*
 * uts (C): a private host name. unshare(CLONE_NEWUTS) gives this process its own copy of the
 * host name and domain name; sethostname then changes the copy only, so the machine keeps its
 * name. Changing a host name needs CAP_SYS_ADMIN over the UTS namespace: adding CLONE_NEWUSER
 * to the same unshare makes us root of a new user namespace that owns the new UTS namespace,
 * so this works without sudo where the kernel allows unprivileged user namespaces.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#define HINT " (a kernel that restricts unprivileged user namespaces needs root: sudo ./main in the Vagrant VM)"

static void enter_namespaces(int flags)
{
    if (unshare(CLONE_NEWUSER | flags) == 0) // #UNSHARE
        return;
    int saved = errno;
    /* Some kernels forbid unprivileged user namespaces: then only root can do this. */
    if (geteuid() == 0 && unshare(flags) == 0)
        return;
    fprintf(stderr, "unshare: %s\nThis kernel does not allow unprivileged user namespaces: "
                    "run it as root (in the Vagrant VM: sudo ./main).\n", strerror(saved));
    exit(1);
}

int main(void)
{
    struct utsname before, after;
    uname(&before); // #UNAME
    printf("host name before: %s\n", before.nodename);

    enter_namespaces(CLONE_NEWUTS);

    const char *name = "lens-uts";
    if (sethostname(name, strlen(name)) != 0) { // #SETHOSTNAME
        fprintf(stderr, "sethostname: %s%s\n", strerror(errno), HINT);
        return 1;
    }
    uname(&after); // #UNAME
    printf("host name inside the new UTS namespace: %s\n", after.nodename);
    printf("the machine is still called %s (run `hostname` in another terminal)\n", before.nodename);
    return 0;
}
