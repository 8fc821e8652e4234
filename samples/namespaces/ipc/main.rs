//! ipc (Rust): System V IPC objects (message queues, semaphores, shared memory) are found by a
//! numeric key, machine-wide. A new IPC namespace (unshare(CLONE_NEWIPC)) starts with none of
//! them. The parent makes a message queue and puts a message in it; a forked child moves to a
//! new IPC namespace and cannot find the queue by the same key (ENOENT); the parent then reads
//! its message back and removes the queue.
use std::io::Error;
use std::os::raw::{c_int, c_long, c_void};
use std::process::exit;

const CLONE_NEWIPC: c_int = 0x0800_0000;
const CLONE_NEWUSER: c_int = 0x1000_0000;
const IPC_CREAT: c_int = 0o1000;
const IPC_EXCL: c_int = 0o2000;
const IPC_NOWAIT: c_int = 0o4000;
const IPC_RMID: c_int = 0;

#[repr(C)]
struct Message {
    kind: c_long,
    text: [u8; 64],
}

extern "C" {
    fn unshare(flags: c_int) -> c_int;
    fn msgget(key: c_int, flags: c_int) -> c_int;
    fn msgsnd(id: c_int, msg: *const c_void, size: usize, flags: c_int) -> c_int;
    fn msgrcv(id: c_int, msg: *mut c_void, size: usize, kind: c_long, flags: c_int) -> isize;
    fn msgctl(id: c_int, cmd: c_int, buf: *mut c_void) -> c_int;
    fn fork() -> c_int;
    fn waitpid(pid: c_int, status: *mut c_int, options: c_int) -> c_int;
    fn geteuid() -> u32;
    fn _exit(code: c_int) -> !;
}

fn main() {
    let key = 0x5ca1_0000 | (std::process::id() as c_int & 0xffff); // a key unlikely to be in use
    let q = unsafe { msgget(key, IPC_CREAT | IPC_EXCL | 0o600) }; // #MSGGET
    if q < 0 {
        eprintln!("msgget: {}", Error::last_os_error());
        exit(1);
    }
    let mut m = Message { kind: 1, text: [0; 64] };
    let text = b"kept in the machine's IPC namespace";
    m.text[..text.len()].copy_from_slice(text);
    unsafe { msgsnd(q, &m as *const Message as *const c_void, 64, 0) }; // #MSGSND
    println!("parent: queue {:#x} has id {}", key, q);

    let pid = unsafe { fork() }; // #FORK
    if pid == 0 {
        if unsafe { unshare(CLONE_NEWUSER | CLONE_NEWIPC) } != 0 // #UNSHARE
            && (unsafe { geteuid() } != 0 || unsafe { unshare(CLONE_NEWIPC) } != 0)
        {
            eprintln!("child: unshare: {} (run it as root: sudo ./main in the Vagrant VM)", Error::last_os_error());
            unsafe { _exit(1) };
        }
        if unsafe { msgget(key, 0) } < 0 { // #MSGGET
            println!("child, in a new IPC namespace: msgget({:#x}) -> {}", key, Error::last_os_error());
        } else {
            println!("child: the queue is still visible?!");
        }
        unsafe { _exit(0) };
    }
    unsafe { waitpid(pid, std::ptr::null_mut(), 0) }; // #WAIT

    let mut got = Message { kind: 0, text: [0; 64] };
    if unsafe { msgrcv(q, &mut got as *mut Message as *mut c_void, 64, 0, IPC_NOWAIT) } >= 0 { // #MSGRCV
        let end = got.text.iter().position(|&b| b == 0).unwrap_or(64);
        println!("parent: still there, message says: {}", String::from_utf8_lossy(&got.text[..end]));
    }
    unsafe { msgctl(q, IPC_RMID, std::ptr::null_mut()) }; // #MSGCTL
}
