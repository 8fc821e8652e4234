/**
 * Synthetic recordings for the timeline's tests and benchmark: N events over several
 * processes and threads with a realistic mix of classes, failures (ENOENT, EAGAIN), signals
 * and exits, as the adapter's columnar batches. Deterministic (seeded), self-contained and
 * free of Node APIs, so the benchmark bundles it and generates a million events inside the
 * page instead of shipping 100 MB through the DevTools protocol.
 */
import type { EventsBatchBody, ProcessSnapshot } from '../../debug-adapter/protocol';

export interface SyntheticOptions {
  events: number;
  batchSize?: number;
  processes?: number;
  threadsPerProcess?: number;
  seed?: number;
}

/** [name, class code, raw line template (ARG = a varying argument), errno it may fail with]. */
const CALLS: readonly [string, number, string, string, number][] = [
  ['openat', 0, 'openat(AT_FDCWD, "/etc/ARG.conf", O_RDONLY|O_CLOEXEC)', 'ENOENT', 12],
  ['read', 0, 'read(3, "ARG"..., 4096)', '', 14],
  ['write', 0, 'write(1, "line ARG\\n", 9)', '', 10],
  ['close', 0, 'close(3)', '', 6],
  ['newfstatat', 0, 'newfstatat(AT_FDCWD, "/tmp/ARG", 0x7ffd1230, 0)', 'ENOENT', 4],
  ['mmap', 3, 'mmap(NULL, ARG, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)', '', 8],
  ['munmap', 3, 'munmap(0x7f12ARG, 8192)', '', 3],
  ['brk', 3, 'brk(0x55ARG)', '', 3],
  ['socket', 1, 'socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_IP)', '', 2],
  ['connect', 1, 'connect(5, {sa_family=AF_INET, sin_port=htons(ARG), sin_addr=inet_addr("127.0.0.1")}, 16)', 'ECONNREFUSED', 2],
  ['recvfrom', 1, 'recvfrom(5, "ARG", 1024, 0, NULL, NULL)', 'EAGAIN', 6],
  ['sendto', 1, 'sendto(5, "GET /ARG HTTP/1.1\\r\\n", 20, 0, NULL, 0)', '', 5],
  ['clone3', 2, 'clone3({flags=CLONE_VM|CLONE_FS, stack=0x7fARG, stack_size=0x7fff00}, 88)', '', 1],
  ['wait4', 2, 'wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL)', '', 1],
  ['getpid', 2, 'getpid()', '', 2],
  ['rt_sigaction', 4, 'rt_sigaction(SIGINT, {sa_handler=0xARG, sa_mask=[], sa_flags=SA_RESTORER}, NULL, 8)', '', 3],
  ['rt_sigprocmask', 4, 'rt_sigprocmask(SIG_SETMASK, [], NULL, 8)', '', 2],
  ['futex', 5, 'futex(0x55ARG, FUTEX_WAIT_PRIVATE, 0, NULL)', 'EAGAIN', 8],
  ['epoll_pwait', 5, 'epoll_pwait(4, [], 128, 0, NULL, 0)', '', 6],
  ['pipe2', 5, 'pipe2([6, 7], O_CLOEXEC)', '', 1],
  ['ioctl', 6, 'ioctl(1, TCGETS, {c_iflag=ICRNL|IXON, ARG})', 'ENOTTY', 2],
  ['getrandom', 6, 'getrandom("\\xARG", 8, GRND_NONBLOCK)', '', 1],
];

/** A tiny seeded PRNG (mulberry32): the same seed gives the same recording. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticBatches(opts: SyntheticOptions): EventsBatchBody[] {
  const n = opts.events;
  const size = opts.batchSize ?? 10_000;
  const procs = opts.processes ?? 4;
  const threads = opts.threadsPerProcess ?? 3;
  const rnd = random(opts.seed ?? 1);
  const weights = CALLS.map((c) => c[4]);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const pickCall = (): number => {
    let r = rnd() * totalWeight;
    for (let k = 0; k < weights.length; k++) { r -= weights[k]; if (r < 0) return k; }
    return 0;
  };
  const tids: [number, number][] = [];
  const processes: ProcessSnapshot[] = [];
  for (let p = 0; p < procs; p++) {
    const pid = 1000 + p * 100;
    const ts = Array.from({ length: p === 0 ? threads : Math.max(1, threads - 1) }, (_, k) => pid + k);
    for (const t of ts) tids.push([t, pid]);
    processes.push({ pid, parent: p === 0 ? null : 1000, program: p === 0 ? '/work/samples/c/server' : `/usr/bin/worker-${p}`, threads: ts, exited: false });
  }
  const busyUntil = new Float64Array(tids.length);
  const out: EventsBatchBody[] = [];
  let t = 0;
  for (let from = 0; from < n; from += size) {
    const count = Math.min(size, n - from);
    const strings: string[] = [];
    const ids = new Map<string, number>();
    const id = (s: string): number => { let v = ids.get(s); if (v === undefined) { v = strings.length; strings.push(s); ids.set(s, v); } return v; };
    const b = { from, count, strings, type: [] as number[], pid: [] as number[], tgid: [] as number[], name: [] as number[], cls: [] as number[],
      start: [] as number[], duration: [] as number[], ret: [] as (number | null)[], errno: [] as number[], sourcePath: [] as number[],
      sourceLine: [] as number[], runtime: [] as boolean[], raw: [] as string[] };
    for (let k = 0; k < count; k++) {
      const seq = from + k;
      t += -Math.log(1 - rnd()) * 20e-6;
      const th = Math.floor(rnd() * tids.length);
      const start = Math.max(t, busyUntil[th]);
      const [tid, tgid] = tids[th];
      const last = seq === n - 1;
      const signal = !last && rnd() < 0.001;
      const c = CALLS[pickCall()];
      const fails = !signal && !last && c[3] !== '' && rnd() < 0.3;
      const duration = signal || last ? 0 : -Math.log(1 - rnd()) * (c[1] === 5 ? 60e-6 : 8e-6);
      busyUntil[th] = start + duration;
      b.type.push(last ? 2 : signal ? 1 : 0);
      b.pid.push(tid);
      b.tgid.push(tgid);
      b.name.push(id(last ? 'exit_group' : signal ? 'SIGCHLD' : c[0]));
      b.cls.push(last ? 2 : signal ? 4 : c[1]);
      b.start.push(start);
      b.duration.push(duration);
      const ret = fails ? -1 : c[0] === 'openat' || c[0] === 'socket' ? 3 + (seq % 5) : c[0] === 'read' ? 4096 : 0;
      b.ret.push(last || signal ? null : ret);
      b.errno.push(fails ? id(c[3]) : -1);
      b.sourcePath.push(rnd() < 0.8 ? id('/work/samples/c/server.c') : -1);
      b.sourceLine.push(10 + (seq % 90));
      b.runtime.push(false);
      const raw = last ? 'exit_group(0) = ?' : signal
        ? `--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=${tid + 1}} ---`
        : `${c[2].replace('ARG', String(seq % 977))} = ${fails ? `-1 ${c[3]} (error)` : ret}`;
      b.raw.push(raw);
    }
    out.push({ batch: b, processes: from === 0 ? processes : undefined, reset: from === 0 });
  }
  return out;
}
