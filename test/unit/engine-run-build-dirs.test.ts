/**
 * Local build folders do not pile up: a run records its program in its build folder
 * (`.source`), and the next build removes the folders of programs that no longer exist — a
 * deleted project, a test's temp workspace — while folders of programs that still exist, and
 * older folders that record nothing, stay. Real gcc builds through startRun, in a temp cache.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startRun } from '../../debug-adapter/engine';
import { localBuildDir, localBuildsRoot } from '../../debug-adapter/engine/run-build-dirs';
import { isolateCache, TempDirs } from '../support/fixtures';

const temp = new TempDirs();
const restoreCache = isolateCache(temp);
after(() => {
  restoreCache();
  temp.cleanup();
});

async function traceToEnd(program: string): Promise<string> {
  const handle = await startRun({ program, args: [join(temp.make(), 'out')], runsDir: temp.make() });
  const end = await handle.done;
  assert.equal(end.reason, 'exited');
  return dirname(handle.metadata.build?.binary ?? '');
}

describe('local build folders', () => {
  it('record their program and are pruned once it is gone', async () => {
    const kept = temp.fixture('c/files.c');
    const gone = temp.fixture('c/files.c');
    const keptDir = await traceToEnd(kept);
    const goneDir = await traceToEnd(gone);
    assert.equal(keptDir, localBuildDir(kept));
    assert.equal(goneDir, localBuildDir(gone));
    assert.equal(readFileSync(join(goneDir, '.source'), 'utf8'), gone);
    const legacy = join(localBuildsRoot(), '0123456789abcdef');
    mkdirSync(legacy, { recursive: true });
    writeFileSync(join(legacy, 'prog'), '');

    rmSync(dirname(gone), { recursive: true, force: true });
    await traceToEnd(kept);
    assert.equal(existsSync(goneDir), false, 'the folder of a program that is gone was pruned');
    assert.equal(existsSync(join(keptDir, 'files')), true, 'a program that exists keeps its build');
    assert.equal(existsSync(legacy), true, 'a folder that records no program is left alone');
  });

  it('a binary run with build: false makes no build folder', async () => {
    const before = existsSync(localBuildsRoot()) ? readdir(localBuildsRoot()) : [];
    const handle = await startRun({ program: '/bin/true', build: false, runsDir: temp.make() });
    await handle.done;
    assert.deepEqual(existsSync(localBuildsRoot()) ? readdir(localBuildsRoot()) : [], before);
  });
});

function readdir(dir: string): string[] {
  return readdirSync(dir).sort();
}
