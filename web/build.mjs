#!/usr/bin/env node
// Builds the web artefacts (docs/web.md) after `make native wasm`:
//   dist/web/    what a council web team copies (element, wrapper, wasm module, data, fallback)
//   dist/demo/   demo pages (web/demo/ templates) + a copy of dist/web
//   dist/kiosk/frontdoor-kiosk.html   one self-contained file for file:// (no network at all)
// The data bundle is validated by loading it into the wasm core; the build fails with the
// core's error lines when the data does not load.
//
//   node web/build.mjs [--data DIR] [--wasm-dir DIR] [--out DIR] [--native EXE] [--components DIR]
// (defaults: data, build/wasm, dist, build/native/frontdoor, web/components/frontdoor-wizard)

import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import {
  copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync,
  statSync, writeFileSync,
} from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { renderDirectory, missingWording, WORDING_KEYS } from './fallback.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** dist/web, exactly as documented in docs/web.md. */
export const WEB_FILES = [
  'frontdoor-wizard.js',
  'frontdoor-core.js',
  'frontdoor-core-module.js',
  'frontdoor-core.wasm',
  'frontdoor-data.json',
  'frontdoor-directory.html',
];

export const DEMO_PAGES = ['index.html', 'council.html', 'intranet.html'];

class BuildError extends Error {}

function parseArgs(argv) {
  const args = { data: join(ROOT, 'data'), wasmDir: join(ROOT, 'build', 'wasm'), out: join(ROOT, 'dist'),
    native: join(ROOT, 'build', 'native', 'frontdoor'),
    components: join(ROOT, 'web', 'components', 'frontdoor-wizard') };
  for (let i = 0; i < argv.length; i += 1) {
    const name = argv[i];
    const value = argv[i + 1];
    const key = { '--data': 'data', '--wasm-dir': 'wasmDir', '--out': 'out', '--native': 'native', '--components': 'components' }[name];
    if (!key || value === undefined) {
      throw new BuildError(`usage: node web/build.mjs [--data DIR] [--wasm-dir DIR] [--out DIR] [--native EXE] [--components DIR] (bad argument: ${name})`);
    }
    args[key] = resolve(value);
    i += 1;
  }
  return args;
}

function need(path, hint) {
  if (!existsSync(path)) throw new BuildError(`missing ${relative(ROOT, path) || path}: ${hint}`);
  return path;
}

function sources(args) {
  const element = args.components;
  const wasmHint = 'run `make wasm` first';
  return {
    elementJs: need(join(element, 'frontdoor-wizard.js'), 'the <frontdoor-wizard> element is not written yet'),
    elementCss: need(join(element, 'frontdoor-wizard.css'), 'the element\'s stylesheet is not written yet'),
    wrapper: need(join(ROOT, 'web', 'core', 'frontdoor-core.js'), 'the wrapper is missing'),
    loader: need(join(ROOT, 'web', 'core', 'frontdoor-core-loader.js'), 'the bundle\'s wasm loader is missing'),
    moduleJs: need(join(args.wasmDir, 'frontdoor-core-module.js'), wasmHint),
    moduleWasm: need(join(args.wasmDir, 'frontdoor-core-module.wasm'), wasmHint),
    classicJs: need(join(args.wasmDir, 'frontdoor-core-classic.js'), wasmHint),
    classicWasm: need(join(args.wasmDir, 'frontdoor-core-classic.wasm'), wasmHint),
    demo: join(ROOT, 'web', 'demo'),
    kiosk: need(join(ROOT, 'web', 'kiosk', 'frontdoor-kiosk.html'), 'the kiosk template is missing'),
    data: need(args.data, 'the data folder is missing'),
  };
}

// ---------------------------------------------------------------------------------------------
// Data bundle

/** The data files: every *.json directly in DIR (not the schemas), sorted by name. */
function dataFileNames(dataDir) {
  return readdirSync(dataDir)
    .filter((name) => name.endsWith('.json') && statSync(join(dataDir, name)).isFile())
    .sort();
}

/**
 * `frontdoor bundle --data DIR` when the native CLI has that command; null when it does not
 * (no executable, or a usage error). Invalid data (exit 1) is a build failure.
 */
function nativeBundle(exe, dataDir) {
  if (!existsSync(exe)) return null;
  const run = spawnSync(exe, ['bundle', '--data', dataDir], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.error || run.status === 2) return null;
  if (run.status !== 0) {
    throw new BuildError(`frontdoor bundle failed (exit ${run.status}):\n${run.stderr.trim()}`);
  }
  let bundle;
  try {
    bundle = JSON.parse(run.stdout);
  } catch (error) {
    throw new BuildError(`frontdoor bundle printed something that is not JSON: ${error.message}`);
  }
  if (!bundle || typeof bundle.files !== 'object') {
    throw new BuildError('frontdoor bundle printed JSON without a "files" object');
  }
  return bundle;
}

