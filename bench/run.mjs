// `make bench`: the shipped widget (dist/, from `trunk build --release`) in Debian's
// headless Chromium, with onnxruntime-web (wasm backend, 1 thread) measured in the
// same run as the reference. Writes bench/results.json; bench/report.mjs turns it
// into bench/RESULTS.md.
//
// Inputs: dist/ (built), target/bench/*.json (cargo run --release --example bench_data),
// target/bench/native.json (native figures, written by bench/native.sh).
// Every browser measurement runs RUNS times (default 3, env BENCH_RUNS); the
// results keep every run, the median run and the spread.
import { chromium } from 'playwright-core';
import http from 'node:http';
import os from 'node:os';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, statSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(here, '..');
// BENCH_DIST: measure another build (e.g. an A/B comparison); BENCH_ONLY: some steps only
const DIST = path.resolve(process.env.BENCH_DIST || path.join(REPO, 'dist'));
const ONLY = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',') : null;
const RESULTS = process.env.BENCH_OUT || path.join(here, 'results.json');
const DATA = path.join(REPO, 'target', 'bench');
const ORT_DIR = path.join(here, 'node_modules', 'onnxruntime-web', 'dist');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const RUNS = Math.max(3, Number(process.env.BENCH_RUNS || 3));
const COLD_OPENS = Math.max(RUNS, 5);
const PAIRS = Math.max(RUNS, 6);
const MIN_INFER = 2000;
const INFER_REPS = 8;
const t_start = Date.now();

// ---------------------------------------------------------------- statistics
const sorted = (xs) => [...xs].sort((a, b) => a - b);
function quantile(xs, q) {
  const s = sorted(xs);
  if (!s.length) return null;
  const i = (s.length - 1) * q, lo = Math.floor(i), hi = Math.ceil(i);
  return s[lo] + (s[hi] - s[lo]) * (i - lo);
}
const median = (xs) => quantile(xs, 0.5);
const r = (x, d = 2) => (x == null ? null : +x.toFixed(d));
/** Several runs of one measurement: the run with the median `key`, and the spread. */
function summarize(runs, key) {
  const vals = runs.map((x) => key(x));
  const mid = sorted(vals)[Math.floor((vals.length - 1) / 2)];
  const run = runs[vals.indexOf(mid)];
  return { median_run: run, spread: { min: r(Math.min(...vals), 3), max: r(Math.max(...vals), 3), runs: vals.map((v) => r(v, 3)) } };
}

// ---------------------------------------------------------------- server
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream', '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.webp': 'image/webp',
};
// cross-origin isolation gives the bench pages 5 µs timers instead of 100 µs
const ISOLATED = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
const MOUNTS = [['/ort/', ORT_DIR], ['/data/', DATA], ['/', DIST]];

function serve(pages) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const p = decodeURIComponent(url.pathname);
    if (pages[p]) {
      const isolated = p.startsWith('/bench/');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', ...(isolated ? ISOLATED : {}) });
      res.end(pages[p]);
      return;
    }
    const [prefix, root] = MOUNTS.find(([m]) => p.startsWith(m));
    let rel = p.slice(prefix.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.join(root, path.normalize(rel).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const body = readFileSync(file);
    // like a static host: no compression on localhost, revalidate (no-cache)
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'content-length': body.length, 'cache-control': 'no-cache' });
    res.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(() => ok()); }),
  })));
}

