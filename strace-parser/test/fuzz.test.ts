/**
 * Bounded fuzzing over real traces: real strace runs of the workload (-k; -v; -i -n -Y -C)
 * is mutated (truncated, lines dropped, duplicated and swapped, bytes flipped, brackets,
 * quotes and markers injected) with a fixed seed for a fixed number of rounds and a time
 * cap. Every round must parse without throwing, account for every line exactly once, give
 * the same records when fed in random chunks (bytes split anywhere) as in one piece, and
 * let `readArgs` (parseArgs without its safety net) read every call's arguments.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StraceParser, parse } from 'strace-parser';
import type { StraceRecord } from 'strace-parser';
import { readArgs } from '../src/args';
import { assertAccounted } from './helpers';
import { makeWorkspace, runStrace } from './real-strace';
import type { Workspace } from './real-strace';

const ROUNDS = 400;
const TIME_CAP_MS = 20_000;

let ws: Workspace;
const corpus: string[] = [];

before(() => {
  ws = makeWorkspace();
  const flagSets = [['-f', '-ttt', '-T', '-yy', '-k'], ['-f', '-tt', '-v', '-s', '64', '-yy'], ['-f', '-i', '-n', '-Y', '-r', '-X', 'verbose', '-C']];
  for (const [i, flags] of flagSets.entries()) {
    const out = join(ws.dir, `fuzz.${i}`);
    runStrace([...flags, '-o', out], [ws.workload, ws.dir], ws.dir);
    corpus.push(readFileSync(out, 'utf8'));
  }
});
after(() => ws?.cleanup());

/** mulberry32: small, fast, seeded, so a failure reproduces. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INSERTS = ['"', '\\', '(', ')', '[', ']', '{', '}', '<', '>', ' <unfinished ...>', '<... read resumed>', ' = ', '/*', '*/',
  '+++ ', ' +++', '--- ', ' > ', ' [0x', '\n', '\r\n', '=>', '...', 'strace: Process 1 attached', '% time', '\u00e9', '\ud83d\ude00', '\0'];

function mutate(text: string, rand: () => number): string {
  let lines = text.split('\n');
  const start = Math.floor(rand() * Math.max(1, lines.length - 300));
  lines = lines.slice(start, start + 50 + Math.floor(rand() * 250));
  const ops = 1 + Math.floor(rand() * 12);
  for (let k = 0; k < ops; k++) {
    const i = Math.floor(rand() * lines.length);
    const line = lines[i] ?? '';
    const at = Math.floor(rand() * (line.length + 1));
    switch (Math.floor(rand() * 7)) {
      case 0: lines[i] = line.slice(0, at); break;
      case 1: lines.splice(i, 1); break;
      case 2: lines.splice(i, 0, line); break;
      case 3: { const j = Math.floor(rand() * lines.length); lines[i] = lines[j] ?? ''; lines[j] = line; break; }
      case 4: lines[i] = line.slice(0, at) + INSERTS[Math.floor(rand() * INSERTS.length)]! + line.slice(at); break;
      case 5: lines[i] = line.slice(0, at) + String.fromCharCode(Math.floor(rand() * 128)) + line.slice(at + 1); break;
      default: lines[i] = line.slice(at); break;
    }
  }
  const joined = lines.join('\n');
  return rand() < 0.5 ? joined : joined.slice(0, Math.floor(rand() * joined.length));
}

function chunked(bytes: Uint8Array, rand: () => number): StraceRecord[] {
  const p = new StraceParser();
  const out: StraceRecord[] = [];
  let i = 0;
  while (i < bytes.length) {
    const n = 1 + Math.floor(rand() * 700);
    out.push(...p.push(bytes.subarray(i, i + n)));
    i += n;
  }
  out.push(...p.end());
  return out;
}

test(`fuzz: ${ROUNDS} rounds of mutated real traces (seeded), time-capped`, () => {
  assert.ok(corpus.length === 3 && corpus.every((c) => c.length > 1000), 'real traces were produced');
  const rand = rng(0x5eed);
  const enc = new TextEncoder();
  const t0 = Date.now();
  let rounds = 0;
  for (; rounds < ROUNDS && Date.now() - t0 < TIME_CAP_MS; rounds++) {
    const text = mutate(corpus[rounds % corpus.length]!, rand);
    const whole = parse(text);
    assertAccounted(text, whole);
    for (const r of whole) if (r.kind === 'syscall') readArgs(r.argsText);
    // Byte chunks may split characters; the decoder turns a lone surrogate into U+FFFD either way.
    const expect = parse(new TextDecoder().decode(enc.encode(text)));
    assert.deepEqual(chunked(enc.encode(text), rand), expect, `round ${rounds}: chunked parse differs`);
  }
  assert.ok(rounds >= 50, `only ${rounds} rounds ran in ${TIME_CAP_MS} ms`);
});
