// Browser benchmarks for docs/benchmarks.md, in headless Debian Chromium driven by playwright-core
// (the root package's; never `npx playwright install`). Used by bench/run.mjs; runnable alone:
//   node bench/browser.mjs [--dist DIR] [--requests FILE] [--loads N]   prints JSON
//   node bench/browser.mjs --only answer [--runs N] [--samples N]       the answer measurement alone
//
//  - firstQuestion: <frontdoor-wizard> connected (its connectedCallback) → first question
//    visible, style and layout done; cold loads of dist/demo/council.html, a new browser
//    context each (no cache), CPU slowed 4× with CDP Emulation.setCPUThrottlingRate.
//  - answer: Continue pressed → the next screen (question or outcome) in the DOM with style and
//    layout done, same 4× slowdown (and once without, for the diagnosis); whole sessions through
//    the element, answers by index, each READ_MS after its screen appeared (a person reads the
//    question first; the element prepares the next screens meanwhile). Once more with no time
//    between screens, for the diagnosis. ("Rendered" stops at layout: a frame's paint then waits for
//    the display's next vsync, which is not work the page does.)
//  - firstLoad: main-thread CPU time (CDP ThreadTime) of the steps behind the first question.
//  - wasmRoute: per call of the wrapper's core.call() (and of the bare C ABI) on the route
//    requests of the native benchmark (frontdoor_bench --dump-requests), no slowdown, wall clock
//    and main-thread CPU time, so it compares with native; given `nativeSample`, each batch is
//    paired with a native run made right after it (the ratio of the budget).
//  - memory: WebAssembly memory after loading, after the first wizard session and after
//    10,000 consecutive sessions (the same wrapper, the same request paths).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const CPU_SLOWDOWN = 4;
/** Time between a screen appearing and its answer: a person reads the question first. */
export const READ_MS = 500;

export function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  const mid = sorted.length % 2 ? sorted[(sorted.length - 1) / 2]
    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  return { n: sorted.length, median: mid, min: sorted[0], max: sorted[sorted.length - 1], p95: at(0.95) };
}

async function startDemo(dist) {
  const { startServer } = await import(pathToFileURL(join(ROOT, 'web', 'serve.mjs')).href);
  const server = await startServer(join(dist, 'demo'), 0);
  return { url: String(server.url).replace(/\/?$/, '/'), close: () => server.close() };
}

async function throttled(context, page, rate = CPU_SLOWDOWN) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  return cdp;
}

// Runs in the page before any of its scripts: times the element's connectedCallback and the
// moment its first question is laid out.
function firstQuestionProbe() {
  const define = customElements.define.bind(customElements);
  customElements.define = (name, cls, options) => {
    if (name === 'frontdoor-wizard') {
      const connected = cls.prototype.connectedCallback;
      cls.prototype.connectedCallback = function connectedCallback(...args) {
        if (window.__fdTiming === undefined) {
          const timing = { connected: performance.now() };
          window.__fdTiming = timing;
          let done;
          window.__fdDone = new Promise((resolveDone) => { done = resolveDone; });
          const host = this;
          const check = () => {
            // The element attaches its shadow root only when it has something to show.
            const root = host.shadowRoot;
            const heading = root && root.getElementById('fd-question');
            const wizard = root && root.querySelector('.fd');
            if (!heading || !wizard || wizard.hidden || !heading.checkVisibility()) return false;
            heading.getBoundingClientRect(); // style + layout now
            timing.visible = performance.now();
            requestAnimationFrame(() => {
              const channel = new MessageChannel();
              channel.port1.onmessage = () => { timing.frame = performance.now(); done(timing); };
              channel.port2.postMessage(0);
            });
            return true;
          };
          // Every mutation inside the shadow root, from the moment it exists (now, or when the
          // element calls attachShadow).
          const observer = new MutationObserver(() => { if (check()) observer.disconnect(); });
          const watchRoot = (root) => observer.observe(root, { subtree: true, childList: true, attributes: true });
          if (host.shadowRoot) watchRoot(host.shadowRoot);
          else {
            const attach = host.attachShadow;
            host.attachShadow = function attachShadow(...options) {
              const root = attach.apply(this, options);
              watchRoot(root);
              return root;
            };
          }
        }
        return connected.apply(this, args);
      };
    }
    return define(name, cls, options);
  };
}