// ---------------------------------------------------------------- 1. weight
function weigh(file) {
  const body = readFileSync(file);
  return {
    raw: body.length,
    gzip: zlib.gzipSync(body, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } }).length,
  };
}
function weights() {
  const ours = [
    ['loader', 'shopkeep.js'], ['glue', 'app/shopkeep.js'], ['wasm', 'app/shopkeep_bg.wasm'], ['panel css', 'app/shopkeep.css'],
    ['model', 'app/shopkeep.onnx'], ['catalog', 'catalog.json'], ['orders', 'orders.json'], ['policies', 'policies.json'],
  ].map(([what, file]) => ({ what, file, ...weigh(path.join(DIST, file)) }));
  const sum = (rows) => rows.reduce((a, x) => ({ raw: a.raw + x.raw, gzip: a.gzip + x.gzip, brotli: a.brotli + x.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  const ort = [
    ['ort js (ort.wasm.min.mjs)', 'ort.wasm.min.mjs'], ['ort wasm glue', 'ort-wasm-simd-threaded.mjs'], ['ort wasm runtime', 'ort-wasm-simd-threaded.wasm'],
  ].map(([what, file]) => ({ what, file: 'onnxruntime-web/dist/' + file, ...weigh(path.join(ORT_DIR, file)) }));
  return {
    files: ours,
    first_open_total: sum(ours),
    before_open: ours[0],
    runtime_only: sum(ours.filter((x) => ['glue', 'wasm'].includes(x.what))),
    onnxruntime_web: { files: ort, runtime_total: sum(ort), with_our_model: sum([...ort, ours.find((x) => x.what === 'model')]) },
  };
}

// ---------------------------------------------------------------- browser pages
const INFER_PAGE = `<!doctype html><meta charset="utf-8"><title>inference</title><script type="module">
import init, { BenchModel } from '/app/shopkeep.js';
window.bench = async ({ batch, warmup, reps }) => {
  const T0 = performance.now();
  const wasm = await init({ module_or_path: '/app/shopkeep_bg.wasm' });
  const tInit = performance.now() - T0;
  const onnx = new Uint8Array(await (await fetch('/app/shopkeep.onnx', { cache: 'no-store' })).arrayBuffer());
  const messages = await (await fetch('/data/messages.json')).json();
  let t = performance.now();
  const tract = new BenchModel(onnx);
  const tractBuild = performance.now() - t;
  // onnxruntime-web: wasm backend, one thread, its default (full) graph optimisation
  t = performance.now();
  const ort = await import('/ort/ort.wasm.min.mjs');
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  ort.env.wasm.wasmPaths = '/ort/';
  const opts = { executionProviders: ['wasm'], graphOptimizationLevel: 'all' };
  const first = await ort.InferenceSession.create(onnx, opts);
  const ortFirst = performance.now() - t;
  t = performance.now();
  const session = await ort.InferenceSession.create(onnx, opts);
  const ortCreate = performance.now() - t;
  await first.release();
  const input = session.inputNames[0], output = session.outputNames[0];
  // the same feature vectors for both engines (our featuriser, in wasm)
  const ids = messages.map((m) => tract.featurize(m.text));
  const argmax = (p) => { let b = 0; for (let i = 1; i < p.length; i++) if (p[i] > p[b]) b = i; return b; };
  const runTract = (x) => tract.run(x);
  const runOrt = async (x) => (await session.run({ [input]: new ort.Tensor('int64', x, [x.length]) }))[output].data;
  for (let i = 0; i < warmup; i++) { runTract(ids[i % ids.length]); await runOrt(ids[i % ids.length]); }
  const times = { tract: new Array(ids.length), ort: new Array(ids.length) };
  const tops = { tract: new Array(ids.length), ort: new Array(ids.length) };
  let maxDiff = 0;
  const probs = new Array(ids.length);
  const wall = { tract: 0, ort: 0 };
  for (let b = 0, k = 0; b < ids.length; b += batch, k++) {
    const end = Math.min(ids.length, b + batch);
    // alternate which engine goes first in each pair of batches
    for (const engine of k % 2 ? ['ort', 'tract'] : ['tract', 'ort']) {
      const w0 = performance.now();
      for (let i = b; i < end; i++) {
        // REPS back-to-back runs of the message: the browser's timer is coarse (5–10 µs)
        let p;
        const s = performance.now();
        for (let k = 0; k < reps; k++) p = engine === 'tract' ? runTract(ids[i]) : await runOrt(ids[i]);
        times[engine][i] = ((performance.now() - s) * 1000) / reps;
        tops[engine][i] = argmax(p);
        if (probs[i]) { for (let j = 0; j < p.length; j++) maxDiff = Math.max(maxDiff, Math.abs(p[j] - probs[i][j])); probs[i] = null; }
        else probs[i] = p;
      }
      wall[engine] += performance.now() - w0;
    }
  }
  let agree = 0;
  for (let i = 0; i < ids.length; i++) if (tops.tract[i] === tops.ort[i]) agree++;
  const nIds = ids.map((x) => x.length);
  return {
    crossOriginIsolated, n: ids.length, times, agree, maxDiff, wall,
    mean_ids: nIds.reduce((a, x) => a + x, 0) / nIds.length, max_ids: Math.max(...nIds),
    tract_wasm_init_ms: tInit, tract_build_ms: tractBuild, ort_first_session_ms: ortFirst, ort_session_ms: ortCreate,
    wasm_memory_bytes: wasm.memory.buffer.byteLength,
  };
};
window.benchReady = true;
</script>`;

const ORT_COLD_PAGE = `<!doctype html><meta charset="utf-8"><title>ort cold</title><script type="module">
window.bench = async () => {
  const t0 = performance.now();
  const [ort, onnx] = await Promise.all([
    import('/ort/ort.wasm.min.mjs'),
    fetch('/app/shopkeep.onnx').then((r) => r.arrayBuffer()).then((b) => new Uint8Array(b)),
  ]);
  ort.env.wasm.numThreads = 1; ort.env.wasm.proxy = false; ort.env.wasm.wasmPaths = '/ort/';
  await ort.InferenceSession.create(onnx, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
  return performance.now() - t0;
};
window.benchReady = true;
</script>`;

const TRACT_COLD_PAGE = `<!doctype html><meta charset="utf-8"><title>tract cold</title><script type="module">
window.bench = async () => {
  const t0 = performance.now();
  const [m, onnx] = await Promise.all([
    import('/app/shopkeep.js').then((m) => m.default({ module_or_path: '/app/shopkeep_bg.wasm' }).then(() => m)),
    fetch('/app/shopkeep.onnx').then((r) => r.arrayBuffer()).then((b) => new Uint8Array(b)),
  ]);
  new m.BenchModel(onnx);
  return performance.now() - t0;
};
window.benchReady = true;
</script>`;

const SCALE_PAGE = `<!doctype html><meta charset="utf-8"><title>scale</title><script type="module">
import init, { BenchShop } from '/app/shopkeep.js';
window.bench = async (size) => {
  const wasm = await init({ module_or_path: '/app/shopkeep_bg.wasm' });
  const [catalog, policies, lookups] = await Promise.all([
    fetch('/data/catalog-' + size + '.json').then((r) => r.text()),
    fetch('/policies.json').then((r) => r.text()),
    fetch('/data/lookups-' + size + '.json').then((r) => r.json()),
  ]);
  const orders = '{"orders":[],"returns":[]}';
  const mem0 = wasm.memory.buffer.byteLength;
  const t0 = performance.now();
  const shop = new BenchShop(catalog, orders, policies);
  const load = performance.now() - t0;
  const times = [];
  let hits = 0;
  for (let pass = 0; pass < 2; pass++) {
    for (const q of lookups) {
      const s = performance.now();
      hits += shop.lookup(q);
      times.push(performance.now() - s);
    }
  }
  return {
    products: shop.products(), catalog_bytes: catalog.length, load_index_ms: load, lookup_ms: times, hits,
    wasm_memory_before: mem0, wasm_memory_bytes: wasm.memory.buffer.byteLength,
    js_heap_bytes: performance.memory ? performance.memory.usedJSHeapSize : null,
  };
};
window.benchReady = true;
</script>`;

const indexHtml = () => readFileSync(path.join(DIST, 'index.html'), 'utf8');
const LOADER_TAG = /<script src="shopkeep\.js"[^>]*><\/script>/;

async function page(browser, url, { isolated = false } = {}) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p = await ctx.newPage();
  const errors = [];
  p.on('pageerror', (e) => errors.push(e.message));
  p.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text()); });
  p.on('response', (res) => { if (res.status() >= 400 && !res.url().endsWith('/favicon.ico')) errors.push(`HTTP ${res.status()} ${res.url()}`); });
  await p.goto(url);
  if (isolated) await p.waitForFunction(() => window.benchReady === true);
  return { ctx, page: p, errors };
}