function coreErrorLines(response) {
  const errors = Array.isArray(response.errors) ? response.errors : [];
  if (!errors.length) return [`  ${JSON.stringify(response)}`];
  const lines = errors.map(problemLine);
  if (errors.some((e) => e && e.id === 'abi.trap')) {
    lines.push('  (the wasm core trapped: that is a bug in the core or its wasm build, not in the data;'
      + ' compare `frontdoor lint --data DIR` and `make test-wasm`)');
  }
  return lines;
}

/** The core's own line for a problem (as `frontdoor lint` prints it), else one made alike. */
function problemLine(problem) {
  if (typeof problem === 'string') return `  ${problem}`;
  if (problem && typeof problem.line === 'string') return `  ${problem.line}`;
  return `  ${problem.where || '(data)'}: ${problem.message || ''} [${problem.id || 'error'}]`;
}

/** Loads the data through the wasm core; returns the bundle and the core's load response. */
async function makeBundle(args, stagedWeb) {
  const { createCore } = await import(pathToFileURL(join(stagedWeb, 'frontdoor-core.js')).href);
  let core;
  try {
    core = await createCore({ wasmBinary: readFileSync(join(stagedWeb, 'frontdoor-core.wasm')) });
  } catch (error) {
    throw new BuildError(`the wasm core did not start in node: ${error.message}`);
  }

  let bundle = nativeBundle(args.native, args.data);
  let how = 'frontdoor bundle';
  if (!bundle) {
    how = `${dataFileNames(args.data).length} files in ${relative(ROOT, args.data) || args.data}`;
    const texts = {};
    for (const name of dataFileNames(args.data)) texts[name] = readFileSync(join(args.data, name), 'utf8');
    if (!Object.keys(texts).length) throw new BuildError(`no *.json data files in ${args.data}`);
    // Text first: the core reports JSON syntax errors with line and column.
    const checked = core.load(texts);
    if (!checked.ok) {
      throw new BuildError(`the data does not load into the core:\n${coreErrorLines(checked).join('\n')}`);
    }
    const files = {};
    for (const [name, text] of Object.entries(texts)) files[name] = JSON.parse(text);
    bundle = { files };
  }
  const full = bundle.files;
  bundle = { files: forBrowser(full) };
  // The exact bundle the browser will load.
  const response = core.load(bundle.files);
  if (!response.ok) {
    throw new BuildError(`the data bundle does not load into the core:\n${coreErrorLines(response).join('\n')}`);
  }
  const probe = core.route({}, '2026-01-05T12:00:00Z');
  if (!probe.ok) {
    throw new BuildError(`the core loaded the data but cannot route:\n${coreErrorLines(probe).join('\n')}`);
  }
  const start = prerenderStart(core);
  // `start` first: brotli then finds its question texts again in questions.json and ui.json.
  return { bundle: { start, files: bundle.files }, full, response, how };
}

/**
 * The order of the files in the browser's bundle: it changes nothing for the core or the element
 * but brotli compresses this one 0.08 KB better than alphabetical (measured over all orders).
 */
const BROWSER_ORDER = ['rules.json', 'ui.json', 'calendar.json', 'questions.json', 'directory.json'];
function browserRank(name) {
  const at = BROWSER_ORDER.indexOf(name);
  return at < 0 ? BROWSER_ORDER.length : at;
}

/** The first day whose calendar exceptions the browser keeps (forBrowser), or null. */
export function calendarFrom(calendar) {
  const year = /^(\d{4})-\d\d-\d\d$/.exec(calendar && calendar.checked);
  return year && Array.isArray(calendar.exceptions) ? `${Number(year[1]) - 1}-01-01` : null;
}

/**
 * The data files without what only the build and `frontdoor lint` read, so one visit downloads
 * less (about 0.35 KB brotli): each file's `$schema` and `$comment`, directory.json's
 * `publisher` (for the CLI's ORUK export), `superseded_numbers` (listed by the static
 * directory) and the provenance of single facts (`contact_page` and the per-fact sources and
 * dates of PER_FACT_PROVENANCE, for `frontdoor lint --report`), and ui.json's `directory_*`
 * wording (the static directory's). The static directory
 * is rendered here at build time from the whole data. The core loads the result like the whole
 * (makeBundle checks it); the element reads none of them.
 * Also calendar.json's exceptions dated before the year before its `checked` date (moved bank
 * holidays of 1995–2023, about 0.28 KB brotli): the element routes at the browser's clock, and a
 * past exception changes no answer given from that year on.
 */
export const PER_FACT_PROVENANCE = {
  service: ['email_source', 'email_checked', 'hours_source', 'hours_checked'],
  phone: ['source', 'checked'],
  age: ['source', 'checked'],
};

/** directory.json's services without the per-fact provenance (PER_FACT_PROVENANCE), copied where changed. */
function withoutFactProvenance(services) {
  const drop = (object, keys) => {
    if (!object || typeof object !== 'object' || Array.isArray(object) || !keys.some((k) => k in object)) return object;
    const copy = { ...object };
    for (const key of keys) delete copy[key];
    return copy;
  };
  return services.map((service) => {
    if (!service || typeof service !== 'object' || Array.isArray(service)) return service;
    const out = drop(service, PER_FACT_PROVENANCE.service);
    const phones = Array.isArray(out.phones) ? out.phones.map((p) => drop(p, PER_FACT_PROVENANCE.phone)) : out.phones;
    const age = drop(out.age, PER_FACT_PROVENANCE.age);
    return phones === out.phones && age === out.age ? out : { ...out, phones, age };
  });
}

