// Live word count and reading time under the article body, as the writer types.
(function () {
  "use strict";
  function ready(fn) { document.readyState !== "loading" ? fn() : document.addEventListener("DOMContentLoaded", fn); }
  ready(function () {
    var body = document.getElementById("id_body_text");
    var out = document.querySelector(".word-count");
    if (!body || !out) return;
    var wpm = parseInt(out.getAttribute("data-wpm"), 10) || 200;
    function update() {
      var text = body.value.replace(/<[^>]*>/g, " ").replace(/^\s*(##|>|-|\d+[.)])\s*/gm, " ")
        .replace(/\[(foto|embed)[^\]]*\]/gi, " ");
      var words = text.split(/\s+/).filter(Boolean).length;
      out.textContent = words + " kata · waktu baca " + Math.max(1, Math.ceil(words / wpm)) + " menit";
    }
    body.addEventListener("input", update);
    update();
  });
})();
