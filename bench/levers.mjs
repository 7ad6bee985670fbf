// The size levers of the wasm build, measured one at a time on this toolchain (Emscripten 3.1.6):
// each variant is the shipped ES6 module (target frontdoor_core_web) with one lever undone,
// built from the exact compile and link commands of a configured wasm build
// (`ninja -t commands`), so flag changes in wasm/CMakeLists.txt are picked up by themselves.
//
//   node bench/levers.mjs --wasm-build DIR --dist DIR --out FILE [--work DIR] [--jobs N] [--only ID,ID]
//
// A few minutes of compiling (three variants rebuild the core): `make bench` runs it only with
// BENCH_LEVERS=1 (and when its result file is missing) and otherwise reuses the last results,
// which docs/benchmarks.md dates.
import { execSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sizesOf } from './sizes.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function commandsOf(build, target) {
  const text = execSync(`ninja -C ${JSON.stringify(build)} -t commands ${target}`, { encoding: 'utf8' });
  return text.split('\n').filter((line) => /\bem\+\+|\bemcc\b|\bemar\b|\bemranlib\b/.test(line));
}

function run(command, cwd, env = {}) {
  return new Promise((resolveRun, reject) => {
    const child = spawn('bash', ['-c', command], { cwd, env: { ...process.env, NODE_PATH: '/usr/share/nodejs', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => { err += d; });
    child.on('close', (code) => (code === 0 ? resolveRun() : reject(new Error(`${command.slice(0, 300)}…\nexit ${code}: ${err.slice(-2000)}`))));
  });
}

async function pool(tasks, jobs) {
  let next = 0;
  await Promise.all(Array.from({ length: jobs }, async () => {
    while (next < tasks.length) await tasks[next++]();
  }));
}

const outputOf = (command) => { const m = command.match(/ -o (\S+)/); return m ? m[1] : null; };

/** The binaryen tools with a wasm-opt that drops the optimisation passes (-O*, --converge, --post-emscripten). */
function noWasmOptRoot(work) {
  const root = join(work, 'binaryen-no-opt');
  const bin = join(root, 'bin');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(bin, { recursive: true });
  for (const name of readdirSync('/usr/bin').filter((n) => n.startsWith('wasm-') || n.startsWith('binaryen'))) {
    if (name !== 'wasm-opt') symlinkSync(join('/usr/bin', name), join(bin, name));
  }
  writeFileSync(join(bin, 'wasm-opt'), `#!/bin/bash
keep=()
for a in "$@"; do
  case "$a" in -O|-O[0-4]|-Os|-Oz|--converge|--post-emscripten|--low-memory-unused|--zero-filled-memory) ;; *) keep+=("$a") ;; esac
done
exec /usr/bin/wasm-opt "\${keep[@]}"
`);
  chmodSync(join(bin, 'wasm-opt'), 0o755);
  return root;
}

export async function measureLevers({ wasmBuild, dist, work = join(tmpdir(), 'fd-levers'), jobs = 2, only = null, log = () => {} }) {
  const target = 'frontdoor_core_web';
  // The shipped objects must come from today's sources, as the rebuilt variants do.
  execSync(`cmake --build ${JSON.stringify(wasmBuild)} --target ${target}`, { stdio: 'ignore', env: { ...process.env, NODE_PATH: '/usr/share/nodejs' } });
  const commands = commandsOf(wasmBuild, target);
  // A variant is compiled without the precompiled header (a build-time saving only): the PCH
  // compile itself is dropped and the other compiles include the headers as written.
  const compiles = commands.filter((c) => / -c /.test(c) && !/cmake_pch\.hxx\.cxx/.test(c))
    .map((c) => c.replace(/ -Winvalid-pch -Xclang -include-pch -Xclang \S+ -Xclang -include -Xclang \S+/, ''));
  const archive = commands.filter((c) => /\bemar\b/.test(c));
  const link = commands.find((c) => /\bem\+\+/.test(c) && !/ -c /.test(c));
  if (!link || !compiles.length) throw new Error(`no compile/link commands for ${target} in ${wasmBuild}`);
  const linkOut = outputOf(link); // frontdoor-core-module.js, relative to the build folder
  mkdirSync(work, { recursive: true });

  const measure = (dir) => {
    const js = readFileSync(join(dir, linkOut));
    const wasm = readFileSync(join(dir, linkOut.replace(/\.js$/, '.wasm')));
    return { wasm: sizesOf(wasm), js: sizesOf(js) };
  };

  /**
   * Re-links the shipped objects with a changed link command (run in the wasm build folder). The
   * link line ends with the POST_BUILD `wasm-opt -Oz` of wasm/CMakeLists.txt on the .wasm's
   * absolute path: that is pointed at the variant's .wasm, and wasm-opt is looked up on PATH
   * (so the no-wasm-opt variant's stand-in applies to it too).
   */
  const wasmOut = linkOut.replace(/\.js$/, '.wasm');
  const relink = async (name, change, env = {}) => {
    const dir = join(work, name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const command = change(link).replace(` -o ${linkOut} `, ` -o ${join(dir, linkOut)} `)
      .split(join(wasmBuild, wasmOut)).join(join(dir, wasmOut))
      .replace(/\S*\/wasm-opt /g, 'wasm-opt ');
    await run(command, wasmBuild, env);
    return measure(dir);
  };

  /** Rebuilds the core and the ABI with changed compile and link commands in its own folder. */
  const rebuild = async (name, changeCompile, changeLink = (c) => c) => {
    const dir = join(work, name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const inDir = (c) => c.split(wasmBuild).join(dir);
    if (existsSync(join(wasmBuild, 'sysinclude'))) symlinkSync(join(wasmBuild, 'sysinclude'), join(dir, 'sysinclude'));
    await pool(compiles.map((c) => async () => {
      const command = changeCompile(inDir(c));
      mkdirSync(join(dir, dirname(outputOf(command))), { recursive: true });
      await run(command, dir);
    }), jobs);
    for (const c of archive) await run(inDir(c), dir);
    await run(changeLink(inDir(link)), dir);
    return measure(dir);
  };

  const shipped = { wasm: sizesOf(readFileSync(join(wasmBuild, linkOut.replace(/\.js$/, '.wasm')))), js: sizesOf(readFileSync(join(wasmBuild, linkOut))) };
  const variants = [];
  const add = async (id, lever, how, fn) => {
    if (only && !only.includes(id)) return;
    log(`lever: ${id}`);
    try {
      variants.push({ id, lever, how, ...(await fn()) });
    } catch (error) {
      variants.push({ id, lever, how, error: String(error.message || error).slice(0, 600) });
    }
  };

  await add('dlmalloc', '-sMALLOC=emmalloc', 'link with -sMALLOC=dlmalloc (Emscripten\'s default)',
    () => relink('dlmalloc', (c) => c.replace('-sMALLOC=emmalloc', '-sMALLOC=dlmalloc')));
  await add('no-wasm-opt', 'wasm-opt (Binaryen -Oz at link)', 'link with Binaryen\'s optimisation passes removed (a wasm-opt that drops -O*, --converge, --post-emscripten)',
    () => {
      // Debian's emcc runs the Binaryen tools from PATH; upstream's from BINARYEN_ROOT/bin.
      const root = noWasmOptRoot(work);
      return relink('no-wasm-opt', (c) => c, { EM_BINARYEN_ROOT: root, PATH: `${join(root, 'bin')}:${process.env.PATH}` });
    });
  await add('exports-untrimmed', 'trimmed exports and module API', 'link without -sINCOMING_MODULE_JS_API=… and with ccall, cwrap, UTF8ToString, stringToUTF8 exported, as a wrapper using cwrap would need',
    () => relink('exports-untrimmed', (c) => c.replace(/ -sINCOMING_MODULE_JS_API=\S+/, '')
      .replace(/-sEXPORTED_RUNTIME_METHODS=(\S+)/, '-sEXPORTED_RUNTIME_METHODS=$1,ccall,cwrap,UTF8ToString,stringToUTF8')));
  await add('post-link-opt', 'one more wasm-opt -Oz after the link', 'link without the POST_BUILD `wasm-opt -Oz` that runs after emcc has shortened the import and export names',
    () => relink('post-link-opt', (c) => c.replace(/ && cd [^&]*&& \S*wasm-opt [^&]*/, ' ')));
  await add('fmt-full', "fmt's size definitions (core/CMakeLists.txt)", 'core compiled without -DFMT_USE_FLOAT=0, FMT_USE_DOUBLE=0, FMT_USE_LONG_DOUBLE=0, FMT_USE_INT128=0, FMT_REDUCE_INT_INSTANTIATIONS=1',
    () => rebuild('fmt-full', (c) => c.replace(/ -DFMT_(USE_\w+=0|REDUCE_INT_INSTANTIATIONS=1)/g, '')));
  await add('no-lto', '-flto', 'core, ABI and link without -flto',
    () => rebuild('no-lto', (c) => c.split(' -flto').join(''), (c) => c.split(' -flto').join('')));
  await add('Os', '-Oz', 'compile and link with -Os instead of -Oz',
    () => rebuild('Os', (c) => c.split(' -Oz').join(' -Os'), (c) => c.split(' -Oz').join(' -Os')));

  // The data bundle: minified (shipped) against pretty-printed.
  const bundleText = readFileSync(join(dist, 'web', 'frontdoor-data.json'), 'utf8');
  const data = {
    minified: sizesOf(Buffer.from(bundleText)),
    pretty: sizesOf(Buffer.from(JSON.stringify(JSON.parse(bundleText), null, 2))),
  };
  return { date: new Date().toISOString(), emscripten: execSync('emcc --version', { encoding: 'utf8' }).split('\n')[0], shipped, variants, data };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
  const wasmBuild = resolve(opt('--wasm-build', join(ROOT, 'build', 'wasm')));
  // --only id,id re-measures those variants and keeps the others of an existing --out file.
  const only = opt('--only', null) ? opt('--only', null).split(',') : null;
  const result = await measureLevers({ wasmBuild, dist: resolve(opt('--dist', join(ROOT, 'dist'))),
    work: resolve(opt('--work', join(tmpdir(), 'fd-levers'))), jobs: Number(opt('--jobs', 2)), only,
    log: (m) => process.stderr.write(`${m}\n`) });
  const out = opt('--out', null);
  if (only && out && existsSync(out)) {
    const previous = JSON.parse(readFileSync(out, 'utf8'));
    result.variants = previous.variants.map((v) => result.variants.find((n) => n.id === v.id) || v);
  }
  const text = `${JSON.stringify(result, null, 2)}\n`;
  if (out) writeFileSync(out, text); else process.stdout.write(text);
}
