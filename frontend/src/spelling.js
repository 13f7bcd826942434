// Spelling and style underlines (warta.lib.spelling through the newsroom's endpoint).
//
// The text of every block is sent (debounced) to data-spelling-url; findings come back as
// character offsets per block and become ProseMirror inline decorations. A click on an
// underline offers the suggestions (a click applies one). Before submitting or publishing, the
// findings are listed once; the writer may go on anyway: they never block.
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { postJSON } from "./api.js";

const en = (document.documentElement.lang || "id").toLowerCase().startsWith("en");
const T = en
  ? {
      none: "No suggestion",
      review: "Spelling and style",
      reviewText: (n) => `${n} possible ${n === 1 ? "mistake" : "mistakes"} in the text:`,
      goOn: "Continue anyway",
      back: "Fix them first",
      ignore: "Ignore",
    }
  : {
      none: "Tidak ada saran",
      review: "Ejaan dan gaya",
      reviewText: (n) => `${n} kemungkinan salah tulis dalam teks:`,
      goOn: "Lanjutkan saja",
      back: "Perbaiki dulu",
      ignore: "Abaikan",
    };

export const spellingKey = new PluginKey("warta-spelling");
const DELAY = 800; // ms without typing before the text is checked

// Each textblock's text, and for every character the document position it came from.
export function textblocks(doc) {
  const blocks = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    let text = "";
    const at = [];
    node.forEach((child, offset) => {
      const start = pos + 1 + offset;
      if (child.isText) {
        for (let i = 0; i < child.text.length; i++) at.push(start + i);
        text += child.text;
      } else {
        at.push(start);
        text += "\n"; // a hard break separates words like a new line
      }
    });
    at.push(pos + 1 + node.content.size);
    blocks.push({ text, at });
    return false;
  });
  return blocks;
}

function decorate(doc, blocks, findings, ignored) {
  const decos = [];
  for (const f of findings) {
    const b = blocks[f.block];
    if (!b || f.from >= f.to || f.to > b.text.length || ignored.has(f.word)) continue;
    const from = b.at[f.from];
    const to = b.at[f.to - 1] + 1;
    decos.push(
      Decoration.inline(
        from,
        to,
        { class: `we-spell we-spell--${f.rule}`, title: f.message || "", "data-rule": f.rule },
        { finding: f },
      ),
    );
  }
  return DecorationSet.create(doc, decos);
}

