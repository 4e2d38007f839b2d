// End-to-end tests of the built dist/ in real headless Chromium (Debian's
// /usr/bin/chromium driven by playwright-core; no browser is ever downloaded).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launch, startServer, watch, openWidget, say, sel, shadowEval, OUT, DIST, REPO } from './harness.mjs';

const HOSTILE_CSS = 'div:empty{display:none} *{font-size:20px;box-sizing:content-box} button{all:unset}';
const indexHtml = () => readFileSync(path.join(DIST, 'index.html'), 'utf8');

// The demo catalog with hostile product text (the test catalog fixture).
const XSS_TITLE = 'Mug <img src=x onerror=alert(1)>';
function xssCatalog() {
  const catalog = JSON.parse(readFileSync(path.join(DIST, 'catalog.json'), 'utf8'));
  const mug = catalog.products.find((p) => p.id === 'stoneware-mug');
  mug.title = { en: XSS_TITLE, zh: XSS_TITLE };
  mug.description = { en: '<script>alert(4)</script> A mug.', zh: '<b onmouseover=alert(5)>杯子</b>' };
  return JSON.stringify(catalog);
}

// The demo shop's data decides the journey's words (see www/catalog.json, www/orders.json).
const JOURNEY = JSON.parse(readFileSync(new URL('./fixtures/journey.json', import.meta.url), 'utf8'), (k, v) =>
  typeof v === 'string' && v.startsWith('/') && v.endsWith('/i') ? new RegExp(v.slice(1, -2), 'i') : v);

let browser, server;
const allProblems = [];

