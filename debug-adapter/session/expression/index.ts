/**
 * The condition language's entry points: `compileExpression` checks an expression once (when
 * a breakpoint is set or the Debug Console line is entered) and returns something cheap to run
 * per event; `compileLogMessage` does the same for a logpoint's `text {expr} text` template.
 */
import { parseExpression, type Node } from './parser';
import { evaluateNode, format, truthy, type Scope, type Value } from './interpreter';
import { ExpressionError } from './tokenizer';

export { ExpressionError } from './tokenizer';
export { format, truthy, typeName, type Scope, type Value, type ValueRecord } from './interpreter';

export interface CompiledExpression {
  readonly text: string;
  evaluate(scope: Scope): Value;
  /** True/false for a condition; an evaluation error counts as false (the error is returned for the log). */
  test(scope: Scope): { ok: boolean; error?: string };
}

/** Parse once; throws ExpressionError with a message meant for the user. */
export function compileExpression(text: string, knownNames?: ReadonlySet<string>): CompiledExpression {
  const root: Node = parseExpression(text, knownNames);
  return {
    text,
    evaluate: (scope) => evaluateNode(root, scope),
    test(scope) {
      try {
        return { ok: truthy(evaluateNode(root, scope)) };
      } catch (e) {
        if (e instanceof ExpressionError) return { ok: false, error: e.message };
        throw e;
      }
    },
  };
}

export interface CompiledLogMessage {
  render(scope: Scope): string;
}

/** `openat returned {ret} for {path}`: `{expr}` parts are expressions, `{{`/`}}` are literal braces. */
export function compileLogMessage(template: string, knownNames?: ReadonlySet<string>): CompiledLogMessage {
  const parts: (string | CompiledExpression)[] = [];
  let text = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if ((c === '{' || c === '}') && template[i + 1] === c) { text += c; i++; continue; }
    if (c === '}') throw new ExpressionError(`Unmatched '}' at column ${i + 1} of the log message (write '}}' for a brace)`, i);
    if (c !== '{') { text += c; continue; }
    const close = template.indexOf('}', i + 1);
    if (close < 0) throw new ExpressionError(`Unclosed '{' at column ${i + 1} of the log message (write '{{' for a brace)`, i);
    if (text) parts.push(text);
    text = '';
    const inner = template.slice(i + 1, close);
    try {
      parts.push(compileExpression(inner, knownNames));
    } catch (e) {
      if (e instanceof ExpressionError) throw new ExpressionError(`In {${inner}}: ${e.message}`, i + 1 + e.pos);
      throw e;
    }
    i = close;
  }
  if (text) parts.push(text);
  return {
    render(scope) {
      return parts.map((p) => {
        if (typeof p === 'string') return p;
        try { return format(p.evaluate(scope)); } catch (e) { return `<${(e as Error).message}>`; }
      }).join('');
    },
  };
}
