// Compares wasm builds of qb324 side by side in one Node (V8, Chromium's engine)
// process: `check()` of the same statement and chart, builds taking turns, ROUNDS rounds
// (default 9; the first of each is slower, growing the wasm memory).
// Used to choose wasm-opt's flags (wasm-pack.toml, BENCHMARKS.md):
//
//   wasm-bindgen --target web --out-dir /tmp/pkgRaw --out-name qb324 \
//     target/wasm32-unknown-unknown/wasm/qb324.wasm
//   for v in Oz O3; do cp -r /tmp/pkgRaw /tmp/pkg$v; node_modules/.bin/wasm-opt -$v \
//     --strip-debug --strip-producers /tmp/pkgRaw/qb324_bg.wasm -o /tmp/pkg$v/qb324_bg.wasm; done
//   node scripts/bench-wasm-builds.mjs /tmp/chase-1m.csv /tmp/chase-1m.csv.chart.csv /tmp/pkgOz /tmp/pkgO3
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const [statementPath, chartPath, ...dirs] = process.argv.slice(2);
if (!statementPath || !chartPath || dirs.length === 0) {
  console.error('usage: bench-wasm-builds.mjs STATEMENT.csv CHART.csv PKG_DIR...');
  process.exit(2);
}
const files = [
  { name: 'coa.csv', bytes: new Uint8Array(readFileSync(chartPath)) },
  { name: 'Chase4821_Activity.CSV', bytes: new Uint8Array(readFileSync(statementPath)) },
];
const builds = [];
for (const dir of dirs) {
  const m = await import(resolve(dir, 'qb324.js'));
  m.initSync({ module: readFileSync(resolve(dir, 'qb324_bg.wasm')) });
  builds.push({ dir, m, times: [] });
}
let rows;
const rounds = Number(process.env.ROUNDS ?? 9);
for (let round = 0; round < rounds; round++) {
  for (const b of builds) {
    const t0 = performance.now();
    const report = b.m.check(files, {});
    b.times.push(performance.now() - t0);
    const n = report.statements.reduce((sum, s) => sum + s.transactions, 0);
    if (rows !== undefined && n !== rows) throw new Error(`${b.dir} read ${n} rows, not ${rows}`);
    rows = n;
  }
}
console.log(`${rows} rows; ms per check()`);
for (const b of builds) {
  const sorted = [...b.times].sort((x, y) => x - y);
  console.log(`${b.dir}: median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)}, min ${sorted[0].toFixed(0)} (${b.times.map((t) => t.toFixed(0)).join(', ')})`);
}