export const Spelling = Extension.create({
  name: "wartaSpelling",
  addOptions() {
    return { url: "" };
  },
  addProseMirrorPlugins() {
    const url = this.options.url;
    if (!url) return [];
    let timer = null;
    let menu = null;
    let latest = 0;
    const ignored = new Set();

    const closeMenu = () => {
      if (menu) menu.remove();
      menu = null;
    };

    const run = async (view) => {
      const doc = view.state.doc;
      const blocks = textblocks(doc);
      const ticket = ++latest;
      let res;
      try {
        res = await postJSON(url, { texts: blocks.map((b) => b.text) });
      } catch {
        return; // offline or the server busy: no underlines, writing goes on
      }
      if (ticket !== latest || !res.ok || !res.data || view.isDestroyed) return;
      if (!view.state.doc.eq(doc)) return schedule(view); // typed meanwhile: check again
      const set = decorate(doc, blocks, res.data.findings || [], ignored);
      view.dispatch(view.state.tr.setMeta(spellingKey, { set }));
    };
    const schedule = (view) => {
      clearTimeout(timer);
      timer = setTimeout(() => run(view), DELAY);
    };

    const openMenu = (view, deco) => {
      closeMenu();
      const f = deco.spec.finding;
      menu = document.createElement("div");
      menu.className = "we-spell-menu";
      menu.setAttribute("role", "menu");
      const title = document.createElement("p");
      title.className = "we-spell-menu__why";
      title.textContent = f.message || "";
      menu.append(title);
      const options = f.suggestions.length ? f.suggestions : [];
      for (const suggestion of options) {
        const b = document.createElement("button");
        b.type = "button";
        b.className = "we-spell-menu__option";
        b.setAttribute("role", "menuitem");
        b.textContent = suggestion;
        b.addEventListener("mousedown", (e) => e.preventDefault());
        b.addEventListener("click", () => {
          const { from, to } = deco;
          view.dispatch(view.state.tr.insertText(suggestion, from, to));
          closeMenu();
          view.focus();
        });
        menu.append(b);
      }
      if (!options.length) {
        const none = document.createElement("p");
        none.textContent = T.none;
        menu.append(none);
      }
      const ignore = document.createElement("button");
      ignore.type = "button";
      ignore.className = "we-spell-menu__ignore";
      ignore.textContent = T.ignore;
      ignore.addEventListener("click", () => {
        ignored.add(f.word);
        const set = spellingKey.getState(view.state).remove(spellingKey.getState(view.state).find(undefined, undefined, (s) => s.finding && s.finding.word === f.word));
        view.dispatch(view.state.tr.setMeta(spellingKey, { set }));
        closeMenu();
      });
      menu.append(ignore);
      const box = view.coordsAtPos(deco.from);
      menu.style.left = `${box.left + window.scrollX}px`;
      menu.style.top = `${box.bottom + window.scrollY + 4}px`;
      document.body.append(menu);
    };

    return [
      new Plugin({
        key: spellingKey,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, set) {
            const meta = tr.getMeta(spellingKey);
            if (meta && meta.set) return meta.set;
            return set.map(tr.mapping, tr.doc);
          },
        },
        props: {
          decorations(state) {
            return spellingKey.getState(state);
          },
          handleClick(view, pos) {
            const found = spellingKey.getState(view.state).find(pos, pos, (spec) => !!spec.finding);
            if (!found.length) {
              closeMenu();
              return false;
            }
            openMenu(view, found[0]);
            return false; // the caret still moves there
          },
        },
        view(view) {
          schedule(view);
          const onKey = (e) => e.key === "Escape" && closeMenu();
          document.addEventListener("keydown", onKey);
          return {
            update(v, prev) {
              if (!v.state.doc.eq(prev.doc)) {
                closeMenu();
                schedule(v);
              }
            },
            destroy() {
              clearTimeout(timer);
              closeMenu();
              document.removeEventListener("keydown", onKey);
            },
          };
        },
      }),
    ];
  },
});

// The findings now underlined, in reading order.
export function currentFindings(editor) {
  const set = spellingKey.getState(editor.state);
  if (!set) return [];
  return set
    .find()
    .sort((a, b) => a.from - b.from)
    .map((d) => d.spec.finding)
    .filter(Boolean);
}

// Before "submit for review", "publish" or "schedule": list the findings once; never block.
export function reviewBeforeSending(editor, root) {
  const sends = (form, submitter) => {
    if (!submitter) return false;
    // The desk's workflow buttons send the article's form: name _workflow, the action as value.
    if (submitter.name === "_workflow") return /^(submit|publish|schedule)$/.test(submitter.value);
    return /^_(submit_review|publish|schedule)/.test(submitter.name || "");
  };
  document.addEventListener(
    "submit",
    (event) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement) || form.dataset.spellingReviewed === "1") return;
      if (!sends(form, event.submitter)) return;
      const findings = currentFindings(editor);
      if (!findings.length) return;
      event.preventDefault();
      const dialog = document.createElement("div");
      dialog.className = "we-spell-review";
      dialog.id = "we-spell-review";
      dialog.setAttribute("role", "dialog");
      dialog.setAttribute("aria-label", T.review);
      const intro = document.createElement("p");
      intro.textContent = T.reviewText(findings.length);
      const list = document.createElement("ul");
      for (const f of findings) {
        const item = document.createElement("li");
        item.textContent = `${f.word} → ${f.suggestions[0] || "?"} (${f.message || f.rule})`;
        list.append(item);
      }
      const goOn = document.createElement("button");
      goOn.type = "button";
      goOn.className = "we-btn we-primary we-spell-review__go";
      goOn.textContent = T.goOn;
      const back = document.createElement("button");
      back.type = "button";
      back.className = "we-btn we-spell-review__back";
      back.textContent = T.back;
      const submitter = event.submitter;
      goOn.addEventListener("click", () => {
        form.dataset.spellingReviewed = "1";
        dialog.remove();
        if (submitter && submitter.form === form) form.requestSubmit(submitter);
        else form.requestSubmit();
      });
      back.addEventListener("click", () => {
        dialog.remove();
        editor.commands.focus();
      });
      dialog.append(intro, list, back, goOn);
      root.prepend(dialog);
      goOn.focus();
    },
    true,
  );
}
