// Runs in <head>, before the first paint: the theme and text size the reader chose on an earlier
// visit (kept in this browser only), so the page never flashes or jumps once it shows.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");
  try {
    var theme = window.localStorage.getItem("warta.theme");
    if (theme === "dark" || theme === "light") root.setAttribute("data-theme", theme);
    var size = parseInt(window.localStorage.getItem("warta.text-size") || "0", 10);
    if (size >= -1 && size <= 3 && size !== 0) root.setAttribute("data-text-size", String(size));
  } catch (e) {
    // Storage refused (private mode, cookies blocked): the defaults stand.
  }
})();
