// Builds the wasm package into www/pkg (qb324.js, qb324_bg.wasm, qb324.d.ts) with the
// settings in wasm-pack.toml: cargo (wasm32, no CLI features) → wasm-bindgen → wasm-opt.
// No bundler: www/ is then a complete static site.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, existsSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseToml } from 'smol-toml';
import { writeStandalone } from './standalone.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function run(cmd, args) {
  console.log(`$ ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
}

const config = parseToml(readFileSync(join(root, 'wasm-pack.toml'), 'utf8'));
const build = config.build ?? {};
// A Cargo profile of Cargo.toml: what the compiler does lives there, not here.
const profile = build.profile ?? 'release';
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
run('cargo', cargoArgs);

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
if (build['wasm-opt']?.length) {
  // npm's wasm-opt 132, by path: never a wasm-opt that happens to be first on PATH.
  const wasmOpt = join(root, 'node_modules', '.bin', 'wasm-opt');
  if (!existsSync(wasmOpt)) throw new Error('node_modules/.bin/wasm-opt missing: run npm ci');
  run(wasmOpt, [...build['wasm-opt'], wasm, '-o', wasm]);
}

for (const f of [`${outName}.js`, `${outName}_bg.wasm`, `${outName}.d.ts`]) {
  const p = join(outDir, f);
  const size = statSync(p).size;
  const gz = gzipSync(readFileSync(p), { level: 9 }).length;
  console.log(`${f}: ${size} bytes, ${gz} gzipped`);
}

// The single-file copy for opening from disk (SPEC §8's saved copy).
writeStandalone(root);
