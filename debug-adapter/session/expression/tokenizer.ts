/**
 * Tokenizer of the condition language used by breakpoint conditions, logpoints and the Debug
 * Console (`ret < 0 && errno == "EAGAIN"`). It turns the text into numbers, strings,
 * identifiers and operators with their column, so every error can point at the exact spot.
 * The language is ours on purpose: user text is never handed to `eval` or `Function`.
 */

export type TokenKind = 'number' | 'string' | 'ident' | 'op' | 'end';

export interface Token {
  kind: TokenKind;
  /** The operator or identifier text, the decoded string, or the number's source text. */
  text: string;
  value?: number | string;
  /** 0-based offset in the expression. */
  pos: number;
}

/** A mistake in an expression, with the 0-based offset it was found at. */
export class ExpressionError extends Error {
  constructor(message: string, readonly pos: number) {
    super(message);
    this.name = 'ExpressionError';
  }
}

// Longest first, so `===` wins over `==` and `<=` over `<`.
const OPERATORS = ['===', '!==', '==', '!=', '<=', '>=', '&&', '||', '<', '>', '+', '-', '*', '/', '%', '!', '(', ')', '[', ']', '.', ',', '?', ':'];
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', '\\': '\\', '"': '"', "'": "'" };

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) { i++; continue; }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const m = /^(0x[0-9a-fA-F]+|[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)/.exec(text.slice(i));
      const src = m ? m[0] : c;
      if (/[A-Za-z_]/.test(text[i + src.length] ?? '')) throw new ExpressionError(`Malformed number '${text.slice(i, i + src.length + 1)}'`, i);
      tokens.push({ kind: 'number', text: src, value: Number(src), pos: i });
      i += src.length;
      continue;
    }
    if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(text.slice(i));
      const word = m ? m[0] : c;
      tokens.push({ kind: 'ident', text: word, pos: i });
      i += word.length;
      continue;
    }
    if (c === '"' || c === "'") {
      const start = i;
      let value = '';
      i++;
      while (i < text.length && text[i] !== c) {
        if (text[i] === '\\') {
          const next = text[i + 1];
          if (next === undefined) break;
          value += ESCAPES[next] ?? next;
          i += 2;
        } else {
          value += text[i++];
        }
      }
      if (text[i] !== c) throw new ExpressionError(`Unterminated string starting at column ${start + 1}: add the closing ${c}`, start);
      i++;
      tokens.push({ kind: 'string', text: value, value, pos: start });
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (!op) {
      const hint = c === '=' ? " (use '==' to compare)" : c === '&' || c === '|' ? " (use '&&' or '||')" : '';
      throw new ExpressionError(`Unexpected character '${c}' at column ${i + 1}${hint}`, i);
    }
    tokens.push({ kind: 'op', text: op, pos: i });
    i += op.length;
  }
  tokens.push({ kind: 'end', text: '', pos: text.length });
  return tokens;
}
