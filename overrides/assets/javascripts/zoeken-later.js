/* Load search only when the visitor opens it.
   Material starts its search worker and downloads the search index on every page load. This
   script runs before Material's bundle and holds both back until the search field gets focus
   (by click, by tab or by Material's keyboard shortcuts), so a visitor who only reads pays
   nothing for search. It changes no behaviour of search itself. What it relies on in Material
   (the worker's address in #__config, the index fetched with XMLHttpRequest, two selectors) is
   checked at every build by snp_site/theme.py. */
(function () {
  "use strict";
  var active = false;
  var waiting = [];

  function activate() {
    if (active) { return; }
    active = true;
    waiting.splice(0).forEach(function (start) { start(); });
  }

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.snpLater = /\/search\/search_index\.json(\?|$)/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (request.snpLater && !active) {
      waiting.push(function () { send.apply(request, args); });
      return undefined;
    }
    return send.apply(request, args);
  };

  // The worker's address is the one Material's page configuration (#__config) names as "search".
  var config = document.getElementById("__config");
  var workerUrl = null;
  try {
    workerUrl = config && new URL(JSON.parse(config.textContent).search, document.baseURI).href;
  } catch (error) {
    workerUrl = null;
  }

  var RealWorker = window.Worker;
  function LaterWorker(url, options) {
    if (active || !workerUrl || new URL(String(url), document.baseURI).href !== workerUrl) {
      return new RealWorker(url, options);
    }
    var proxy = new EventTarget();
    var queue = [];
    var real = null;
    proxy.postMessage = function (message) {
      if (real) { real.postMessage(message); } else { queue.push(message); }
    };
    proxy.terminate = function () { if (real) { real.terminate(); } };
    waiting.push(function () {
      real = new RealWorker(url, options);
      real.addEventListener("message", function (event) {
        proxy.dispatchEvent(new MessageEvent("message", { data: event.data }));
      });
      queue.splice(0).forEach(function (message) { real.postMessage(message); });
    });
    return proxy;
  }
  window.Worker = LaterWorker;

  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("[data-md-component=search-query]")) { activate(); }
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("label[for=__search]")) { activate(); }
  });
}());
