// Live report: ask the cached fragment for new entries every few seconds, and offer them with a
// "N new updates" button fixed to the screen, so nothing on the page moves until the reader asks.
// Edits and deletions of entries already shown are applied in place, and so are the count, the
// key events and the report's state: a reader is told when the coverage ends (then polling stops).
// Without this script the page is complete as it was served.
(function () {
  "use strict";
  const root = document.querySelector("[data-live]");
  if (!root || !window.fetch || !window.DOMParser) return;
  const stream = root.querySelector("[data-live-stream]");
  const pinnedSlot = root.querySelector("[data-live-pinned]");
  const button = root.querySelector("[data-live-new]");
  const url = root.dataset.url;
  const every = Math.max(2, parseInt(root.dataset.poll, 10) || 8) * 1000;
  const limit = parseInt(root.dataset.limit, 10) || 20;
  const oldestFirst = root.dataset.order === "oldest";
  let open = root.dataset.open === "1";
  let timer = null;
  let gap = false; // more came than the fragment holds: only a reload shows them all
  const pending = new Map(); // id -> <li> not shown yet

  const entryOf = (li) => li.querySelector("[data-id]");
  const shown = () => new Map([...stream.querySelectorAll(":scope > li")].filter(entryOf).map((li) => [entryOf(li).dataset.id, li]));
  const time = (li) => Number(entryOf(li).dataset.time) * 1000 + Number(entryOf(li).dataset.id) / 1e6;

  function label(n) {
    return n === 1 ? root.dataset.one : root.dataset.many.replace("%s", gap ? `${n}+` : String(n));
  }

  function refreshButton() {
    const n = pending.size;
    button.hidden = n === 0;
    if (n) button.textContent = label(n);
  }

  function adopt(node) {
    return document.importNode(node, true);
  }

  function apply(doc) {
    const fragment = doc.querySelector("[data-live-fragment]");
    if (!fragment) return;
    const incoming = [...fragment.querySelectorAll("[data-live-stream] > li")].filter(entryOf);
    const onPage = shown();
    const ids = new Set();
    let overlap = false;
    for (const li of incoming) {
      const entry = entryOf(li);
      const id = entry.dataset.id;
      ids.add(id);
      const mine = onPage.get(id);
      if (mine) {
        overlap = true;
        if (entryOf(mine).dataset.version !== entry.dataset.version) mine.replaceWith(adopt(li)); // edited
      } else {
        pending.set(id, adopt(li));
      }
    }
    // Deleted: shown entries the fragment should hold (all of them when it is not full) but does not.
    const full = incoming.length >= limit;
    const oldest = incoming.length ? Math.min(...incoming.map(time)) : Infinity;
    for (const [id, li] of onPage) {
      if (!ids.has(id) && (!full || time(li) >= oldest)) li.remove();
    }
    for (const id of [...pending.keys()]) if (!ids.has(id) && !full) pending.delete(id);
    gap = full && !overlap && onPage.size > 0;
    // The pinned entry: replaced in place when it changes (it is the newsroom's chosen top).
    const pinned = fragment.querySelector("[data-live-pinned]");
    if (pinned && pinnedSlot && pinned.innerHTML.trim() !== pinnedSlot.innerHTML.trim()) {
      const next = pinned.querySelector("[data-id]");
      const now = pinnedSlot.querySelector("[data-id]");
      if (!next || !now || next.dataset.id !== now.dataset.id || next.dataset.version !== now.dataset.version) {
        pinnedSlot.replaceChildren(...[...pinned.childNodes].map(adopt));
      }
    }
    // Around the stream: the count, the state (live, or ended with its time: announced politely
    // by the status region) and the key events, replaced when they differ.
    for (const part of ["status", "count", "keys"]) {
      const next = fragment.querySelector(`[data-live-${part}]`);
      const here = root.querySelector(`[data-live-${part}]`);
      if (next && here && next.innerHTML.trim() !== here.innerHTML.trim()) here.replaceChildren(...[...next.childNodes].map(adopt));
    }
    root.classList.toggle("live--days", fragment.dataset.days === "1");
    open = fragment.dataset.open === "1";
    root.dataset.open = open ? "1" : "0";
    root.classList.toggle("live--open", open);
    refreshButton();
  }

  function showPending() {
    if (gap) {
      window.location.reload();
      return;
    }
    const empty = stream.querySelector(".live__empty");
    if (empty) empty.remove();
    const items = [...pending.values()].sort((a, b) => time(a) - time(b)); // oldest first
    let first = null;
    for (const li of items) {
      const existing = [...stream.querySelectorAll(":scope > li")].filter(entryOf);
      // Its place in the chosen order (a back-dated entry lands where its time says).
      const before = existing.find((other) => (oldestFirst ? time(other) > time(li) : time(other) < time(li)));
      stream.insertBefore(li, before || null);
      if (!first || (oldestFirst ? time(li) < time(first) : time(li) > time(first))) first = li;
    }
    pending.clear();
    refreshButton();
    if (first) {
      const entry = entryOf(first);
      entry.scrollIntoView({ block: "start", behavior: "smooth" });
      entry.focus({ preventScroll: true });
    }
  }

  async function check() {
    timer = null;
    if (document.hidden) return; // resumed by visibilitychange
    try {
      // No cookies: every reader asks for the very same cached page. no-cache: a 304 when unchanged.
      const response = await fetch(url, { cache: "no-cache", credentials: "omit", headers: { Accept: "text/html" } });
      if (response.ok) apply(new DOMParser().parseFromString(await response.text(), "text/html"));
    } catch (error) {
      // Offline for a moment: the next round tries again.
    }
    schedule();
  }

  function schedule() {
    if (open && !timer && !document.hidden) timer = window.setTimeout(check, every);
  }

  button.addEventListener("click", showPending);
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden && !timer) check();
  });
  schedule();
})();
