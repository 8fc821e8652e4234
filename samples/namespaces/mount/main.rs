//! mount (Rust): a private mount table. unshare(CLONE_NEWNS) copies the mount table; making "/"
//! recursively private (MS_REC|MS_PRIVATE) stops mount events from propagating between our copy
//! and the machine's. A tmpfs mounted on a temporary directory is then visible to this process
//! only. CLONE_NEWUSER makes it work without root; the uid map lets us create files on it.
use std::ffi::CString;
use std::fs;
use std::io::Error;
use std::os::raw::{c_char, c_int, c_ulong, c_void};
use std::process::exit;
use std::ptr::null;

const CLONE_NEWNS: c_int = 0x0002_0000;
const CLONE_NEWUSER: c_int = 0x1000_0000;
const MS_REC: c_ulong = 0x4000;
const MS_PRIVATE: c_ulong = 1 << 18;

extern "C" {
    fn unshare(flags: c_int) -> c_int;
    fn mount(src: *const c_char, target: *const c_char, fstype: *const c_char, flags: c_ulong, data: *const c_void) -> c_int;
    fn umount2(target: *const c_char, flags: c_int) -> c_int;
    fn getuid() -> u32;
    fn getgid() -> u32;
    fn geteuid() -> u32;
}

const HINT: &str = " (a kernel that restricts unprivileged user namespaces needs root: sudo ./main in the Vagrant VM)";

/// New user + mount namespaces, with root inside mapped to us (see the user sample).
fn enter_namespaces() {
    let (uid, gid) = unsafe { (getuid(), getgid()) };
    if unsafe { unshare(CLONE_NEWUSER | CLONE_NEWNS) } == 0 { // #UNSHARE
        let maps = [("setgroups", "deny".to_string()), ("uid_map", format!("0 {} 1", uid)), ("gid_map", format!("0 {} 1", gid))];
        for (file, text) in maps.iter() {
            if let Err(e) = fs::write(format!("/proc/self/{}", file), text) {
                eprintln!("writing /proc/self/{}: {}{}", file, e, HINT);
                exit(1);
            }
        }
    } else if unsafe { geteuid() } != 0 || unsafe { unshare(CLONE_NEWNS) } != 0 {
        eprintln!("unshare: {}\nRun it as root (in the Vagrant VM: sudo ./main).", Error::last_os_error());
        exit(1);
    }
}

fn main() {
    let dir = std::env::temp_dir().join(format!("mount-ns-{}", std::process::id()));
    fs::create_dir(&dir).expect("create a temporary directory"); // #MKDIR
    enter_namespaces();

    let c_dir = CString::new(dir.to_str().unwrap()).unwrap();
    if unsafe { mount(null(), "/\0".as_ptr() as *const c_char, null(), MS_REC | MS_PRIVATE, null()) } != 0 { // #MOUNT
        eprintln!("make / private: {}", Error::last_os_error());
    }
    let tmpfs = "tmpfs\0".as_ptr() as *const c_char;
    let options = "size=1m,mode=0755\0".as_ptr() as *const c_void;
    if unsafe { mount(tmpfs, c_dir.as_ptr(), tmpfs, 0, options) } != 0 { // #MOUNT
        eprintln!("mount tmpfs: {}{}", Error::last_os_error(), HINT);
        let _ = fs::remove_dir(&dir);
        exit(1);
    }
    let mountinfo = fs::read_to_string("/proc/self/mountinfo").unwrap_or_default();
    for line in mountinfo.lines().filter(|l| l.contains(dir.to_str().unwrap())) {
        println!("mountinfo: {}", line);
    }

    let file = dir.join("only-here.txt");
    fs::write(&file, "in memory, in our namespace\n").expect("write on the tmpfs"); // #WRITE
    println!("created {} on the tmpfs", file.display());

    if unsafe { umount2(c_dir.as_ptr(), 0) } != 0 { // #UMOUNT
        eprintln!("umount: {}", Error::last_os_error());
    }
    println!("after umount, {} is {}", file.display(), if file.exists() { "still there" } else { "gone" });
    fs::remove_dir(&dir).expect("remove the temporary directory"); // #UNLINK
}
