// Small HTTP hosts for the suite: a plain static file host (no API, no server logic beyond
// "unknown paths get index.html", as static hosts are set up for single-page apps), and a page
// on a third origin.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.csv': 'text/csv' };

/** Serves `dir` on 127.0.0.1:`port` (0: any); resolves to { url, requests, close }. */
export function staticHost(dir, port = 0) {
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push(`${req.method} ${path}`);
    const file = normalize(join(dir, path));
    let body;
    let type = TYPES[extname(file)] || 'application/octet-stream';
    try {
      if (!file.startsWith(dir) || path.endsWith('/')) throw new Error('dir');
      body = await readFile(file);
    } catch {
      if (path.startsWith('/api/')) { res.writeHead(404); res.end(); return; }
      body = await readFile(join(dir, 'index.html'));
      type = TYPES['.html'];
    }
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-cache' });
    res.end(body);
  });
  return listen(server, port, requests);
}

/** Serves fixed pages (path → html) on 127.0.0.1:`port`. */
export function pagesHost(pages, port = 0) {
  const requests = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    requests.push(`${req.method} ${path}`);
    const html = pages[path];
    res.writeHead(html ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html || 'not found');
  });
  return listen(server, port, requests);
}

function listen(server, port, requests) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: p } = server.address();
      resolve({ url: `http://127.0.0.1:${p}`, requests, close: () => new Promise((r) => server.close(r)) });
    });
  });
}