// ---------------------------------------------------------------- 2. inference
async function inference(browser, base) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const { ctx, page: p, errors } = await page(browser, base + '/bench/infer.html', { isolated: true });
    const x = await p.evaluate((o) => window.bench(o), { batch: 100, warmup: 200, reps: INFER_REPS });
    await ctx.close();
    if (errors.length) throw new Error('inference page: ' + errors.join('; '));
    const t = x.times.tract, o = x.times.ort;
    const ratios = t.map((v, j) => o[j] / Math.max(v, 1e-3));
    runs.push({
      messages: x.n, reps_per_message: INFER_REPS, cross_origin_isolated: x.crossOriginIsolated, mean_feature_ids: r(x.mean_ids, 1), max_feature_ids: x.max_ids,
      tract_us: { median: r(median(t), 1), p95: r(quantile(t, 0.95), 1), mean: r((x.wall.tract * 1000) / x.n / INFER_REPS, 1) },
      ort_us: { median: r(median(o), 1), p95: r(quantile(o, 0.95), 1), mean: r((x.wall.ort * 1000) / x.n / INFER_REPS, 1) },
      ratio_median: r(median(o) / median(t), 2), ratio_p95: r(quantile(o, 0.95) / quantile(t, 0.95), 2),
      per_message_ratio_median: r(median(ratios), 2),
      argmax_agreement: x.agree, argmax_agreement_pct: r((100 * x.agree) / x.n, 2), max_abs_prob_diff: x.maxDiff,
      tract_model_build_ms: r(x.tract_build_ms, 1), tract_wasm_init_ms: r(x.tract_wasm_init_ms, 1),
      ort_first_session_ms: r(x.ort_first_session_ms, 1), ort_session_create_ms: r(x.ort_session_ms, 1),
    });
  }
  return { ...summarize(runs, (x) => x.ratio_median), runs };
}