/** Median of `loads` cold loads (new context each) of council.html at 4× slowdown. */
export async function firstQuestion(browser, url, loads = 20) {
  const samples = [];
  const fromNavigation = [];
  for (let i = 0; i < loads; i += 1) {
    const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
    try {
      await context.addInitScript(firstQuestionProbe);
      const page = await context.newPage();
      const cdp = await throttled(context, page);
      await page.goto(url + 'council.html');
      // Awaited through the DevTools protocol: page.waitForFunction would inject Playwright's
      // utility script (about 40-70 ms of main-thread work at 4x) while the element is starting.
      const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
        expression: 'window.__fdDone', awaitPromise: true, returnByValue: true, timeout: 30000,
      });
      if (exceptionDetails || !result.value) throw new Error(`no first question: ${JSON.stringify(exceptionDetails || result)}`);
      const t = result.value;
      samples.push(t.visible - t.connected);
      fromNavigation.push(t.visible);
    } finally {
      await context.close();
    }
  }
  return { ...stats(samples), fromNavigation: stats(fromNavigation) };
}

/** Lighthouse's "slow 4G" and the issue "One core, compiled twice": 1.6 Mbps down, 150 ms round trip. */
export const SLOW_4G = { downloadKbps: 1600, uploadKbps: 750, rttMs: 150 };

// Runs in the page before any of its scripts: the moment the first element says its core can
// route an answer (the documented `frontdoor-ready` event, docs/web.md), from navigation start.
function coreReadyProbe() {
  window.__fdReady = new Promise((resolveReady) => {
    document.addEventListener('frontdoor-ready', () => resolveReady(performance.now()), { once: true });
  });
}

/**
 * Core ready: navigation start → the element's `frontdoor-ready` event (its core has loaded the
 * data bundle, so an answer is routed without waiting), over `loads` cold loads (a new context,
 * so an empty cache) of council.html with the network throttled to `network` (CDP
 * Network.emulateNetworkConditions, which also slows the fetches of the element's worker) and the
 * CPU slowed 4×.
 */
export async function coreReady(browser, url, loads = 10, network = SLOW_4G) {
  const samples = [];
  for (let i = 0; i < loads; i += 1) {
    const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
    try {
      await context.addInitScript(coreReadyProbe);
      const page = await context.newPage();
      const cdp = await throttled(context, page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false, latency: network.rttMs,
        downloadThroughput: (network.downloadKbps * 1000) / 8, uploadThroughput: (network.uploadKbps * 1000) / 8,
      });
      await page.goto(url + 'council.html', { waitUntil: 'commit' });
      const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
        expression: 'window.__fdReady', awaitPromise: true, returnByValue: true, timeout: 60000,
      });
      if (exceptionDetails || typeof result.value !== 'number') throw new Error(`no frontdoor-ready event: ${JSON.stringify(exceptionDetails || result)}`);
      samples.push(result.value);
    } finally {
      await context.close();
    }
  }
  return { ...stats(samples), network };
}

/**
 * Continue → next screen laid out, over whole sessions through the element, CPU slowed `rate`×,
 * each answer `readMs` after its screen appeared.
 */
