/**
 * Builds for real on this machine: C, Go (file and module), Rust (file and Cargo), a custom
 * command, `build: false`; broken programs give diagnostics whose file:line is the marked line.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { buildProgram } from '../../debug-adapter/engine/build';
import { parseGccDiagnostics, parseGoDiagnostics, parseRustDiagnostics } from '../../debug-adapter/engine/build/diagnostics';
import { LocalTarget } from '../../debug-adapter/engine/targets/local';
import { BuildFailedError, EngineError } from '../../debug-adapter/engine/types';
import { markerLine, TempDirs } from '../support/fixtures';

const temp = new TempDirs();
const target = new LocalTarget();
after(async () => {
  await target.dispose();
  temp.cleanup();
});

async function expectBuildFailure(program: string): Promise<BuildFailedError> {
  const buildDir = temp.make('syscall-lens-build-');
  try {
    await buildProgram(target, { program, build: 'auto', buildDir });
  } catch (error) {
    assert.ok(error instanceof BuildFailedError, `expected BuildFailedError, got ${String(error)}`);
    return error;
  }
  assert.fail(`${program} built, but it should not have`);
}

describe('build: working programs', () => {
  for (const [fixture, language] of [['c/files.c', 'c'], ['go/files.go', 'go'], ['rust/files.rs', 'rust'], ['go/module-hello', 'go']] as const) {
    it(`builds ${fixture} into the build folder with debug info`, async () => {
      const program = temp.fixture(fixture);
      const buildDir = temp.make('syscall-lens-build-');
      const built = await buildProgram(target, { program, build: 'auto', buildDir });
      assert.equal(built.result.ok, true);
      assert.equal(built.result.language, language);
      assert.ok(built.binary.startsWith(buildDir), `binary ${built.binary} should be in ${buildDir}`);
      assert.ok(existsSync(built.binary));
      const elf = await target.readFileRange(built.binary, 0, 4);
      assert.deepEqual([...elf], [0x7f, 0x45, 0x4c, 0x46]);
    });
  }

  it('builds a Cargo project with frame pointers into its own target folder', async () => {
    const program = temp.fixture('rust/cargo-hello');
    const built = await buildProgram(target, { program, build: 'auto', buildDir: temp.make() });
    assert.equal(built.result.language, 'rust');
    assert.equal(built.binary, join(program, 'target', 'debug', 'cargo-hello'));
    assert.ok(existsSync(built.binary));
    assert.equal(built.sourceRoot, program);
  });

  it('runs a custom build command in the program folder and runs what it built', async () => {
    const program = temp.fixture('c/files.c');
    const built = await buildProgram(target, { program, build: 'cc -g -o files files.c && echo built-by-user', buildDir: temp.make() });
    assert.equal(built.result.language, 'custom');
    assert.equal(built.binary, program.replace(/\.c$/, ''));
    assert.match(built.result.output, /built-by-user/);
  });

  it('a failing custom build is a BuildFailedError with its diagnostics', async () => {
    const program = temp.fixture('c/broken.c');
    await assert.rejects(buildProgram(target, { program, build: `cc -c ${basename(program)}`, buildDir: temp.make() }), (error: unknown) => {
      assert.ok(error instanceof BuildFailedError);
      assert.equal(error.build.diagnostics[0]?.line, markerLine(program, '#ERROR'));
      return true;
    });
  });

  it('build: false runs the program as it is', async () => {
    const dir = temp.make();
    const script = join(dir, 'tool');
    writeFileSync(script, '#!/bin/sh\necho hi\n');
    chmodSync(script, 0o755);
    const built = await buildProgram(target, { program: script, build: false, buildDir: temp.make() });
    assert.equal(built.binary, script);
    assert.equal(built.result.language, 'binary');
  });

  it('a folder with nothing to build is a clear error', async () => {
    const dir = temp.make();
    writeFileSync(join(dir, 'notes.txt'), 'x');
    await assert.rejects(buildProgram(target, { program: dir, build: 'auto', buildDir: temp.make() }), (error: unknown) => {
      assert.ok(error instanceof EngineError);
      assert.equal(error.code, 'unknown-program');
      assert.ok(error.fix);
      return true;
    });
  });

  it('a missing program is a clear error', async () => {
    await assert.rejects(buildProgram(target, { program: '/nonexistent/x.c', build: 'auto', buildDir: temp.make() }), /does not exist/);
  });
});

describe('build: diagnostics point at the marked line', () => {
  for (const fixture of ['c/broken.c', 'go/broken.go', 'rust/broken.rs']) {
    it(`${fixture}: error with file, line, column and a one-line summary`, async () => {
      const program = temp.fixture(fixture);
      const error = await expectBuildFailure(program);
      const first = error.build.diagnostics.find((d) => d.severity === 'error');
      assert.ok(first, `no error diagnostic in ${error.build.output}`);
      assert.equal(first.file, program);
      assert.equal(first.line, markerLine(program, '#ERROR'));
      assert.ok(first.column >= 1);
      assert.ok(first.message.length > 0);
      assert.ok(error.build.summary.startsWith(`${basename(program)}:${first.line}:`), error.build.summary);
      assert.ok(!error.build.summary.includes('\n'));
      assert.equal(error.code, 'build-failed');
    });
  }
});

describe('build: diagnostic parsers', () => {
  it('gcc: errors, warnings, notes and lines without a column', () => {
    const out = parseGccDiagnostics("main.c:12:5: error: expected ';'\nmain.c: In function 'main':\n/abs/x.h:3:1: warning: unused\nmain.c:7: note: here\n", '/src');
    assert.deepEqual(out.map((d) => [d.file, d.line, d.column, d.severity]), [
      ['/src/main.c', 12, 5, 'error'], ['/abs/x.h', 3, 1, 'warning'], ['/src/main.c', 7, 1, 'note'],
    ]);
  });

  it('go: ./x.go:12:5: message', () => {
    const out = parseGoDiagnostics('# command-line-arguments\n./x.go:12:5: undefined: y\n', '/src');
    assert.deepEqual(out, [{ file: '/src/x.go', line: 12, column: 5, severity: 'error', message: 'undefined: y' }]);
  });

  it('rustc: header then --> file:line:col; summary lines without an arrow are skipped', () => {
    const text = 'warning: unused variable: `a`\n --> src/main.rs:2:9\n  |\nerror[E0425]: cannot find value `x`\n --> src/main.rs:3:20\n  |\n ::: other.rs:1:1\nerror: aborting due to previous error\n';
    const out = parseRustDiagnostics(text, '/p');
    assert.deepEqual(out.map((d) => [d.file, d.line, d.column, d.severity, d.message]), [
      ['/p/src/main.rs', 2, 9, 'warning', 'unused variable: `a`'],
      ['/p/src/main.rs', 3, 20, 'error', 'cannot find value `x` [E0425]'],
    ]);
  });
});
