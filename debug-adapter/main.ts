/**
 * Entry of `dist/debugAdapter.js`: the Syscall Lens debug adapter as its own process, speaking
 * the Debug Adapter Protocol on standard input and output (tests, other editors). The
 * extension runs the same session class inline instead.
 */
import { DebugSession } from '@vscode/debugadapter';
import { StraceDebugSession } from './session/index';

DebugSession.run(StraceDebugSession);
