// The live console. Every change and every refresh swaps the whole #console-live fragment,
// so all its panels always show one state. Two things make that safe for a clerk:
// 1. an older answer never replaces a newer one (polls and clicks can be answered out of
//    order; each answer carries the console version it was rendered from);
// 2. what the clerk is typing or choosing in any form survives a refresh caused by someone
//    else's change. Only the form that was just submitted takes the server's answer.
(function () {
  "use strict";
  var kept = null;

  function isDirty(field) {
    if (field.type === "hidden" || field.disabled || !field.name) {
      return false;
    }
    if (field.type === "checkbox" || field.type === "radio") {
      return field.checked !== field.defaultChecked;
    }
    if (field.tagName === "SELECT") {
      return Array.prototype.some.call(field.options, function (option) {
        return option.selected !== option.defaultSelected;
      });
    }
    return field.value !== field.defaultValue;
  }

  function hasValue(field) {
    if (field.type === "hidden" || !field.name) {
      return false;
    }
    return field.type === "checkbox" || field.type === "radio" ? field.checked : field.value !== "";
  }

  function remember(root, skipForm) {
    var values = [];
    root.querySelectorAll("form").forEach(function (form) {
      if (form === skipForm || !form.id) {
        return;
      }
      // A form the server sent back refused still holds the clerk's input as its defaults.
      var refused = form.querySelector("[data-form-errors]") !== null;
      Array.prototype.forEach.call(form.elements, function (field) {
        if (isDirty(field) || (refused && hasValue(field))) {
          values.push({
            form: form.id,
            name: field.name,
            type: field.type,
            value: field.value,
            checked: field.checked,
          });
        }
      });
    });
    return values;
  }

  function restore(values) {
    values.forEach(function (saved) {
      var form = document.getElementById(saved.form);
      if (!form) {
        return;
      }
      var fields = form.querySelectorAll('[name="' + CSS.escape(saved.name) + '"]');
      fields.forEach(function (field) {
        if (saved.type === "radio") {
          if (field.value === saved.value) {
            field.checked = saved.checked;
          }
        } else if (saved.type === "checkbox") {
          field.checked = saved.checked;
        } else if (field.tagName !== "SELECT" || field.querySelector(
          'option[value="' + CSS.escape(saved.value) + '"]')) {
          field.value = saved.value;
        }
      });
    });
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var shown = document.getElementById("console-live");
    if (!shown || event.detail.target !== shown) {
      return;
    }
    var incoming = /data-version="(\d+)"/.exec(event.detail.serverResponse || "");
    if (incoming && Number(incoming[1]) < Number(shown.dataset.version)) {
      event.detail.shouldSwap = false;
      return;
    }
    var source = event.detail.requestConfig && event.detail.requestConfig.elt;
    var submitted = source && source.closest ? source.closest("form") : null;
    kept = remember(shown, submitted);
  });

  document.addEventListener("htmx:afterSwap", function () {
    if (kept) {
      restore(kept);
      kept = null;
    }
  });
})();
