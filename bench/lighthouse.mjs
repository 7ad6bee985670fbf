// Lighthouse 12 (bench/package.json, `npm ci --prefix bench`) on the demo pages served by
// web/serve.mjs, with Debian's Chromium (CHROME_PATH=/usr/bin/chromium). Default Lighthouse
// settings: mobile form factor, simulated slow 4G and 4× CPU slowdown.
//   node bench/lighthouse.mjs [--dist DIR] [--runs N] [PAGE...]    prints JSON
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS } from './browser.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const CLI = join(HERE, 'node_modules', 'lighthouse', 'cli', 'index.js');
export const CATEGORIES = ['performance', 'accessibility', 'best-practices'];

/** Runs the CLI as a child process: asynchronously, since the page server lives in this process. */
function lighthouseCli(url, out) {
  const flags = ['--headless=new', ...CHROMIUM_ARGS].join(' ');
  const argv = [CLI, url, '--quiet', '--output=json', `--output-path=${out}`,
    `--only-categories=${CATEGORIES.join(',')}`, `--chrome-flags=${flags}`, '--max-wait-for-load=30000'];
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, argv, {
      env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH || CHROMIUM }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => { err += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 240000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0 && existsSync(out)) resolveRun();
      else reject(new Error(`lighthouse failed on ${url} (exit ${code ?? signal}): ${err.slice(-2000)}`));
    });
  });
}

async function runOnce(url, out) {
  await lighthouseCli(url, out);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  if (report.runtimeError) throw new Error(`lighthouse: ${report.runtimeError.code}: ${report.runtimeError.message}`);
  const scores = {};
  const failing = {};
  for (const id of CATEGORIES) {
    const category = report.categories[id];
    scores[id] = category && category.score !== null ? Math.round(category.score * 100) : null;
    failing[id] = (category ? category.auditRefs : [])
      .filter((ref) => ref.weight > 0)
      .map((ref) => report.audits[ref.id])
      .filter((audit) => audit && audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== 'informative'
        && audit.scoreDisplayMode !== 'notApplicable' && audit.scoreDisplayMode !== 'manual')
      .map((audit) => `${audit.id} (${audit.displayValue || audit.score})`);
  }
  const metric = (id) => report.audits[id] && report.audits[id].numericValue;
  return {
    scores, failing,
    metrics: { fcp: metric('first-contentful-paint'), lcp: metric('largest-contentful-paint'), tbt: metric('total-blocking-time'), cls: metric('cumulative-layout-shift') },
    lighthouse: report.lighthouseVersion, userAgent: report.environment && report.environment.hostUserAgent,
  };
}

/** Runs Lighthouse `runs` times on each page; the median score of each category. */
export async function runLighthouse({ dist, pages = ['council.html', 'index.html'], runs = 1, log = () => {} }) {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm ci --prefix bench\``);
  const { startServer } = await import(pathToFileURL(join(ROOT, 'web', 'serve.mjs')).href);
  const server = await startServer(join(dist, 'demo'), 0);
  const work = mkdtempSync(join(tmpdir(), 'fd-lighthouse-'));
  const base = String(server.url).replace(/\/?$/, '/');
  try {
    const results = {};
    for (const page of pages) {
      const all = [];
      for (let i = 0; i < runs; i += 1) {
        log(`lighthouse ${page} (${i + 1}/${runs})`);
        all.push(await runOnce(base + page, join(work, `${page}-${i}.json`)));
      }
      const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
      const scores = {};
      for (const id of CATEGORIES) scores[id] = median(all.map((r) => r.scores[id]));
      results[page] = { scores, runs: all.map((r) => r.scores), failing: all[0].failing, metrics: all[0].metrics,
        lighthouse: all[0].lighthouse, userAgent: all[0].userAgent };
    }
    return results;
  } finally {
    rmSync(work, { recursive: true, force: true });
    await server.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => { const i = args.indexOf(name); if (i < 0) return fallback; const v = args[i + 1]; args.splice(i, 2); return v; };
  const dist = resolve(opt('--dist', join(ROOT, 'dist')));
  const runs = Number(opt('--runs', 1));
  const pages = args.length ? args : undefined;
  const result = await runLighthouse({ dist, runs, pages, log: (m) => process.stderr.write(`${m}\n`) });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