// ---------------------------------------------------------------- 3. cold start
async function coldStart(browser, base) {
  const opens = [];
  for (let i = 0; i < COLD_OPENS; i++) {
    // a fresh context: empty HTTP cache, no stored conversation
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const p = await ctx.newPage();
    const errors = [];
    p.on('pageerror', (e) => errors.push(e.message));
    await p.addInitScript(() => {
      window.__sk = {};
      addEventListener('click', () => { window.__sk.click ??= performance.now(); }, true);
      document.addEventListener('shopkeep:ready', () => { window.__sk.ready = performance.now(); });
    });
    await p.goto(base + '/');
    await p.waitForLoadState('networkidle');
    await p.locator('#sk-launcher').click();
    await p.waitForFunction(() => window.__sk.ready !== undefined, null, { timeout: 120000 });
    await p.locator('#sk-input:not([disabled])').waitFor();
    await p.waitForFunction(() => {
      const root = document.querySelector('shopkeep-widget').shadowRoot;
      return root.querySelectorAll('#sk-panel .msg.bot:not(.typing)').length > 0;
    });
    const x = await p.evaluate(() => {
      const c = window.__sk.click;
      const marks = Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('shopkeep:')).map((m) => [m.name.slice(9), m.startTime - c]));
      const res = Object.fromEntries(performance.getEntriesByType('resource')
        .filter((e) => /app\/|\.json|\.onnx/.test(e.name))
        .map((e) => [e.name.replace(location.origin + '/', ''), { start: e.startTime - c, end: e.responseEnd - c, bytes: e.encodedBodySize }]));
      return { ready: window.__sk.ready - c, usable: performance.now() - c, marks, resources: res };
    });
    await ctx.close();
    if (errors.length) throw new Error('cold start: ' + errors.join('; '));
    opens.push(x);
  }
  // onnxruntime-web reference: import + runtime download/compile + session on our model, cold
  const ortCold = [], tractCold = [];
  for (let i = 0; i < COLD_OPENS; i++) {
    for (const [pageUrl, out] of [['/bench/ort-cold.html', ortCold], ['/bench/tract-cold.html', tractCold]]) {
      const { ctx, page: p, errors } = await page(browser, base + pageUrl, { isolated: true });
      out.push(await p.evaluate(() => window.bench()));
      await ctx.close();
      if (errors.length) throw new Error(pageUrl + ': ' + errors.join('; '));
    }
  }
  const stage = (name) => r(median(opens.map((o) => o.marks[name]).filter((v) => v != null)), 1);
  return {
    opens: opens.length,
    click_to_ready_ms: { median: r(median(opens.map((o) => o.ready)), 1), min: r(Math.min(...opens.map((o) => o.ready)), 1), max: r(Math.max(...opens.map((o) => o.ready)), 1), runs: opens.map((o) => r(o.ready, 1)) },
    click_to_greeting_visible_ms: { median: r(median(opens.map((o) => o.usable)), 1) },
    stages_ms_after_click: {
      boot: stage('boot'), fetched: stage('fetched'), shop_indexed: stage('shop-indexed'), model_built: stage('model-built'), ready: stage('ready'),
    },
    resources_median_run: opens[opens.indexOf(opens.slice().sort((a, b) => a.ready - b.ready)[Math.floor((opens.length - 1) / 2)])].resources,
    reference_ort_cold_session_ms: { median: r(median(ortCold), 1), min: r(Math.min(...ortCold), 1), max: r(Math.max(...ortCold), 1), what: 'import ort.wasm.min.mjs + fetch/compile its wasm + fetch our model + InferenceSession.create, fresh context' },
    reference_tract_cold_model_ms: { median: r(median(tractCold), 1), min: r(Math.min(...tractCold), 1), max: r(Math.max(...tractCold), 1), what: 'same for tract: import our glue + fetch/compile our wasm + fetch the model + BenchModel (parse + optimise), fresh context' },
  };
}

