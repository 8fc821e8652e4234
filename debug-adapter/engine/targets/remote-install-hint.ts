/**
 * What to type on a target to install a missing tool, for the Linux distribution it runs
 * (read from its /etc/os-release when the connection is made). Messages for a missing
 * `strace`, compiler or `addr2line` on an SSH host or Vagrant machine end with this command.
 */

/** Debian/Ubuntu package per command; other families differ only where listed. */
const DEBIAN: Record<string, string> = {
  strace: 'strace', gcc: 'gcc libc6-dev', cc: 'gcc libc6-dev', 'g++': 'g++', addr2line: 'binutils',
  go: 'golang-go', rustc: 'rustc', cargo: 'cargo', tar: 'tar', make: 'make',
};
const FEDORA: Record<string, string> = { ...DEBIAN, gcc: 'gcc glibc-devel', cc: 'gcc glibc-devel', 'g++': 'gcc-c++', go: 'golang', rustc: 'rust' };
const ARCH: Record<string, string> = { ...DEBIAN, gcc: 'gcc', cc: 'gcc', 'g++': 'gcc', go: 'go', rustc: 'rust', cargo: 'rust' };
const ALPINE: Record<string, string> = { ...DEBIAN, gcc: 'gcc musl-dev', cc: 'gcc musl-dev', go: 'go', rustc: 'rust', cargo: 'cargo' };

interface Family {
  packages: Record<string, string>;
  install: string;
}

const FAMILIES: Record<string, Family> = {
  debian: { packages: DEBIAN, install: 'sudo apt-get install -y' },
  ubuntu: { packages: DEBIAN, install: 'sudo apt-get install -y' },
  fedora: { packages: FEDORA, install: 'sudo dnf install -y' },
  rhel: { packages: FEDORA, install: 'sudo dnf install -y' },
  centos: { packages: FEDORA, install: 'sudo dnf install -y' },
  arch: { packages: ARCH, install: 'sudo pacman -S --needed' },
  alpine: { packages: ALPINE, install: 'sudo apk add' },
  suse: { packages: FEDORA, install: 'sudo zypper install -y' },
  opensuse: { packages: FEDORA, install: 'sudo zypper install -y' },
};

/** `ID` and `ID_LIKE` of /etc/os-release, lower case, most specific first. */
export function osIds(osRelease: string): string[] {
  const ids: string[] = [];
  for (const line of osRelease.split('\n')) {
    const m = /^(ID|ID_LIKE)=(.*)$/.exec(line.trim());
    if (!m) continue;
    const value = m[2].replace(/^["']|["']$/g, '').toLowerCase();
    if (m[1] === 'ID') ids.unshift(...value.split(/\s+/));
    else ids.push(...value.split(/\s+/));
  }
  return ids.filter(Boolean);
}

/** `sudo apt-get install -y strace`, or a generic sentence when the distribution is unknown. */
export function installCommand(command: string, ids: readonly string[]): string {
  const family = ids.map((id) => FAMILIES[id]).find((f) => f !== undefined);
  if (!family) return `Install ${command} with the target's package manager.`;
  const pkg = family.packages[command] ?? command;
  return `${family.install} ${pkg}`;
}
