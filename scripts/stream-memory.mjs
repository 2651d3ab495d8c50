// The streamed page path's memory, outside the browser: the same wasm build (www/pkg)
// in Node (V8, as in Chromium), a generated Chase-layout statement of N rows pushed
// through the streaming `Checker` in ~1.6 MB pieces (as the worker feeds File.stream()),
// then the wasm memory's size (a WebAssembly.Memory never shrinks: it is the peak).
// 12,500,000 rows is about 1 GB of CSV (issue 9: within 512 MB of wasm memory).
//
//   make build && node scripts/stream-memory.mjs 12500000
import { readFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chaseChunks, CHART } from './gen-chase.mjs';

const rows = Number(process.argv[2] ?? 2_480_000);
const pkg = resolve(dirname(fileURLToPath(import.meta.url)), '../www/pkg');
const m = await import(resolve(pkg, 'qb324.js'));
m.initSync({ module: readFileSync(resolve(pkg, 'qb324_bg.wasm')) });
const utf8 = new TextEncoder();
const checker = new m.Checker();
checker.begin('coa.csv', 'chart');
checker.push(utf8.encode(CHART));
checker.end();
checker.begin('Chase4821_Activity_20261130.CSV', 'statement');
let bytes = 0;
const t0 = performance.now();
chaseChunks(rows, (s) => {
  const b = utf8.encode(s);
  bytes += b.length;
  checker.push(b);
});
checker.end();
const report = checker.finish({ today: '2026-11-30' });
const seconds = (performance.now() - t0) / 1000;
const n = report.statements.reduce((sum, s) => sum + s.transactions, 0);
if (n !== rows) throw new Error(`read ${n} rows, not ${rows}: ${JSON.stringify(report.problems)}`);
const memory = (await m.default()).memory.buffer.byteLength;
console.log(
  `${rows} rows, ${(bytes / 1e6).toFixed(0)} MB in ${seconds.toFixed(1)} s; wasm memory ` +
    `${(memory / 2 ** 20).toFixed(0)} MiB = ${(memory / rows).toFixed(1)} bytes a row`,
);
