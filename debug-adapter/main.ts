/**
 * Entry of `dist/debugAdapter.js`: the Syscall Lens debug adapter as its own process, speaking
 * the Debug Adapter Protocol on standard input and output (tests, other editors). The
 * extension runs the same session class inline instead.
 */
import { DebugSession } from '@vscode/debugadapter';
import { StraceDebugSession } from './session/index';

// A bug in one request must not kill the session and the traced program with it: say so on stderr.
process.on('unhandledRejection', (reason) => {
  process.stderr.write(`syscall-lens adapter: unhandled error: ${reason instanceof Error ? reason.stack : String(reason)}\n`);
});

DebugSession.run(StraceDebugSession);
