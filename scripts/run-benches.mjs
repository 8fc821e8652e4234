// Runs every benchmark under bench/ one after another (npm run bench). Each benchmark
// prints its figures as one JSON object on its last line; this runner only sequences them
// and fails if one of them crashes, never on the figures themselves.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const benches = readdirSync('bench').filter((n) => n.endsWith('.bench.ts')).sort();
let failed = 0;
for (const b of benches) {
  console.log(`\n== ${b}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', `bench/${b}`], { stdio: 'inherit' });
  if (r.status !== 0) { failed++; console.error(`${b} exited with ${r.status}`); }
}
process.exit(failed ? 1 : 0);