export async function answerToScreen(browser, url, minSamples = 60, rate = CPU_SLOWDOWN, readMs = READ_MS) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  try {
    const page = await context.newPage();
    await page.goto(url + 'council.html');
    await page.waitForFunction(() => {
      const root = document.querySelector('frontdoor-wizard')?.shadowRoot;
      return !!root?.getElementById('fd-question');
    }, null, { timeout: 30000 });
    if (rate !== 1) await throttled(context, page, rate);
    const out = await page.evaluate(async ([wanted, readMs]) => {
      const root = document.querySelector('frontdoor-wizard').shadowRoot;
      const heading = () => root.getElementById('fd-question') || root.getElementById('fd-outcome');
      const samples = [];
      const sampleKinds = [];
      const kinds = { question: 0, outcome: 0 };
      let session = 0;
      let step = 0;
      const idle = () => new Promise((r) => setTimeout(r, 0));
      while (samples.length < wanted && session < 200) {
        await idle();
        if (readMs) await new Promise((r) => setTimeout(r, readMs));
        const before = heading();
        if (!before) throw new Error('no screen');
        // The question form is kept from question to question: its heading may be the same node
        // with the next question's text.
        const beforeText = before.textContent;
        if (before.id === 'fd-outcome') {
          const again = [...root.querySelectorAll('button')].find((b) => b.closest('.fd-start-again'));
          again.click();
          await idle();
          session += 1;
          step = 0;
          continue;
        }
        const form = root.querySelector('form.fd-form');
        const radios = [...form.querySelectorAll('input[name="answer"][type="radio"]')];
        // As a person's click or tap would, each control is focused before it is clicked.
        if (radios.length) {
          const radio = radios[(session * 3 + step * 7) % radios.length];
          radio.focus();
          radio.click();
        } else {
          const input = form.querySelector('#fd-input');
          const towns = input.list ? [...input.list.options].map((o) => o.value) : [];
          input.value = towns.length ? towns[(session + step) % towns.length] : String(5 + ((session + step) % 10));
        }
        await idle();
        const submit = form.querySelector('button[type="submit"]');
        submit.focus();
        const done = new Promise((resolveDone) => {
          const observer = new MutationObserver(() => {
            const now = heading();
            if (now && (now !== before || now.textContent !== beforeText) && now.checkVisibility()) {
              now.getBoundingClientRect(); // style + layout
              const t = performance.now();
              observer.disconnect();
              resolveDone({ t, kind: now.id === 'fd-outcome' ? 'outcome' : 'question' });
            }
          });
          observer.observe(root, { subtree: true, childList: true, attributes: true });
        });
        const t0 = performance.now();
        submit.click();
        const { t, kind } = await Promise.race([done, new Promise((_, no) => setTimeout(() => no(new Error('no next screen within 5 s')), 5000))]);
        samples.push(t - t0);
        sampleKinds.push(kind);
        kinds[kind] += 1;
        step += 1;
      }
      return { samples, sampleKinds, kinds, sessions: session };
    }, [minSamples, readMs]);
    return { ...stats(out.samples), kinds: out.kinds, sessions: out.sessions, rate, readMs, samples: out.samples, sampleKinds: out.sampleKinds };
  } finally {
    await context.close();
  }
}

/**
 * Per-call time of the wrapper's route in the page (wall clock and main-thread CPU time from
 * CDP Performance.getMetrics ThreadTime, which a busy machine does not inflate), and
 * WebAssembly memory over `sessions` consecutive sessions.
 */
