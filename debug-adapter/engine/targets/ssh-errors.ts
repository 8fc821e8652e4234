/**
 * Turns what OpenSSH prints when it cannot connect into EngineErrors that say what happened
 * and what to do: unreachable host, refused authentication, a changed or unknown host key.
 * OpenSSH's messages are stable across versions (they are what users paste into searches),
 * so matching them is safer than guessing from exit code 255, which covers all of them.
 */
import { EngineError } from '../types';

/** Who we were connecting to, for messages: `ssh dev@box`. */
export function sshConnectError(description: string, stderr: string, hostForFix: string): EngineError {
  const text = stderr.trim();
  const detail = text ? ` (ssh said: ${lastLines(text)})` : '';
  if (/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key for .* has changed/i.test(text)) {
    return new EngineError(
      'ssh-host-key-changed',
      `The host key of ${description} has changed since you last connected: this may be a reinstalled machine or an attack, so Syscall Lens will not connect${detail}.`,
      `If the change is expected, remove the old key with \`ssh-keygen -R ${hostForFix}\`, then connect once with \`ssh ${hostForFix}\` to check and accept the new one.`,
    );
  }
  if (/Host key verification failed|No (?:[A-Z0-9-]+ )?host key is known/i.test(text)) {
    return new EngineError(
      'ssh-host-key-unknown',
      `The host key of ${description} is not known yet, and Syscall Lens never accepts one without asking you${detail}.`,
      `Connect once in a terminal with \`ssh ${hostForFix}\` and accept the key, or add "StrictHostKeyChecking=accept-new" to sshOptions.`,
    );
  }
  if (/Permission denied|Too many authentication failures|Authentication failed|no mutual signature/i.test(text)) {
    return new EngineError(
      'ssh-auth-refused',
      `${description} refused to log you in${detail}.`,
      'Syscall Lens logs in with keys only (no password prompts): load your key into ssh-agent, or set identityFile, and check that `ssh ' + hostForFix + ' true` works in a terminal.',
    );
  }
  if (/Could not resolve hostname|Name or service not known|nodename nor servname/i.test(text)) {
    return new EngineError(
      'ssh-unreachable',
      `The host name of ${description} could not be resolved${detail}.`,
      'Check the host name, or the Host alias in ~/.ssh/config.',
    );
  }
  if (/Connection refused|Connection timed out|timed out|No route to host|Network is unreachable|Connection closed by|Connection reset/i.test(text)) {
    return new EngineError(
      'ssh-unreachable',
      `${description} could not be reached${detail}.`,
      'Check that the machine is up, that sshd runs on it, and the host and port (`ssh ' + hostForFix + '` in a terminal should work).',
    );
  }
  return new EngineError(
    'ssh-failed',
    `Could not connect to ${description}${detail || ' (ssh printed nothing)'}.`,
    `Check that \`ssh ${hostForFix} true\` works in a terminal without asking anything.`,
  );
}

/** The connection went away while something was running. */
export function connectionLostError(description: string, stderr = ''): EngineError {
  const text = stderr.trim();
  return new EngineError(
    'connection-lost',
    `The connection to ${description} was lost${text ? ` (ssh said: ${lastLines(text)})` : ''}; the recording up to this point is kept.`,
    'Check the network and the target, then run again; open the saved run to read what was recorded.',
  );
}

function lastLines(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l && !/^@+$/.test(l));
  return lines.slice(-3).join(' ');
}
