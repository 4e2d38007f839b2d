/*! shopkeep loader: one <script> tag embeds the assistant (docs/embed.md).
 * Draws the launcher only; the widget (wasm, model, catalog) loads on first open. */
(function () {
  'use strict';
  var W = window, D = document;
  if (W.shopkeep && W.shopkeep.version) return;

  var VERSION = '0.1.0';
  var TAG = 'shopkeep-widget';
  var script = D.currentScript || D.querySelector('script[src*="shopkeep"][data-catalog]');
  var ds = (script && script.dataset) || {};
  var base = new URL('.', (script && script.src) || location.href).href;
  var page = function (u) { return new URL(u, D.baseURI).href; };

  function langOf(tag) {
    var p = String(tag || '').trim().split(/[-_]/)[0].toLowerCase();
    return p === 'zh' || p === 'cmn' || p === 'yue' ? 'zh' : p === 'en' ? 'en' : '';
  }
  var lang = langOf(ds.lang) || langOf(D.documentElement.lang) ||
    [].concat(navigator.languages || [], navigator.language || []).map(langOf).filter(Boolean)[0] || 'en';
  var zh = lang === 'zh';
  var T = {
    launcher: zh ? '打开购物助手' : 'Open the shop assistant',
    title: zh ? '购物助手' : 'Shop assistant',
    close: zh ? '关闭购物助手' : 'Close the shop assistant',
    loading: zh ? '购物助手加载中…' : 'Loading the assistant…',
    failed: zh ? '抱歉，购物助手暂时无法使用。您可以继续正常浏览和购物。' :
      'Sorry, the assistant is unavailable. You can keep shopping on this page as usual.',
    contact: zh ? '联系商家' : 'Contact the shop',
    retry: zh ? '重试' : 'Try again'
  };

  function safeLink(u) {
    if (!u) return '';
    try {
      var url = new URL(u, D.baseURI);
      return /^(https?|mailto|tel):$/.test(url.protocol) ? url.href : '';
    } catch (e) { return ''; }
  }

  var storageKey = 'shopkeep:v1:' + (ds.shop || location.host || 'local');
  var cfg = {
    catalogUrl: page(ds.catalog || 'catalog.json'),
    ordersUrl: page(ds.orders || 'orders.json'),
    policiesUrl: page(ds.policies || 'policies.json'),
    modelUrl: ds.model ? page(ds.model) : base + 'app/shopkeep.onnx',
    lang: ds.lang || 'auto',
    contact: safeLink(ds.contact),
    storageKey: storageKey,
    title: ds.title || '',
    open: false
  };
  var GLUE = base + 'app/shopkeep.js', WASM = base + 'app/shopkeep_bg.wasm', CSS = base + 'app/shopkeep.css';

  // launcher, panel frame, loading/error state; the chat's styles are app/shopkeep.css
  var STYLE =
    ':host{all:initial;display:block}' +
    '.sk{all:initial;font:400 15px/1.45 var(--shopkeep-font,system-ui,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif);color:#111827;' +
    '--b:var(--shopkeep-brand,#1d4ed8);--bt:var(--shopkeep-brand-text,#fff);--r:var(--shopkeep-radius,14px);--z:var(--shopkeep-z,2147483000);' +
    '--x:var(--shopkeep-offset-x,20px);--y:var(--shopkeep-offset-y,20px);--side-r:var(--x);--side-l:auto}' +
    '.sk[data-position=left]{--side-l:var(--x);--side-r:auto}' +
    '.sk *,.sk *::before,.sk *::after{box-sizing:border-box;font:inherit}' +
    '[hidden]{display:none!important}' +
    '.launcher{position:fixed;right:var(--side-r);left:var(--side-l);bottom:var(--y);z-index:var(--z);width:56px;height:56px;border-radius:50%;border:0;margin:0;padding:0;' +
    'display:flex;align-items:center;justify-content:center;background:var(--b);color:var(--bt);cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.28)}' +
    '.sk :focus-visible{outline:3px solid #111827;outline-offset:2px}.head :focus-visible{outline-color:#fff;outline-offset:-3px}' +
    '.launcher svg{width:28px;height:28px;fill:currentColor}' +
    '.panel{position:fixed;right:var(--side-r);left:var(--side-l);bottom:calc(var(--y) + 68px);z-index:var(--z);width:min(390px,calc(100vw - 2 * var(--x)));' +
    'height:min(640px,calc(100dvh - var(--y) - 100px));display:flex;flex-direction:column;overflow:hidden;' +
    'background:#fff;color:#111827;border-radius:var(--r);box-shadow:0 12px 40px rgba(0,0,0,.3);border:1px solid #d1d5db}' +
    '.head{display:flex;align-items:center;gap:8px;padding:12px 12px 12px 16px;background:var(--b);color:var(--bt);flex:none}' +
    '.head h2{margin:0;flex:1;font-size:16px;font-weight:600;line-height:1.3;color:inherit}' +
    '.icon-btn{flex:none;display:inline-flex;align-items:center;justify-content:center;min-width:36px;height:36px;padding:0 8px;border:0;margin:0;border-radius:8px;background:transparent;color:inherit;cursor:pointer;font-size:14px}' +
    '.icon-btn:hover{background:rgba(255,255,255,.16)}.icon-btn svg{width:20px;height:20px;fill:currentColor}' +
    '.status{flex:1;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:14px;padding:24px;text-align:center;color:#374151}' +
    '.spin{width:32px;height:32px;border-radius:50%;border:3px solid #d1d5db;border-top-color:var(--b);animation:sk-spin .8s linear infinite}' +
    '@keyframes sk-spin{to{transform:rotate(360deg)}}@media (prefers-reduced-motion:reduce){.spin{animation-duration:3s}}' +
    '.status a,.status button{color:#1d4ed8;text-decoration:underline;background:none;border:0;padding:4px;cursor:pointer}' +
    '.sr-only{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}' +
    '@media (max-width:480px){.panel{inset:var(--sk-vt,0px) 0 auto 0;width:100%;height:var(--sk-vh,100dvh);border-radius:0;border:0}' +
    '.sk[data-open] .launcher{display:none}}';

  var ICON_CHAT = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01z"/></svg>';
  var ICON_CLOSE = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z"/></svg>';

  function noop() {}

  function el(tag, attrs, text) {
    var e = D.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text) e.textContent = text;
    return e;
  }

  var host, shadow, root, launcher, boot, widget, loadP, startP, lastCart = null;

  function emit(name, detail) {
    var target = host || D;
    target.dispatchEvent(new CustomEvent(name, { detail: detail, bubbles: true, composed: true }));
  }

  // keeps the mobile panel above the on-screen keyboard
  function viewport() {
    var v = W.visualViewport;
    if (v && host) {
      host.style.setProperty('--sk-vh', v.height + 'px');
      host.style.setProperty('--sk-vt', v.offsetTop + 'px');
    }
  }

  function build() {
    if (!customElements.get(TAG)) customElements.define(TAG, class extends HTMLElement {});
    host = D.createElement(TAG);
    shadow = host.attachShadow({ mode: 'open' });
    root = el('div', { 'class': 'sk', lang: lang, 'data-position': ds.position === 'left' ? 'left' : 'right' });
    launcher = el('button', {
      type: 'button', 'class': 'launcher', id: 'sk-launcher', 'aria-label': T.launcher,
      'aria-haspopup': 'dialog', 'aria-expanded': 'false', 'aria-controls': 'sk-panel'
    });
    launcher.innerHTML = ICON_CHAT;
    root.append(launcher);
    try { // no 'unsafe-inline' needed in the shop's CSP
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLE);
      shadow.adoptedStyleSheets = [sheet];
    } catch (e) {
      var style = el('style');
      style.textContent = STYLE;
      shadow.append(style);
    }
    shadow.append(root);
    launcher.addEventListener('click', function () { widget ? widget.toggle() : boot && !boot.hidden ? closeBoot() : api.open().catch(noop); });
    if (ds.prefetch !== 'none') {
      ['pointerenter', 'focus'].forEach(function (ev) {
        launcher.addEventListener(ev, function () { load().catch(noop); }, { once: true, passive: true });
      });
    }
    host.addEventListener('shopkeep:cart-change', function (e) { lastCart = e.detail; });
    if (W.visualViewport) {
      W.visualViewport.addEventListener('resize', viewport);
      W.visualViewport.addEventListener('scroll', viewport);
    }
    viewport();
    D.body.appendChild(host);

    // the shop's cart badge is right after a reload, without downloading the widget
    try {
      var saved = JSON.parse(W.localStorage.getItem(storageKey + ':cart'));
      if (saved && typeof saved === 'object') {
        lastCart = saved;
        var tell = function () { setTimeout(function () { if (!widget) emit('shopkeep:cart-change', saved); }); };
        D.readyState === 'loading' ? D.addEventListener('DOMContentLoaded', tell, { once: true }) : tell();
      }
    } catch (e) { /* no storage */ }

    if (ds.prefetch === 'idle') {
      var idle = W.requestIdleCallback || function (f) { return setTimeout(f, 1500); };
      var warm = function () { idle(function () { start().catch(noop); }, { timeout: 10000 }); };
      D.readyState === 'complete' ? warm() : W.addEventListener('load', warm, { once: true });
    }
  }

  function load() {
    if (!loadP) {
      loadP = import(GLUE).then(function (m) {
        return m.default({ module_or_path: WASM }).then(function () { return m; });
      });
      loadP.catch(function () { loadP = null; });
    }
    return loadP;
  }

  function loadCss() {
    return new Promise(function (ok, fail) {
      var link = shadow.querySelector('link[rel=stylesheet]');
      if (link && link.sheet) return ok();
      if (link) link.remove();
      link = el('link', { rel: 'stylesheet', href: CSS });
      link.onload = function () { ok(); };
      link.onerror = function () { link.remove(); fail(new Error('could not load ' + CSS)); };
      shadow.insertBefore(link, root);
    });
  }

  // loading / error panel until the widget has mounted
  function showBoot() {
    if (!boot) {
      boot = el('div', { 'class': 'panel', id: 'sk-boot', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'sk-boot-title' });
      var head = el('div', { 'class': 'head' });
      var close = el('button', { type: 'button', 'class': 'icon-btn', 'aria-label': T.close });
      close.innerHTML = ICON_CLOSE;
      close.addEventListener('click', closeBoot);
      head.append(el('h2', { id: 'sk-boot-title' }, ds.title || T.title), close);
      boot.append(head, el('div', { 'class': 'status', role: 'status' }));
      boot.addEventListener('keydown', function (e) {
        if (e.key === 'Escape') { e.preventDefault(); closeBoot(); }
        if (e.key === 'Tab') {
          var f = boot.querySelectorAll('button,a[href]');
          var first = f[0], last = f[f.length - 1], a = shadow.activeElement;
          if (e.shiftKey && a === first) { e.preventDefault(); last.focus(); } else if (!e.shiftKey && a === last) { e.preventDefault(); first.focus(); }
        }
      });
      root.append(boot);
    }
    var st = boot.querySelector('.status');
    st.replaceChildren(el('div', { 'class': 'spin', 'aria-hidden': 'true' }), el('p', {}, T.loading));
    boot.setAttribute('aria-busy', 'true');
    boot.hidden = false;
    root.setAttribute('data-open', '');
    launcher.setAttribute('aria-expanded', 'true');
    launcher.setAttribute('aria-controls', 'sk-boot');
    boot.querySelector('button').focus();
  }

  function bootError() {
    if (!boot) return;
    var st = boot.querySelector('.status');
    var retry = el('button', { type: 'button' }, T.retry);
    retry.addEventListener('click', function () { api.open().catch(noop); });
    st.replaceChildren(el('p', {}, T.failed));
    if (cfg.contact) st.append(el('a', { href: cfg.contact, target: '_blank', rel: 'noopener' }, T.contact));
    st.append(retry);
    boot.removeAttribute('aria-busy');
  }

  function closeBoot() {
    cfg.open = false;
    if (boot) boot.hidden = true;
    root.removeAttribute('data-open');
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
  }

  function start() {
    if (widget) return Promise.resolve(widget);
    if (!startP) {
      startP = Promise.all([load(), loadCss()]).then(function (r) {
        widget = r[0].mount(root, launcher, host, cfg);
        if (boot) { boot.remove(); boot = null; }
        launcher.setAttribute('aria-controls', 'sk-panel');
        return widget;
      });
      startP.catch(function (e) {
        startP = null;
        bootError();
        emit('shopkeep:error', { stage: 'load', message: String((e && e.message) || e) });
        console.warn('shopkeep: the widget could not be loaded', e);
      });
    }
    return startP;
  }

  var api = {
    version: VERSION,
    open: function () {
      if (widget) { widget.open(); return Promise.resolve(); }
      cfg.open = true;
      showBoot();
      return start().then(function (w) { if (cfg.open) w.open(); });
    },
    close: function () { widget ? widget.close() : closeBoot(); },
    toggle: function () { return widget ? widget.toggle() : api.open(); },
    ask: function (text) {
      return api.open().then(function () { widget.ask(String(text)); });
    },
    get cart() { return lastCart; },
    get ready() { return !!widget && widget.is_ready(); }
  };
  W.shopkeep = api;

  D.body ? build() : D.addEventListener('DOMContentLoaded', build, { once: true });
})();
