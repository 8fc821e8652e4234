#!/usr/bin/env bash
# Builds, once, the small vagrant-lxc box the remote tests (and samples/Vagrantfile's lxc
# variant) use: Debian bookworm from `debootstrap --variant=minbase`, fetched from the mirror apt
# is configured with, holding sshd, sudo, strace, gcc/binutils and systemd, and NO network
# manager at all. The container shares this machine's network (`lxc.net.0.type = none`), so
# anything that manages interfaces (ifupdown, a DHCP client, networkd) would act on the host's
# own interfaces: one took eth0 down when it stopped. sshd listens on 127.0.0.1 only (port 2222
# unless the Vagrantfile bind-mounts its own sshd_config.d, as the tests do).
# Output: the box file's path on the last line. Cached in $SYSCALL_LENS_BOX_CACHE
# (default ~/.cache/syscall-lens/vagrant-box); a second run only prints the path.
set -euo pipefail
[ "$(id -u)" -eq 0 ] || { echo "vagrant-box-build: run as root (debootstrap and chroot need it)" >&2; exit 1; }

CACHE="${SYSCALL_LENS_BOX_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/syscall-lens/vagrant-box}"
BOX="$CACHE/syscall-lens-bookworm.box"
if [ -s "$BOX" ]; then echo "$BOX"; exit 0; fi
for tool in debootstrap tar gzip; do
  command -v "$tool" >/dev/null || { echo "vagrant-box-build: $tool is missing (apt-get install $tool)" >&2; exit 1; }
done

# The first Debian mirror apt uses (deb822 .sources or one-line sources.list): no other network.
mirror() {
  local uri
  uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n1 || true)
  [ -n "$uri" ] || uri=$(awk '$1=="deb" && $0 ~ /debian/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  echo "${uri:-http://deb.debian.org/debian}"
}
MIRROR="${SYSCALL_LENS_BOX_MIRROR:-$(mirror)}"

mkdir -p "$CACHE"
WORK=$(mktemp -d "$CACHE/build.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
ROOT="$WORK/rootfs"
PACKAGES=openssh-server,sudo,strace,systemd-sysv,iproute2,procps,gcc,libc6-dev,binutils
EXCLUDE=ifupdown,isc-dhcp-client,isc-dhcp-common,dhcpcd-base,network-manager,netplan.io

echo "vagrant-box-build: debootstrap bookworm from $MIRROR" >&2
debootstrap --variant=minbase --include="$PACKAGES" --exclude="$EXCLUDE" bookworm "$ROOT" "$MIRROR" >&2

# Refuse a box that could touch the host's interfaces.
for pkg in ifupdown isc-dhcp-client dhcpcd-base network-manager netplan.io systemd-resolved systemd-timesyncd; do
  if chroot "$ROOT" dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed'; then
    echo "vagrant-box-build: $pkg got installed; refusing to build a box that manages interfaces" >&2
    exit 1
  fi
done
mkdir -p "$ROOT/etc/network"
printf 'auto lo\niface lo inet loopback\n' > "$ROOT/etc/network/interfaces"
for unit in networking.service systemd-networkd.service systemd-networkd.socket systemd-networkd-wait-online.service \
            systemd-resolved.service systemd-timesyncd.service getty@.service console-getty.service \
            systemd-udevd.service systemd-udev-trigger.service apt-daily.timer apt-daily-upgrade.timer; do
  ln -sf /dev/null "$ROOT/etc/systemd/system/$unit"
done

# The vagrant user: passwordless sudo, Vagrant's bundled insecure key.
INSECURE_KEY=$(ls /usr/share/rubygems-integration/all/gems/vagrant-*/keys/vagrant.pub 2>/dev/null | head -n1 || true)
[ -n "$INSECURE_KEY" ] || { echo "vagrant-box-build: Vagrant's insecure key not found (apt-get install vagrant)" >&2; exit 1; }
chroot "$ROOT" useradd --create-home --shell /bin/bash vagrant
install -d -m 700 -o 1000 -g 1000 "$ROOT/home/vagrant/.ssh"
install -m 600 -o 1000 -g 1000 "$INSECURE_KEY" "$ROOT/home/vagrant/.ssh/authorized_keys"
chroot "$ROOT" chown -R vagrant:vagrant /home/vagrant
echo 'vagrant ALL=(ALL) NOPASSWD:ALL' > "$ROOT/etc/sudoers.d/vagrant"
chmod 440 "$ROOT/etc/sudoers.d/vagrant"
echo 'syscall-lens-box' > "$ROOT/etc/hostname"

# sshd on loopback only; pam_loginuid cannot write loginuid inside a container.
printf 'ListenAddress 127.0.0.1\nPort 2222\nUseDNS no\n' > "$ROOT/etc/ssh/sshd_config.d/10-loopback.conf"
sed -i 's/^session\s\+required\s\+pam_loginuid.so/session optional pam_loginuid.so/' "$ROOT/etc/pam.d/sshd"
chroot "$ROOT" apt-get clean
rm -rf "$ROOT"/var/lib/apt/lists/* "$ROOT"/var/cache/apt/*.bin

cat > "$WORK/lxc-config" <<'EOF'
# Syscall Lens test box: share the host's network, so no interface is created or managed.
lxc.include = /usr/share/lxc/config/debian.common.conf
lxc.arch = amd64
lxc.net.0.type = none
lxc.apparmor.profile = unconfined
lxc.tty.max = 0
lxc.pty.max = 64
EOF
printf '{"provider":"lxc","version":"1.0.0","built-on":"%s"}\n' "$(date -u +%FT%TZ)" > "$WORK/metadata.json"
(cd "$WORK" && tar --numeric-owner -czf rootfs.tar.gz ./rootfs && tar -cf box.tar rootfs.tar.gz lxc-config metadata.json)
mv "$WORK/box.tar" "$BOX"
echo "$BOX"
