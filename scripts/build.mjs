// Builds the wasm package into www/pkg (qb324.js, qb324_bg.wasm, qb324.d.ts) with the
// settings in wasm-pack.toml: cargo (wasm32, no CLI features) → wasm-bindgen → wasm-opt.
// No bundler: www/ is then a complete static site.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, existsSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeStandalone } from './standalone.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Reads the small TOML subset wasm-pack.toml uses: [tables], key = string | bool | [strings]. */
export function readToml(text) {
  const out = {};
  let table = out;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    const header = line.match(/^\[([\w.-]+)\]$/);
    if (header) {
      table = out;
      for (const part of header[1].split('.')) table = table[part] ??= {};
      continue;
    }
    const kv = line.match(/^([\w-]+)\s*=\s*(.+)$/);
    if (!kv) throw new Error(`wasm-pack.toml: cannot read line: ${raw}`);
    table[kv[1]] = JSON.parse(kv[2]);
  }
  return out;
}

function run(cmd, args, env = {}) {
  const shown = Object.entries(env).map(([k, v]) => `${k}=${v} `).join('');
  console.log(`$ ${shown}${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
}

const config = readToml(readFileSync(join(root, 'wasm-pack.toml'), 'utf8'));
const build = config.build ?? {};
const profile = build.profile ?? 'release';
const settings = build[profile] ?? {};
const outDir = join(root, build['out-dir'] ?? 'www/pkg');
const outName = build['out-name'] ?? 'qb324';

// wasm-bindgen's CLI must be the version Cargo.lock pins for the crate.
const lock = readFileSync(join(root, 'Cargo.lock'), 'utf8');
const want = lock.match(/name = "wasm-bindgen"\nversion = "([^"]+)"/)?.[1];
const have = execFileSync('wasm-bindgen', ['--version'], { encoding: 'utf8' }).trim().split(' ')[1];
if (want && have !== want) {
  throw new Error(`wasm-bindgen CLI is ${have}, Cargo.lock wants ${want}: run make tools`);
}

const cargoArgs = ['build', '--lib', '--target', 'wasm32-unknown-unknown'];
if (profile === 'release') cargoArgs.push('--release');
else if (profile !== 'dev') cargoArgs.push('--profile', profile);
if (build['no-default-features']) cargoArgs.push('--no-default-features');
if (build.features?.length) cargoArgs.push('--features', build.features.join(','));
// `cargo-profile-<key>` settings override Cargo.toml's profile for this build only.
const env = {};
for (const [key, value] of Object.entries(settings)) {
  const m = key.match(/^cargo-profile-(.+)$/);
  if (m) env[`CARGO_PROFILE_${profile.toUpperCase()}_${m[1].toUpperCase().replaceAll('-', '_')}`] = String(value);
}
run('cargo', cargoArgs, env);

// The CLI's own dependencies must stay out of the wasm (Cargo.toml's `cli` feature).
const treeArgs = ['tree', '-q', '--target', 'wasm32-unknown-unknown', '-e', 'normal', '--prefix', 'none'];
if (build['no-default-features']) treeArgs.push('--no-default-features');
const tree = execFileSync('cargo', treeArgs, { cwd: root, encoding: 'utf8' });
const leaked = ['clap', 'serde_json'].filter((c) => tree.split('\n').some((l) => l.startsWith(`${c} `)));
if (leaked.length) throw new Error(`CLI dependencies in the wasm build: ${leaked.join(', ')}`);

const targetDir = process.env.CARGO_TARGET_DIR ?? join(root, 'target');
const profileDir = profile === 'dev' ? 'debug' : profile;
const input = join(targetDir, 'wasm32-unknown-unknown', profileDir, 'qb324.wasm');
mkdirSync(outDir, { recursive: true });
run('wasm-bindgen', ['--target', build.target ?? 'web', '--out-dir', outDir, '--out-name', outName, input]);

const wasm = join(outDir, `${outName}_bg.wasm`);
if (settings['wasm-opt']?.length) {
  // npm's wasm-opt 132, by path: never a wasm-opt that happens to be first on PATH.
  const wasmOpt = join(root, 'node_modules', '.bin', 'wasm-opt');
  if (!existsSync(wasmOpt)) throw new Error('node_modules/.bin/wasm-opt missing: run npm ci');
  run(wasmOpt, [...settings['wasm-opt'], wasm, '-o', wasm]);
}

for (const f of [`${outName}.js`, `${outName}_bg.wasm`, `${outName}.d.ts`]) {
  const p = join(outDir, f);
  const size = statSync(p).size;
  const gz = gzipSync(readFileSync(p), { level: 9 }).length;
  console.log(`${f}: ${size} bytes, ${gz} gzipped`);
}

// The single-file copy for opening from disk (SPEC §8's saved copy).
writeStandalone(root);
