/**
 * CLI argument parsing: program args after `--` untouched, options, and the target flags
 * turned into a TargetSpec (the remote targets wire them up; here only the parsing).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseCli, UsageError } from '../../debug-adapter/cli/args';

describe('parseCli', () => {
  it('trace: program, options, and args after -- byte for byte', () => {
    const cmd = parseCli(['trace', 'main.go', '--json', '--filter', 'openat,%network', '--filter', 'close', '--', '--json', 'a b', '']);
    assert.deepEqual(cmd, {
      command: 'trace', program: 'main.go', args: ['--json', 'a b', ''], json: true, filter: ['openat', '%network', 'close'],
      build: 'auto', straceArgs: [], verbose: false, target: { type: 'local' },
    });
  });

  it('trace: --no-build, --build, --cwd, --runs-dir, --string-size, --strace-arg', () => {
    const cmd = parseCli(['trace', './bin', '--no-build', '--cwd', '/w', '--runs-dir', '/r', '--string-size', '64', '--strace-arg', '-X', '--strace-arg', 'raw']);
    assert.equal(cmd.command, 'trace');
    if (cmd.command !== 'trace') return;
    assert.equal(cmd.build, false);
    assert.equal(cmd.cwd, '/w');
    assert.equal(cmd.runsDir, '/r');
    assert.equal(cmd.stringSize, 64);
    assert.deepEqual(cmd.straceArgs, ['-X', 'raw']);
    const custom = parseCli(['trace', 'x.c', '--build', 'make all']);
    assert.equal(custom.command === 'trace' && custom.build, 'make all');
  });

  it('target flags become a TargetSpec', () => {
    const ssh = parseCli(['trace', 'x.c', '--target', 'ssh:dev@box', '--ssh-port', '2222', '--ssh-option', 'StrictHostKeyChecking=no',
      '--ssh-option', 'BatchMode=yes', '--identity-file', '/k', '--sync', '--remote-root', '/home/dev/p']);
    assert.deepEqual(ssh.command === 'trace' && ssh.target, {
      type: 'ssh', host: 'dev@box', port: 2222, identityFile: '/k', sshOptions: ['StrictHostKeyChecking=no', 'BatchMode=yes'], remoteRoot: '/home/dev/p', sync: true,
    });
    const vagrant = parseCli(['trace', 'x.c', '--target', 'vagrant:web', '--vagrant-dir', '/v']);
    assert.deepEqual(vagrant.command === 'trace' && vagrant.target, { type: 'vagrant', machine: 'web', vagrantfileDir: '/v' });
    const plain = parseCli(['trace', 'x.c', '--target', 'vagrant']);
    assert.deepEqual(plain.command === 'trace' && plain.target, { type: 'vagrant' });
  });

  it('mismatched or bad flags are usage errors that say why', () => {
    const cases: [string[], RegExp][] = [
      [['trace', 'x.c', '--ssh-port', '22'], /need --target ssh/],
      [['trace', 'x.c', '--target', 'ssh:'], /needs a host/],
      [['trace', 'x.c', '--target', 'ssh:h', '--ssh-port', 'abc'], /port number/],
      [['trace', 'x.c', '--target', 'vagrant', '--sync'], /SSH flags go with/],
      [['trace', 'x.c', '--target', 'nowhere'], /Unknown --target/],
      [['trace', 'x.c', '--filter'], /needs a value/],
      [['show'], /exactly one/],
      [['trace', 'x.c', '--string-size', '0'], /positive/],
    ];
    for (const [argv, message] of cases) {
      assert.throws(() => parseCli(argv), (e: unknown) => e instanceof UsageError && message.test(e.message), argv.join(' '));
    }
  });

  it('show: path, --json, --source-root', () => {
    assert.deepEqual(parseCli(['show', 'run', '--json', '--source-root', '/src']), { command: 'show', path: 'run', json: true, sourceRoots: ['/src'], verbose: false });
    assert.deepEqual(parseCli(['--help']), { command: 'help' });
  });
});