export function forBrowser(files) {
  const out = {};
  const names = Object.keys(files).sort((a, b) => browserRank(a) - browserRank(b) || (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const doc = files[name];
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
      out[name] = doc;
      continue;
    }
    const keep = { ...doc };
    delete keep.$schema;
    delete keep.$comment;
    if (name === 'directory.json') {
      delete keep.publisher;
      delete keep.superseded_numbers;
      delete keep.contact_page;
      if (Array.isArray(keep.services)) keep.services = withoutFactProvenance(keep.services);
    }
    if (name === 'ui.json') {
      for (const key of Object.keys(keep)) if (key.startsWith('directory_')) delete keep[key];
    }
    const from = name === 'calendar.json' ? calendarFrom(keep) : null;
    if (from) {
      keep.exceptions = keep.exceptions.filter((e) => !(e && typeof e.date === 'string' && e.date < from));
    }
    out[name] = keep;
  }
  return out;
}

/**
 * Instants at which the prerendered first question must not change: every 90 minutes over a
 * week with bank holidays (Christmas 2026: Friday 25 and Monday 28 December), the edges of
 * office hours, nights, and both clock changes of 2027.
 */
export function startInstants() {
  const out = [];
  for (let t = Date.UTC(2026, 11, 21, 0, 0); t < Date.UTC(2026, 11, 29, 0, 0); t += 90 * 60000) out.push(new Date(t));
  for (const iso of ['2026-11-27T08:44:00Z', '2026-11-27T08:45:00Z', '2026-11-27T15:59:00Z', '2026-11-27T16:00:00Z',
    '2026-11-30T16:59:00Z', '2026-11-30T17:00:00Z', '2026-11-28T23:59:00Z', '2026-11-29T03:00:00Z',
    '2027-03-28T00:59:00Z', '2027-03-28T01:00:00Z', '2027-10-31T00:59:00Z', '2027-10-31T01:00:00Z', '2027-06-15T12:00:00Z']) {
    out.push(new Date(iso));
  }
  return out.map((d) => d.toISOString().replace(/\.\d+Z$/, 'Z'));
}

/**
 * The first question, for no facts and for each answer to it (the `audience` attribute), as
 * `bundle.start`: the element shows it as soon as the bundle is in, before the wasm has loaded.
 * Only `next_question` (the contacts of a start response depend on the time and are not shown).
 * Fails the build when the question depends on the time.
 */
export function prerenderStart(core, instants = startInstants()) {
  const questionAt = (facts, at) => {
    const answer = core.route(facts, at);
    if (!answer.ok) throw new BuildError(`the core cannot route ${JSON.stringify(facts)} at ${at}:\n${coreErrorLines(answer).join('\n')}`);
    return answer.next_question || null;
  };
  const entryFor = (facts) => {
    const question = questionAt(facts, instants[0]);
    const text = JSON.stringify(question);
    for (const at of instants.slice(1)) {
      if (JSON.stringify(questionAt(facts, at)) !== text) {
        throw new BuildError(`the first question for ${JSON.stringify(facts)} is not the same at ${instants[0]} and ${at}: it cannot be prerendered (web/build.mjs prerenderStart)`);
      }
    }
    return question ? { facts, next_question: question } : null;
  };
  const first = entryFor({});
  if (!first) throw new BuildError('the core asks no question for no facts: there is no first question to prerender');
  const start = [first];
  if (first.next_question.fact === 'audience') {
    for (const option of first.next_question.options || []) {
      if (typeof option.value !== 'string') continue;
      const entry = entryFor({ audience: option.value });
      if (entry) start.push(entry);
    }
  }
  return start;
}

// ---------------------------------------------------------------------------------------------
// Templates

/** Fills `{{ui:key}}` (text from ui.json) and `<!-- frontdoor:directory [audience=x] -->`. */
function fillTemplate(text, { ui, directoryFor }) {
  return text
    .replace(/<!--\s*frontdoor:directory(?:\s+audience=([a-z_]+))?\s*-->/g, (_, audience) => directoryFor(audience || null))
    .replace(/\{\{ui:([a-z0-9_]+)\}\}/g, (_, key) => {
      const value = ui[key];
      const text = typeof value === 'string' ? value : (value && value.default) || WORDING_KEYS[key];
      if (typeof text !== 'string') throw new BuildError(`template asks for ui.json "${key}", which does not exist`);
      return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    });
}

// ---------------------------------------------------------------------------------------------
// Minifying (terser for the JavaScript, a careful whitespace/comment strip for the CSS)

const TERSER = { ecma: 2020, compress: { passes: 2 }, mangle: true, format: { comments: false } };

