// Reader comments, improved when JavaScript runs (the form works without it).
// - "Save my name, email, and website": kept in this browser only (localStorage), and only
//   when the box is ticked. The server never writes the email into a page, so this is the
//   one place it can come back from.
// - After a form error, the email typed a moment ago is put back (sessionStorage, this tab).
(function () {
  "use strict";
  var form = document.querySelector(".comment-form");
  if (!form) return;
  var SAVED = "warta.commenter";
  var TYPED = "warta.comment-email";
  var fields = ["name", "email", "website"];
  var saved = null;
  try { saved = JSON.parse(window.localStorage.getItem(SAVED) || "null"); } catch (e) { saved = null; }
  if (saved) {
    fields.forEach(function (name) {
      var input = form.elements[name];
      if (input && !input.value && saved[name]) input.value = saved[name];
    });
    form.elements.remember.checked = true;
  }
  var typed = window.sessionStorage.getItem(TYPED);
  window.sessionStorage.removeItem(TYPED);
  if (typed && document.querySelector(".form-errors") && !form.elements.email.value) {
    form.elements.email.value = typed;
  }
  form.addEventListener("submit", function () {
    if (form.elements.remember.checked) {
      var values = {};
      fields.forEach(function (name) { values[name] = form.elements[name].value; });
      window.localStorage.setItem(SAVED, JSON.stringify(values));
    } else {
      window.localStorage.removeItem(SAVED);
    }
    window.sessionStorage.setItem(TYPED, form.elements.email.value);
  });
})();
