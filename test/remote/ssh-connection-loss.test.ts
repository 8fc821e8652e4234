/**
 * A connection killed in the middle of a command (sshd and its sessions SIGKILLed, as a crash
 * or a dropped network would) leaves nothing behind on the target: the command server's temp
 * folder (`syscall-lens-sh-*`) is removed and nothing it ran keeps running. The target's
 * TMPDIR is a folder of this test's own, so only its own leftovers are counted.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SshTarget } from '../../debug-adapter/engine/targets/ssh';
import { EngineError } from '../../debug-adapter/engine/types';
import { processesWith, waitFor, waitUntilGone } from './support/processes';
import { startSshd } from './support/sshd';

describe('SshTarget when the connection is killed mid-command', () => {
  it('removes the command server temp folder and leaves nothing running', async () => {
    const targetTmp = mkdtempSync(join(tmpdir(), 'sl-target-tmp-'));
    const sshd = await startSshd([], { TMPDIR: targetTmp });
    const target = new SshTarget(sshd.spec());
    const marker = `sl-lost-${process.pid}`;
    try {
      await target.connect();
      await target.exec(['true']);
      assert.equal(readdirSync(targetTmp).filter((n) => n.startsWith('syscall-lens-sh-')).length, 1, 'the command server made its folder');
      // Still running when the connection dies; its answer then meets a closed pipe.
      const pending = target.exec(['sh', '-c', `sleep 1; : ${marker}`]);
      assert.ok(await waitFor(() => processesWith(marker).length > 0), 'the command runs');
      sshd.killAll();
      await assert.rejects(pending, (e: unknown) => e instanceof EngineError && e.code === 'connection-lost');
      assert.deepEqual(await waitUntilGone(marker, 5000), []);
      assert.ok(await waitFor(() => readdirSync(targetTmp).length === 0, 5000), `left on the target: ${readdirSync(targetTmp).join(', ')}`);
    } finally {
      await target.dispose();
      await sshd.stop();
      rmSync(targetTmp, { recursive: true, force: true });
    }
  });
});

