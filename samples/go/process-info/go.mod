module syscall-lens.samples/process-info

go 1.18
