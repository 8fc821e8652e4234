//! container (Rust): the namespaces together, plus a new root directory. One clone call creates
//! new user, PID, mount, UTS, IPC and network namespaces for a child. The parent writes the
//! child's uid/gid maps, then lets it go on through a pipe. The child names its host, builds a
//! minimal root on a tmpfs (the machine's /usr bind-mounted into it, the /bin /lib… symlinks
//! copied, a fresh /proc), switches to it with pivot_root, detaches the old root and execs a
//! shell there, which sees pid 1, uid 0, its own host name, only `lo`, and a tiny /.
use std::ffi::CString;
use std::fs;
use std::io::{Error, Read};
use std::os::raw::{c_char, c_int, c_long, c_ulong, c_void};
use std::os::unix::fs::symlink;
use std::os::unix::io::FromRawFd;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{exit, Command};
use std::ptr::null;

const CLONE_NEWNS: c_long = 0x0002_0000;
const CLONE_NEWUTS: c_long = 0x0400_0000;
const CLONE_NEWIPC: c_long = 0x0800_0000;
const CLONE_NEWUSER: c_long = 0x1000_0000;
const CLONE_NEWPID: c_long = 0x2000_0000;
const CLONE_NEWNET: c_long = 0x4000_0000;
const SIGCHLD: c_long = 17;
const MS_NOSUID: c_ulong = 2;
const MS_NODEV: c_ulong = 4;
const MS_NOEXEC: c_ulong = 8;
const MS_BIND: c_ulong = 0x1000;
const MS_REC: c_ulong = 0x4000;
const MS_PRIVATE: c_ulong = 1 << 18;
const MNT_DETACH: c_int = 2;
#[cfg(target_arch = "x86_64")]
const SYS_CLONE: c_long = 56;
#[cfg(target_arch = "x86_64")]
const SYS_PIVOT_ROOT: c_long = 155;
#[cfg(target_arch = "aarch64")]
const SYS_CLONE: c_long = 220;
#[cfg(target_arch = "aarch64")]
const SYS_PIVOT_ROOT: c_long = 41;

extern "C" {
    fn syscall(number: c_long, ...) -> c_long;
    fn mount(src: *const c_char, target: *const c_char, fstype: *const c_char, flags: c_ulong, data: *const c_void) -> c_int;
    fn umount2(target: *const c_char, flags: c_int) -> c_int;
    fn sethostname(name: *const c_char, len: usize) -> c_int;
    fn pipe(fds: *mut c_int) -> c_int;
    fn close(fd: c_int) -> c_int;
    fn waitpid(pid: c_int, status: *mut c_int, options: c_int) -> c_int;
    fn getuid() -> u32;
    fn getgid() -> u32;
    fn geteuid() -> u32;
    fn _exit(code: c_int) -> !;
}

const HINT: &str = " (a kernel that restricts unprivileged user namespaces needs root: sudo ./main in the Vagrant VM)";

fn c(s: &str) -> CString {
    CString::new(s).unwrap()
}

fn check(rc: c_long, what: &str) {
    if rc != 0 {
        eprintln!("{}: {}{}", what, Error::last_os_error(), HINT);
        unsafe { _exit(1) };
    }
}

fn clone_process(flags: c_long) -> c_long {
    let p: *const c_void = null();
    unsafe { syscall(SYS_CLONE, flags, p, p, p, 0 as c_long) } // #CLONE
}

/// /bin, /lib… are symlinks into /usr on merged-/usr systems: copy links, bind real dirs.
fn add_top_level(root: &str, name: &str) {
    let host = format!("/{}", name);
    let inside = format!("{}/{}", root, name);
    if let Ok(target) = fs::read_link(&host) {
        symlink(target, &inside).expect("symlink"); // #SYMLINK
    } else if Path::new(&host).exists() {
        fs::create_dir(&inside).expect("mkdir");
        let rc = unsafe { mount(c(&host).as_ptr(), c(&inside).as_ptr(), null(), MS_BIND | MS_REC, null()) }; // #MOUNT
        check(rc as c_long, "bind mount");
    }
}

