//! network (Rust): an empty network stack. unshare(CLONE_NEWNET) gives this process a network
//! namespace of its own, holding one interface, lo, and it is down; the machine's interfaces are
//! not there and nothing done here can touch them. We list interfaces (from /proc/net/dev,
//! which always shows the reader's namespace), see that 127.0.0.1 is unreachable, bring lo up
//! with an ioctl (SIOCSIFFLAGS) and send a UDP datagram to ourselves.
use std::fs;
use std::io::Error;
use std::net::UdpSocket;
use std::os::raw::{c_int, c_short, c_ulong};
use std::os::unix::io::AsRawFd;
use std::process::exit;

const CLONE_NEWUSER: c_int = 0x1000_0000;
const CLONE_NEWNET: c_int = 0x4000_0000;
const SIOCGIFFLAGS: c_ulong = 0x8913;
const SIOCSIFFLAGS: c_ulong = 0x8914;
const IFF_UP: c_short = 1;

/// struct ifreq, reduced to the name and the flags member of its union (40 bytes in all).
#[repr(C)]
struct IfReq {
    name: [u8; 16],
    flags: c_short,
    _pad: [u8; 22],
}

extern "C" {
    fn unshare(flags: c_int) -> c_int;
    fn ioctl(fd: c_int, request: c_ulong, ...) -> c_int;
    fn geteuid() -> u32;
}

const HINT: &str = " (a kernel that restricts unprivileged user namespaces needs root: sudo ./main in the Vagrant VM)";

fn interfaces() -> Vec<String> {
    let text = fs::read_to_string("/proc/net/dev").unwrap_or_default(); // #OPEN
    text.lines().skip(2).filter_map(|l| l.split(':').next()).map(|n| n.trim().to_string()).collect()
}

fn main() {
    println!("interfaces on the machine: {:?}", interfaces());
    if unsafe { unshare(CLONE_NEWUSER | CLONE_NEWNET) } != 0 { // #UNSHARE
        let err = Error::last_os_error();
        if unsafe { geteuid() } != 0 || unsafe { unshare(CLONE_NEWNET) } != 0 {
            eprintln!("unshare: {}\nRun it as root (in the Vagrant VM: sudo ./main).", err);
            exit(1);
        }
    }
    println!("interfaces in the new namespace: {:?}", interfaces());

    let sender = UdpSocket::bind("0.0.0.0:0").expect("a UDP socket"); // #BIND
    if let Err(e) = sender.send_to(b"hi", "127.0.0.1:9") { // #SEND
        println!("sendto 127.0.0.1 while lo is down: {}", e);
    }

    // Bring lo up: read its flags, add IFF_UP, write them back.
    let mut req = IfReq { name: [0; 16], flags: 0, _pad: [0; 22] };
    req.name[..2].copy_from_slice(b"lo");
    let fd = sender.as_raw_fd();
    unsafe { ioctl(fd, SIOCGIFFLAGS, &mut req as *mut IfReq) }; // #IOCTL
    req.flags |= IFF_UP;
    if unsafe { ioctl(fd, SIOCSIFFLAGS, &mut req as *mut IfReq) } != 0 { // #IOCTL
        eprintln!("SIOCSIFFLAGS: {}{}", Error::last_os_error(), HINT);
    }

    // Loopback works now, inside this namespace only.
    let receiver = UdpSocket::bind("127.0.0.1:0").expect("bind on 127.0.0.1"); // #BIND
    let to = receiver.local_addr().unwrap();
    sender.send_to(b"hi", to).expect("send to ourselves"); // #SEND
    let mut buf = [0u8; 16];
    let (n, _) = receiver.recv_from(&mut buf).expect("receive"); // #RECV
    println!("with lo up, a datagram to {} arrived: {}", to, String::from_utf8_lossy(&buf[..n]));
}
