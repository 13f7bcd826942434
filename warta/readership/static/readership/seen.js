// Tell the server this article was read (for "most read"); no cookie, no third party.
(function () {
  "use strict";
  var mark = document.querySelector("[data-seen]");
  if (mark && navigator.sendBeacon) navigator.sendBeacon(mark.getAttribute("data-seen"));
})();
