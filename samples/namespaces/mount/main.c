/*
 * mount (C): a private mount table. unshare(CLONE_NEWNS) copies the mount table; making "/"
 * recursively private (MS_REC|MS_PRIVATE) stops mount events from propagating between our copy
 * and the machine's. A tmpfs mounted on a temporary directory is then visible to this process
 * only: another shell looking at the same directory sees it empty. CLONE_NEWUSER makes this
 * work without root; the uid map lets us create files (unmapped ids cannot own files).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#define HINT " (a kernel that restricts unprivileged user namespaces needs root: sudo ./main in the Vagrant VM)"

static void write_proc(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
        fprintf(stderr, "writing %s: %s%s\n", path, strerror(errno), HINT);
        exit(1);
    }
    close(fd);
}

/* New user + mount namespaces, with root inside mapped to us (see the user sample). */
static void enter_namespaces(void)
{
    uid_t uid = getuid();
    gid_t gid = getgid();
    if (unshare(CLONE_NEWUSER | CLONE_NEWNS) == 0) { // #UNSHARE
        char map[64];
        write_proc("/proc/self/setgroups", "deny");
        snprintf(map, sizeof map, "0 %d 1", uid);
        write_proc("/proc/self/uid_map", map);
        snprintf(map, sizeof map, "0 %d 1", gid);
        write_proc("/proc/self/gid_map", map);
        return;
    }
    if (geteuid() == 0 && unshare(CLONE_NEWNS) == 0)
        return; /* root, on a kernel without unprivileged user namespaces */
    perror("unshare");
    fprintf(stderr, "Run it as root (in the Vagrant VM: sudo ./main).\n");
    exit(1);
}

static void show_mount_line(const char *dir)
{
    char line[1024];
    FILE *f = fopen("/proc/self/mountinfo", "r");
    while (f && fgets(line, sizeof line, f))
        if (strstr(line, dir))
            printf("mountinfo: %s", line);
    if (f)
        fclose(f);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    char dir[] = "/tmp/mount-ns-XXXXXX";
    if (!mkdtemp(dir)) { // #MKDIR
        perror("mkdtemp");
        return 1;
    }
    enter_namespaces();

    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) // #MOUNT
        perror("make / private");
    if (mount("tmpfs", dir, "tmpfs", 0, "size=1m,mode=0755") != 0) { // #MOUNT
        fprintf(stderr, "mount tmpfs: %s%s\n", strerror(errno), HINT);
        rmdir(dir);
        return 1;
    }
    show_mount_line(dir);

    char path[128];
    snprintf(path, sizeof path, "%s/only-here.txt", dir);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644); // #OPEN
    if (fd >= 0) {
        if (write(fd, "in memory, in our namespace\n", 28) == 28) // #WRITE
            printf("created %s on the tmpfs\n", path);
        close(fd);
    }

    if (umount2(dir, 0) != 0) // #UMOUNT
        perror("umount");
    printf("after umount, %s is %s\n", path, access(path, F_OK) == 0 ? "still there" : "gone");
    rmdir(dir); // #UNLINK
    return 0;
}
