// The news body's rich-text editor (django-prose-editor) in the staff's language,
// its editable area named by the field's label (bulletins/editor.py says why).
// A classic script: it runs before the library's modules, which read
// window.gettext once when they load and report each editor with the
// "prose-editor:ready" event (its toolbar is built a moment later, when the
// editor says "create").
(function () {
  "use strict";
  var ATTRIBUTE = "data-editor-labels";

  function labelsOf(element) {
    try {
      return JSON.parse(element.getAttribute(ATTRIBUTE)) || {};
    } catch (e) {
      return {};
    }
  }

  // The dialogs' words: the admin's catalogue first, then ours.
  var catalogue = window.gettext;
  window.gettext = function (text) {
    var found = catalogue ? catalogue(text) : text;
    var element = document.querySelector("[" + ATTRIBUTE + "]");
    if (found !== text || !element) { return found; }
    return (labelsOf(element).dialogs || {})[text] || text;
  };

  function name(area, textarea) {
    var label = document.querySelector('label[for="' + textarea.id + '"]');
    if (label) {
      if (!label.id) { label.id = textarea.id + "_label"; }
      area.setAttribute("aria-labelledby", label.id);
    }
    ["aria-describedby", "aria-invalid"].forEach(function (attribute) {
      if (textarea.hasAttribute(attribute)) {
        area.setAttribute(attribute, textarea.getAttribute(attribute));
      }
    });
  }

  function translateMenu(editor, words) {
    var storage = editor.storage.menu;
    if (!storage) { return; }
    // Every item the menu defines (its groups, as the library names them).
    var items = storage.menu.items(
      "blockType lists nodes headings marks link textAlign table history utility"
    );
    var before = {};
    items.forEach(function (item) {
      var word = words[item.name];
      if (!word) { return; }
      if (item.button) {
        before[item.button.title] = word;
        item.button.title = word;
        item.button.setAttribute("aria-label", word);
      }
      if (item.option) { item.option.textContent = word; }
    });
    // The block-type menu shows a copy of the current block's button, made
    // before this ran.
    if (storage.dom) {
      storage.dom.querySelectorAll("button[title]").forEach(function (button) {
        var word = before[button.title];
        if (word) {
          button.title = word;
          button.setAttribute("aria-label", word);
        }
      });
    }
  }

  // A dialog's choices are the library's own words ("Yes", "No"), not asked of
  // gettext: their text is translated as the dialog opens, their value kept.
  function translateChoices(root, words) {
    root.querySelectorAll("option").forEach(function (option) {
      var word = words[option.textContent];
      if (word) {
        option.setAttribute("value", option.value);
        option.textContent = word;
      }
    });
  }

  // The library adds each dialog to the editor's own box.
  function watchDialogs(box, words) {
    new MutationObserver(function (records) {
      records.forEach(function (record) {
        record.addedNodes.forEach(function (node) {
          if (node.querySelectorAll) { translateChoices(node, words); }
        });
      });
    }).observe(box, { childList: true });
  }

  document.addEventListener("prose-editor:ready", function (event) {
    var editor = event.detail.editor;
    var textarea = event.detail.textarea;
    var words = labelsOf(textarea).menu || {};
    name(editor.view.dom, textarea);
    watchDialogs(editor.view.dom.parentElement, labelsOf(textarea).dialogs || {});
    if (editor.isInitialized) {
      translateMenu(editor, words);
    } else {
      editor.on("create", function () { translateMenu(editor, words); });
    }
  });
})();