before(async () => {
  browser = await launch();
  server = await startServer({
    // the demo page with a hostile shop stylesheet
    '/hostile.html': () => ({ body: indexHtml().replace('</head>', `<style>${HOSTILE_CSS}</style></head>`) }),
    // the XSS catalog fixture
    '/xss-catalog.json': () => ({ type: 'application/json', body: xssCatalog() }),
    '/xss.html': () => ({ body: indexHtml().replace('data-catalog="catalog.json"', 'data-catalog="xss-catalog.json"') }),
    // a page whose model URL is wrong
    '/no-model.html': () => ({ body: indexHtml().replace('data-lang="auto"', 'data-lang="auto" data-model="missing/shopkeep.onnx"') }),
    // a page whose widget bundle is missing (loader-level failure)
    '/no-wasm.html': () => ({ body: indexHtml().replace('src="shopkeep.js"', 'src="broken/shopkeep.js"') }),
    '/broken/shopkeep.js': () => ({ type: 'text/javascript', body: readFileSync(path.join(DIST, 'shopkeep.js')) }),
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh page (own storage) on `pathname`; problems collected for the final check. */
async function page(pathname = '/', { viewport = { width: 1280, height: 800 }, init, context } = {}) {
  const ctx = context || (await browser.newContext({ viewport }));
  if (init) await ctx.addInitScript(init);
  const p = await ctx.newPage();
  const problems = watch(p);
  await p.goto(server.url + pathname);
  return { p, ctx, problems };
}

function noProblems(problems, allowed = []) {
  const left = problems.filter((m) => !allowed.some((a) => a.test(m)));
  assert.deepEqual(left, [], 'no console errors, page errors or dialogs');
}

describe('shop page', () => {
  test('the loader is at most 5 KB gzipped', () => {
    const gz = gzipSync(readFileSync(path.join(DIST, 'shopkeep.js')), { level: 9 }).length;
    assert.ok(gz <= 5 * 1024, `shopkeep.js is ${gz} bytes gzipped`);
  });

  test('the page does not download the widget until the shopper opens it', async () => {
    const { p, ctx, problems } = await page('/');
    await p.locator('.product').first().waitFor();
    await p.waitForLoadState('networkidle');
    const fetched = server.requests.filter((r) => /app\/|\.onnx|orders\.json|policies\.json/.test(r));
    // the page itself renders the catalog, but nothing of the widget is fetched
    assert.deepEqual(fetched, [], 'no widget assets before opening');
    assert.equal(await p.locator(sel.launcher).getAttribute('aria-label'), 'Open the shop assistant');
    assert.equal(await p.locator(sel.launcher).getAttribute('aria-expanded'), 'false');
    noProblems(problems);
    await ctx.close();
  });
});

describe('shopping journey', () => {
  test('search, add with a size, cart, return policy, return, reload', async () => {
    const { p, ctx, problems } = await page('/');
    const events = [];
    await p.exposeFunction('__skEvent', (name, detail) => events.push({ name, detail }));
    await p.evaluate(() => {
      for (const n of ['shopkeep:ready', 'shopkeep:cart-change', 'shopkeep:error', 'shopkeep:open', 'shopkeep:close']) {
        document.addEventListener(n, (e) => window.__skEvent(n, e.detail));
      }
    });
    const usableMs = await openWidget(p);
    console.log(`# launcher click → usable chat: ${usableMs} ms`);

    // a11y: dialog semantics, focus in the panel
    assert.equal(await p.locator(sel.panel).getAttribute('role'), 'dialog');
    assert.equal(await p.locator(sel.panel).getAttribute('aria-modal'), 'true');
    const labelledby = await p.locator(sel.panel).getAttribute('aria-labelledby');
    assert.ok((await p.locator(`#${labelledby}`).textContent()).trim().length > 0);
    assert.equal(await shadowEval(p, (root) => root.activeElement && root.activeElement.id), 'sk-input');
    assert.equal(await p.locator(sel.launcher).getAttribute('aria-expanded'), 'true');

    // 1. search with a price bound
    const search = await say(p, JOURNEY.search);
    const prices = await search.reply.locator('.card .price > span').allTextContents();
    assert.ok(prices.length > 0, `cards for "${JOURNEY.search}": ${search.text}`);
    for (const price of prices) assert.ok(parseFloat(price.replace(/[^0-9.]/g, '')) <= JOURNEY.maxPrice, `${price} within bound`);
    // the live region announces the reply
    assert.match(await p.locator(sel.live).textContent(), new RegExp(escape(search.text.slice(0, 20))));

    // 2. add a product with a size from its card
    const card = p.locator(sel.card).filter({ hasText: JOURNEY.product }).last();
    await card.locator('select').selectOption({ label: JOURNEY.variant });
    const beforeAdd = await lastId(p);
    await card.locator('button.add').click();
    await waitReplyAfter(p, beforeAdd);
    await p.locator(sel.cartToggle).waitFor();
    assert.match(await p.locator(sel.cartToggle).textContent(), /1 item/);
    await p.waitForFunction(() => document.getElementById('cart-count').textContent === '1');
    const cartEvent = events.filter((e) => e.name === 'shopkeep:cart-change').pop();
    assert.equal(cartEvent.detail.item_count, 1);
    assert.equal(cartEvent.detail.lines[0].variant, JOURNEY.variant);
    assert.equal(cartEvent.detail.lines[0].title, JOURNEY.product);

    // 3. view the cart
    const cart = await say(p, "what's in my cart?");
    assert.equal(await p.locator(sel.cartToggle).getAttribute('aria-expanded'), 'true');
    assert.ok(cart.text.length > 0);
    assert.equal(await p.locator('#sk-cart-lines li').count(), 1);

    // 4. the return policy
    const policy = await say(p, 'what is your return policy?');
    assert.match(policy.text, /\d+\s*days?/i);

    // 5. start a return
    let r = await say(p, JOURNEY.returnStart);
    for (const step of JOURNEY.returnSteps) {
      assert.match(r.text, step.expect, `return flow: ${r.text}`);
      r = await say(p, step.say);
    }
    assert.match(r.text, JOURNEY.returnDone, `return started: ${r.text}`);

    await p.screenshot({ path: path.join(OUT, 'journey-desktop.png') });

    // 6. reload: the cart badge is right before the widget loads, and the
    //    conversation and cart are back when it opens
    const requestsBefore = server.requests.length;
    await p.reload();
    await p.waitForFunction(() => document.getElementById('cart-count').textContent === '1');
    assert.equal(server.requests.slice(requestsBefore).filter((u) => /\.wasm|\.onnx/.test(u)).length, 0);
    await openWidget(p);
    assert.ok((await p.locator(sel.user).count()) >= 4, 'conversation restored');
    assert.match(await p.locator(sel.cartToggle).textContent(), /1 item/);
    const again = await say(p, "what's in my cart");
    assert.ok(again.text.length > 0);
    assert.equal(await p.locator('#sk-cart-lines li').count(), 1);

    assert.ok(events.some((e) => e.name === 'shopkeep:ready'));
    assert.ok(!events.some((e) => e.name === 'shopkeep:error'));
    noProblems(problems);
    await ctx.close();
  });

  test('keyboard: Esc closes and focus returns to the launcher; Tab stays in the panel', async () => {
    const { p, ctx, problems } = await page('/');
    await p.locator(sel.launcher).focus();
    await p.keyboard.press('Enter');
    await p.locator(`${sel.input}:not([disabled])`).waitFor({ timeout: 60000 });
    await p.waitForFunction(() => document.querySelector('shopkeep-widget').shadowRoot.activeElement?.id === 'sk-input');
    for (let i = 0; i < 25; i++) {
      await p.keyboard.press('Tab');
      const inside = await shadowEval(p, (root) => !!root.activeElement && !!root.activeElement.closest('#sk-panel'));
      assert.ok(inside, `focus stays in the dialog after ${i + 1} Tab`);
    }
    await p.keyboard.press('Shift+Tab');
    assert.ok(await shadowEval(p, (root) => !!root.activeElement?.closest('#sk-panel')));
    await p.keyboard.press('Escape');
    await p.locator(sel.panel).waitFor({ state: 'hidden' });
    assert.equal(await shadowEval(p, (root) => root.activeElement && root.activeElement.id), 'sk-launcher');
    assert.equal(await p.locator(sel.launcher).getAttribute('aria-expanded'), 'false');
    // the launcher reopens it with the keyboard
    await p.keyboard.press('Enter');
    await p.locator(sel.panel).waitFor({ state: 'visible' });
    noProblems(problems);
    await ctx.close();
  });

  test('JS API: shopkeep.ask() answers and Chinese switches the widget language', async () => {
    const { p, ctx, problems } = await page('/');
    await p.evaluate(() => window.shopkeep.ask('你好'));
    // the shopper spoke first: no greeting, the answer to 你好 comes in Chinese
    await p.waitForFunction(() => {
      const r = document.querySelector('shopkeep-widget').shadowRoot;
      return r.querySelectorAll('#sk-panel .msg.bot:not(.typing)').length >= 1 && !r.querySelector('#sk-panel .typing');
    }, null, { timeout: 60000 });
    assert.equal(await p.locator(sel.user).count(), 1);
    assert.match(await p.locator(sel.bot).last().textContent(), /[\u4e00-\u9fff]/);
    await p.waitForFunction(() => document.querySelector('shopkeep-widget').shadowRoot.querySelector('.sk').lang === 'zh');
    assert.equal(await p.locator(sel.launcher).getAttribute('aria-label'), '打开购物助手');
    assert.equal(await p.locator(sel.input).getAttribute('placeholder'), '询问商品、订单、退货…');
    await p.evaluate(() => window.shopkeep.close());
    await p.locator(sel.panel).waitFor({ state: 'hidden' });
    noProblems(problems);
    await ctx.close();
  });

  test('data-lang from <html lang>: a Chinese page gets a Chinese launcher', async () => {
    const { p, ctx, problems } = await page('/?lang=zh');
    assert.equal(await p.locator(sel.launcher).getAttribute('aria-label'), '打开购物助手');
    await openWidget(p);
    assert.equal(await p.locator('#sk-title').textContent(), '购物助手');
    noProblems(problems);
    await ctx.close();
  });
});

describe('robustness', () => {
  test('a hostile shop stylesheet does not break the widget', async () => {
    const { p, ctx, problems } = await page('/hostile.html');
    await openWidget(p);
    await say(p, JOURNEY.search);
    const look = await shadowEval(p, (root) => {
      const cs = (q) => getComputedStyle(root.querySelector(q));
      const box = (q) => root.querySelector(q).getBoundingClientRect();
      return {
        launcher: [box('#sk-launcher').width, box('#sk-launcher').height, cs('#sk-launcher').display],
        panelSizing: cs('#sk-panel').boxSizing,
        msgFont: cs('.msg.bot p').fontSize,
        inputFont: cs('#sk-input').fontSize,
        sendVisible: box('.send').width > 30 && cs('.send').display !== 'none',
        cards: root.querySelectorAll('.card').length,
        emptyDivsShown: [...root.querySelectorAll('div:empty')].every((d) => getComputedStyle(d).display !== 'none' || d.hidden),
      };
    });
    assert.deepEqual(look.launcher, [56, 56, 'flex']);
    assert.equal(look.panelSizing, 'border-box');
    assert.equal(look.msgFont, '15px');
    assert.equal(look.inputFont, '16px');
    assert.ok(look.sendVisible);
    assert.ok(look.cards > 0);
    // and the widget's CSS does not leak into the page
    const pageLink = await p.evaluate(() => getComputedStyle(document.querySelector('.nav a')).fontSize);
    assert.equal(pageLink, '20px', 'the shop stylesheet still applies to the shop (*{font-size:20px})');
    await p.screenshot({ path: path.join(OUT, 'hostile-css.png') });
    noProblems(problems);
    await ctx.close();
  });

  test('catalog and shopper text render as text (no XSS)', async () => {
    const { p, ctx, problems } = await page('/xss.html');
    await openWidget(p);
    const r = await say(p, 'do you have mugs?');
    const titles = await r.reply.locator('.card-title').allTextContents();
    assert.ok(titles.some((t) => t.includes(XSS_TITLE)), `literal title in ${JSON.stringify(titles)}`);
    await say(p, '<img src=x onerror=alert(2)><script>alert(3)</script>');
    assert.equal(await p.locator(sel.user).last().locator('p').textContent(), '<img src=x onerror=alert(2)><script>alert(3)</script>');
    const injected = await shadowEval(p, (root) => root.querySelectorAll('img[src="x"], script').length);
    assert.equal(injected, 0);
    await p.waitForTimeout(300);
    noProblems(problems); // includes: no alert() dialog
    await ctx.close();
  });

  test('storage that throws: the widget works in memory', async () => {
    const init = () => {
      Object.defineProperty(window, 'localStorage', {
        configurable: true,
        get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
      });
    };
    const { p, ctx, problems } = await page('/', { init });
    await openWidget(p);
    await say(p, JOURNEY.search);
    const card = p.locator(sel.card).filter({ has: p.locator('select') }).last();
    const before = await lastId(p);
    await card.locator('button.add').click();
    await waitReplyAfter(p, before);
    await p.waitForFunction(() => document.getElementById('cart-count').textContent === '1');
    noProblems(problems);
    await ctx.close();
  });

  test('corrupt stored data: the widget starts fresh', async () => {
    const init = () => {
      try {
        const key = 'shopkeep:v1:' + location.host;
        if (!sessionStorage.getItem('seeded')) {
          localStorage.setItem(key, '{"v":1,"entries":[{"from":"user"}], "cart": 7');
          localStorage.setItem(key + ':cart', '{not json');
          sessionStorage.setItem('seeded', '1');
        }
      } catch (e) { /* ignore */ }
    };
    const { p, ctx, problems } = await page('/', { init });
    await openWidget(p);
    const r = await say(p, 'hello');
    assert.ok(r.text.length > 0);
    noProblems(problems);
    await ctx.close();
  });

  test('model 404: error state with a contact link, the page keeps working', async () => {
    const { p, ctx, problems } = await page('/no-model.html');
    const errors = [];
    await p.exposeFunction('__skError', (d) => errors.push(d));
    await p.evaluate(() => document.addEventListener('shopkeep:error', (e) => window.__skError(e.detail)));
    await p.locator(sel.launcher).click();
    await p.locator(sel.error).waitFor({ timeout: 60000 });
    const text = await p.locator(sel.error).textContent();
    assert.match(text, /could not start/);
    const href = await p.locator(`${sel.error} a`).getAttribute('href');
    assert.match(href, /^mailto:/);
    assert.equal(await p.locator(sel.input).isDisabled(), true);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].stage, 'model');
    // the shop page still works
    await p.locator('.filter').nth(1).click();
    assert.ok((await p.locator('.product').count()) > 0);
    await p.keyboard.press('Escape');
    await p.locator(sel.panel).waitFor({ state: 'hidden' });
    await p.screenshot({ path: path.join(OUT, 'model-404.png') });
    noProblems(problems, [/Failed to load resource: the server responded with a status of 404/, /shopkeep: .*HTTP 404/]);
    await ctx.close();
  });

  test('widget bundle 404: the loader shows the error and the page keeps working', async () => {
    const { p, ctx, problems } = await page('/no-wasm.html');
    await p.locator(sel.launcher).click();
    await p.locator(`${sel.boot} a[href^="mailto:"]`).waitFor({ timeout: 30000 });
    assert.match(await p.locator(sel.boot).textContent(), /unavailable/);
    await p.keyboard.press('Escape');
    await p.locator(sel.boot).waitFor({ state: 'hidden' });
    assert.equal(await shadowEval(p, (root) => root.activeElement && root.activeElement.id), 'sk-launcher');
    await p.locator('.filter').nth(1).click();
    noProblems(problems, [/Failed to load resource: the server responded with a status of 404/, /Failed to fetch dynamically imported module/]);
    await ctx.close();
  });
});

describe('screenshots', () => {
  for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['mobile', { width: 390, height: 844 }]]) {
    test(`open widget, ${name} ${viewport.width}x${viewport.height}`, async () => {
      const context = await browser.newContext({ viewport, deviceScaleFactor: 1, isMobile: name === 'mobile', hasTouch: name === 'mobile' });
      const { p, problems } = await page('/', { context });
      await openWidget(p);
      await say(p, JOURNEY.search);
      const panel = await p.locator(sel.panel).boundingBox();
      if (name === 'mobile') {
        assert.deepEqual([panel.x, panel.y, panel.width, panel.height], [0, 0, 390, 844], 'full-screen panel');
      } else {
        assert.ok(panel.width <= 400 && panel.height <= 700);
      }
      const input = await p.locator(sel.input).boundingBox();
      assert.ok(input.y + input.height <= viewport.height, 'input is on screen');
      await p.screenshot({ path: path.join(OUT, `widget-${name}.png`) });
      noProblems(problems);
      await context.close();
    });
  }

  test('open widget in Chinese, mobile 390x844', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const { p, problems } = await page('/?lang=zh', { context });
    await openWidget(p);
    assert.equal(await p.locator('#sk-title').textContent(), '购物助手');
    const r = await say(p, '有没有卫衣');
    assert.match(r.text, /[\u4e00-\u9fff]/, 'the reply is in Chinese');
    await p.screenshot({ path: path.join(OUT, 'widget-mobile-zh.png') });
    noProblems(problems);
    await context.close();
  });
});

// ------------------------------------------------------------------ helpers

function escape(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function lastId(p) {
  return p.evaluate(() => {
    const bots = document.querySelector('shopkeep-widget').shadowRoot.querySelectorAll('#sk-panel .msg.bot:not(.typing)');
    return bots.length ? Number(bots[bots.length - 1].dataset.id) : -1;
  });
}

async function waitReplyAfter(p, id) {
  await p.waitForFunction((n) => {
    const r = document.querySelector('shopkeep-widget').shadowRoot;
    const bots = r.querySelectorAll('#sk-panel .msg.bot:not(.typing)');
    return bots.length && Number(bots[bots.length - 1].dataset.id) > n && !r.querySelector('.typing');
  }, id, { timeout: 30000 });
}

void REPO;