// ---------------------------------------------------------------- 4. reply latency
async function replies(browser, base) {
  const messages = JSON.parse(readFileSync(path.join(DATA, 'replies.json'), 'utf8'));
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const p = await ctx.newPage();
    const errors = [];
    p.on('pageerror', (e) => errors.push(e.message));
    await p.goto(base + '/');
    await p.locator('#sk-launcher').click();
    await p.locator('#sk-input:not([disabled])').waitFor({ timeout: 120000 });
    await p.waitForFunction(() => !document.querySelector('shopkeep-widget').shadowRoot.querySelector('#sk-panel .typing, #sk-panel .loading'));
    const times = [];
    for (const m of messages) {
      await p.locator('#sk-input').fill(m.text);
      const wait = p.evaluate(() => new Promise((resolve) => {
        const root = document.querySelector('shopkeep-widget').shadowRoot;
        const last = () => { const b = root.querySelectorAll('#sk-panel .msg.bot:not(.typing)'); return b.length ? Number(b[b.length - 1].dataset.id) : -1; };
        const before = last();
        let t0 = null;
        root.addEventListener('keydown', (e) => { if (e.key === 'Enter') t0 = performance.now(); }, { capture: true, once: true });
        const obs = new MutationObserver(() => {
          if (t0 !== null && last() > before) { obs.disconnect(); resolve(performance.now() - t0); }
        });
        obs.observe(root.querySelector('#sk-panel .log'), { childList: true, subtree: true });
      }));
      await p.locator('#sk-input').press('Enter');
      times.push(await wait);
      await p.waitForFunction(() => !document.querySelector('shopkeep-widget').shadowRoot.querySelector('#sk-panel .typing'));
    }
    await ctx.close();
    if (errors.length) throw new Error('replies: ' + errors.join('; '));
    const conv = times.filter((_, j) => messages[j].source === 'conversation');
    runs.push({
      messages: times.length, en: messages.filter((m) => !/[\u3400-\u9fff]/.test(m.text)).length,
      p50: r(median(times)), p95: r(quantile(times, 0.95)), p99: r(quantile(times, 0.99)), max: r(Math.max(...times)),
      conversation_turns: { n: conv.length, p50: r(median(conv)), p95: r(quantile(conv, 0.95)) },
      slowest: times.map((t, j) => [t, messages[j].text]).sort((a, b) => b[0] - a[0]).slice(0, 5).map(([t, text]) => ({ ms: r(t), text })),
    });
  }
  return { ...summarize(runs, (x) => x.p95), runs };
}

// ---------------------------------------------------------------- 5. shop page before open
function traceAttribution(trace, loaderUrl) {
  const events = (JSON.parse(trace.toString('utf8')).traceEvents || []);
  const mainThreads = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const spans = [];
  for (const e of events) {
    if (e.ph !== 'X' || !mainThreads.has(`${e.pid}:${e.tid}`)) continue;
    const d = e.args?.data || {};
    const url = d.url || d.scriptName || d.stackTrace?.[0]?.url || '';
    if (url === loaderUrl && ['EvaluateScript', 'FunctionCall', 'v8.compile', 'TimerFire', 'EventDispatch', 'v8.evaluateModule', 'ParseHTML'].includes(e.name)) {
      spans.push([e.ts, e.ts + (e.dur || 0)]);
    }
  }
  spans.sort((a, b) => a[0] - b[0]);
  let total = 0, end = -Infinity;
  for (const [s, t] of spans) {
    if (t <= end) continue;
    total += t - Math.max(s, end);
    end = t;
  }
  return total / 1000;
}

