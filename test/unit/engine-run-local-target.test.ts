/**
 * LocalTarget for real: exact argv with no shell, cwd and env, files, temp folders, path
 * mapping, a missing command, and killTree on a tree that tries to escape its session.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTarget, EngineError } from '../../debug-adapter/engine';
import { LocalTarget } from '../../debug-adapter/engine/targets/local';
import { processTreeOf } from '../../debug-adapter/engine/targets/local-process-tree';
import { sleep, TempDirs } from '../support/fixtures';

/** Alive = in /proc and not a zombie waiting to be reaped. */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !['Z', 'X'].includes(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0]);
  } catch {
    return false;
  }
}

const temp = new TempDirs();
const target = new LocalTarget();
after(async () => {
  await target.dispose();
  temp.cleanup();
});

describe('LocalTarget', () => {
  it('exec passes argv exactly, with cwd, env and input', async () => {
    const dir = temp.make();
    const result = await target.exec(['sh', '-c', 'printf "%s|" "$@"; pwd; printf "%s" "$LENS"; cat', 'sh', 'a b', '$(x)', ''], {
      cwd: dir, env: { LENS: 'v' }, input: 'in',
    });
    assert.equal(result.code, 0);
    assert.equal(result.stdout, `a b|$(x)||${dir}\nvin`);
  });

  it('files: write, read, ranged read, exists, temp folders, remove', async () => {
    const dir = await target.makeTempDir('syscall-lens-test-');
    try {
      const file = join(dir, 'f');
      await target.writeFile(file, 'hello world');
      assert.equal((await target.readFile(file)).toString(), 'hello world');
      assert.equal((await target.readFileRange(file, 6, 100)).toString(), 'world');
      assert.equal((await target.readFileRange(file, 50, 10)).length, 0);
      assert.equal(await target.exists(file), true);
    } finally {
      await target.remove(dir);
    }
    assert.equal(existsSync(dir), false);
    assert.equal(await target.exists(dir), false);
  });

  it('a missing command is an EngineError that names it', async () => {
    await assert.rejects(target.exec(['syscall-lens-no-such-tool']), (e: unknown) => e instanceof EngineError && e.code === 'command-missing' && /syscall-lens-no-such-tool/.test(e.message));
  });

  it('paths: identity, or the sourceMap longest prefix first, whole segments only', () => {
    assert.equal(target.toLocalPath('/a/b'), '/a/b');
    const mapped = new LocalTarget({ '/remote': '/local', '/remote/deep': '/elsewhere' });
    assert.equal(mapped.toLocalPath('/remote/x.c'), '/local/x.c');
    assert.equal(mapped.toLocalPath('/remote/deep/y.c'), '/elsewhere/y.c');
    assert.equal(mapped.toLocalPath('/remoteness/z.c'), '/remoteness/z.c');
    assert.equal(mapped.toTargetPath('/elsewhere/y.c'), '/remote/deep/y.c');
  });

  it('createTarget makes a LocalTarget for local', () => {
    assert.ok(createTarget({ type: 'local' }) instanceof LocalTarget);
  });

  it('killTree kills a detached tree, including a child that left the session with setsid', async () => {
    const dir = temp.make();
    const pidFile = join(dir, 'pids');
    // The escaped child writes its pid; everyone sleeps.
    const script = `sleep 600 & setsid sh -c 'echo $$ > ${pidFile}; exec sleep 600' & sleep 600`;
    const proc = target.spawn(['sh', '-c', script], { detached: true });
    for (let i = 0; i < 100 && !existsSync(pidFile); i++) await sleep(20);
    const escaped = Number(readFileSync(pidFile, 'utf8'));
    const tree = await processTreeOf(proc.pid ?? -1);
    assert.ok(tree.includes(escaped), 'the escaped child is found by its parent link');
    assert.ok(tree.length >= 3);
    await proc.killTree();
    await proc.exited;
    assert.deepEqual(await processTreeOf(proc.pid ?? -1), []);
    assert.equal(isAlive(escaped), false);
  });
});
