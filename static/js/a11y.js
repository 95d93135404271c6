// Text size and contrast controls (progressive enhancement: the page works without
// them). The choice is remembered in localStorage; a11y-init.js applies it on
// every page before the first paint, this deferred script adds the buttons.
(function () {
  "use strict";
  var root = document.documentElement;
  var sizes = ["", "text-large", "text-larger"];
  var store = {
    get: function (k) { try { return localStorage.getItem(k) || ""; } catch (e) { return ""; } },
    set: function (k, v) { try { localStorage.setItem(k, v); } catch (e) { /* private mode */ } }
  };
  var lang = root.lang === "en" ? "en" : "vi";
  var t = {
    vi: { smaller: "Giảm cỡ chữ", normal: "Cỡ chữ mặc định", larger: "Tăng cỡ chữ", contrast: "Tương phản cao", label: "Tùy chỉnh hiển thị" },
    en: { smaller: "Smaller text", normal: "Default text size", larger: "Larger text", contrast: "High contrast", label: "Display settings" }
  }[lang];
  var buttons = {};

  function apply() {
    var size = store.get("a11y-size");
    if (sizes.indexOf(size) < 0) { size = ""; }
    sizes.forEach(function (c) { if (c) { root.classList.toggle(c, c === size); } });
    var contrast = store.get("a11y-contrast") === "1";
    root.classList.toggle("contrast", contrast);
    if (buttons.contrast) { buttons.contrast.setAttribute("aria-pressed", String(contrast)); }
  }

  function button(text, label, onClick) {
    // The visible symbol stays part of the accessible name (WCAG 2.5.3).
    var b = document.createElement("button");
    var hidden = document.createElement("span");
    b.type = "button";
    b.textContent = text;
    hidden.className = "visually-hidden";
    hidden.textContent = " " + label;
    b.appendChild(hidden);
    b.title = label;
    b.addEventListener("click", onClick);
    return b;
  }

  function step(delta) {
    var i = Math.max(0, Math.min(sizes.length - 1, sizes.indexOf(store.get("a11y-size")) + delta));
    store.set("a11y-size", sizes[i]);
    apply();
  }

  function build() {
    var box = document.getElementById("a11y-tools");
    if (!box || box.childElementCount) { return; }
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", t.label);
    buttons.smaller = button("A−", t.smaller, function () { step(-1); });
    buttons.normal = button("A", t.normal, function () { store.set("a11y-size", ""); apply(); });
    buttons.larger = button("A+", t.larger, function () { step(1); });
    buttons.contrast = button("◐", t.contrast, function () {
      store.set("a11y-contrast", store.get("a11y-contrast") === "1" ? "0" : "1");
      apply();
    });
    [buttons.smaller, buttons.normal, buttons.larger, buttons.contrast].forEach(function (b) {
      box.appendChild(b);
    });
    apply();
    box.hidden = false;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", build);
  } else {
    build();
  }
})();
