/**
 * Quoting for the remote POSIX shell. OpenSSH sends a remote command as ONE string that the
 * login shell on the target parses again, so every word we send must be quoted: each word is
 * wrapped in single quotes, inside which a POSIX shell treats every byte literally except the
 * single quote itself (closed, escaped, reopened: `'\''`). Spaces, `$()`, backticks, `;`,
 * newlines and non-ASCII bytes therefore reach the program unchanged. No library needed:
 * `shell-quote`'s backslash style is for a local sh and mangles newlines.
 */

/** One word, quoted for a POSIX shell: `it's` → `'it'\''s'`. */
export function quoteWord(word: string): string {
  if (word.includes('\0')) throw new Error('A command-line word cannot contain a NUL byte.');
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** An argv as one remote command line: each word quoted, joined by spaces. */
export function quoteCommand(argv: readonly string[]): string {
  return argv.map(quoteWord).join(' ');
}

/** Environment variable names the remote `env` accepts as assignments. */
export function isEnvName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}
