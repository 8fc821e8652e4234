/**
 * The Variables view for the event under the cursor: three scopes — Syscall (name, structured
 * arguments, result, errno with its message, timing), Descriptors (the process's fd table just
 * after the event) and Process (pid, parent, program, argv, threads). Containers are kept in a
 * handle table that is reset on every stop, as variable references only live while stopped.
 */
import { Handles, Scope as DapScope } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { Arg } from 'strace-parser';
import type { TraceModelView } from '../engine/types';
import { argsOf, fdOf, pathOf } from './args';

type Container =
  | { kind: 'syscall'; seq: number }
  | { kind: 'descriptors'; seq: number }
  | { kind: 'process'; seq: number }
  | { kind: 'args'; args: Arg[] }
  | { kind: 'list'; items: { name: string; value: string }[] };

const seconds = (s: number): string => `${s.toFixed(6)} s`;

export class VariableStore {
  private handles = new Handles<Container>();

  reset(): void {
    this.handles.reset();
  }

  scopes(seq: number): DebugProtocol.Scope[] {
    return [
      new DapScope('Syscall', this.handles.create({ kind: 'syscall', seq }), false),
      new DapScope('Descriptors', this.handles.create({ kind: 'descriptors', seq }), false),
      new DapScope('Process', this.handles.create({ kind: 'process', seq }), false),
    ];
  }

  variables(model: TraceModelView, ref: number): DebugProtocol.Variable[] {
    const c = this.handles.get(ref);
    if (!c) return [];
    switch (c.kind) {
      case 'syscall': return this.syscall(model, c.seq);
      case 'descriptors': return model.fdTableAt(c.seq).map((f) => ({
        name: `fd ${f.fd}`,
        value: `${f.description}${f.cloexec ? ' (close-on-exec)' : ''}`,
        variablesReference: 0,
        presentationHint: { attributes: ['readOnly'] },
      }));
      case 'process': return this.process(model, c.seq);
      case 'args': return c.args.map((a, i) => this.argVariable(String(i), a));
      case 'list': return c.items.map((it) => ({ name: it.name, value: it.value, variablesReference: 0 }));
    }
  }

  private syscall(model: TraceModelView, seq: number): DebugProtocol.Variable[] {
    const e = model.event(seq);
    const rec = e.record;
    const out: DebugProtocol.Variable[] = [];
    const add = (name: string, value: string, evaluateName?: string) => out.push({ name, value, variablesReference: 0, evaluateName });
    add('name', e.name, 'name');
    if (rec.kind === 'syscall') {
      const args = argsOf(e);
      out.push({
        name: 'args',
        value: `(${rec.argsText.length > 200 ? `${rec.argsText.slice(0, 200)}…` : rec.argsText})`,
        variablesReference: args.length ? this.handles.create({ kind: 'args', args }) : 0,
        indexedVariables: args.length,
        evaluateName: 'args',
      });
      add('result', rec.resultText ?? '? (never returned)', 'result');
      if (e.ret !== undefined) add('ret', String(e.ret), 'ret');
      if (e.errno) add('errno', rec.errnoMessage ? `${e.errno} (${rec.errnoMessage})` : e.errno, 'errno');
      const fd = fdOf(e);
      if (fd !== null) add('fd', String(fd), 'fd');
      const p = pathOf(e);
      if (p !== null) add('path', JSON.stringify(p), 'path');
    } else if (rec.kind === 'signal') {
      add('signal', rec.signal, 'signal');
      if (rec.infoText) add('info', rec.infoText);
    } else if (rec.kind === 'exit') {
      add('exit', rec.how === 'killed' ? `killed by ${rec.signal}` : rec.how === 'exited' ? `exited with ${rec.code}` : rec.how, 'exitCode');
    }
    add('start', seconds(e.start), 'start');
    add('duration', seconds(e.duration), 'duration');
    add('class', e.class, 'class');
    add('thread', `pid ${e.tgid}, tid ${e.pid}`, 'tid');
    if (e.source) add('source', `${e.source.path}:${e.source.line}`, 'line');
    if (e.runtime) add('runtime', 'made by the runtime or loader, not by your code', 'runtime');
    add('strace', rec.raw.split('\n')[0], 'raw');
    return out;
  }

  private process(model: TraceModelView, seq: number): DebugProtocol.Variable[] {
    const e = model.event(seq);
    const p = model.process(e.tgid);
    if (!p) return [{ name: 'pid', value: String(e.tgid), variablesReference: 0 }];
    const list = (items: string[]) => this.handles.create({ kind: 'list', items: items.map((v, i) => ({ name: String(i), value: v })) });
    const out: DebugProtocol.Variable[] = [
      { name: 'pid', value: String(p.pid), variablesReference: 0, evaluateName: 'pid' },
      { name: 'parent', value: p.parent === undefined ? 'none (traced first)' : String(p.parent), variablesReference: 0 },
      { name: 'program', value: p.program, variablesReference: 0, evaluateName: 'program' },
      { name: 'argv', value: JSON.stringify(p.argv), variablesReference: p.argv.length ? list(p.argv.map((a) => JSON.stringify(a))) : 0, indexedVariables: p.argv.length },
      { name: 'threads', value: p.threads.join(', '), variablesReference: 0 },
    ];
    if (p.exit) out.push({ name: 'exit', value: p.exit.signal ? `killed by ${p.exit.signal}` : `exited with ${p.exit.code}`, variablesReference: 0 });
    return out;
  }

  private argVariable(name: string, a: Arg): DebugProtocol.Variable {
    if (a.type === 'struct') {
      return { name, value: a.text, variablesReference: this.handles.create({ kind: 'list', items: a.fields.map((f, i) => ({ name: f.name ?? String(i), value: f.value.text })) }) };
    }
    if (a.type === 'array') {
      return { name, value: a.text, variablesReference: a.items.length ? this.handles.create({ kind: 'args', args: a.items }) : 0, indexedVariables: a.items.length };
    }
    if (a.type === 'fd') {
      const where = a.annotation.kind === 'path' || a.annotation.kind === 'device' ? a.annotation.path : a.text;
      return { name, value: `${a.fd} → ${where}`, variablesReference: 0 };
    }
    if (a.type === 'string') return { name, value: JSON.stringify(a.value) + (a.truncated ? '…' : ''), variablesReference: 0 };
    return { name, value: a.text, variablesReference: 0 };
  }
}
