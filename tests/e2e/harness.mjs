// Shared helpers: the browser (Debian's /usr/bin/chromium only), the served dist/,
// console-error collection and chat actions.
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(here, '../..');
export const DIST = path.join(REPO, 'dist');
export const OUT = process.env.SHOPKEEP_E2E_OUT || path.join(REPO, 'target', 'e2e');

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

export async function launch() {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run .ci/install-test-deps.sh`);
  if (!existsSync(path.join(DIST, 'shopkeep.js'))) throw new Error('dist/ is not built: run `trunk build --release`');
  mkdirSync(OUT, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

export function startServer(routes = {}) {
  return serve(DIST, { routes });
}

/** Collects console errors, page errors and JS dialogs (alert = XSS) of a page. */
export function watch(page) {
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console.error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', async (d) => { problems.push(`dialog: ${d.type()} ${d.message()}`); await d.dismiss(); });
  return problems;
}

export const sel = {
  launcher: '#sk-launcher',
  panel: '#sk-panel',
  input: '#sk-input',
  bot: '#sk-panel .msg.bot:not(.typing)',
  user: '#sk-panel .msg.user',
  card: '#sk-panel .card',
  chip: '#sk-panel .chip',
  cartToggle: '#sk-cart-toggle',
  live: '#sk-panel [aria-live=polite]',
  error: '#sk-panel .status.error',
  boot: '#sk-boot',
};

/** Opens the widget and waits until the assistant has greeted (model loaded). */
export async function openWidget(page, { timeout = 60000 } = {}) {
  const t0 = Date.now();
  await page.locator(sel.launcher).click();
  await page.locator(`${sel.input}:not([disabled])`).waitFor({ timeout });
  await page.waitForFunction((s) => {
    const h = document.querySelector('shopkeep-widget');
    const r = h && h.shadowRoot;
    return r && r.querySelectorAll(s).length > 0 && !r.querySelector('#sk-panel .typing') && !r.querySelector('#sk-panel .loading');
  }, sel.bot, { timeout });
  return Date.now() - t0;
}

/** Sends a message with Enter and resolves with the new reply's text (and its ms). */
export async function say(page, text, { timeout = 30000 } = {}) {
  const before = await lastBotId(page);
  const input = page.locator(sel.input);
  await input.fill(text);
  const t0 = Date.now();
  await input.press('Enter');
  await page.waitForFunction(([s, n]) => {
    const r = document.querySelector('shopkeep-widget').shadowRoot;
    const bots = r.querySelectorAll(s);
    const last = bots.length ? Number(bots[bots.length - 1].dataset.id) : -1;
    return last > n && !r.querySelector('#sk-panel .typing');
  }, [sel.bot, before], { timeout, polling: 'raf' });
  const ms = Date.now() - t0;
  const reply = page.locator(sel.bot).last();
  return { text: (await reply.locator('p').first().textContent()) || '', ms, reply };
}

export async function lastBotId(page) {
  return page.evaluate((s) => {
    const r = document.querySelector('shopkeep-widget').shadowRoot;
    const bots = r.querySelectorAll(s);
    return bots.length ? Number(bots[bots.length - 1].dataset.id) : -1;
  }, sel.bot);
}

export async function shadowEval(page, fn, arg) {
  return page.evaluate(([src, a]) => {
    const root = document.querySelector('shopkeep-widget').shadowRoot;
    return new Function('root', 'arg', `return (${src})(root, arg);`)(root, a);
  }, [fn.toString(), arg]);
}
