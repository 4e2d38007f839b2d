// Where the time goes: a V8 CPU profile (CDP Profiler, 100 µs sampling) of the widget's
// cold start (launcher click → ready) and of replies, summarised by self time per
// function. Use a bundle whose wasm keeps its name section, or wasm frames are
// anonymous: node bench/profile.mjs DIST_DIR [replies]
//   DIST_DIR: dist/ with app/shopkeep_bg.wasm + app/shopkeep.js from a names build
//   (CARGO_PROFILE_RELEASE_WEB_STRIP=false cargo build … ; wasm-bindgen --target web).
import { chromium } from 'playwright-core';
import http from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { demangle } from './wasm-profile.mjs';

const root = path.resolve(process.argv[2] || 'dist');
const nReplies = Number(process.argv[3] || 100);
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm' };
const server = http.createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (p.endsWith('/')) p += 'index.html';
  const f = path.join(root, path.normalize(p));
  if (!f.startsWith(root) || !existsSync(f) || !statSync(f).isFile()) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { 'content-type': TYPES[path.extname(f)] || 'application/octet-stream', 'cache-control': 'no-cache' });
  res.end(readFileSync(f));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}`;

function summarize(profile, top = 25) {
  const self = new Map();
  const dt = new Map();
  const { nodes, samples, timeDeltas } = profile;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  samples.forEach((id, i) => dt.set(id, (dt.get(id) || 0) + (timeDeltas[i] || 0)));
  let total = 0;
  for (const [id, us] of dt) {
    const n = byId.get(id);
    const name = demangle(n.callFrame.functionName || '(anonymous)') + (n.callFrame.url && !/wasm/.test(n.callFrame.url) ? ` ${n.callFrame.url.split('/').pop()}` : '');
    if (name === '(idle)' || name === '(program)') continue;
    self.set(name, (self.get(name) || 0) + us);
    total += us;
  }
  return { total_ms: total / 1000, top: [...self].sort((a, b) => b[1] - a[1]).slice(0, top).map(([n, us]) => [+(us / 1000).toFixed(2), n.slice(0, 140)]) };
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
const ctx = await browser.newContext();
const page = await ctx.newPage();
const cdp = await ctx.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await page.goto(base + '/');
await page.waitForLoadState('networkidle');
await cdp.send('Profiler.start');
await page.locator('#sk-launcher').click();
await page.locator('#sk-input:not([disabled])').waitFor({ timeout: 120000 });
const cold = summarize((await cdp.send('Profiler.stop')).profile);
console.log(`== cold start: ${cold.total_ms.toFixed(1)} ms of samples (self time, ms)`);
for (const [ms, n] of cold.top) console.log(`${String(ms).padStart(8)}  ${n}`);

const msgs = JSON.parse(readFileSync(path.resolve(path.dirname(new URL(import.meta.url).pathname), '../target/bench/replies.json'), 'utf8')).slice(0, nReplies);
await cdp.send('Profiler.start');
for (const m of msgs) {
  await page.locator('#sk-input').fill(m.text);
  await page.locator('#sk-input').press('Enter');
  await page.waitForFunction(() => !document.querySelector('shopkeep-widget').shadowRoot.querySelector('#sk-panel .typing'));
}
const rep = summarize((await cdp.send('Profiler.stop')).profile, 40);
console.log(`\n== ${msgs.length} replies: ${rep.total_ms.toFixed(1)} ms of samples (self time, ms)`);
for (const [ms, n] of rep.top) console.log(`${String(ms).padStart(8)}  ${n}`);
await browser.close();
server.close();
