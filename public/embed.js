/* Onramp embed loader. Put
 *   <script src="https://signup.example/embed.js" data-partner="your-id"></script>
 * where the sign-up should appear (or add data-target="#element-id" to fill an element of yours).
 * It asks the sign-up service whether this page may embed it, creates the frame, sizes it to its
 * content, and dispatches DOM events on the container: onramp:ready, onramp:step, onramp:resize,
 * onramp:locale, onramp:completed, onramp:exit, onramp:error, onramp:funnel (event.detail is the
 * message) and onramp:message for each of them. When it cannot show the sign-up it dispatches
 * onramp:error with a code and shows the visitor a link that opens the sign-up in a new tab.
 * Messages are accepted only from the frame's window and the app's exact origin.
 * Reference: docs/embedding.md; types: docs/embed.d.ts. */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) { return; }
  var VERSION = 1;
  var TYPES = ['ready', 'step', 'resize', 'locale', 'completed', 'exit', 'error', 'funnel'];
  var REFUSED = ['unknown_partner', 'origin_not_allowed', 'ancestor_not_allowed'];
  var LOCALE_ERRORS = ['unsupported_locale', 'locale_locked'];
  var appOrigin = new URL(script.src).origin;
  var here = location.origin;
  var data = script.dataset;
  var partner = data.partner || '';
  var timeout = Math.min(120000, Math.max(1000, Number(data.timeout) || 15000));
  var presets = {};
  ['locale', 'plan', 'billing'].forEach(function (name) {
    if (data[name] && /^[a-z0-9-]{1,40}$/.test(data[name])) { presets[name] = data[name]; }
  });
  var TEXT = {
    en: ['The sign-up cannot be shown on this page.', 'Open the sign-up in a new tab'],
    de: ['Die Anmeldung kann auf dieser Seite nicht angezeigt werden.', 'Anmeldung in einem neuen Tab öffnen'],
    fr: ['L’inscription ne peut pas être affichée sur cette page.', 'Ouvrir l’inscription dans un nouvel onglet']
  };
  var lang = (presets.locale || document.documentElement.lang || 'en').slice(0, 2).toLowerCase();
  var text = TEXT[lang] || TEXT.en;

  var container = data.target ? document.querySelector(data.target) : null;
  if (!container) {
    container = document.createElement('div');
    script.parentNode.insertBefore(container, script.nextSibling);
  }
  container.classList.add('onramp-embed');

  var frame = null;
  var fallback = null;
  var readyDetail = null;
  var readyTimer = null;
  var locales = ['en', 'de', 'fr'];
  var currentLocale = null;
  var waiters = [];
  var versionReported = false;
  var settleReady;
  var ready = new Promise(function (resolve, reject) { settleReady = { resolve: resolve, reject: reject }; });
  ready.catch(function () { /* also reported as onramp:error */ });

  /* Events wait until the page has been parsed, so listeners added after this script hear them. */
  function later(fn) {
    if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', fn, { once: true }); } else { fn(); }
  }
  function dispatch(type, detail) {
    later(function () {
      container.dispatchEvent(new CustomEvent('onramp:' + type, { detail: detail, bubbles: true }));
      container.dispatchEvent(new CustomEvent('onramp:message', { detail: detail, bubbles: true }));
    });
  }
  function rejection(code, message) {
    var error = new Error(message);
    error.code = code;
    return error;
  }
  function link() {
    var params = new URLSearchParams(presets);
    var query = params.toString();
    return appOrigin + '/plan' + (query ? '?' + query : '');
  }
  function showFallback() {
    if (frame) { frame.style.display = 'none'; }
    if (fallback) { return; }
    fallback = document.createElement('p');
    fallback.className = 'onramp-fallback';
    fallback.appendChild(document.createTextNode(text[0] + ' '));
    var a = document.createElement('a');
    a.href = link();
    a.target = '_blank';
    a.rel = 'noopener';
    a.textContent = text[1];
    fallback.appendChild(a);
    container.appendChild(fallback);
  }
  function hideFallback() {
    if (fallback) { fallback.remove(); fallback = null; }
    if (frame) { frame.style.display = 'block'; }
  }
  /* A failure the loader found: tell the page (onramp:error, the console) and the visitor. */
  function fail(code, message) {
    var detail = { onramp: VERSION, type: 'error', code: code, message: 'Onramp embed: ' + message, source: 'loader', partner: partner, origin: here };
    console.error(detail.message);
    later(showFallback);
    if (!readyDetail) { settleReady.reject(rejection(code, detail.message)); }
    dispatch('error', detail);
  }

  container.onramp = {
    get frame() { return frame; },
    ready: ready,
    setLocale: function (locale) {
      locale = String(locale);
      return ready.then(function () {
        if (locales.indexOf(locale) < 0) {
          throw rejection('unsupported_locale', 'Onramp embed: the app has no language "' + locale + '"; it has ' + locales.join(', ') + '.');
        }
        return new Promise(function (resolve, reject) {
          var waiter = { locale: locale, resolve: resolve, reject: reject };
          waiter.timer = setTimeout(function () {
            waiters = waiters.filter(function (w) { return w !== waiter; });
            reject(rejection('no_answer', 'Onramp embed: the app did not answer setLocale("' + locale + '") within 5 s.'));
          }, 5000);
          waiters.push(waiter);
          frame.contentWindow.postMessage({ onramp: VERSION, type: 'set_locale', locale: locale }, appOrigin);
        });
      });
    }
  };

  function settleWaiters(ok, value) {
    waiters.splice(0).forEach(function (w) {
      clearTimeout(w.timer);
      if (ok && w.locale === value) { w.resolve(value); } else if (ok) { waiters.push(w); } else { w.reject(value); }
    });
  }

  function valid(m) {
    if (!m || typeof m !== 'object' || m.onramp !== VERSION || TYPES.indexOf(m.type) < 0) { return false; }
    switch (m.type) {
      case 'resize': return typeof m.height === 'number' && m.height > 0 && m.height < 100000;
      case 'step': return typeof m.step === 'string';
      case 'locale': return typeof m.locale === 'string';
      case 'completed': return typeof m.order_id === 'string';
      case 'error': return typeof m.kind === 'string' && typeof m.message === 'string';
      case 'funnel': return !!m.event && typeof m.event === 'object';
      default: return true;
    }
  }

  window.addEventListener('message', function (event) {
    if (!frame || event.origin !== appOrigin || event.source !== frame.contentWindow) { return; }
    var m = event.data;
    if (m && typeof m === 'object' && typeof m.onramp === 'number' && m.onramp !== VERSION) {
      if (!versionReported) {
        versionReported = true;
        fail('version_mismatch', 'the app at ' + appOrigin + ' speaks protocol ' + m.onramp + ', this embed.js speaks ' + VERSION + ' (partner "' + partner + '" on ' + here + '); load embed.js from ' + appOrigin + ' itself, not a copy.');
      }
      return;
    }
    if (!valid(m)) { return; }
    var detail = JSON.parse(JSON.stringify(m));
    switch (m.type) {
      case 'ready':
        readyDetail = detail;
        if (Array.isArray(m.locales) && m.locales.length) { locales = m.locales; }
        currentLocale = m.locale || currentLocale;
        clearTimeout(readyTimer);
        hideFallback();
        settleReady.resolve(detail);
        break;
      case 'resize':
        frame.style.height = Math.ceil(m.height) + 'px';
        break;
      case 'locale':
        currentLocale = m.locale;
        settleWaiters(true, m.locale);
        break;
      case 'error':
        detail.code = m.kind;
        detail.source = 'app';
        detail.partner = partner;
        detail.origin = here;
        if (LOCALE_ERRORS.indexOf(m.kind) >= 0) { settleWaiters(false, rejection(m.kind, m.message)); }
        break;
    }
    dispatch(m.type, detail);
  });

  function createFrame() {
    var params = new URLSearchParams({ embed: '1', partner: partner });
    Object.keys(presets).forEach(function (name) { params.set(name, presets[name]); });
    frame = document.createElement('iframe');
    frame.src = appOrigin + '/plan?' + params.toString();
    frame.title = data.title || 'Sign up for your own social media server';
    frame.setAttribute('scrolling', 'no');
    frame.setAttribute('allow', 'clipboard-write');
    frame.style.cssText = 'display:block;width:100%;border:0;height:40rem;overflow:hidden;';
    container.appendChild(frame);
    readyTimer = setTimeout(function () {
      if (!readyDetail) {
        fail('ready_timeout', 'the sign-up frame for partner "' + partner + '" on ' + here + ' did not send ready within ' + timeout + ' ms (data-timeout).');
      }
    }, timeout);
  }

  if (!/^[a-z0-9][a-z0-9-]{1,39}$/.test(partner)) {
    fail('invalid_partner_id', 'data-partner is missing or not a partner id (2 to 40 of a-z, 0-9 and -): "' + partner + '" on ' + here + '.');
    return;
  }
  if (!/^https?:\/\//.test(here)) {
    fail('origin_not_allowed', 'a page at the origin "' + here + '" (a file or a sandboxed frame) cannot embed the sign-up for partner "' + partner + '"; serve it over http(s) from an allowed origin.');
    return;
  }
  /* The origins of the frames this page is in, nearest first: the browser refuses the sign-up
   * unless every one of them is allowed too. */
  var ancestors = [];
  var origins = location.ancestorOrigins;
  for (var i = 0; origins && i < origins.length; i++) { ancestors.push(origins[i]); }
  var query = new URLSearchParams({ origin: here });
  if (ancestors.length) { query.set('ancestors', ancestors.join(',')); }
  var checkUrl = appOrigin + '/api/v1/partners/' + encodeURIComponent(partner) + '/embed-check?' + query.toString();
  fetch(checkUrl, { mode: 'cors', credentials: 'omit', cache: 'no-store' })
    .then(function (response) {
      if (!response.ok) { throw new Error('HTTP ' + response.status); }
      return response.json();
    })
    .then(function (check) {
      if (!check || check.onramp !== VERSION) {
        fail('version_mismatch', 'the sign-up service at ' + appOrigin + ' speaks protocol ' + (check && check.onramp) + ', this embed.js speaks ' + VERSION + ' (partner "' + partner + '" on ' + here + '); load embed.js from ' + appOrigin + ' itself.');
        return;
      }
      if (check.status !== 'ok') {
        fail(REFUSED.indexOf(check.status) >= 0 ? check.status : 'unknown_partner', String(check.message || check.status));
        return;
      }
      if (Array.isArray(check.locales) && check.locales.length) { locales = check.locales; }
      createFrame();
    })
    .catch(function (error) {
      if (frame) { return; }
      fail('unreachable', 'the sign-up service at ' + appOrigin + ' did not answer the embed check for partner "' + partner + '" from ' + here + ' (' + error.message + '). If this page has a Content-Security-Policy, allow ' + appOrigin + ' in script-src, connect-src and frame-src.');
    });
})();
