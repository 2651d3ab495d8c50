// The hand-written report types in www/pkg/qb324.d.ts against the JSON the core really
// emits: every report the CLI gives for the real fixtures (each file alone), each folder of
// the crate's own fixtures and the page's samples (with the files of the folders above it) is written as `const r: Report = <json>`
// and compiled with tsc. A field the core emits and the .d.ts lacks is an excess property
// of the object literal; one the .d.ts promises and the core leaves out is a missing
// property; a word outside a union (a new format, code or encoding) is a type error.
// (The Rust test tests/ts_types.rs checks the other way: every word of each vocabulary
// is in the .d.ts.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { ROOT, realDir, buildCli, cliReport } from './helpers.mjs';

/** Files directly in `dir` (not its subfolders), sorted. */
function filesIn(dir) {
  return readdirSync(dir).sort()
    .map((n) => join(dir, n))
    .filter((p) => statSync(p).isFile() && !/\.(py|md|json)$/i.test(p));
}

/** Every folder under `dir` (itself included) that holds files. */
function foldersUnder(dir) {
  const out = [];
  const walk = (d) => {
    if (filesIn(d).length) out.push(d);
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

/** Each set of files checked together: a name for messages, and the paths. */
function inputSets() {
  const sets = [];
  const real = realDir();
  for (const folder of foldersUnder(real)) {
    for (const f of filesIn(folder)) sets.push([`real/${relative(real, f)}`, [f]]);
  }
  // A folder's files with those of the folders above it, as the fixtures are laid out
  // (rules/<code>/Account_List.csv beside rules/<code>/fire/ and quiet/).
  for (const root of [join(ROOT, 'tests', 'fixtures'), join(ROOT, 'www', 'samples')]) {
    for (const folder of foldersUnder(root)) {
      const above = [];
      for (let d = folder; d.startsWith(root) && d !== dirname(root); d = dirname(d)) above.unshift(...filesIn(d));
      sets.push([relative(ROOT, folder), above]);
    }
  }
  return sets;
}

test('every report the core emits is a Report of www/pkg/qb324.d.ts, no field more or less', () => {
  const dts = join(ROOT, 'www', 'pkg', 'qb324.d.ts');
  assert.ok(existsSync(dts), `${dts} missing: build the page first (make build)`);
  buildCli();
  const sets = inputSets();
  assert.ok(sets.length > 100, `only ${sets.length} sets of files found`);
  const chunks = [`import type { Report } from ${JSON.stringify(join(ROOT, 'www', 'pkg', 'qb324.js'))};`];
  // [first line, set name] of each report in the file, for the error messages.
  const where = [];
  let line = 2;
  sets.forEach(([name, paths], i) => {
    const chunk = `// ${name}\nexport const r${i}: Report = ${JSON.stringify(cliReport(paths), null, 1)};`;
    where.push([line, name]);
    line += chunk.split('\n').length;
    chunks.push(chunk);
  });
  const dir = mkdtempSync(join(tmpdir(), 'qb324-types-'));
  try {
    const file = join(dir, 'reports.ts');
    writeFileSync(file, chunks.join('\n'));
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const r = spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '--exactOptionalPropertyTypes',
      '--target', 'es2022', '--module', 'es2022', '--moduleResolution', 'bundler', '--lib', 'esnext,dom',
      file], { encoding: 'utf8', maxBuffer: 64 << 20 });
    // Each error names the set of files whose report it is in.
    const errors = (r.stdout + r.stderr).split('\n').filter(Boolean).map((e) => {
      const at = Number(/\((\d+),\d+\)/.exec(e)?.[1] ?? 0);
      const set = where.filter(([line]) => line <= at).pop()?.[1] ?? '?';
      return `${set}: ${e.replace(/^.*reports\.ts/, 'reports.ts')}`;
    });
    assert.equal(r.status, 0, `the .d.ts and the JSON disagree:\n${errors.slice(0, 40).join('\n')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
