/**
 * Evaluates a parsed expression over plain values. Only data flows through it: numbers,
 * strings, booleans, null, arrays and records. Properties are read only from a record's own
 * keys (never its prototype), and the only callable things are the string and array methods
 * listed here, so a condition cannot reach anything of the adapter. Reading a property of
 * null gives null (like `?.`), so `path.endsWith(".txt")` is simply false for a call with no path.
 */
import type { Node } from './parser';
import { ExpressionError } from './tokenizer';

export type Value = number | string | boolean | null | readonly Value[] | ValueRecord;
export interface ValueRecord { readonly [key: string]: Value }

/** Where names come from; lazy so that costly fields are computed only when an expression uses them. */
export interface Scope {
  get(name: string): Value;
}

type Method = (self: never, args: Value[], pos: number) => Value;

const str = (v: Value, what: string, pos: number): string => {
  if (typeof v !== 'string') throw new ExpressionError(`${what} needs a string argument, got ${typeName(v)}`, pos);
  return v;
};

const STRING_METHODS: Record<string, (self: string, args: Value[], pos: number) => Value> = {
  endsWith: (s, a, p) => s.endsWith(str(a[0], 'endsWith', p)),
  startsWith: (s, a, p) => s.startsWith(str(a[0], 'startsWith', p)),
  includes: (s, a, p) => s.includes(str(a[0], 'includes', p)),
  indexOf: (s, a, p) => s.indexOf(str(a[0], 'indexOf', p)),
  toLowerCase: (s) => s.toLowerCase(),
  toUpperCase: (s) => s.toUpperCase(),
  trim: (s) => s.trim(),
  slice: (s, a) => s.slice(typeof a[0] === 'number' ? a[0] : 0, typeof a[1] === 'number' ? a[1] : undefined),
  matches: (s, a, p) => {
    try { return new RegExp(str(a[0], 'matches', p)).test(s); } catch (e) { throw new ExpressionError(`matches: bad regular expression: ${(e as Error).message}`, p); }
  },
};

const ARRAY_METHODS: Record<string, (self: readonly Value[], args: Value[], pos: number) => Value> = {
  includes: (xs, a) => xs.some((x) => equal(x, a[0] ?? null)),
  indexOf: (xs, a) => xs.findIndex((x) => equal(x, a[0] ?? null)),
  join: (xs, a) => xs.map(format).join(typeof a[0] === 'string' ? a[0] : ','),
};

export function typeName(v: Value): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'object' ? 'record' : typeof v;
}

export function truthy(v: Value): boolean {
  if (Array.isArray(v)) return true;
  return Boolean(v);
}

function equal(a: Value, b: Value): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  return a === b;
}

/** A value as the Debug Console and logpoints show it. */
export function format(v: Value): string {
  if (typeof v === 'string') return v;
  if (v === null) return 'null';
  if (Array.isArray(v)) return `[${v.map((x) => (typeof x === 'string' ? JSON.stringify(x) : format(x))).join(', ')}]`;
  if (typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${k}: ${typeof x === 'string' ? JSON.stringify(x) : format(x)}`).join(', ')}}`;
  return String(v);
}

function property(obj: Value, name: string, pos: number): Value {
  if (obj === null) return null;
  if (name === 'length' && (typeof obj === 'string' || Array.isArray(obj))) return obj.length;
  if (typeof obj === 'object' && !Array.isArray(obj)) {
    return Object.prototype.hasOwnProperty.call(obj, name) ? (obj as ValueRecord)[name] : null;
  }
  throw new ExpressionError(`A ${typeName(obj)} has no property '${name}'`, pos);
}

function call(obj: Value, method: string, args: Value[], pos: number): Value {
  if (obj === null) return null;
  const table: Record<string, Method> | undefined =
    typeof obj === 'string' ? (STRING_METHODS as Record<string, Method>) : Array.isArray(obj) ? (ARRAY_METHODS as Record<string, Method>) : undefined;
  const fn = table && Object.prototype.hasOwnProperty.call(table, method) ? table[method] : undefined;
  if (!fn) {
    const known = table ? `: use one of ${Object.keys(table).join(', ')}` : '';
    throw new ExpressionError(`A ${typeName(obj)} has no method '${method}'${known}`, pos);
  }
  return fn(obj as never, args, pos);
}

function arithmetic(op: string, a: Value, b: Value, pos: number): Value {
  if (op === '+' && (typeof a === 'string' || typeof b === 'string')) return format(a) + format(b);
  if (typeof a !== 'number' || typeof b !== 'number') {
    throw new ExpressionError(`'${op}' needs numbers, got ${typeName(a)} and ${typeName(b)}`, pos);
  }
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return a / b;
    default: return a % b;
  }
}

function compare(op: string, a: Value, b: Value): boolean {
  // Mixed or missing values never compare true: `ret < 0` is false when there is no result.
  if (!((typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string'))) return false;
  switch (op) {
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    default: return a >= b;
  }
}

export function evaluateNode(node: Node, scope: Scope): Value {
  switch (node.type) {
    case 'literal': return node.value;
    case 'name': return scope.get(node.name);
    case 'array': return node.items.map((n) => evaluateNode(n, scope));
    case 'unary': {
      const v = evaluateNode(node.operand, scope);
      if (node.op === '!') return !truthy(v);
      if (typeof v !== 'number') throw new ExpressionError(`'-' needs a number, got ${typeName(v)}`, node.pos);
      return -v;
    }
    case 'conditional': return truthy(evaluateNode(node.test, scope)) ? evaluateNode(node.then, scope) : evaluateNode(node.otherwise, scope);
    case 'member': return property(evaluateNode(node.object, scope), node.property, node.pos);
    case 'index': {
      const obj = evaluateNode(node.object, scope);
      const idx = evaluateNode(node.index, scope);
      if (obj === null) return null;
      if ((Array.isArray(obj) || typeof obj === 'string') && typeof idx === 'number') return obj[idx] ?? null;
      if (typeof idx === 'string') return property(obj, idx, node.pos);
      throw new ExpressionError(`Cannot index a ${typeName(obj)} with a ${typeName(idx)}`, node.pos);
    }
    case 'call': return call(evaluateNode(node.object, scope), node.method, node.args.map((a) => evaluateNode(a, scope)), node.pos);
    case 'binary': {
      if (node.op === '&&') { const l = evaluateNode(node.left, scope); return truthy(l) ? evaluateNode(node.right, scope) : l; }
      if (node.op === '||') { const l = evaluateNode(node.left, scope); return truthy(l) ? l : evaluateNode(node.right, scope); }
      const l = evaluateNode(node.left, scope);
      const r = evaluateNode(node.right, scope);
      if (node.op === '==' || node.op === '===') return equal(l, r);
      if (node.op === '!=' || node.op === '!==') return !equal(l, r);
      if (['<', '<=', '>', '>='].includes(node.op)) return compare(node.op, l, r);
      return arithmetic(node.op, l, r, node.pos);
    }
  }
}
