/**
 * strace's syscall classes for x86_64 (`-e trace=%file`, `%desc`, `%network`…), as strace's
 * manual defines them and its x86_64 syscall table assigns them, so filters and function
 * breakpoints written the strace way select the same calls here. `expandSyscallFilter` turns
 * a `-e trace=` style list (names, `%classes`, `!negations`, `/regex`, `?optional`) into names.
 */

const FILE = 'open stat lstat access truncate getcwd chdir rename mkdir rmdir creat link unlink symlink readlink chmod chown lchown utime ' +
  'mknod uselib statfs pivot_root chroot acct mount umount2 swapon swapoff quotactl setxattr lsetxattr getxattr lgetxattr listxattr ' +
  'llistxattr removexattr lremovexattr utimes inotify_add_watch openat mkdirat mknodat fchownat futimesat newfstatat unlinkat renameat ' +
  'linkat symlinkat readlinkat fchmodat faccessat utimensat fanotify_mark name_to_handle_at renameat2 execve execveat statx open_tree ' +
  'move_mount fsconfig fspick openat2 faccessat2 mount_setattr fchmodat2';

const DESC = 'read write open close fstat poll lseek mmap ioctl pread64 pwrite64 readv writev pipe select dup dup2 sendfile fcntl flock ' +
  'fsync fdatasync ftruncate getdents fchdir creat fchmod fchown fstatfs readahead fsetxattr fgetxattr flistxattr fremovexattr ' +
  'epoll_create getdents64 fadvise64 epoll_wait epoll_ctl mq_open mq_timedsend mq_timedreceive mq_notify mq_getsetattr inotify_init ' +
  'inotify_add_watch inotify_rm_watch openat mkdirat mknodat fchownat futimesat newfstatat unlinkat renameat linkat symlinkat ' +
  'readlinkat fchmodat faccessat pselect6 ppoll splice tee sync_file_range vmsplice utimensat epoll_pwait signalfd timerfd_create ' +
  'eventfd fallocate timerfd_settime timerfd_gettime signalfd4 eventfd2 epoll_create1 dup3 pipe2 inotify_init1 preadv pwritev ' +
  'perf_event_open fanotify_init fanotify_mark name_to_handle_at open_by_handle_at syncfs setns finit_module renameat2 memfd_create ' +
  'kexec_file_load bpf execveat userfaultfd copy_file_range preadv2 pwritev2 statx pidfd_send_signal io_uring_setup io_uring_enter ' +
  'io_uring_register open_tree move_mount fsopen fsconfig fsmount fspick pidfd_open close_range openat2 pidfd_getfd faccessat2 ' +
  'process_madvise epoll_pwait2 mount_setattr quotactl_fd landlock_create_ruleset landlock_add_rule landlock_restrict_self ' +
  'memfd_secret process_mrelease cachestat fchmodat2';

const NETWORK = 'sendfile socket connect accept sendto recvfrom sendmsg recvmsg shutdown bind listen getsockname getpeername socketpair ' +
  'setsockopt getsockopt getpmsg putpmsg accept4 recvmmsg sendmmsg';

const PROCESS = 'clone fork vfork execve exit wait4 kill rt_sigqueueinfo tkill exit_group tgkill waitid rt_tgsigqueueinfo execveat ' +
  'pidfd_send_signal clone3';

const SIGNAL = 'rt_sigaction rt_sigprocmask rt_sigreturn pause kill rt_sigpending rt_sigtimedwait rt_sigqueueinfo rt_sigsuspend ' +
  'sigaltstack tkill tgkill signalfd signalfd4 rt_tgsigqueueinfo pidfd_send_signal';

const IPC = 'shmget shmat shmctl semget semop semctl shmdt msgget msgsnd msgrcv msgctl semtimedop';

const MEMORY = 'mmap mprotect munmap brk mremap msync mincore madvise shmat shmdt mlock munlock mlockall munlockall io_setup io_destroy ' +
  'remap_file_pages mbind set_mempolicy get_mempolicy migrate_pages move_pages mlock2 pkey_mprotect io_uring_register ' +
  'set_mempolicy_home_node map_shadow_stack mseal';

const CREDS = 'getuid getgid setuid setgid geteuid getegid setreuid setregid getgroups setgroups setresuid getresuid setresgid ' +
  'getresgid setfsuid setfsgid capget capset prctl';

const CLOCK = 'gettimeofday adjtimex settimeofday time clock_settime clock_gettime clock_getres clock_adjtime';

const PURE = 'getpid getuid getgid geteuid getegid getppid getpgrp gettid';

