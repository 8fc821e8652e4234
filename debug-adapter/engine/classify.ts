/**
 * Which colour family a syscall belongs to on the timeline (`SyscallClass`). The table follows
 * strace's own classes (`%file`, `%network`, `%process`, `%memory`, `%signal`, `%ipc`, `%desc`)
 * collapsed to the seven the UI shows: descriptor I/O counts as `file` unless it is a socket
 * call, and the System V / POSIX IPC families and pipes count as `ipc`. Unknown names are
 * `other`; the table is plain data so it can be reviewed at a glance. Names it does not list
 * fall back to the parser's x86_64 class table (`straceClassesOf`), first class that maps wins.
 */
import { straceClassesOf } from 'strace-parser';
import type { SyscallClass } from './types';

const TABLE: Record<Exclude<SyscallClass, 'other'>, string> = {
  file: `open openat openat2 creat close close_range read write pread64 pwrite64 readv writev preadv
    preadv2 pwritev pwritev2 lseek _llseek stat fstat lstat newfstatat fstatat64 statx statfs fstatfs
    access faccessat faccessat2 chmod fchmod fchmodat chown fchown lchown fchownat link linkat unlink
    unlinkat rename renameat renameat2 mkdir mkdirat rmdir mknod mknodat symlink symlinkat readlink
    readlinkat truncate ftruncate getdents getdents64 chdir fchdir getcwd dup dup2 dup3 fcntl fcntl64
    ioctl flock fsync fdatasync sync syncfs sync_file_range fallocate fadvise64 utime utimes utimensat
    futimesat sendfile sendfile64 copy_file_range splice tee vmsplice mount umount umount2 pivot_root
    chroot inotify_init inotify_init1 inotify_add_watch inotify_rm_watch fanotify_init fanotify_mark
    name_to_handle_at open_by_handle_at setxattr lsetxattr fsetxattr getxattr lgetxattr fgetxattr
    listxattr llistxattr flistxattr removexattr lremovexattr fremovexattr select pselect6 poll ppoll
    epoll_create epoll_create1 epoll_ctl epoll_wait epoll_pwait epoll_pwait2 memfd_create io_setup
    io_submit io_getevents io_uring_setup io_uring_enter io_uring_register open_tree move_mount fsopen
    fsconfig fsmount fspick mount_setattr statmount listmount umask`,
  network: `socket socketpair bind listen accept accept4 connect getsockname getpeername sendto
    recvfrom sendmsg recvmsg sendmmsg recvmmsg shutdown setsockopt getsockopt socketcall`,
  process: `fork vfork clone clone3 execve execveat exit exit_group wait4 waitid waitpid kill tkill
    tgkill getpid getppid gettid getuid geteuid getgid getegid setuid setgid setreuid setregid
    setresuid setresgid getresuid getresgid setpgid getpgid getpgrp setsid getsid prctl arch_prctl
    set_tid_address set_robust_list get_robust_list unshare setns sched_yield sched_getaffinity
    sched_setaffinity sched_setscheduler sched_getscheduler sched_setparam sched_getparam
    getpriority setpriority nice getrlimit setrlimit prlimit64 getrusage capget capset ptrace
    pidfd_open pidfd_send_signal pidfd_getfd seccomp personality sethostname setdomainname uname
    getgroups setgroups setfsuid setfsgid times sysinfo gettimeofday clock_gettime clock_getres
    clock_nanosleep nanosleep time futex rseq getrandom`,
  memory: `brk mmap mmap2 munmap mprotect mremap madvise mlock mlock2 munlock mlockall munlockall
    mincore msync membarrier pkey_mprotect pkey_alloc pkey_free remap_file_pages mbind
    set_mempolicy get_mempolicy migrate_pages move_pages process_madvise process_vm_readv
    process_vm_writev`,
  signal: `rt_sigaction sigaction rt_sigprocmask sigprocmask rt_sigreturn sigreturn rt_sigsuspend
    sigsuspend rt_sigpending sigpending rt_sigtimedwait rt_sigqueueinfo rt_tgsigqueueinfo
    sigaltstack signalfd signalfd4 pause alarm setitimer getitimer timer_create timer_settime
    timer_gettime timer_delete timer_getoverrun timerfd_create timerfd_settime timerfd_gettime`,
  ipc: `pipe pipe2 eventfd eventfd2 msgget msgsnd msgrcv msgctl semget semop semtimedop semctl
    shmget shmat shmdt shmctl mq_open mq_unlink mq_timedsend mq_timedreceive mq_notify
    mq_getsetattr ipc`,
};

const CLASS_OF: ReadonlyMap<string, SyscallClass> = new Map(
  (Object.entries(TABLE) as [SyscallClass, string][]).flatMap(([cls, names]) =>
    names.split(/\s+/).filter(Boolean).map((name) => [name, cls] as [string, SyscallClass])),
);

/** strace class → ours, in the order they decide for names in several classes. */
const FROM_STRACE: [string, SyscallClass][] = [
  ['%network', 'network'], ['%memory', 'memory'], ['%process', 'process'], ['%signal', 'signal'], ['%ipc', 'ipc'],
  ['%file', 'file'], ['%desc', 'file'], ['%creds', 'process'], ['%pure', 'process'], ['%clock', 'process'],
];

/** The timeline class of a syscall name (`openat` → `file`, `connect` → `network`). */
export function classifySyscall(name: string): SyscallClass {
  const known = CLASS_OF.get(name);
  if (known) return known;
  const classes = straceClassesOf(name);
  return FROM_STRACE.find(([strace]) => classes.includes(strace))?.[1] ?? 'other';
}
