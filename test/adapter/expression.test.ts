// The condition language on its own (pure logic, no recording needed): the expressions the
// issue names, precedence, null-safe property access, and clear errors for bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileExpression, compileLogMessage, ExpressionError, type Scope, type Value } from '../../debug-adapter/session/expression/index';

const NAMES = new Set(['name', 'ret', 'errno', 'fd', 'path', 'duration', 'args']);
function scope(values: Record<string, Value>): Scope {
  return { get: (n) => (n in values ? values[n] : null) };
}
const ev = (text: string, values: Record<string, Value>): Value => compileExpression(text, NAMES).evaluate(scope(values));

test('the issue\'s example conditions', () => {
  const openOk = { name: 'openat', ret: 3, errno: null, fd: 3, path: '/tmp/notes.txt', duration: 0.02 };
  const readAgain = { name: 'read', ret: -1, errno: 'EAGAIN', fd: 5, path: null, duration: 0.001 };
  assert.equal(ev('ret < 0', openOk), false);
  assert.equal(ev('ret < 0', readAgain), true);
  assert.equal(ev('errno == "EAGAIN"', readAgain), true);
  assert.equal(ev("errno == 'EAGAIN'", openOk), false);
  assert.equal(ev('fd == 3', openOk), true);
  assert.equal(ev('path.endsWith(".txt")', openOk), true);
  assert.equal(ev('path.endsWith(".txt")', readAgain), null, 'a missing path reads as null, not an error');
  assert.equal(ev('duration > 0.01', openOk), true);
  assert.equal(ev('name == "openat" && ret >= 0', openOk), true);
  assert.equal(ev('name == "openat" && ret >= 0', readAgain), false);
});

test('precedence, arithmetic, arrays, ternary and strings', () => {
  assert.equal(ev('1 + 2 * 3 == 7 || false', {}), true);
  assert.equal(ev('-(2 - 5) % 2', {}), 1);
  assert.equal(ev('!(ret < 0) ? "ok" : "fail"', { ret: -1 }), 'fail');
  assert.equal(ev('["EAGAIN", "EINTR"].includes(errno)', { errno: 'EINTR' }), true);
  assert.equal(ev('args[1].length', { args: [3, 'abc'] }), 3);
  assert.equal(ev('"fd " + fd', { fd: 4 }), 'fd 4');
  assert.equal(ev('path.matches("^/etc/")', { path: '/etc/passwd' }), true);
  assert.equal(ev('0x10 == 16 && 1.5e1 == 15', {}), true);
});

test('no way out of the sandbox: prototypes and unknown methods are refused', () => {
  assert.throws(() => ev('path.constructor', { path: 'x' }), /no property 'constructor'/);
  assert.throws(() => ev('path.at(0)', { path: 'x' }), /no method 'at'/);
  assert.equal(ev('args.__proto__', { args: { a: 1 } }), null);
  assert.throws(() => compileExpression('process.exit(1)', NAMES), /Unknown name 'process'/);
  assert.throws(() => compileExpression('alert("x")', new Set(['alert'])), /Only methods can be called/);
});

test('bad expressions fail with a message that points at the problem', () => {
  const cases: [string, RegExp][] = [
    ['ret <', /ends too soon: a value is missing at column 6/],
    ['ret = 0', /use '==' to compare/],
    ['errno == "EAGAIN', /Unterminated string/],
    ['ertno == 1', /Unknown name 'ertno' at column 1; known names: args, duration/],
    ['(ret < 0', /Expected '\)'/],
    ['ret 0', /is an operator missing/],
    ['', /empty/],
    ['fd & 1', /use '&&' or '\|\|'/],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => compileExpression(text, NAMES), (e: unknown) => e instanceof ExpressionError && message.test(e.message), text);
  }
});

test('runtime errors make a condition false and say why', () => {
  const r = compileExpression('name - 1 > 0', NAMES).test(scope({ name: 'read' }));
  assert.equal(r.ok, false);
  assert.match(r.error ?? '', /'-' needs numbers, got string and number/);
});

test('log messages interpolate {expressions} and keep {{ }} literal', () => {
  const m = compileLogMessage('{name} -> {ret} {{raw}}', NAMES);
  assert.equal(m.render(scope({ name: 'close', ret: 0 })), 'close -> 0 {raw}');
  assert.throws(() => compileLogMessage('{ret <}', NAMES), /In \{ret <\}/);
  assert.throws(() => compileLogMessage('open {name', NAMES), /Unclosed '\{'/);
});
