/**
 * Recursive-descent parser of the condition language: the usual JavaScript-like precedence
 * (`?:`, `||`, `&&`, equality, comparison, `+ -`, `* / %`, unary `! -`, member access,
 * indexing and method calls) over literals, identifiers and array literals. Calls are only
 * allowed as methods (`path.endsWith(".txt")`), so there is nothing to call but the small
 * allow-list the interpreter knows. Identifiers are checked against the names the caller
 * offers, so a typo is reported when the breakpoint is set, not silently false forever.
 */
import { ExpressionError, tokenize, type Token } from './tokenizer';

export type Node =
  | { type: 'literal'; value: number | string | boolean | null; pos: number }
  | { type: 'name'; name: string; pos: number }
  | { type: 'array'; items: Node[]; pos: number }
  | { type: 'unary'; op: '!' | '-'; operand: Node; pos: number }
  | { type: 'binary'; op: string; left: Node; right: Node; pos: number }
  | { type: 'conditional'; test: Node; then: Node; otherwise: Node; pos: number }
  | { type: 'member'; object: Node; property: string; pos: number }
  | { type: 'index'; object: Node; index: Node; pos: number }
  | { type: 'call'; object: Node; method: string; args: Node[]; pos: number };

const BINARY_LEVELS: string[][] = [
  ['||'],
  ['&&'],
  ['==', '!=', '===', '!=='],
  ['<', '<=', '>', '>='],
  ['+', '-'],
  ['*', '/', '%'],
];

/** Parse `text`; every identifier must be one of `knownNames` (when given). */
export function parseExpression(text: string, knownNames?: ReadonlySet<string>): Node {
  if (text.trim() === '') throw new ExpressionError('The expression is empty', 0);
  const tokens = tokenize(text);
  let at = 0;
  const peek = (): Token => tokens[at];
  const isOp = (op: string): boolean => peek().kind === 'op' && peek().text === op;
  const describe = (t: Token): string => (t.kind === 'end' ? 'the end of the expression' : `'${t.text}' at column ${t.pos + 1}`);
  const expect = (op: string): void => {
    if (!isOp(op)) throw new ExpressionError(`Expected '${op}' but found ${describe(peek())}`, peek().pos);
    at++;
  };

  function conditional(): Node {
    const test = binary(0);
    if (!isOp('?')) return test;
    const pos = peek().pos;
    at++;
    const then = conditional();
    expect(':');
    return { type: 'conditional', test, then, otherwise: conditional(), pos };
  }

  function binary(level: number): Node {
    if (level === BINARY_LEVELS.length) return unary();
    let left = binary(level + 1);
    while (peek().kind === 'op' && BINARY_LEVELS[level].includes(peek().text)) {
      const { text: op, pos } = tokens[at++];
      left = { type: 'binary', op, left, right: binary(level + 1), pos };
    }
    return left;
  }

  function unary(): Node {
    if (isOp('!') || isOp('-')) {
      const { text, pos } = tokens[at++];
      return { type: 'unary', op: text as '!' | '-', operand: unary(), pos };
    }
    return postfix(primary());
  }

  function postfix(node: Node): Node {
    for (;;) {
      if (isOp('.')) {
        at++;
        const name = peek();
        if (name.kind !== 'ident') throw new ExpressionError(`Expected a property name after '.' but found ${describe(name)}`, name.pos);
        at++;
        if (isOp('(')) {
          at++;
          node = { type: 'call', object: node, method: name.text, args: list(')'), pos: name.pos };
        } else {
          node = { type: 'member', object: node, property: name.text, pos: name.pos };
        }
      } else if (isOp('[')) {
        const pos = peek().pos;
        at++;
        const index = conditional();
        expect(']');
        node = { type: 'index', object: node, index, pos };
      } else if (isOp('(')) {
        throw new ExpressionError(`Only methods can be called, like path.endsWith(".txt") (column ${peek().pos + 1})`, peek().pos);
      } else {
        return node;
      }
    }
  }

  function list(close: string): Node[] {
    const items: Node[] = [];
    if (isOp(close)) { at++; return items; }
    for (;;) {
      items.push(conditional());
      if (isOp(close)) { at++; return items; }
      expect(',');
    }
  }

  function primary(): Node {
    const t = peek();
    if (t.kind === 'number' || t.kind === 'string') { at++; return { type: 'literal', value: t.value ?? null, pos: t.pos }; }
    if (t.kind === 'ident') {
      at++;
      if (t.text === 'true' || t.text === 'false') return { type: 'literal', value: t.text === 'true', pos: t.pos };
      if (t.text === 'null') return { type: 'literal', value: null, pos: t.pos };
      if (knownNames && !knownNames.has(t.text)) {
        throw new ExpressionError(`Unknown name '${t.text}' at column ${t.pos + 1}; known names: ${[...knownNames].sort().join(', ')}`, t.pos);
      }
      return { type: 'name', name: t.text, pos: t.pos };
    }
    if (isOp('(')) {
      at++;
      const inner = conditional();
      expect(')');
      return inner;
    }
    if (isOp('[')) {
      at++;
      return { type: 'array', items: list(']'), pos: t.pos };
    }
    if (t.kind === 'end') throw new ExpressionError(`The expression ends too soon: a value is missing at column ${t.pos + 1}`, t.pos);
    throw new ExpressionError(`Unexpected ${describe(t)}`, t.pos);
  }

  const root = conditional();
  if (peek().kind !== 'end') throw new ExpressionError(`Unexpected ${describe(peek())}; is an operator missing?`, peek().pos);
  return root;
}
