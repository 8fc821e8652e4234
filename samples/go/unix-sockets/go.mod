module syscall-lens.samples/unix-sockets

go 1.18