export async function wasmRouteAndMemory(browser, url, requests, sessions = 10000, nativeSample = null) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url + 'council.html');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' }).catch(() => cdp.send('Performance.enable'));
    const threadTime = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      const m = metrics.find((x) => x.name === 'ThreadTime');
      return m ? m.value : null; // seconds
    };
    const setup = await page.evaluate(async ({ requests }) => {
      const { createCore } = await import('./frontdoor-core.js');
      const core = await createCore({});
      const bundle = await (await fetch('frontdoor-data.json')).json();
      const loaded = core.load(bundle.files);
      if (!loaded.ok) throw new Error(`load: ${JSON.stringify(loaded)}`);
      const parsed = requests.map((r) => JSON.parse(r));
      for (const r of parsed) {
        const answer = core.call(r);
        if (!answer.ok) throw new Error(`route: ${JSON.stringify(answer)}`);
      }
      // The bare ABI (request bytes already in wasm memory), to tell the wrapper's share.
      const mod = core.module;
      const encoder = new TextEncoder();
      const buffers = requests.map((text) => {
        const bytes = encoder.encode(text);
        const ptr = mod._malloc(bytes.length + 1);
        mod.HEAPU8.set(bytes, ptr);
        return [ptr, bytes.length];
      });
      const kinds = {
        wrapper: () => { for (const r of parsed) core.call(r); },
        abi: () => { for (const [ptr, len] of buffers) mod._frontdoor_free(mod._frontdoor_call(ptr, len)); },
      };
      const passes = {};
      for (const [name, fn] of Object.entries(kinds)) {
        for (let w = 0; w < 5; w += 1) fn(); // warm: lets the engine tier up the hot code
        let n = 1;
        for (;;) { // a batch of about 50 ms (performance.now() is coarse)
          const t0 = performance.now();
          for (let p = 0; p < n; p += 1) fn();
          if (performance.now() - t0 > 50) break;
          n *= 2;
        }
        passes[name] = n;
      }
      window.__fdBench = { core, bundle, parsed, kinds, passes,
        batch(name) {
          const t0 = performance.now();
          for (let p = 0; p < passes[name]; p += 1) kinds[name]();
          return performance.now() - t0;
        } };
      return { passes, calls: parsed.length };
    }, { requests });

    // With `nativeSample` (µs of CPU per native call, from a short native run), each wrapper batch
    // is paired with a native run made right after it: this machine's speed drifts by tens of
    // per cent within minutes, so only timings taken together give a ratio.
    const perCall = {};
    const nativeCpuUs = [];
    for (const name of ['wrapper', 'abi']) {
      const wall = [];
      const cpu = [];
      for (let b = 0; b < 15; b += 1) {
        const c0 = await threadTime();
        const ms = await page.evaluate((n) => window.__fdBench.batch(n), name);
        const c1 = await threadTime();
        const calls = setup.passes[name] * setup.calls;
        wall.push((ms * 1e3) / calls);
        if (c0 !== null && c1 !== null) cpu.push(((c1 - c0) * 1e6) / calls);
        if (nativeSample && name === 'wrapper') nativeCpuUs.push(nativeSample());
      }
      perCall[name] = { wallUs: wall, cpuUs: cpu };
    }
    if (nativeSample && perCall.wrapper.cpuUs.length === nativeCpuUs.length) {
      perCall.paired = { nativeCpuUs, ratios: perCall.wrapper.cpuUs.map((us, i) => us / nativeCpuUs[i]) };
    }

    const memory = await page.evaluate(async (sessions) => {
      const { bundle, parsed } = window.__fdBench;
      const { createCore } = await import('./frontdoor-core.js');
      // A session is one answer path from no facts to its outcome.
      const paths = [];
      let current = [];
      for (const r of parsed) {
        if (Object.keys(r.facts).length === 0 && current.length) { paths.push(current); current = []; }
        current.push(r);
      }
      if (current.length) paths.push(current);
      const fresh = await createCore({});
      if (!fresh.load(bundle.files).ok) throw new Error('second load failed');
      const bytes = () => fresh.module.HEAPU8.buffer.byteLength;
      const afterLoad = bytes();
      const runSession = (i) => {
        for (const r of paths[i % paths.length]) {
          const answer = fresh.call(r);
          if (!answer.ok) throw new Error(`session ${i}: ${JSON.stringify(answer)}`);
        }
      };
      runSession(0);
      const afterFirst = bytes();
      const t0 = performance.now();
      for (let i = 1; i < sessions; i += 1) runSession(i);
      return { afterLoad, afterFirst, afterAll: bytes(), sessions, paths: paths.length, seconds: (performance.now() - t0) / 1e3 };
    }, sessions);
    return { perCall, calls: setup.calls, memory };
  } finally {
    await context.close();
  }
}

/**
 * Where the first question's time goes: main-thread CPU time (CDP ThreadTime, not inflated by
 * other processes; measured without slowdown) of each step the element takes after it is
 * connected, in fresh contexts: compile + instantiate the wasm, the first load of the data
 * (lazy compilation of the code it runs included), a second load, the first route.
 */
export async function firstLoadCpu(browser, url, runs = 5) {
  const rows = [];
  for (let i = 0; i < runs; i += 1) {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(url + 'index.html');
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable', { timeDomain: 'threadTicks' }).catch(() => cdp.send('Performance.enable'));
      const tt = async () => (await cdp.send('Performance.getMetrics')).metrics.find((x) => x.name === 'ThreadTime')?.value ?? NaN;
      await page.evaluate(async () => {
        window.__fdModule = await import('./frontdoor-core.js');
        window.__fdBundle = await (await fetch('frontdoor-data.json')).json();
      });
      const steps = {
        createCore: () => window.__fdModule.createCore({}).then((c) => { window.__fdCore = c; }),
        firstLoad: () => { if (!window.__fdCore.load(window.__fdBundle.files).ok) throw new Error('load failed'); },
        secondLoad: () => { window.__fdCore.load(window.__fdBundle.files); },
        firstRoute: () => { window.__fdCore.route({}, '2026-11-27T10:00:00Z'); },
      };
      const row = {};
      for (const name of Object.keys(steps)) {
        const c0 = await tt();
        await page.evaluate(`(${steps[name].toString()})()`);
        const c1 = await tt();
        row[name] = (c1 - c0) * 1e3;
      }
      rows.push(row);
    } finally {
      await context.close();
    }
  }
  const out = {};
  for (const name of Object.keys(rows[0])) out[name] = stats(rows.map((r) => r[name]));
  return out;
}

