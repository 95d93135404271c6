// Text size and contrast controls (progressive enhancement: the page works without
// them). The choice is remembered in localStorage and applied on every page.
(function () {
  "use strict";
  var root = document.documentElement;
  var sizes = ["", "text-large", "text-larger"];
  var store = {
    get: function (k) { try { return localStorage.getItem(k) || ""; } catch (e) { return ""; } },
    set: function (k, v) { try { localStorage.setItem(k, v); } catch (e) { /* private mode */ } }
  };
  function apply() {
    sizes.forEach(function (c) { if (c) { root.classList.remove(c); } });
    var size = store.get("a11y-size");
    if (size) { root.classList.add(size); }
    root.classList.toggle("contrast", store.get("a11y-contrast") === "1");
  }
  apply();
  var lang = root.lang === "en" ? "en" : "vi";
  var t = {
    vi: { smaller: "Giảm cỡ chữ", normal: "Cỡ chữ mặc định", larger: "Tăng cỡ chữ", contrast: "Tương phản cao", label: "Tùy chỉnh hiển thị" },
    en: { smaller: "Smaller text", normal: "Default text size", larger: "Larger text", contrast: "High contrast", label: "Display settings" }
  }[lang];
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
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("a11y-tools");
    if (!box) { return; }
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", t.label);
    function step(delta) {
      var i = Math.max(0, Math.min(sizes.length - 1, sizes.indexOf(store.get("a11y-size")) + delta));
      store.set("a11y-size", sizes[i]);
      apply();
    }
    box.appendChild(button("A−", t.smaller, function () { step(-1); }));
    box.appendChild(button("A", t.normal, function () { store.set("a11y-size", ""); apply(); }));
    box.appendChild(button("A+", t.larger, function () { step(1); }));
    var contrast = button("◐", t.contrast, function () {
      var on = store.get("a11y-contrast") !== "1";
      store.set("a11y-contrast", on ? "1" : "0");
      contrast.setAttribute("aria-pressed", String(on));
      apply();
    });
    contrast.setAttribute("aria-pressed", String(store.get("a11y-contrast") === "1"));
    box.appendChild(contrast);
    box.hidden = false;
  });
})();