let terserMinify;
async function terse(code, fileName, options) {
  if (!terserMinify) {
    try {
      ({ minify: terserMinify } = await import('terser'));
    } catch (error) {
      throw new BuildError(`terser (a root devDependency) is missing: run \`npm ci\` (\`make npm\`) first (${error.message})`);
    }
  }
  const minify = terserMinify;
  let result;
  try {
    result = await minify(code, { ...TERSER, ...options });
  } catch (error) {
    throw new BuildError(`${fileName}: terser failed: ${error.message}${error.line ? ` (line ${error.line}, col ${error.col})` : ''}`);
  }
  return result.code;
}

const MIN_IMPORT = /^import\s*(?:([\w$]+)\s*,?\s*)?(?:\{([^}]*)\})?\s*from\s*(["'])([^"']+)\3;?/;
const MIN_EXPORT = /;?export\s*\{([^}]*)\};?$/;

/**
 * Minifies an ES module that follows the module rule (docs/web.md) and writes it back in the
 * rule's shape: one line per import at the top, the code, one `export { ... };` line at the end.
 */
export async function minifyModule(source, fileName, options = {}) {
  let code = (await terse(source, fileName, { module: true, ...options })).trim();
  const imports = [];
  for (let match = MIN_IMPORT.exec(code); match; match = MIN_IMPORT.exec(code)) {
    const [all, defaultName, named, , from] = match;
    const parts = [];
    if (defaultName) parts.push(defaultName);
    if (named !== undefined) parts.push(`{ ${named.split(',').map((p) => p.trim().replace(/\s+as\s+/, ' as ')).filter(Boolean).join(', ')} }`);
    imports.push(parts.length ? `import ${parts.join(', ')} from '${from}';` : `import '${from}';`);
    code = code.slice(all.length);
  }
  const exported = MIN_EXPORT.exec(code);
  if (exported) code = code.slice(0, exported.index);
  if (/(^|[;}\s])(import\s*[\w{*'"]|export\s*[\w{*])/.test(code)) {
    throw new BuildError(`${fileName}: the minified module has an import/export statement that is not at the top or the end`);
  }
  const exportLine = exported
    ? `export { ${exported[1].split(',').map((p) => p.trim()).filter(Boolean).join(', ')} };`
    : null;
  return `${[...imports, `${code};`, exportLine].filter(Boolean).join('\n')}\n`;
}

/** A function body (bare `return` and `await` allowed) minified; its top-level names are local. */
async function minifyBody(body, fileName) {
  return terse(body, fileName, { module: true, parse: { bare_returns: true } });
}

/** CSS without comments and needless whitespace (strings kept as they are). */
export function minifyCss(css) {
  const parts = css.split(/("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')/);
  return parts.map((part, index) => {
    if (index % 2) return part;
    return part
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,>])\s*/g, '$1')
      .replace(/:\s+/g, ':')
      .replace(/;}/g, '}');
  }).join('').trim();
}

// ---------------------------------------------------------------------------------------------
// Kiosk: one classic inline script

const IMPORT_LINE = /^\s*import\s+(?:([\w$]+)\s*(?:,\s*)?)?(?:\{([^}]*)\})?\s*(?:from\s*)?['"]([^'"]+)['"]\s*;?\s*$/;
const EXPORT_LINE = /^\s*export\s*\{([^}]*)\}\s*;?\s*$/;

/**
 * Turns one ES module that follows the module rule into the body of a function: import lines
 * become reads from `modules`, the export line becomes a return. Anything else that looks like
 * an import/export statement is an error (the rule was broken).
 */