export async function runBrowserBenchmarks({ dist, requests, loads = 20, sessions = 10000, nativeSample = null, log = () => {} }) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const server = await startDemo(dist);
  try {
    const version = browser.version();
    log(`chromium ${version}: first question, ${loads} cold loads at ${CPU_SLOWDOWN}x slowdown`);
    const first = await firstQuestion(browser, server.url, loads);
    log(`core ready: 10 cold loads on slow 4G (${SLOW_4G.downloadKbps / 1000} Mbps, ${SLOW_4G.rttMs} ms RTT) at ${CPU_SLOWDOWN}x slowdown`);
    const ready = await coreReady(browser, server.url, 10);
    log('answer → next screen at 4x slowdown, and without slowdown');
    const answer = await answerToScreen(browser, server.url);
    const answerUnthrottled = await answerToScreen(browser, server.url, 40, 1);
    const answerBackToBack = await answerToScreen(browser, server.url, 60, CPU_SLOWDOWN, 0);
    log('first load, main-thread CPU time');
    const firstLoad = await firstLoadCpu(browser, server.url);
    log(`wasm route per call, memory over ${sessions} sessions`);
    const wasm = await wasmRouteAndMemory(browser, server.url, requests, sessions, nativeSample);
    const pc = wasm.perCall;
    return { chromium: version, firstQuestion: first, coreReady: ready, answer, answerUnthrottled, answerBackToBack, firstLoad,
      wasmRoute: { calls: wasm.calls,
        wrapper: { wall: stats(pc.wrapper.wallUs), cpu: pc.wrapper.cpuUs.length ? stats(pc.wrapper.cpuUs) : null },
        abi: { wall: stats(pc.abi.wallUs), cpu: pc.abi.cpuUs.length ? stats(pc.abi.cpuUs) : null },
        paired: pc.paired ? { nativeCpu: stats(pc.paired.nativeCpuUs), ratio: stats(pc.paired.ratios) } : null },
      memory: wasm.memory };
  } finally {
    await server.close();
    await browser.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
  const dist = resolve(opt('--dist', join(ROOT, 'dist')));
  if (opt('--only', null) === 'answer') {
    // Only the answer measurement (at 4x, READ_MS between screens), `--runs` times in one browser:
    // a quick A/B check. Prints each run's stats and the slowest samples by kind of screen.
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const server = await startDemo(dist);
    try {
      const runs = Number(opt('--runs', 1));
      const samples = Number(opt('--samples', 60));
      const results = [];
      for (let i = 0; i < runs; i += 1) {
        const { samples: all, sampleKinds, ...rest } = await answerToScreen(browser, server.url, samples);
        const byKind = {};
        all.forEach((ms, j) => { (byKind[sampleKinds[j]] ||= []).push(ms); });
        const kindStats = Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, stats(v)]));
        results.push({ ...rest, byKind: kindStats });
        process.stderr.write(`run ${i + 1}: p95 ${rest.p95.toFixed(1)} ms, median ${rest.median.toFixed(1)} ms, max ${rest.max.toFixed(1)} ms; `
          + `${Object.entries(kindStats).map(([k, v]) => `${k} n=${v.n} median ${v.median.toFixed(1)} p95 ${v.p95.toFixed(1)}`).join('; ')}\n`);
      }
      process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    } finally {
      await server.close();
      await browser.close();
    }
    process.exit(0);
  }
  const requestsFile = opt('--requests', null);
  if (!requestsFile) {
    process.stderr.write('usage: node bench/browser.mjs --requests FILE (from frontdoor_bench --dump-requests) [--dist DIR] [--loads N] [--sessions N]\n'
      + '       node bench/browser.mjs --only answer [--dist DIR] [--runs N] [--samples N]   (the answer measurement alone)\n');
    process.exit(2);
  }
  const requests = JSON.parse(readFileSync(requestsFile, 'utf8'));
  const result = await runBrowserBenchmarks({ dist, requests, loads: Number(opt('--loads', 20)),
    sessions: Number(opt('--sessions', 10000)), log: (m) => process.stderr.write(`${m}\n`) });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
