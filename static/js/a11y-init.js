// Applies the saved text size and contrast before the first paint: loaded without
// `defer` in <head>, so it only sets classes on <html>. The buttons that change
// the choice are built by the deferred a11y.js.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");
  try {
    var size = localStorage.getItem("a11y-size");
    if (size === "text-large" || size === "text-larger") { root.classList.add(size); }
    if (localStorage.getItem("a11y-contrast") === "1") { root.classList.add("contrast"); }
  } catch (e) { /* storage blocked: defaults */ }
})();