/** Class name (with `%`) → its syscalls. `%net` is strace's alias of `%network`. */
const CLASS_TABLE: Record<string, string> = {
  '%file': FILE, '%desc': DESC, '%network': NETWORK, '%process': PROCESS, '%signal': SIGNAL, '%ipc': IPC, '%memory': MEMORY,
  '%creds': CREDS, '%clock': CLOCK, '%pure': PURE,
  '%stat': 'stat', '%lstat': 'lstat', '%fstat': 'fstat newfstatat statx', '%%stat': 'stat fstat lstat newfstatat statx',
  '%statfs': 'statfs', '%fstatfs': 'fstatfs', '%%statfs': 'ustat statfs fstatfs',
};

/** Syscalls in no class, so `!%file`-style filters and `all` know every x86_64 name. */
const UNCLASSED = 'sched_yield nanosleep getitimer alarm setitimer uname getrlimit getrusage sysinfo times ptrace syslog setpgid ' +
  'setsid getpgid getsid umask personality ustat sysfs getpriority setpriority sched_setparam sched_getparam sched_setscheduler ' +
  'sched_getscheduler sched_get_priority_max sched_get_priority_min sched_rr_get_interval vhangup modify_ldt _sysctl arch_prctl ' +
  'setrlimit sync reboot sethostname setdomainname iopl ioperm create_module init_module delete_module get_kernel_syms ' +
  'query_module nfsservctl afs_syscall tuxcall security futex sched_setaffinity sched_getaffinity set_thread_area io_getevents ' +
  'io_submit io_cancel get_thread_area lookup_dcookie epoll_ctl_old epoll_wait_old set_tid_address restart_syscall timer_create ' +
  'timer_settime timer_gettime timer_getoverrun timer_delete clock_nanosleep mq_unlink kexec_load add_key request_key keyctl ' +
  'ioprio_set ioprio_get unshare set_robust_list get_robust_list prlimit64 getcpu process_vm_readv process_vm_writev kcmp ' +
  'sched_setattr sched_getattr seccomp getrandom membarrier pkey_alloc pkey_free io_pgetevents rseq futex_waitv futex_wake ' +
  'futex_wait futex_requeue statmount listmount lsm_get_self_attr lsm_set_self_attr lsm_list_modules';

let byName: Map<string, string[]> | undefined;
let allNames: Set<string> | undefined;

function index(): Map<string, string[]> {
  if (byName) return byName;
  const m = new Map<string, string[]>();
  const all = new Set<string>(UNCLASSED.split(' '));
  for (const [cls, names] of Object.entries(CLASS_TABLE)) {
    for (const n of names.split(' ')) {
      all.add(n);
      const list = m.get(n);
      if (list) list.push(cls);
      else m.set(n, [cls]);
    }
  }
  byName = m;
  allNames = all;
  return m;
}

/** The strace classes (`%file`, `%desc`…) an x86_64 syscall belongs to; [] for unclassed or unknown names. */
export function straceClassesOf(name: string): string[] {
  return [...(index().get(name) ?? [])];
}

/** Every class name strace accepts (with `%`), `%net` included. */
export function straceClassNames(): string[] {
  return [...Object.keys(CLASS_TABLE), '%net'];
}

/** Every x86_64 syscall name the table knows. */
export function knownSyscallNames(): ReadonlySet<string> {
  index();
  return allNames!;
}

function namesOfClass(cls: string): string[] | undefined {
  const key = cls === '%net' ? '%network' : cls;
  const names = CLASS_TABLE[key];
  return names === undefined ? undefined : names.split(' ');
}

/**
 * Expands a `-e trace=` style selection into syscall names. Items may be names, `%classes`
 * (or strace's old bare class words `file`, `network`…), `/regex` over known names, `?name`
 * (tolerated if unknown) and `!item` to exclude; comma-separated strings are split. Returns
 * null when everything is selected (empty list or `all`), meaning "no filter".
 */
export function expandSyscallFilter(spec: string[]): Set<string> | null {
  const items = spec.flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s.length > 0);
  if (items.length === 0 || (items.length === 1 && items[0] === 'all')) return null;
  const known = knownSyscallNames();
  const include = new Set<string>();
  const exclude = new Set<string>();
  let onlyNegative = true;
  for (const raw of items) {
    const negated = raw.startsWith('!');
    const item = (negated ? raw.slice(1) : raw).replace(/^\?/, '');
    const target = negated ? exclude : include;
    if (!negated) onlyNegative = false;
    if (item === 'all') { for (const n of known) target.add(n); continue; }
    const cls = item.startsWith('%') ? namesOfClass(item) : namesOfClass(`%${item}`) && !known.has(item) ? namesOfClass(`%${item}`) : undefined;
    if (cls) { for (const n of cls) target.add(n); continue; }
    if (item.startsWith('/')) {
      let re: RegExp | undefined;
      try { re = new RegExp(item.slice(1)); } catch { re = undefined; }
      if (re) for (const n of known) if (re.test(n)) target.add(n);
      continue;
    }
    target.add(item);
  }
  if (onlyNegative) for (const n of known) include.add(n);
  for (const n of exclude) include.delete(n);
  return include;
}
