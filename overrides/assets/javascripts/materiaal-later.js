/* Load Material's script bundle when the visitor first interacts, not with every page.
   The pages read and navigate without JavaScript (the menu works with CSS only), so the bundle
   (a third of a page's weight) only adds what a visitor uses after arriving: search, the back-to-top
   button, the table of contents that follows scrolling. The template leaves the bundle's tag as an
   inert data block (type="text/plain", data-src); on the first scroll, tap, click, key or mouse move
   this script loads it. The bundle starts on DOMContentLoaded; when that has passed, it is sent
   again, once, so the bundle starts as it would on a normal load. */
(function () {
  "use strict";
  var EVENTS = ["pointerdown", "pointermove", "keydown", "touchstart", "wheel", "scroll", "focusin"];
  var started = false;

  function loadInOrder(waiting) {
    var next = waiting.shift();
    if (!next) {
      if (document.readyState !== "loading") {
        document.dispatchEvent(new Event("DOMContentLoaded"));
      }
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
    loadInOrder(Array.prototype.slice.call(document.querySelectorAll("script[data-snp-later]")));
  }

  EVENTS.forEach(function (name) { window.addEventListener(name, start, { capture: true, passive: true }); });
}());
