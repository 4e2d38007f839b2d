// A tiny static file server for the built dist/ (the tests never use a dev server).
import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
};

/**
 * Serves `root` on 127.0.0.1 (port 0 = any free port). `routes` maps a URL path to
 * a function returning `{ status, type, body }` (test pages and fixtures).
 * Resolves to `{ url, close, requests }`; `requests` lists every path served.
 */
export function serve(root, { port = 0, routes = {} } = {}) {
  const requests = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let p = decodeURIComponent(url.pathname);
    requests.push(p);
    try {
      if (routes[p]) {
        const r = await routes[p](url);
        res.writeHead(r.status || 200, { 'content-type': r.type || 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(r.body);
        return;
      }
      if (p.endsWith('/')) p += 'index.html';
      const file = path.join(root, path.normalize(p).replace(/^(\.\.[/\\])+/, ''));
      if (!file.startsWith(path.resolve(root))) throw Object.assign(new Error('outside root'), { code: 'ENOENT' });
      const info = await stat(file);
      if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOENT' });
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
        'content-length': body.length,
        'cache-control': 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (e) {
      res.writeHead(e.code === 'ENOENT' ? 404 : 500, { 'content-type': 'text/plain' });
      res.end(e.code === 'ENOENT' ? 'not found' : 'error');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      resolve({
        url: `http://127.0.0.1:${actual}`,
        requests,
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
      });
    });
  });
}

// `node server.mjs [root] [port]`: serve a directory (default ../../dist on 8080).
if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(process.argv[2] || new URL('../../dist', import.meta.url).pathname);
  const s = await serve(root, { port: Number(process.argv[3] || 8080) });
  console.log(`serving ${root} on ${s.url}`);
}
