/* Load Material's script bundle when the visitor first interacts, not with every page.
   The pages read and navigate without JavaScript (the menu works with CSS only), so the bundle
   (a third of a page's weight) only adds what a visitor uses after arriving: search, the back-to-top
   button, the table of contents that follows scrolling. The template leaves the bundle's tag as an
   inert data block (type="text/plain", data-src); on the first scroll, tap, click, key or mouse move
   this script loads it.
   The bundle starts on DOMContentLoaded. When that event has already passed, the listeners the
   bundle adds for it while it loads are kept aside and called once, when it has run; the event is
   not sent again, so no other script's listener runs twice. */
(function () {
  "use strict";
  var EVENTS = ["pointerdown", "pointermove", "keydown", "touchstart", "wheel", "scroll", "focusin"];
  var started = false;
  var addListener = document.addEventListener;
  var late = [];

  function holdLateListeners() {
    document.addEventListener = function (type, listener, options) {
      if (type === "DOMContentLoaded" && document.readyState !== "loading" && listener) {
        late.push(listener);
        return undefined;
      }
      return addListener.call(this, type, listener, options);
    };
  }

  function callLateListeners() {
    delete document.addEventListener;  // the own property: the prototype's method shows again
    var event = new Event("DOMContentLoaded");
    late.splice(0).forEach(function (listener) {
      if (typeof listener === "function") { listener.call(document, event); } else { listener.handleEvent(event); }
    });
  }

  function loadInOrder(waiting) {
    var next = waiting.shift();
    if (!next) {
      callLateListeners();
      return;
    }
    var script = document.createElement("script");
    script.src = next.getAttribute("data-src");
    script.onload = script.onerror = function () { loadInOrder(waiting); };
    next.parentNode.replaceChild(script, next);
  }

  function start() {
    if (started) { return; }
    started = true;
    EVENTS.forEach(function (name) { window.removeEventListener(name, start, true); });
    holdLateListeners();
    loadInOrder(Array.prototype.slice.call(document.querySelectorAll("script[data-snp-later]")));
  }

  EVENTS.forEach(function (name) { window.addEventListener(name, start, { capture: true, passive: true }); });
}());
