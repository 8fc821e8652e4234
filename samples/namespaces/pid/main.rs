//! pid (Rust): a new PID namespace, where the first process is number 1. The clone syscall
//! with CLONE_NEWPID starts a child inside it: the child sees itself as pid 1 and its parent
//! as 0, while the parent sees an ordinary pid. The child mounts a fresh /proc in its own mount
//! namespace and finds only its own processes there; a grandchild it forks is pid 2.
//! CLONE_NEWUSER makes this possible without root where the kernel allows it.
use std::io::Error;
use std::os::raw::{c_char, c_int, c_long, c_ulong, c_void};
use std::process::exit;
use std::ptr::null;

const CLONE_NEWNS: c_long = 0x0002_0000;
const CLONE_NEWUSER: c_long = 0x1000_0000;
const CLONE_NEWPID: c_long = 0x2000_0000;
const SIGCHLD: c_long = 17;
const MS_REC: c_ulong = 0x4000;
const MS_PRIVATE: c_ulong = 1 << 18;
const MS_NOSUID: c_ulong = 2;
const MS_NODEV: c_ulong = 4;
const MS_NOEXEC: c_ulong = 8;
#[cfg(target_arch = "x86_64")]
const SYS_CLONE: c_long = 56;
#[cfg(target_arch = "aarch64")]
const SYS_CLONE: c_long = 220;

extern "C" {
    fn syscall(number: c_long, ...) -> c_long;
    fn mount(src: *const c_char, target: *const c_char, fstype: *const c_char, flags: c_ulong, data: *const c_void) -> c_int;
    fn getpid() -> c_int;
    fn getppid() -> c_int;
    fn geteuid() -> u32;
    fn fork() -> c_int;
    fn waitpid(pid: c_int, status: *mut c_int, options: c_int) -> c_int;
    fn _exit(code: c_int) -> !;
}

/// The clone syscall used like fork (no new stack: the child continues with a copy of ours).
fn clone_process(flags: c_long) -> c_long {
    let null_ptr: *const c_void = null();
    unsafe { syscall(SYS_CLONE, flags, null_ptr, null_ptr, null_ptr, 0 as c_long) } // #CLONE
}

fn child_main() -> c_int {
    println!("child:  getpid() = {}, getppid() = {}", unsafe { getpid() }, unsafe { getppid() }); // #GETID

    // Our own /proc: private propagation first, so the mount stays in this namespace.
    let private = unsafe { mount(null(), "/\0".as_ptr() as *const c_char, null(), MS_REC | MS_PRIVATE, null()) }; // #MOUNT
    let proc_fs = "proc\0".as_ptr() as *const c_char;
    let flags = MS_NOSUID | MS_NODEV | MS_NOEXEC;
    if private != 0 || unsafe { mount(proc_fs, "/proc\0".as_ptr() as *const c_char, proc_fs, flags, null()) } != 0 { // #MOUNT
        println!("child:  mount /proc failed ({}), skipping that part", Error::last_os_error());
    } else {
        let count = std::fs::read_dir("/proc") // #OPEN
            .map(|d| d.filter_map(|e| e.ok()).filter(|e| e.file_name().to_string_lossy().parse::<u32>().is_ok()).count())
            .unwrap_or(0);
        println!("child:  /proc now lists {} process(es)", count);
    }

    let grandchild = unsafe { fork() }; // #FORK
    if grandchild == 0 {
        println!("grandchild: getpid() = {}", unsafe { getpid() }); // #GETID
        unsafe { _exit(0) };
    }
    unsafe { waitpid(grandchild, std::ptr::null_mut(), 0) }; // #WAIT
    0
}

fn main() {
    let flags = CLONE_NEWPID | CLONE_NEWNS | SIGCHLD;
    let mut pid = clone_process(CLONE_NEWUSER | flags);
    if pid < 0 && unsafe { geteuid() } == 0 {
        pid = clone_process(flags); // root, on a kernel without unprivileged user namespaces
    }
    if pid < 0 {
        eprintln!("clone: {}\nCreating a PID namespace needs root or an unprivileged user namespace: run it as root (in the Vagrant VM: sudo ./main).", Error::last_os_error());
        exit(1);
    }
    if pid == 0 {
        let code = child_main();
        unsafe { _exit(code) };
    }
    println!("parent: my pid is {}, the child's pid seen from here is {}", std::process::id(), pid);
    let mut status: c_int = 0;
    unsafe { waitpid(pid as c_int, &mut status, 0) }; // #WAIT
    println!("parent: child exited with {}", (status >> 8) & 0xff);
}
