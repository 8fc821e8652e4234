module syscall-lens.samples/flock

go 1.18
