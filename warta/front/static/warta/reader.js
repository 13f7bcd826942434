// The reader's conveniences, once the page has loaded; every one of them is optional:
// - dark mode toggle and text size, remembered in this browser (prefs.js applies them early);
// - a hint that the section menu scrolls sideways, hidden once there is nothing more to see;
// - "copy link" and the phone's own share sheet for an article.
(function () {
  "use strict";
  var root = document.documentElement;

  function remember(key, value) {
    try {
      if (value === null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, value);
    } catch (e) { /* storage refused: the choice lasts for this page only */ }
  }

  // Theme: the reader's choice, or the system's (prefers-color-scheme) until they make one.
  var toggle = document.querySelector("[data-theme-toggle]");
  var systemDark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  function isDark() {
    var chosen = root.getAttribute("data-theme");
    return chosen ? chosen === "dark" : Boolean(systemDark && systemDark.matches);
  }
  if (toggle) {
    toggle.setAttribute("aria-pressed", String(isDark()));
    toggle.addEventListener("click", function () {
      var theme = isDark() ? "light" : "dark";
      root.setAttribute("data-theme", theme);
      remember("warta.theme", theme);
      toggle.setAttribute("aria-pressed", String(theme === "dark"));
    });
    if (systemDark && systemDark.addEventListener) {
      systemDark.addEventListener("change", function () { toggle.setAttribute("aria-pressed", String(isDark())); });
    }
  }

  // Text size: five steps around the browser's own size.
  var MIN = -1, MAX = 3;
  var sizeButtons = document.querySelectorAll("[data-text-size]");
  function currentSize() { return parseInt(root.getAttribute("data-text-size") || "0", 10) || 0; }
  function showSize() {
    var size = currentSize();
    sizeButtons.forEach(function (button) {
      var step = parseInt(button.getAttribute("data-text-size"), 10);
      button.disabled = step < 0 ? size <= MIN : size >= MAX;
    });
  }
  sizeButtons.forEach(function (button) {
    button.addEventListener("click", function () {
      var size = Math.max(MIN, Math.min(MAX, currentSize() + parseInt(button.getAttribute("data-text-size"), 10)));
      if (size === 0) root.removeAttribute("data-text-size");
      else root.setAttribute("data-text-size", String(size));
      remember("warta.text-size", size === 0 ? null : String(size));
      showSize();
    });
  });
  showSize();

  // The section menu: the arrow shows while there is more to the right.
  var nav = document.querySelector(".sections");
  var list = nav && nav.querySelector("ul");
  if (list) {
    var update = function () {
      var more = list.scrollWidth - list.clientWidth - list.scrollLeft > 4;
      nav.classList.toggle("sections--more", more);
    };
    list.addEventListener("scroll", update, { passive: true });
    window.addEventListener("resize", update);
    update();
  }

  // Sharing: the links work without this; here "copy link" copies instead of opening the page again.
  var status = document.querySelector(".share__status");
  function say(text) {
    if (!status) return;
    status.textContent = text;
    status.classList.remove("visually-hidden");
  }
  document.querySelectorAll("[data-copy-link]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (!navigator.clipboard || !window.isSecureContext) return;
      event.preventDefault();
      navigator.clipboard.writeText(link.href).then(function () { say(link.getAttribute("data-copied")); });
    });
  });
  var native = document.querySelector("[data-share]");
  if (native && navigator.share) {
    native.parentElement.hidden = false;
    native.addEventListener("click", function () {
      navigator.share({ title: native.getAttribute("data-title"), url: native.getAttribute("data-url") }).catch(function () {
        // Closed by the reader: nothing to do.
      });
    });
  }
})();
