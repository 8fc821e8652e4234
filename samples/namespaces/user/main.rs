//! user (Rust): root inside, nobody outside. unshare(CLONE_NEWUSER) puts this process in a new
//! user namespace with every capability, but over that namespace only. Until uid_map and
//! gid_map are written our ids are unmapped and read as 65534 (nobody). Writing "0 <my uid> 1"
//! maps root inside to our own uid outside ("deny" in setgroups must come first for gid_map).
//! Then getuid() says 0, yet changing the machine's host name fails with EPERM: the machine's
//! UTS namespace belongs to the initial user namespace, where we have no power at all.
use std::fs;
use std::io::Error;
use std::os::raw::{c_char, c_int};
use std::process::exit;

const CLONE_NEWUSER: c_int = 0x1000_0000;

extern "C" {
    fn unshare(flags: c_int) -> c_int;
    fn sethostname(name: *const c_char, len: usize) -> c_int;
    fn getuid() -> u32;
    fn getgid() -> u32;
    fn geteuid() -> u32;
}

const HINT: &str = " (a kernel that restricts unprivileged user namespaces needs root: sudo ./main in the Vagrant VM)";

/// One write(2) per file: the kernel accepts a map only in a single write.
fn write_proc(path: &str, text: &str) {
    if let Err(e) = fs::write(path, text) { // #WRITE
        eprintln!("writing {}: {}{}", path, e, HINT);
        exit(1);
    }
}

fn main() {
    let (uid, gid) = unsafe { (getuid(), getgid()) }; // #GETID
    println!("outside: uid={} gid={}", uid, gid);

    if unsafe { unshare(CLONE_NEWUSER) } != 0 { // #UNSHARE
        let err = Error::last_os_error();
        if unsafe { geteuid() } == 0 {
            eprintln!("unshare(CLONE_NEWUSER): {}\nEven root may not create user namespaces here: they are disabled (is user.max_user_namespaces 0?).", err);
        } else {
            eprintln!("unshare(CLONE_NEWUSER): {}\nThis kernel does not allow unprivileged user namespaces: run it as root (in the Vagrant VM: sudo ./main).", err);
        }
        exit(1);
    }
    println!("inside, before mapping: uid={} gid={}", unsafe { getuid() }, unsafe { getgid() }); // #GETID

    write_proc("/proc/self/setgroups", "deny");
    write_proc("/proc/self/uid_map", &format!("0 {} 1", uid));
    write_proc("/proc/self/gid_map", &format!("0 {} 1", gid));
    println!("inside, after mapping:  uid={} gid={} (root, here)", unsafe { getuid() }, unsafe { getgid() }); // #GETID

    // Root inside only: the machine's host name is not ours to change.
    let name = "not-allowed";
    if unsafe { sethostname(name.as_ptr() as *const c_char, name.len()) } != 0 { // #SETHOSTNAME
        println!("sethostname on the machine's UTS namespace: {}", Error::last_os_error());
    }
}