export function moduleToFunctionBody(source, fileName, resolveImport, { keepImportMeta = false } = {}) {
  const lines = source.replace(/\r\n/g, '\n').split('\n');
  const out = [];
  let exported = null;
  let seenCode = false;
  for (const [index, line] of lines.entries()) {
    const where = `${fileName}:${index + 1}`;
    const importMatch = IMPORT_LINE.exec(line);
    if (importMatch) {
      if (seenCode) throw new BuildError(`${where}: an import after the first line of code (module rule: imports at the top)`);
      const [, defaultName, named, from] = importMatch;
      const source = resolveImport(from, where);
      if (defaultName) out.push(`const ${defaultName} = ${source}.default;`);
      if (named && named.trim()) {
        const parts = named.split(',').map((p) => p.trim()).filter(Boolean).map((p) => {
          const [name, alias] = p.split(/\s+as\s+/);
          return alias ? `${name}: ${alias}` : name;
        });
        out.push(`const { ${parts.join(', ')} } = ${source};`);
      }
      if (!defaultName && !named) out.push(`void ${source};`);
      continue;
    }
    if (exported && line.trim() && !/^\s*\/\//.test(line)) {
      throw new BuildError(`${where}: code after the export line (module rule: one export line at the end)`);
    }
    const exportMatch = EXPORT_LINE.exec(line);
    if (exportMatch) {
      if (exported) throw new BuildError(`${where}: a second export line (module rule: one export line at the end)`);
      exported = exportMatch[1].split(',').map((p) => p.trim()).filter(Boolean).map((p) => {
        const [name, alias] = p.split(/\s+as\s+/);
        return alias ? `${alias}: ${name}` : name;
      });
      continue;
    }
    if (/^\s*(import\s*[\w{*'"]|export\s)/.test(line)) {
      throw new BuildError(`${where}: import/export outside the module rule (one import line each at the top, one "export { ... };" at the end): ${line.trim()}`);
    }
    if (/^\s*\/\/# sourceMappingURL=/.test(line)) continue;
    if (line.trim() && !/^\s*(\/\/|\/\*|\*)/.test(line)) seenCode = true;
    out.push(line);
  }
  let body = out.join('\n');
  // import.meta is a syntax error in a classic script; in the kiosk the page's own URL is the
  // only sensible base (and nothing is fetched anyway).
  if (!keepImportMeta) body = body.replace(/\bimport\.meta\.url\b/g, 'document.baseURI');
  if ((!keepImportMeta && /\bimport\s*\.\s*meta\b/.test(body)) || /\bimport\s*\(/.test(body)) {
    throw new BuildError(`${fileName}: uses import.meta or dynamic import(), which a classic script cannot run`);
  }
  return `${body}\nreturn { ${(exported || []).join(', ')} };`;
}

/** The classic Emscripten module's factory name (`var NAME = (() => {` / `(function() {`). */
function classicExportName(code) {
  const match = /^\s*var\s+([A-Za-z_$][\w$]*)\s*=\s*\(/m.exec(code);
  if (!match) throw new BuildError('cannot find the factory name in the classic Emscripten module');
  return match[1];
}

function jsString(text) {
  // JSON is a JS string literal; "<" escaped so no "</script" or "<!--" can appear.
  return JSON.stringify(text).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * Bytes as a JS string literal of one character per byte (Latin-1): compresses far better than
 * base64. Escaped as \xNN: backslash, the quote, "<" (no "</script" or "<!--") and the C0 control
 * characters (line breaks among them). U+2028/2029 cannot occur below U+0100. U+007F–U+009F are
 * left as they are: valid in a JS string and passed through unchanged by the HTML parser (which
 * merely notes them), and escaping them costs 1.3 KB brotli.
 */
export function latin1Literal(bytes) {
  let out = '"';
  for (const byte of bytes) {
    if (byte < 0x20 || byte === 0x22 || byte === 0x3c || byte === 0x5c) {
      out += `\\x${byte.toString(16).padStart(2, '0')}`;
    } else {
      out += String.fromCharCode(byte);
    }
  }
  return `${out}"`;
}

async function kioskScript(src) {
  const classic = readFileSync(src.classicJs, 'utf8').replace(/^\s*\/\/# sourceMappingURL=.*$/gm, '');
  const factory = classicExportName(classic);
  const wasm = latin1Literal(readFileSync(src.classicWasm));
  const css = minifyCss(readFileSync(src.elementCss, 'utf8'));
  const modules = {
    './frontdoor-core-module.js': '__fdCoreModule',
    './frontdoor-core.js': '__fdCore',
  };
  const resolveImport = (from, where) => {
    const name = modules[from] || modules[`./${basename(from)}`];
    if (!name) throw new BuildError(`${where}: the kiosk cannot inline an import of "${from}"`);
    return name;
  };
  const wrapperBody = await minifyBody(moduleToFunctionBody(readFileSync(src.wrapper, 'utf8'), 'web/core/frontdoor-core.js', resolveImport), 'web/core/frontdoor-core.js');
  const elementBody = await minifyBody(moduleToFunctionBody(readFileSync(src.elementJs, 'utf8'), 'frontdoor-wizard.js', resolveImport), 'frontdoor-wizard.js');
  const classicMin = await terse(`${classic}\n;return ${factory};`, basename(src.classicJs), { parse: { bare_returns: true } });

  const script = `
/* frontdoor kiosk: Emscripten classic module + web/core/frontdoor-core.js + frontdoor-wizard.js */
(async function () {
'use strict';
var frontdoorWizardCss = ${jsString(css)};
var __fdClassicModule = (function () {
${classicMin}
})();
var __fdWasm = ${wasm};
var frontdoorCoreDefaults = {
  moduleFactory: __fdClassicModule,
  // The wasm is inline (one character per byte): no fetch, no data: URL (both blocked by the page's CSP).
  instantiateWasm: function (imports) {
    var bytes = Uint8Array.from(__fdWasm, function (c) { return c.charCodeAt(0); });
    __fdWasm = null;
    return WebAssembly.instantiate(bytes, imports);
  }
};
var __fdCoreModule = { default: __fdClassicModule };
var __fdCore = await (async function () {
${wrapperBody}
})();
await (async function () {
${elementBody}
})();
})().catch(function (error) { console.error('frontdoor kiosk:', error); });
`;
  if (/<\/script|<!--/i.test(script)) {
    throw new BuildError('the kiosk script contains "</script" or "<!--", which would end the inline script early');
  }
  return script;
}

/** What each of the wasm's imports is, by the name Emscripten's glue gives its JS function. */
const GLUE_IMPORTS = { _abort: 'abort', _emscripten_date_now: 'now', _emscripten_resize_heap: 'resize' };
/** The exports frontdoor-core.js uses, and the two the loader needs itself. */
const GLUE_EXPORTS = ['_frontdoor_call', '_frontdoor_free', '_malloc', '_free'];

/**
 * The names the linker gave the wasm's imports and exports, read from Emscripten's ES6 glue
 * (unminified, as emcc writes it) and checked against the wasm: web/core/frontdoor-core-loader.js
 * needs them to stand in for the glue. Throws a BuildError naming what is missing or unknown, e.g.
 * an import the loader does not provide after a change to the C++.
 * @param {string} glue text of build/wasm/frontdoor-core-module.js
 * @param {Uint8Array} wasm bytes of build/wasm/frontdoor-core-module.wasm
 */
export function glueNames(glue, wasm, fileName = 'frontdoor-core-module.js') {
  const fail = (what) => { throw new BuildError(`${fileName}: ${what} (web/core/frontdoor-core-loader.js stands in for this glue)`); };
  const library = /var asmLibraryArg\s*=\s*\{([^}]*)\}/.exec(glue);
  if (!library) fail('no "var asmLibraryArg = {...}" (the wasm\'s imports)');
  const info = /var info\s*=\s*\{\s*"([\w$]+)"\s*:\s*asmLibraryArg\s*\}/.exec(glue);
  if (!info) fail('no "var info = {"NAME": asmLibraryArg}" (the imports\' module name)');
  const names = { module: info[1] };
  for (const entry of library[1].split(',').map((e) => e.trim()).filter(Boolean)) {
    const m = /^"([\w$]+)"\s*:\s*([\w$]+)$/.exec(entry);
    if (!m) fail(`an import entry that is not "name": function: ${entry}`);
    const role = GLUE_IMPORTS[m[2]];
    if (!role) fail(`the wasm imports ${m[2]}, which the loader does not provide`);
    names[role] = m[1];
  }
  for (const role of Object.values(GLUE_IMPORTS)) if (!names[role]) fail(`no import for ${role}`);
  const memory = /wasmMemory\s*=\s*Module\["asm"\]\["([\w$]+)"\]/.exec(glue);
  if (!memory) fail('no wasmMemory = Module["asm"]["NAME"]');
  names.memory = memory[1];
  for (const m of glue.matchAll(/Module\["(_[\w$]+)"\]\s*=\s*Module\["asm"\]\["([\w$]+)"\]/g)) {
    if (m[1] === '___wasm_call_ctors') names.ctors = m[2];
    else if (GLUE_EXPORTS.includes(m[1])) names[m[1]] = m[2];
  }
  for (const name of ['ctors', ...GLUE_EXPORTS]) if (!names[name]) fail(`no export for ${name}`);

  // The same names in the wasm itself (a stale glue beside a newer wasm fails here, not in a browser).
  let module;
  try {
    module = new WebAssembly.Module(wasm);
  } catch (error) {
    fail(`its wasm does not compile: ${error.message}`);
  }
  const imports = WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}`).sort();
  const expected = Object.values(GLUE_IMPORTS).map((role) => `${names.module}.${names[role]}`).sort();
  if (imports.join() !== expected.join()) fail(`the wasm imports ${imports.join(', ')}, the glue names ${expected.join(', ')}`);
  const exports = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
  for (const name of ['memory', 'ctors', ...GLUE_EXPORTS]) {
    if (!exports.has(names[name])) fail(`the wasm has no export "${names[name]}" (${name})`);
  }
  return names;
}

/**
 * The first screen for dist/web/frontdoor-wizard.js (`frontdoorFirstScreen`): the first question
 * for no pre-filled facts from the bundle's `start`, and the default wording of the ui.json ids
 * the element lists in FIRST_SCREEN_UI (read from its source, so the list lives in one place).
 * The element checks it against the bundle it loads (firstScreenMatches).
 */
export function firstScreenFor(bundle, elementSource, fileName = 'frontdoor-wizard.js') {
  const list = /^const FIRST_SCREEN_UI = (\[[^\]]*\]);$/m.exec(elementSource);
  if (!list) throw new BuildError(`${fileName}: no "const FIRST_SCREEN_UI = [...];" line (the wording of the first screen)`);
  let ids;
  try {
    ids = JSON.parse(list[1].replace(/'/g, '"'));
  } catch (error) {
    throw new BuildError(`${fileName}: FIRST_SCREEN_UI is not a list of 'ids': ${error.message}`);
  }
  const entry = (bundle.start || []).find((e) => e && e.facts && !Object.keys(e.facts).length);
  if (!entry) throw new BuildError('the data bundle has no prerendered first question for no facts (bundle.start)');
  const ui = bundle.files['ui.json'] || {};
  const wording = {};
  for (const id of ids) {
    const value = ui[id];
    const text = typeof value === 'string' ? value : value && typeof value.default === 'string' ? value.default : null;
    // A missing id is left out: the element reports it as it would without the copy.
    if (text !== null) wording[id] = text;
  }
  return { ui: wording, start: entry.next_question };
}

/**
 * dist/web/frontdoor-wizard.js: one ES module holding the stylesheet, the first screen, the wasm
 * loader, the wrapper and the element, so a page makes one request for all it needs to show the
 * first question (then the data bundle and the wasm). The loader
 * (web/core/frontdoor-core-loader.js) stands in for Emscripten's ES6 glue. The module has no
 * import and no export (the element's exports serve tests of the source); frontdoor-core.js and
 * frontdoor-core-module.js still ship for pages and tests that use the core alone. The element
 * runs it as its core's worker too (one file, cached).
 */
export async function webModule(src, { first = null } = {}) {
  const names = glueNames(readFileSync(src.moduleJs, 'utf8'), readFileSync(src.moduleWasm), basename(src.moduleJs));
  const modules = {
    './frontdoor-core-module.js': '__fdCoreModule', './frontdoor-core.js': '__fdCore', './frontdoor-core-loader.js': '__fdLoader',
  };
  const resolveImport = (from, where) => {
    const name = modules[from] || modules[`./${basename(from)}`];
    if (!name) throw new BuildError(`${where}: web/build.mjs cannot bundle an import of "${from}"`);
    return name;
  };
  const loaderBody = moduleToFunctionBody(readFileSync(src.loader, 'utf8'), 'web/core/frontdoor-core-loader.js', resolveImport);
  const wrapperBody = moduleToFunctionBody(readFileSync(src.wrapper, 'utf8'), 'web/core/frontdoor-core.js', resolveImport, { keepImportMeta: true });
  const elementBody = moduleToFunctionBody(readFileSync(src.elementJs, 'utf8'), 'frontdoor-wizard.js', resolveImport, { keepImportMeta: true });
  // The element's exports (its pure logic, for tests of the source) are not kept: about 0.5 KB
  // brotli less, as terser then drops what only the tests use.
  // The stylesheet and the first screen travel in the script: the element shows the first
  // question the moment it is connected, styled, before any other request has answered.
  const css = minifyCss(readFileSync(src.elementCss, 'utf8'));
  const source = `const frontdoorWizardCss = ${JSON.stringify(css)};
const frontdoorFirstScreen = ${JSON.stringify(first)};
const __fdLoader = (() => {\n${loaderBody}\n})();
const __fdCoreModule = { default: __fdLoader.moduleFactory(${JSON.stringify(names)}, new URL('.', import.meta.url).href) };
const __fdCore = (() => {\n${wrapperBody}\n})();
(() => {\n${elementBody}\n})();
`;
  // The element's own members (`this._flow`, `_renderQuestion`, …) are private: their names are
  // shortened too. The wasm's exports (`_malloc`, `_free`, `_frontdoor_*`) keep theirs.
  // `unsafe`: terser may assume the built-ins are not replaced (e.g. `String(x)` → `""+x`);
  // nothing here replaces them or passes symbols (0.04 KB brotli).
  return minifyModule(source, 'frontdoor-wizard.js (bundled)', {
    mangle: { properties: { regex: /^_(?!frontdoor_|malloc$|free$|_)/ } },
    compress: { passes: 3, unsafe: true },
  });
}

function sha256Base64(text) {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

async function buildKiosk(src, { bundle, ui, directoryFor }) {
  const template = readFileSync(src.kiosk, 'utf8');
  const script = await kioskScript(src);
  const data = JSON.stringify(bundle).replace(/</g, '\\u003c');
  let html = fillTemplate(template, { ui, directoryFor: (audience) => directoryFor(audience, { links: false }) });
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => `'sha256-${sha256Base64(m[1])}'`);
  const csp = [
    "default-src 'none'",
    `script-src 'sha256-${sha256Base64(script)}' 'wasm-unsafe-eval'`,
    `style-src ${styles.length ? styles.join(' ') : "'none'"}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const must = ['{{csp}}', '<!-- frontdoor:data -->', '<!-- frontdoor:script -->'];
  for (const mark of must) {
    if (!html.includes(mark)) throw new BuildError(`web/kiosk/frontdoor-kiosk.html lacks the placeholder ${mark}`);
  }
  html = html
    .replace('{{csp}}', csp)
    .replace('<!-- frontdoor:data -->', () => `<script type="application/json" id="frontdoor-data">${data}</script>`)
    .replace('<!-- frontdoor:script -->', () => `<script>${script}</script>`);
  return html;
}

// ---------------------------------------------------------------------------------------------

function sizeTable(files) {
  const rows = files.map((path) => {
    const raw = readFileSync(path);
    const gzip = gzipSync(raw, { level: 9 }).length;
    const brotli = brotliCompressSync(raw, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    return [relative(ROOT, path), raw.length, gzip, brotli];
  });
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const width = Math.max(...rows.map((r) => r[0].length), 4);
  const lines = [`${'file'.padEnd(width)}  ${'raw'.padStart(10)}  ${'gzip'.padStart(10)}  ${'brotli'.padStart(10)}`];
  const line = ([name, raw, gzip, brotli]) => `${name.padEnd(width)}  ${kb(raw).padStart(10)}  ${kb(gzip).padStart(10)}  ${kb(brotli).padStart(10)}`;
  for (const row of rows) lines.push(line(row));
  const web = rows.filter((r) => r[0].includes(`web${sep}`));
  if (web.length) {
    const sum = (i) => web.reduce((total, r) => total + r[i], 0);
    lines.push(line([`${'dist/web total'.padEnd(width)}`, sum(1), sum(2), sum(3)]));
  }
  return lines.join('\n');
}

function readJsonIfExists(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
}

export async function build(argv = []) {
  const args = parseArgs(argv);
  const src = sources(args);
  mkdirSync(args.out, { recursive: true });
  const stage = mkdtempSync(join(args.out, '.build-'));
  try {
    // 1. dist/web (staged, so the data can be validated with the very files we ship).
    const web = join(stage, 'web');
    mkdirSync(web);
    // Minified; the readable sources stay in web/ and build/wasm.
    writeFileSync(join(web, 'frontdoor-core.js'), await minifyModule(readFileSync(src.wrapper, 'utf8'), 'frontdoor-core.js'));
    writeFileSync(join(web, 'frontdoor-core-module.js'), `${await terse(readFileSync(src.moduleJs, 'utf8').replace(/^\s*\/\/# sourceMappingURL=.*$/gm, ''), 'frontdoor-core-module.js', { module: true })}\n`);
    copyFileSync(src.moduleWasm, join(web, 'frontdoor-core.wasm'));
    // So node reads the staged .js files as ES modules wherever --out is.
    writeFileSync(join(stage, 'package.json'), '{"type": "module"}\n');

    const { bundle, full, response, how } = await makeBundle(args, web);
    writeFileSync(join(web, 'frontdoor-data.json'), JSON.stringify(bundle));
    const first = firstScreenFor(bundle, readFileSync(src.elementJs, 'utf8'), relative(ROOT, src.elementJs));
    writeFileSync(join(web, 'frontdoor-wizard.js'), await webModule(src, { first }));

    // The static directory (and its wording) from the whole data, not the browser's share.
    const files = full;
    const directory = files['directory.json'];
    const ui = files['ui.json'] || readJsonIfExists(join(args.data, 'ui.json')) || {};
    const questions = files['questions.json'] || null;
    if (!directory) throw new BuildError('the data bundle has no directory.json');
    const missing = missingWording(ui);
    const directoryFor = (audience, options = {}) => {
      let html = renderDirectory({ directory, ui, questions, audience });
      if (options.links === false) {
        // Kiosk: nothing may lead off the page; e-mail and web addresses stay as text.
        html = html.replace(/<a href="(?!tel:)[^"]*">([\s\S]*?)<\/a>/g, '$1');
      }
      return html;
    };
    writeFileSync(join(web, 'frontdoor-directory.html'), directoryFor(null));

    const present = readdirSync(web).sort();
    if (present.join() !== [...WEB_FILES].sort().join()) {
      throw new BuildError(`dist/web would hold ${present.join(', ')}, not the documented files`);
    }

    // 2. dist/demo: templates + a copy of dist/web.
    const demo = join(stage, 'demo');
    mkdirSync(demo);
    for (const name of WEB_FILES) copyFileSync(join(web, name), join(demo, name));
    for (const name of readdirSync(src.demo).sort()) {
      const from = join(src.demo, name);
      if (!statSync(from).isFile()) continue;
      if (name.endsWith('.html')) {
        writeFileSync(join(demo, name), fillTemplate(readFileSync(from, 'utf8'), { ui, directoryFor }));
      } else {
        copyFileSync(from, join(demo, name));
      }
    }
    for (const page of DEMO_PAGES) {
      if (!existsSync(join(demo, page))) throw new BuildError(`web/demo/${page} is missing`);
    }

    // 3. dist/kiosk.
    const kiosk = join(stage, 'kiosk');
    mkdirSync(kiosk);
    writeFileSync(join(kiosk, 'frontdoor-kiosk.html'), await buildKiosk(src, { bundle, ui, directoryFor }));

    // 4. Swap into place only now that everything was built.
    for (const part of ['web', 'demo', 'kiosk']) {
      rmSync(join(args.out, part), { recursive: true, force: true });
      renameSync(join(stage, part), join(args.out, part));
    }

    const warnings = Array.isArray(response.warnings) ? response.warnings : [];
    process.stdout.write(`data: ${how}, loaded by the core (checked ${response.checked ?? '?'}, ${warnings.length} warning(s))\n`);
    for (const w of warnings) process.stdout.write(`${problemLine(w)}\n`);
    if (missing.length) {
      process.stdout.write(`  warning: ui.json lacks ${missing.length} wording key(s) of the static directory; English defaults from web/fallback.mjs used: ${missing.join(', ')}\n`);
    }
    const shipped = [
      ...WEB_FILES.map((name) => join(args.out, 'web', name)),
      join(args.out, 'kiosk', 'frontdoor-kiosk.html'),
    ];
    process.stdout.write(`${sizeTable(shipped)}\n`);
    process.stdout.write(`demo: node web/serve.mjs ${relative(process.cwd(), args.out) || '.'} 8080  → /demo/\n`);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  build(process.argv.slice(2)).catch((error) => {
    process.stderr.write(`web/build.mjs: ${error instanceof BuildError ? error.message : error.stack}\n`);
    process.exitCode = 1;
  });
}
