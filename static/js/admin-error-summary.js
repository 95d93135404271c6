/* The admin's error summary (templates/admin/change_form.html): following one
   of its links puts the cursor in the field, where the link alone only moved
   the page. A box another script hides (the news editor's textarea, under its
   editable area) hands over to what shows in its place in the same row.
   Without this script the links still lead to their boxes. */
(function () {
  "use strict";
  var FOCUSABLE = "[contenteditable='true'], input:not([type='hidden']), select, textarea";

  function shown(element) {
    return element.getClientRects().length > 0;
  }

  function boxFor(target) {
    if (shown(target)) return target;
    var row = target.closest(".form-row, .inline-related, tr, fieldset");
    if (!row) return null;
    var boxes = row.querySelectorAll(FOCUSABLE);
    for (var i = 0; i < boxes.length; i++) {
      if (shown(boxes[i])) return boxes[i];
    }
    return null;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("#error-summary a[href^='#']");
    if (!link) return;
    var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    var box = target && boxFor(target);
    if (!box) return;
    event.preventDefault();
    if (!box.matches(FOCUSABLE) && !box.hasAttribute("tabindex")) {
      box.setAttribute("tabindex", "-1");  // a row: focus it as a whole
    }
    box.focus();
    box.scrollIntoView({ block: "start" });
  });
})();