async function shopPage(browser, base) {
  const pairs = [];
  for (let i = 0; i < PAIRS; i++) {
    const one = {};
    for (const variant of i % 2 ? ['without', 'with'] : ['with', 'without']) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const p = await ctx.newPage();
      await p.addInitScript(() => {
        window.__lt = [];
        try {
          new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lt.push({ start: e.startTime, dur: e.duration, name: e.name, attribution: e.attribution?.map((a) => a.containerSrc || a.name) }); })
            .observe({ type: 'longtask', buffered: true });
        } catch (e) { window.__lt = null; }
      });
      const cdp = await ctx.newCDPSession(p);
      await cdp.send('Performance.enable');
      await browser.startTracing(p, { categories: ['devtools.timeline'] });
      await p.goto(base + (variant === 'with' ? '/' : '/shop-without-loader.html'));
      await p.waitForLoadState('load');
      await p.waitForTimeout(1500);
      const trace = await browser.stopTracing();
      const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
      const longtasks = await p.evaluate(() => window.__lt);
      const hasLauncher = await p.evaluate(() => !!document.querySelector('shopkeep-widget'));
      const requests = await p.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name.replace(location.origin, '')));
      await ctx.close();
      one[variant] = {
        long_tasks: longtasks ? longtasks.length : null, long_task_ms: longtasks ? longtasks.reduce((a, x) => a + x.dur, 0) : null,
        task_ms: metrics.TaskDuration * 1000, script_ms: metrics.ScriptDuration * 1000, layout_ms: metrics.LayoutDuration * 1000,
        style_ms: metrics.RecalcStyleDuration * 1000,
        loader_script_ms: variant === 'with' ? traceAttribution(trace, base + '/shopkeep.js') : 0,
        launcher_drawn: hasLauncher, requests,
      };
    }
    pairs.push(one);
  }
  const w = pairs.map((x) => x.with), wo = pairs.map((x) => x.without);
  const widgetRequests = [...new Set(w.flatMap((x) => x.requests).filter((u) => /\/app\/|\.onnx/.test(u)))];
  return {
    page_loads_per_variant: pairs.length,
    with_loader: { long_tasks_max: Math.max(...w.map((x) => x.long_tasks)), main_thread_task_ms_median: r(median(w.map((x) => x.task_ms))) },
    without_loader: { long_tasks_max: Math.max(...wo.map((x) => x.long_tasks)), main_thread_task_ms_median: r(median(wo.map((x) => x.task_ms))) },
    long_tasks_attributable: Math.max(0, w.reduce((a, x) => a + x.long_tasks, 0) - wo.reduce((a, x) => a + x.long_tasks, 0)),
    long_tasks_total: { with: w.reduce((a, x) => a + x.long_tasks, 0), without: wo.reduce((a, x) => a + x.long_tasks, 0) },
    loader_script_ms: { median: r(median(w.map((x) => x.loader_script_ms))), max: r(Math.max(...w.map((x) => x.loader_script_ms))), how: 'trace: union of main-thread EvaluateScript/FunctionCall/compile/timer/event spans whose script is shopkeep.js' },
    main_thread_diff_ms: { median: r(median(pairs.map((x) => x.with.task_ms - x.without.task_ms))), how: 'CDP Performance TaskDuration, with minus without the tag, paired page loads (includes the launcher\'s style/layout); noisy' },
    widget_assets_requested_before_open: widgetRequests,
    launcher_drawn: w.every((x) => x.launcher_drawn),
    pairs: pairs.map((x) => ({ with: { ...x.with, requests: undefined }, without: { ...x.without, requests: undefined } })),
  };
}

// ---------------------------------------------------------------- 6. catalog scale (wasm)
async function scale(browser, base) {
  const out = {};
  for (const size of ['1k', '10k', '50k']) {
    if (!existsSync(path.join(DATA, `catalog-${size}.json`))) continue;
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      // a fresh page per run: wasm memory only grows, so each run starts from scratch
      const { ctx, page: p, errors } = await page(browser, base + '/bench/scale.html', { isolated: true });
      const x = await p.evaluate((s) => window.bench(s), size);
      await ctx.close();
      if (errors.length) throw new Error('scale: ' + errors.join('; '));
      runs.push({
        products: x.products, catalog_bytes: x.catalog_bytes, load_index_ms: r(x.load_index_ms, 1),
        lookups: x.lookup_ms.length, lookup_p50_ms: r(median(x.lookup_ms), 3), lookup_p95_ms: r(quantile(x.lookup_ms, 0.95), 3), lookup_max_ms: r(Math.max(...x.lookup_ms), 3),
        wasm_memory_mb: r(x.wasm_memory_bytes / 2 ** 20, 1), wasm_memory_before_mb: r(x.wasm_memory_before / 2 ** 20, 1), js_heap_mb: x.js_heap_bytes && r(x.js_heap_bytes / 2 ** 20, 1),
      });
    }
    out[size] = { ...summarize(runs, (x) => x.load_index_ms), runs };
  }
  return out;
}

