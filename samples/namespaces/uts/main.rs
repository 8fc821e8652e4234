//! uts (Rust): a private host name. unshare(CLONE_NEWUTS) gives this process its own copy of
//! the host name; sethostname then changes the copy only. CLONE_NEWUSER in the same call makes
//! us root of a new user namespace that owns the new UTS namespace, so no sudo is needed where
//! the kernel allows unprivileged user namespaces. Only std and `extern "C"` declarations of
//! glibc functions: no crates, so `rustc main.rs` is enough.
use std::ffi::CStr;
use std::io::Error;
use std::os::raw::{c_char, c_int};
use std::process::exit;

const CLONE_NEWUTS: c_int = 0x0400_0000;
const CLONE_NEWUSER: c_int = 0x1000_0000;

#[repr(C)]
struct UtsName {
    fields: [[c_char; 65]; 6], // sysname, nodename, release, version, machine, domainname
}

extern "C" {
    fn unshare(flags: c_int) -> c_int;
    fn sethostname(name: *const c_char, len: usize) -> c_int;
    fn uname(buf: *mut UtsName) -> c_int;
    fn geteuid() -> u32;
}

const HINT: &str = " (a kernel that restricts unprivileged user namespaces needs root: sudo ./main in the Vagrant VM)";

fn node_name() -> String {
    let mut u = UtsName { fields: [[0; 65]; 6] };
    unsafe { uname(&mut u) }; // #UNAME
    unsafe { CStr::from_ptr(u.fields[1].as_ptr()) }.to_string_lossy().into_owned()
}

fn main() {
    let before = node_name();
    println!("host name before: {}", before);

    if unsafe { unshare(CLONE_NEWUSER | CLONE_NEWUTS) } != 0 { // #UNSHARE
        let err = Error::last_os_error();
        // Some kernels forbid unprivileged user namespaces: then only root can do this.
        if unsafe { geteuid() } != 0 || unsafe { unshare(CLONE_NEWUTS) } != 0 {
            eprintln!("unshare: {}\nRun it as root (in the Vagrant VM: sudo ./main).", err);
            exit(1);
        }
    }

    let name = "lens-uts";
    if unsafe { sethostname(name.as_ptr() as *const c_char, name.len()) } != 0 { // #SETHOSTNAME
        eprintln!("sethostname: {}{}", Error::last_os_error(), HINT);
        exit(1);
    }
    println!("host name inside the new UTS namespace: {}", node_name());
    println!("the machine is still called {} (run `hostname` in another terminal)", before);
}
