import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// Prints the functions with the most self time in a V8 `.cpuprofile` (a file, or the largest in a
// directory: the main thread's; tsx's loader thread writes a small one beside it):
// `node --import tsx src/http/profile-top.ts /tmp/lssm-http-profile [count]`.

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const [target = '/tmp/lssm-http-profile', countText = '25'] = process.argv.slice(2);
const file = target.endsWith('.cpuprofile')
  ? target
  : join(
      target,
      readdirSync(target)
        .filter((f) => f.endsWith('.cpuprofile'))
        .sort((a, b) => statSync(join(target, b)).size - statSync(join(target, a)).size)[0] ?? '',
    );
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
const self = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const frame = frames.get(id);
  const dt = profile.timeDeltas[i] ?? 0;
  total += dt;
  if (frame === undefined) return;
  const where =
    frame.url === ''
      ? ''
      : ` ${relative(process.cwd(), frame.url.replace('file://', ''))}:${frame.lineNumber + 1}`;
  const key = `${frame.functionName || '(anonymous)'}${where}`;
  self.set(key, (self.get(key) ?? 0) + dt);
});
console.log(`${file}: ${(total / 1e6).toFixed(2)} s sampled; top self time:`);
for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(countText))) {
  console.log(`${((us / total) * 100).toFixed(1).padStart(5)}%  ${name}`);
}
