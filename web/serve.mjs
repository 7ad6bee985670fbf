#!/usr/bin/env node
// A tiny static server for the demo and the browser tests (node:http only).
//   node web/serve.mjs DIR [PORT]      (PORT 0 or omitted = any free port)
// Binds 127.0.0.1, sends the CSP a council site would use, refuses anything outside DIR.
// Compresses like a council's server would: brotli (or gzip) when the request accepts it, from a
// FILE.br / FILE.gz next to the file when there is one, else made once and kept in memory.

import { createServer } from 'node:http';
import { createReadStream, existsSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** Worth compressing (images here are already compressed). */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg', '.txt']);

const ENCODERS = {
  br: (bytes) => promisify(brotliCompress)(bytes, {
    params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }),
  gzip: (bytes) => promisify(gzip)(bytes, { level: 9 }),
};

/**
 * The encoding to send for an Accept-Encoding header: br before gzip, none when neither is
 * accepted (q=0 refuses one; "*" accepts any not named).
 */
export function pickEncoding(header) {
  return acceptedEncodings(header)[0] || null;
}

/** The encodings an Accept-Encoding header allows, of br and gzip, best first. */
function acceptedEncodings(header) {
  const q = {};
  for (const item of String(header || '').split(',')) {
    const [name, ...params] = item.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q[name] = Number.isFinite(value) ? value : 0;
  }
  return ['br', 'gzip'].filter((encoding) => (encoding in q ? q[encoding] : q['*']) > 0);
}

function send(res, status, text, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(`${text}\n`);
}

/** A plain list of a folder's entries (used for a root without index.html). */
function listing(dir, urlPath) {
  const items = readdirSync(dir, { withFileTypes: true })
    .filter((d) => !d.name.startsWith('.'))
    .map((d) => (d.isDirectory() ? `${d.name}/` : d.name))
    .sort()
    .map((name) => `<li><a href="${encodeURI(name)}">${name.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</a></li>`);
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>${urlPath}</title><ul>${items.join('')}</ul></html>\n`;
}

/**
 * Starts the server.
 * @param {string} dir folder to serve
 * @param {number} [port=0] 0 = any free port
 * @param {{onSent?: (r: {path: string, status: number, bytes: number}) => void,
 *   headersFor?: (req: import('node:http').IncomingMessage) => Record<string, string> | undefined}} [options]
 *   onSent hears of every response once sent (bytes: the body as sent, compressed or not);
 *   headersFor gives headers to add to (or replace in) a response, e.g. the browser tests' `Date`
 * @returns {Promise<{url: string, port: number, close: () => Promise<void>}>}
 */
export function startServer(dir, port = 0, { onSent, headersFor } = {}) {
  const root = realpathSync(resolve(dir));
  // path + encoding → {key (size, mtime), bytes: Promise<Buffer>, done: Buffer once made}
  const compressed = new Map();
  const encode = (path, stats, encoding) => {
    const id = `${path}\0${encoding}`;
    const key = `${stats.size}:${stats.mtimeMs}`;
    const cached = compressed.get(id);
    if (cached && cached.key === key) return cached;
    const sidecar = `${path}.${encoding === 'br' ? 'br' : 'gz'}`;
    const entry = { key, done: null };
    entry.bytes = existsSync(sidecar) && statSync(sidecar).mtimeMs >= stats.mtimeMs
      ? Promise.resolve(readFileSync(sidecar))
      : ENCODERS[encoding](readFileSync(path));
    entry.bytes.then((bytes) => { entry.done = bytes; }, () => compressed.delete(id));
    compressed.set(id, entry);
    return entry;
  };
  /**
   * The best accepted encoding, without waiting for brotli at quality 11 (seconds for the wasm):
   * while it is being made, gzip (milliseconds) is sent when accepted.
   */
  const encoded = (path, stats, accepted) => {
    const entries = accepted.map((encoding) => ({ encoding, entry: encode(path, stats, encoding) }));
    const ready = entries.find((e) => e.entry.done);
    const chosen = ready || entries.find((e) => e.encoding === 'gzip') || entries[0];
    return chosen.entry.bytes.then((bytes) => ({ encoding: chosen.encoding, bytes }));
  };

  const server = createServer((req, res) => {
    if (onSent) {
      let bytes = 0;
      const write = res.write.bind(res);
      const end = res.end.bind(res);
      const count = (chunk) => { if (chunk && typeof chunk !== 'function') bytes += Buffer.byteLength(chunk); };
      res.write = (chunk, ...rest) => { count(chunk); return write(chunk, ...rest); };
      res.end = (chunk, ...rest) => { count(chunk); return end(chunk, ...rest); };
      res.on('finish', () => onSent({ path: String(req.url).split('?')[0], status: res.statusCode, bytes }));
    }
    const common = {
      'Content-Security-Policy': CSP,
      // Pages and the data bundle are always revalidated (new phone numbers and hours are seen at
      // once; the element trusts the Date of a fresh answer only: docs/web.md, "The clock"). The
      // script and the wasm may be kept a minute, as a council's server would keep static files:
      // the element's worker then reuses the page's copy of the script instead of asking again
      // (a round trip on a slow phone line, docs/benchmarks.md "core ready").
      'Cache-Control': /\.(js|mjs|wasm)$/i.test(String(req.url).split('?')[0]) ? 'max-age=60' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      ...(headersFor ? headersFor(req) : undefined),
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'method not allowed', { ...common, Allow: 'GET, HEAD' });
      return;
    }
    let urlPath;
    try {
      urlPath = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      send(res, 400, 'bad request', common);
      return;
    }
    // Checked on the raw request too: URL parsing already folds "/a/../b".
    const raw = String(req.url).split('?')[0];
    if (urlPath.includes('\0') || urlPath.split(/[\\/]/).includes('..') || /(^|[\\/])\.\.([\\/]|$)|%2e%2e/i.test(raw)) {
      send(res, 403, 'forbidden', common);
      return;
    }
    let path = resolve(root, `.${urlPath}`);
    if (path !== root && !path.startsWith(root + sep)) {
      send(res, 403, 'forbidden', common);
      return;
    }
    try {
      if (existsSync(path)) path = realpathSync(path);
      if (path !== root && !path.startsWith(root + sep)) {
        send(res, 403, 'forbidden', common);
        return;
      }
      let stats = existsSync(path) ? statSync(path) : null;
      if (stats && stats.isDirectory()) {
        if (!urlPath.endsWith('/')) {
          res.writeHead(301, { ...common, Location: `${encodeURI(urlPath)}/` });
          res.end();
          return;
        }
        const index = join(path, 'index.html');
        if (existsSync(index)) {
          path = index;
          stats = statSync(index);
        } else {
          const body = listing(path, urlPath);
          res.writeHead(200, { ...common, 'Content-Type': TYPES['.html'] });
          res.end(req.method === 'HEAD' ? undefined : body);
          return;
        }
      }
      if (!stats || !stats.isFile()) {
        send(res, 404, 'not found', common);
        return;
      }
      const ext = extname(path).toLowerCase();
      const type = TYPES[ext] || 'application/octet-stream';
      const etag = `W/"${stats.size.toString(36)}-${Math.floor(stats.mtimeMs).toString(36)}"`;
      common.ETag = etag;
      if (String(req.headers['if-none-match'] || '').split(/\s*,\s*/).includes(etag)) {
        res.writeHead(304, common);
        res.end();
        return;
      }
      const accepted = COMPRESSIBLE.has(ext) ? acceptedEncodings(req.headers['accept-encoding']) : [];
      if (accepted.length) {
        encoded(path, stats, accepted).then(({ encoding, bytes }) => {
          res.writeHead(200, {
            ...common, 'Content-Type': type, 'Content-Encoding': encoding, 'Content-Length': bytes.length, Vary: 'Accept-Encoding',
          });
          res.end(req.method === 'HEAD' ? undefined : bytes);
        }, () => send(res, 500, 'server error', common));
        return;
      }
      res.writeHead(200, {
        ...common,
        'Content-Type': type,
        'Content-Length': stats.size,
        ...(COMPRESSIBLE.has(ext) ? { Vary: 'Accept-Encoding' } : {}),
      });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      createReadStream(path).on('error', () => res.destroy()).pipe(res);
    } catch {
      send(res, 500, 'server error', common);
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      resolvePromise({
        url: `http://127.0.0.1:${actual}/`,
        port: actual,
        close: () => new Promise((done) => {
          server.closeAllConnections?.();
          server.close(() => done());
        }),
      });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, portText = '0'] = process.argv.slice(2);
  const port = Number(portText);
  if (!dir || !Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write('usage: node web/serve.mjs DIR [PORT]\n');
    process.exit(2);
  }
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    process.stderr.write(`serve: ${dir} is not a folder (run \`make web\` first?)\n`);
    process.exit(1);
  }
  startServer(dir, port).then(({ url }) => {
    const demo = existsSync(join(dir, 'demo', 'index.html')) ? `${url}demo/` : url;
    process.stdout.write(`Serving ${resolve(dir)} at ${demo}  (Ctrl+C to stop)\n`);
  }, (error) => {
    process.stderr.write(`serve: ${error.message}\n`);
    process.exit(1);
  });
}
