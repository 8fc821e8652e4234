module syscall-lens.samples/io-reader

go 1.18