// ---------------------------------------------------------------- machine, versions
function sh(cmd, args) {
  try { return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { return null; }
}
function machine(browserVersion) {
  const cpus = os.cpus();
  const pkg = (name) => { try { return JSON.parse(readFileSync(path.join(here, 'node_modules', name, 'package.json'), 'utf8')).version; } catch { return null; } };
  const model = readFileSync(path.join(DIST, 'app/shopkeep.onnx'));
  return {
    cpu: cpus[0]?.model, cores: cpus.length, memory_gb: r(os.totalmem() / 2 ** 30, 1), os: `${os.type()} ${os.release()}`, load_average_at_start: os.loadavg().map((x) => r(x, 2)),
    versions: {
      rustc: sh('rustc', ['--version']), trunk: sh('trunk', ['--version']), wasm_bindgen: sh('wasm-bindgen', ['--version']),
      chromium: browserVersion, node: process.version, onnxruntime_web: pkg('onnxruntime-web'), playwright_core: pkg('playwright-core'),
      shopkeep_commit: sh('git', ['-C', REPO, 'rev-parse', '--short', 'HEAD']), worktree_dirty: !!sh('git', ['-C', REPO, 'status', '--porcelain', '--untracked-files=no']),
    },
    model: { bytes: model.length, sha256: crypto.createHash('sha256').update(model).digest('hex').slice(0, 16) },
  };
}

// ---------------------------------------------------------------- main
async function main() {
  for (const need of [path.join(DIST, 'shopkeep.js'), path.join(DATA, 'messages.json'), ORT_DIR, CHROMIUM]) {
    if (!existsSync(need)) throw new Error(`${need} is missing: run \`make bench\``);
  }
  const msgs = JSON.parse(readFileSync(path.join(DATA, 'messages.json'), 'utf8'));
  if (msgs.length < MIN_INFER) throw new Error(`only ${msgs.length} inference messages (need ${MIN_INFER})`);
  const pages = {
    '/bench/infer.html': INFER_PAGE, '/bench/ort-cold.html': ORT_COLD_PAGE, '/bench/tract-cold.html': TRACT_COLD_PAGE, '/bench/scale.html': SCALE_PAGE,
  };
  const server = await serve(pages);
  // the demo shop without the loader tag (same headers as dist/index.html)
  const shopWithout = indexHtml().replace(LOADER_TAG, '');
  if (shopWithout === indexHtml()) throw new Error('the loader tag was not found in dist/index.html');
  pages['/shop-without-loader.html'] = shopWithout;
  const browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const results = { generated_at: new Date().toISOString(), runs_per_measurement: RUNS, machine: machine(browser.version()) };
  const step = async (name, fn) => {
    if (ONLY && !ONLY.includes(name)) return;
    const t = Date.now();
    process.stdout.write(`bench: ${name} … `);
    results[name] = await fn();
    console.log(`${((Date.now() - t) / 1000).toFixed(1)} s`);
  };
  try {
    results.weight = weights();
    await step('shop_page_before_open', () => shopPage(browser, server.url));
    await step('cold_start', () => coldStart(browser, server.url));
    await step('inference', () => inference(browser, server.url));
    await step('replies', () => replies(browser, server.url));
    await step('catalog_scale', () => scale(browser, server.url));
  } finally {
    await browser.close();
    await server.close();
  }
  const nativeFile = path.join(DATA, 'native.json');
  results.native = existsSync(nativeFile) ? JSON.parse(readFileSync(nativeFile, 'utf8')) : null;
  const sizeFile = path.join(DATA, 'wasm-profile.json');
  results.wasm_profile = existsSync(sizeFile) ? JSON.parse(readFileSync(sizeFile, 'utf8')) : null;
  results.browser_bench_seconds = r((Date.now() - t_start) / 1000, 1);
  if (process.env.BENCH_T0) results.total_seconds = Math.round(Date.now() / 1000 - Number(process.env.BENCH_T0));
  mkdirSync(here, { recursive: true });
  writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n');
  console.log(`bench: wrote ${path.relative(REPO, RESULTS)} (${results.browser_bench_seconds} s in the browser)`);
}

await main();
