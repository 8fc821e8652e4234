module syscall-lens.samples/inotify

go 1.18
