// Demo storefront: renders catalog.json as a product grid and keeps the header's
// cart badge in sync with the assistant through the `shopkeep:cart-change` event.
// Everything from the catalog is inserted as text (textContent), never as HTML.
(function () {
  'use strict';
  var zh = /^zh/i.test(document.documentElement.lang);
  var L = zh ? {
    brand: '枫与苔', nav_shop: '商品', nav_help: '帮助', cart: '购物车',
    hero_title: '经久耐穿的户外与日常服饰', hero_text: '尺码、库存、配送或退货有疑问？问问我们的购物助手——中英文都可以，直接在浏览器里回答。',
    hero_ask: '问问购物助手', products: '全部商品', help_text: '30 天内免费退货，订单 1–2 个工作日内发货。',
    footer: 'shopkeep 演示商店', all: '全部', ask: '问问这件', out: '缺货', error: '无法加载商品列表。',
    askAbout: function (t) { return '介绍一下' + t; }, items: function (n) { return '购物车：' + n + ' 件商品'; }
  } : {
    all: 'All', ask: 'Ask about it', out: 'Out of stock', error: 'The product list could not be loaded.',
    askAbout: function (t) { return 'Tell me about the ' + t; }, items: function (n) { return 'Cart: ' + n + (n === 1 ? ' item' : ' items'); }
  };
  var lang = zh ? 'zh' : 'en';

  function text(loc) {
    if (!loc) return '';
    return (loc[lang] && loc[lang].trim()) || loc.en || loc.zh || '';
  }

  function money(minor, currency) {
    var digits = ['JPY', 'KRW'].indexOf(currency) >= 0 ? 0 : 2;
    try {
      return new Intl.NumberFormat(zh ? 'zh-CN' : 'en-US', { style: 'currency', currency: currency }).format(minor / Math.pow(10, digits));
    } catch (e) {
      return (minor / Math.pow(10, digits)).toFixed(digits) + ' ' + currency;
    }
  }

  function el(tag, cls, content) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (content != null) e.textContent = content;
    return e;
  }

  // --- cart badge: the shop theme's side of the integration --------------------
  function setBadge(cart) {
    var n = (cart && cart.item_count) || 0;
    document.getElementById('cart-count').textContent = String(n);
    document.getElementById('cart-badge').setAttribute('aria-label', L.items ? L.items(n) : '');
  }
  document.addEventListener('shopkeep:cart-change', function (e) { setBadge(e.detail); });

  function ask(q) {
    if (window.shopkeep) window.shopkeep.ask(q).catch(function () {});
  }

  function render(catalog) {
    var shop = catalog.shop || {};
    var name = text(shop.name);
    if (name) {
      document.querySelector('.brand').textContent = name;
      document.title = name + (zh ? ' — 演示商店' : ' — demo shop');
    }
    var grid = document.getElementById('grid');
    var filters = document.getElementById('filters');
    var cats = catalog.categories || [];
    var products = catalog.products || [];

    function show(cat) {
      grid.replaceChildren();
      products.filter(function (p) { return !cat || p.category === cat; }).forEach(function (p) {
        var li = el('li', 'product');
        var img = el('img');
        img.alt = '';
        img.loading = 'lazy';
        img.width = 320;
        img.height = 320;
        if (p.image) img.src = p.image;
        var title = el('h3', 'product-title', text(p.title));
        var prices = (p.variants || []).map(function (v) { return v.price; });
        var lo = Math.min.apply(null, prices), hi = Math.max.apply(null, prices);
        var price = el('p', 'product-price', money(lo, shop.currency) + (hi > lo ? ' – ' + money(hi, shop.currency) : ''));
        var stock = (p.variants || []).reduce(function (s, v) { return s + Math.max(0, v.stock || 0); }, 0);
        li.append(img, title, price);
        if (!stock) li.append(el('p', 'product-stock', L.out));
        var btn = el('button', 'product-ask', L.ask);
        btn.type = 'button';
        btn.setAttribute('aria-label', L.ask + ': ' + text(p.title));
        btn.addEventListener('click', function () { ask(L.askAbout(text(p.title))); });
        li.append(btn);
        grid.append(li);
      });
    }

    [{ id: '', name: null }].concat(cats).forEach(function (c) {
      var b = el('button', 'filter', c.id ? text(c.name) : L.all);
      b.type = 'button';
      b.setAttribute('aria-pressed', c.id ? 'false' : 'true');
      b.addEventListener('click', function () {
        filters.querySelectorAll('button').forEach(function (x) { x.setAttribute('aria-pressed', String(x === b)); });
        show(c.id);
      });
      filters.append(b);
    });
    show('');
  }

  function init() {
    if (zh) {
      document.querySelectorAll('[data-i18n]').forEach(function (n) {
        var k = n.getAttribute('data-i18n');
        if (typeof L[k] === 'string') n.textContent = L[k];
      });
    }
    setBadge(window.shopkeep && window.shopkeep.cart);
    document.getElementById('hero-ask').addEventListener('click', function () {
      if (window.shopkeep) window.shopkeep.open().catch(function () {});
    });
    fetch('catalog.json')
      .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
      .then(render)
      .catch(function () {
        var e = document.getElementById('catalog-error');
        e.textContent = L.error;
        e.hidden = false;
      });
  }

  document.readyState === 'loading' ? document.addEventListener('DOMContentLoaded', init) : init();
})();
