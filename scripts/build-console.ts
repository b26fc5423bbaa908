// Builds the staff console (apps/console) into apps/console/dist with Vite.
//
//   node scripts/build-console.ts             build
//   node scripts/build-console.ts --if-stale  build only when a source (apps/console, apps/shared) is newer than dist/index.html
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const consoleRoot = path.join(repoRoot, 'apps', 'console');
const distDir = path.join(consoleRoot, 'dist');
const distIndex = path.join(distDir, 'index.html');

function mtimeOf(file: string): number | null {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

/** Newest modification time among the console's sources. */
function newestSource(): number {
  let newest = 0;
  const consider = (file: string) => {
    const t = mtimeOf(file);
    if (t !== null && t > newest) newest = t;
  };
  consider(path.join(consoleRoot, 'index.html'));
  consider(path.join(consoleRoot, 'vite.config.ts'));
  // The console's own sources and the vocabulary it shares with the server (apps/shared).
  for (const src of [path.join(consoleRoot, 'src'), path.join(consoleRoot, '..', 'shared')]) {
    consider(src);
    for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
      consider(path.join(entry.parentPath, entry.name));
    }
  }
  return newest;
}

function listFiles(dir: string): { file: string; size: number }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const file = path.join(e.parentPath, e.name);
      return { file, size: statSync(file).size };
    });
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

const ifStale = process.argv.includes('--if-stale');

if (ifStale) {
  const built = mtimeOf(distIndex);
  if (built !== null && built > newestSource()) {
    console.log('console: apps/console/dist is up to date, skipping build');
    process.exit(0);
  }
}

const started = performance.now();
console.log('console: building apps/console with Vite …');
try {
  await build({
    root: consoleRoot,
    configFile: path.join(consoleRoot, 'vite.config.ts'),
    logLevel: 'warn',
    mode: 'production',
  });
} catch (err) {
  console.error('console: build failed');
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}

const files = listFiles(distDir);
const total = files.reduce((sum, f) => sum + f.size, 0);
const js = files.filter((f) => f.file.endsWith('.js'));
const largest = js.reduce((a, b) => (b.size > a.size ? b : a), { file: '', size: 0 });
const gzipped = files.reduce((sum, f) => sum + gzipSync(readFileSync(f.file)).length, 0);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `console: built in ${seconds} s → apps/console/dist: ${files.length} files, ${kb(total)} ` +
    `(${kb(gzipped)} gzipped; ${js.length} JS chunks, largest ${path.basename(largest.file)} ${kb(largest.size)})`,
);
