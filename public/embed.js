/* Onramp embed loader: put
 *   <script src="https://signup.example/embed.js" data-partner="your-id" data-locale="de" data-plan="organization"></script>
 * on a page (or add data-target="#element-id" to fill an element of yours). It creates the
 * sign-up iframe, sizes it to its content as steps change, and dispatches DOM events on the
 * container for the app's messages: onramp:ready, onramp:step, onramp:resize, onramp:completed,
 * onramp:exit, onramp:error, onramp:funnel (event.detail is the message) and onramp:message for
 * all of them. Messages are accepted only from the iframe's window and the app's exact origin. */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) { return; }
  var VERSION = 1;
  var TYPES = ['ready', 'step', 'resize', 'completed', 'exit', 'error', 'funnel'];
  var appOrigin = new URL(script.src).origin;
  var data = script.dataset;
  var partner = data.partner || '';
  if (!/^[a-z0-9][a-z0-9-]{1,39}$/.test(partner)) {
    console.error('Onramp embed: data-partner is missing or not a partner id.');
    return;
  }
  var container = data.target ? document.querySelector(data.target) : null;
  if (!container) {
    container = document.createElement('div');
    script.parentNode.insertBefore(container, script.nextSibling);
  }
  container.classList.add('onramp-embed');

  var params = new URLSearchParams({ embed: '1', partner: partner });
  ['locale', 'plan', 'billing'].forEach(function (name) {
    if (data[name] && /^[a-z0-9-]{1,40}$/.test(data[name])) { params.set(name, data[name]); }
  });
  var frame = document.createElement('iframe');
  frame.src = appOrigin + '/plan?' + params.toString();
  frame.title = data.title || 'Sign up for your own social media server';
  frame.setAttribute('scrolling', 'no');
  frame.setAttribute('allow', 'clipboard-write');
  frame.style.cssText = 'display:block;width:100%;border:0;height:40rem;overflow:hidden;';
  container.appendChild(frame);

  function valid(m) {
    if (!m || typeof m !== 'object' || m.onramp !== VERSION || TYPES.indexOf(m.type) < 0) { return false; }
    switch (m.type) {
      case 'resize': return typeof m.height === 'number' && m.height > 0 && m.height < 100000;
      case 'step': return typeof m.step === 'string';
      case 'completed': return typeof m.order_id === 'string';
      case 'error': return typeof m.kind === 'string' && typeof m.message === 'string';
      case 'funnel': return !!m.event && typeof m.event === 'object';
      default: return true;
    }
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== appOrigin || event.source !== frame.contentWindow) { return; }
    var m = event.data;
    if (!valid(m)) { return; }
    if (m.type === 'resize') { frame.style.height = Math.ceil(m.height) + 'px'; }
    var detail = JSON.parse(JSON.stringify(m));
    container.dispatchEvent(new CustomEvent('onramp:' + m.type, { detail: detail, bubbles: true }));
    container.dispatchEvent(new CustomEvent('onramp:message', { detail: detail, bubbles: true }));
  });

  /* The page may ask the app to switch language: container.onramp.setLocale('de'). */
  container.onramp = {
    frame: frame,
    setLocale: function (locale) {
      if (frame.contentWindow) { frame.contentWindow.postMessage({ onramp: VERSION, type: 'set_locale', locale: String(locale) }, appOrigin); }
    }
  };
})();
