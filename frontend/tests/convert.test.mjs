import { test } from "node:test";
import assert from "node:assert/strict";
import { blocksToDoc, docToBlocks, countWords, embedPlatform } from "../src/convert.js";

const blocks = [
  { type: "paragraph", text: 'Satu <strong>dua <em>tiga</em></strong> &amp; <a href="https://a.id/x?a=1&amp;b=2">tautan <strong>tebal</strong></a><br>baris' },
  { type: "heading", text: "Subjudul & <b>x</b>" },
  { type: "quote", text: "Kata <em>dia</em><br>baris dua", cite: "Joko" },
  { type: "quote", text: "Tanpa sumber", cite: "" },
  { type: "list", ordered: false, items: ["a", "<strong>b</strong>"] },
  { type: "list", ordered: true, items: ["satu", "dua"] },
  { type: "image", photo: 12, caption: "Ket", credit: "Antara" },
  { type: "gallery", photos: [{ photo: 12, caption: "", credit: "" }, { photo: 13, caption: "c", credit: "d" }] },
  { type: "embed", url: "https://www.youtube.com/watch?v=abc", caption: "Video" },
  { type: "related", article: 5 },
  { type: "divider" },
  { type: "paragraph", text: "a &lt;b&gt; c" },
];

test("round trip", () => {
  const doc = blocksToDoc(blocks, { 12: { thumb: "/m/12.jpg" } }, { 5: { headline: "H", url: "/u/" } });
  assert.deepEqual(docToBlocks(doc), blocks);
  assert.equal(JSON.stringify(docToBlocks(doc)), JSON.stringify(blocks));
});

test("empty paragraphs dropped, credit prefix stripped", () => {
  const doc = { type: "doc", content: [{ type: "paragraph" }, { type: "paragraph", content: [{ type: "hardBreak" }] },
    { type: "image", attrs: { photo: 3, caption: "", credit: "Foto : Budi" } }] };
  assert.deepEqual(docToBlocks(doc), [{ type: "image", photo: 3, caption: "", credit: "Budi" }]);
});

test("words and embeds", () => {
  assert.equal(countWords(blocks.slice(0, 2)), 10);
  assert.equal(embedPlatform("https://youtu.be/x"), "youtube");
  assert.equal(embedPlatform("http://youtu.be/x"), null);
  assert.equal(embedPlatform("https://evil.com/youtube.com"), null);
});
