module syscall-lens.samples/udp-multicast

go 1.18
