/*
 * container (C): the namespaces together, plus a new root directory. One clone call creates
 * new user, PID, mount, UTS, IPC and network namespaces for a child. The parent writes the
 * child's uid/gid maps, then lets it go on. The child names its host, builds a minimal root on
 * a tmpfs (the machine's /usr bind-mounted into it, the /bin /lib… symlinks copied, a
 * fresh /proc), switches to it with pivot_root, detaches the old root, and execs a shell
 * there. What the shell sees: pid 1, uid 0, its own host name, only `lo`, and a tiny /.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define HINT " (a kernel that restricts unprivileged user namespaces needs root: sudo ./main in the Vagrant VM)"

static char root[] = "/tmp/container-XXXXXX";

static void die(const char *what)
{
    fprintf(stderr, "%s: %s%s\n", what, strerror(errno), errno == EPERM ? HINT : "");
    _exit(1);
}

static void write_proc(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text)) // #WRITE
        die(path);
    close(fd);
}

/* /bin, /lib… are symlinks into /usr on merged-/usr systems: copy links, bind real dirs. */
static void add_top_level(const char *name)
{
    char host[64], inside[PATH_MAX], target[PATH_MAX];
    snprintf(host, sizeof host, "/%s", name);
    snprintf(inside, sizeof inside, "%s/%s", root, name);
    ssize_t n = readlink(host, target, sizeof target - 1);
    if (n > 0) {
        target[n] = 0;
        if (symlink(target, inside) != 0) // #SYMLINK
            die("symlink");
    } else if (access(host, F_OK) == 0) {
        mkdir(inside, 0755);
        if (mount(host, inside, NULL, MS_BIND | MS_REC, NULL) != 0) // #MOUNT
            die("bind mount");
    }
}

static int child_main(int go_fd)
{
    char c;
    if (read(go_fd, &c, 1) < 0) /* wait until the parent has written our uid/gid maps */
        die("wait for the parent");
    close(go_fd);

    if (sethostname("lens-box", 8) != 0) // #SETHOSTNAME
        die("sethostname");
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) // #MOUNT
        die("make / private");
    if (mount("tmpfs", root, "tmpfs", 0, "size=4m,mode=0755") != 0) // #MOUNT
        die("mount tmpfs");
    const char *names[] = {"usr", "bin", "sbin", "lib", "lib64", "lib32", "libx32"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        add_top_level(names[i]);
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/proc", root);
    mkdir(path, 0555);
    /* A /proc for our PID namespace, mounted before the old root (and its /proc) goes away. */
    if (mount("proc", path, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) != 0) // #MOUNT
        die("mount proc");
    snprintf(path, sizeof path, "%s/.old-root", root);
    mkdir(path, 0700);

    /* pivot_root(new, put_old): new becomes /, the old / moves under /.old-root. */
    if (chdir(root) != 0 || syscall(SYS_pivot_root, ".", ".old-root") != 0) // #PIVOT_ROOT
        die("pivot_root");
    if (chdir("/") != 0)
        die("chdir /");
    if (umount2("/.old-root", MNT_DETACH) != 0) // #UMOUNT
        die("detach the old root");
    rmdir("/.old-root");

    execl("/bin/sh", "sh", "-c", // #EXECVE
          "echo \"in the container: pid $$, uid $(id -u), host $(cat /proc/sys/kernel/hostname)\";"
          "echo \"/ holds: $(ls / | tr '\\n' ' ')\";"
          "echo \"interfaces: $(tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ')\"",
          (char *)NULL);
    die("execl /bin/sh");
    return 1;
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (!mkdtemp(root)) { // #MKDIR
        perror("mkdtemp");
        return 1;
    }
    int go[2];
    if (pipe(go) != 0) {
        perror("pipe");
        return 1;
    }
    uid_t uid = getuid();
    gid_t gid = getgid();
    int ns = CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET;
    int userns = CLONE_NEWUSER;
    /* The clone syscall used like fork (see the pid sample for why not glibc's clone()). */
    pid_t pid = syscall(SYS_clone, userns | ns | SIGCHLD, NULL, NULL, NULL, 0); // #CLONE
    if (pid < 0 && geteuid() == 0) {
        userns = 0; /* root, on a kernel without unprivileged user namespaces */
        pid = syscall(SYS_clone, ns | SIGCHLD, NULL, NULL, NULL, 0);
    }
    if (pid < 0) {
        perror("clone");
        fprintf(stderr, "Run it as root (in the Vagrant VM: sudo ./main).\n");
        rmdir(root);
        return 1;
    }
    if (pid == 0) {
        close(go[1]);
        _exit(child_main(go[0]));
    }
    close(go[0]);
    if (userns) {
        char path[64], map[64];
        snprintf(path, sizeof path, "/proc/%d/setgroups", pid);
        write_proc(path, "deny");
        snprintf(path, sizeof path, "/proc/%d/uid_map", pid);
        snprintf(map, sizeof map, "0 %d 1", uid);
        write_proc(path, map);
        snprintf(path, sizeof path, "/proc/%d/gid_map", pid);
        snprintf(map, sizeof map, "0 %d 1", gid);
        write_proc(path, map);
    }
    close(go[1]); /* the child's read returns: go on */
    int status;
    waitpid(pid, &status, 0); // #WAIT
    rmdir(root); /* the tmpfs lived in the child's mount namespace: the directory is empty here */
    printf("container exited with %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return 0;
}
