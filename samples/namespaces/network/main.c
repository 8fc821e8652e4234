/*
 * network (C): an empty network stack. unshare(CLONE_NEWNET) gives this process a network
 * namespace of its own, holding one interface, lo, and it is down. The machine's interfaces,
 * addresses and routes are not there, and nothing done here can touch them. We list the
 * interfaces, see that 127.0.0.1 is unreachable, bring lo up with an ioctl (SIOCSIFFLAGS), and
 * send a UDP datagram to ourselves. CLONE_NEWUSER grants CAP_NET_ADMIN over the new namespace.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#define HINT " (a kernel that restricts unprivileged user namespaces needs root: sudo ./main in the Vagrant VM)"

static void list_interfaces(const char *when)
{
    struct if_nameindex *ifs = if_nameindex(); /* netlink: socket, sendto, recvmsg */
    printf("%s:", when);
    for (struct if_nameindex *i = ifs; i && i->if_index; i++)
        printf(" %s", i->if_name);
    printf("\n");
    if_freenameindex(ifs);
}

static int send_to_self(int port)
{
    int s = socket(AF_INET, SOCK_DGRAM, 0); // #SOCKET
    struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
    int rc = sendto(s, "hi", 2, 0, (struct sockaddr *)&to, sizeof to); // #SEND
    int err = errno;
    close(s);
    errno = err;
    return rc;
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    list_interfaces("interfaces on the machine");
    if (unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0) { // #UNSHARE
        int saved = errno;
        if (geteuid() != 0 || unshare(CLONE_NEWNET) != 0) {
            fprintf(stderr, "unshare: %s\nRun it as root (in the Vagrant VM: sudo ./main).\n", strerror(saved));
            return 1;
        }
    }
    list_interfaces("interfaces in the new namespace");

    if (send_to_self(9) < 0)
        printf("sendto 127.0.0.1 while lo is down: %s\n", strerror(errno));

    /* Bring lo up: read its flags, add IFF_UP, write them back. */
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    strncpy(ifr.ifr_name, "lo", IFNAMSIZ - 1);
    ioctl(s, SIOCGIFFLAGS, &ifr); // #IOCTL
    ifr.ifr_flags |= IFF_UP;
    if (ioctl(s, SIOCSIFFLAGS, &ifr) != 0) // #IOCTL
        fprintf(stderr, "SIOCSIFFLAGS: %s%s\n", strerror(errno), HINT);
    close(s);

    /* A receiver and a datagram: loopback works now, inside this namespace only. */
    int r = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = 0};
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    socklen_t len = sizeof addr;
    bind(r, (struct sockaddr *)&addr, sizeof addr); // #BIND
    getsockname(r, (struct sockaddr *)&addr, &len);
    if (send_to_self(ntohs(addr.sin_port)) == 2) {
        char buf[16] = {0};
        recv(r, buf, sizeof buf - 1, 0); // #RECV
        printf("with lo up, a datagram to 127.0.0.1:%d arrived: %s\n", ntohs(addr.sin_port), buf);
    }
    close(r);
    return 0;
}
