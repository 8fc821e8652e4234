/**
 * `strace-parse FILE|-`: prints one JSON record per line (NDJSON) for a strace output file
 * or standard input; `--summary` prints instead one JSON object with counts; `--args` adds
 * the structured arguments to each syscall. An `-ff` file (`trace.1234`) gives its records
 * pid 1234 unless `--pid N` says otherwise. Exit code 2 on bad usage or unreadable input.
 */
import { createReadStream } from 'node:fs';
import { parseArgs } from './args';
import { parseStream, pidFromTraceFileName } from './node-stream';
import type { ParserOptions, StraceRecord } from './types';

const USAGE = `usage: strace-parse [--summary] [--args] [--pid N] FILE|-
  FILE      strace output (-o file, or stderr captured); "-" reads standard input
  --summary print one JSON object {"lines","events","unparsed",…} instead of the records
  --args    add "args" (structured arguments) to every syscall record
  --pid N   pid for lines without a pid prefix (default: from an -ff file name, trace.N)`;

interface CliOptions { file: string; summary: boolean; args: boolean; pid: number | undefined }

function fail(message: string): never {
  process.stderr.write(`strace-parse: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function readOptions(argv: string[]): CliOptions {
  const o: CliOptions = { file: '', summary: false, args: false, pid: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--summary') o.summary = true;
    else if (a === '--args') o.args = true;
    else if (a === '--pid') {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v <= 0) fail('--pid needs a positive number');
      o.pid = v;
    } else if (a === '-h' || a === '--help') { process.stdout.write(`${USAGE}\n`); process.exit(0); }
    else if (a.startsWith('--')) fail(`unknown option ${a}`);
    else if (o.file) fail('give one input file');
    else o.file = a;
  }
  if (!o.file) fail('no input file (use "-" for standard input)');
  return o;
}

/** JSON for a record; argument bytes are left out (the decoded text is there). */
function toJson(r: StraceRecord, withArgs: boolean): string {
  if (withArgs && r.kind === 'syscall') {
    return JSON.stringify({ ...r, args: parseArgs(r.argsText) }, (k, v: unknown) => (k === 'bytes' ? undefined : v));
  }
  return JSON.stringify(r);
}

async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
}

async function main(): Promise<void> {
  const o = readOptions(process.argv.slice(2));
  const input = o.file === '-' ? process.stdin : createReadStream(o.file);
  input.on('error', (e: NodeJS.ErrnoException) => fail(`cannot read ${o.file}: ${e.message}`));
  const options: ParserOptions = {};
  const pid = o.pid ?? (o.file === '-' ? undefined : pidFromTraceFileName(o.file));
  if (pid !== undefined) options.defaultPid = pid;
  const counts = { lines: 0, events: 0, unparsed: 0, syscalls: 0, signals: 0, exits: 0, straceMessages: 0, summaries: 0, resumed: 0, cutOff: 0 };
  for await (const batch of parseStream(input, options)) {
    let out = '';
    for (const r of batch) {
      counts.events++;
      counts.lines += r.lines.length;
      if (r.kind === 'unparsed') counts.unparsed++;
      else if (r.kind === 'syscall') {
        counts.syscalls++;
        if (r.resumed) counts.resumed++;
        if (r.cutOff) counts.cutOff++;
      } else if (r.kind === 'signal') counts.signals++;
      else if (r.kind === 'exit') counts.exits++;
      else if (r.kind === 'strace') counts.straceMessages++;
      else counts.summaries++;
      if (!o.summary) out += `${toJson(r, o.args)}\n`;
    }
    if (out) await write(out);
  }
  if (o.summary) await write(`${JSON.stringify(counts)}\n`);
}

main().catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