fn child_main(root: &str, go_fd: c_int) -> ! {
    let mut go = unsafe { fs::File::from_raw_fd(go_fd) };
    let _ = go.read(&mut [0u8; 1]); // returns once the parent has written our uid/gid maps
    drop(go);

    check(unsafe { sethostname("lens-box".as_ptr() as *const c_char, 8) } as c_long, "sethostname"); // #SETHOSTNAME
    check(unsafe { mount(null(), c("/").as_ptr(), null(), MS_REC | MS_PRIVATE, null()) } as c_long, "make / private"); // #MOUNT
    let tmpfs = c("tmpfs");
    let rc = unsafe { mount(tmpfs.as_ptr(), c(root).as_ptr(), tmpfs.as_ptr(), 0, c("size=4m,mode=0755").as_ptr() as *const c_void) }; // #MOUNT
    check(rc as c_long, "mount tmpfs");
    for name in ["usr", "bin", "sbin", "lib", "lib64", "lib32", "libx32"].iter() {
        add_top_level(root, name);
    }
    // A /proc for our PID namespace, mounted before the old root (and its /proc) goes away.
    let proc_dir = format!("{}/proc", root);
    fs::create_dir(&proc_dir).expect("mkdir proc");
    let proc_fs = c("proc");
    let rc = unsafe { mount(proc_fs.as_ptr(), c(&proc_dir).as_ptr(), proc_fs.as_ptr(), MS_NOSUID | MS_NODEV | MS_NOEXEC, null()) }; // #MOUNT
    check(rc as c_long, "mount proc");
    fs::create_dir(format!("{}/.old-root", root)).expect("mkdir .old-root");

    // pivot_root(new, put_old): new becomes /, the old / moves under /.old-root.
    std::env::set_current_dir(root).expect("chdir"); // #CHDIR
    check(unsafe { syscall(SYS_PIVOT_ROOT, c(".").as_ptr(), c(".old-root").as_ptr()) }, "pivot_root"); // #PIVOT_ROOT
    std::env::set_current_dir("/").expect("chdir /");
    check(unsafe { umount2(c("/.old-root").as_ptr(), MNT_DETACH) } as c_long, "detach the old root"); // #UMOUNT
    let _ = fs::remove_dir("/.old-root");

    let script = "echo \"in the container: pid $$, uid $(id -u), host $(cat /proc/sys/kernel/hostname)\"; \
                  echo \"/ holds: $(ls / | tr '\\n' ' ')\"; \
                  echo \"interfaces: $(tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ')\"";
    let err = Command::new("/bin/sh").arg("-c").arg(script).exec(); // #EXECVE
    eprintln!("exec /bin/sh: {}", err);
    unsafe { _exit(1) };
}

fn main() {
    let root = format!("/tmp/container-{}", std::process::id());
    fs::create_dir(&root).expect("create the root directory"); // #MKDIR
    let mut go = [0 as c_int; 2];
    check(unsafe { pipe(go.as_mut_ptr()) } as c_long, "pipe");
    let (uid, gid) = unsafe { (getuid(), getgid()) };
    let ns = CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET;
    let mut userns = true;
    let mut pid = clone_process(CLONE_NEWUSER | ns | SIGCHLD);
    if pid < 0 && unsafe { geteuid() } == 0 {
        userns = false; // root, on a kernel without unprivileged user namespaces
        pid = clone_process(ns | SIGCHLD);
    }
    if pid < 0 {
        eprintln!("clone: {}\nRun it as root (in the Vagrant VM: sudo ./main).", Error::last_os_error());
        let _ = fs::remove_dir(&root);
        exit(1);
    }
    if pid == 0 {
        unsafe { close(go[1]) };
        child_main(&root, go[0]);
    }
    unsafe { close(go[0]) };
    if userns {
        fs::write(format!("/proc/{}/setgroups", pid), "deny").expect("setgroups");
        fs::write(format!("/proc/{}/uid_map", pid), format!("0 {} 1", uid)).expect("uid_map"); // #WRITE
        fs::write(format!("/proc/{}/gid_map", pid), format!("0 {} 1", gid)).expect("gid_map"); // #WRITE
    }
    unsafe { close(go[1]) }; // the child's read returns: go on
    let mut status: c_int = 0;
    unsafe { waitpid(pid as c_int, &mut status, 0) }; // #WAIT
    let _ = fs::remove_dir(&root); // the tmpfs lived in the child's mount namespace: empty here
    println!("container exited with {}", (status >> 8) & 0xff);
}
