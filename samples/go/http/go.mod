module syscall-lens.samples/http

go 1.18
