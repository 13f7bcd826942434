/* The moderation desk with a script: row buttons act in place (no page load), an inline reply,
 * and WordPress's keys: j/k next/previous, a approve, u unapprove, s spam, d (or t) trash,
 * r reply. Without this file the same buttons submit the form and the page reloads. */
function moderationDesk() {
  "use strict";
  const table = document.getElementById("result_list");
  if (!table) return;
  const form = document.getElementById("changelist-form");
  const live = document.querySelector(".cm-live");
  const keys = document.querySelector(".cm-keys");
  if (keys) keys.hidden = false;
  const rows = () => Array.from(table.querySelectorAll("tbody tr")).filter((tr) => tr.querySelector(".cm-actions"));
  let current = -1;

  function csrf() {
    const field = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function select(index) {
    const all = rows();
    if (!all.length) return;
    current = Math.max(0, Math.min(index, all.length - 1));
    all.forEach((tr, i) => tr.classList.toggle("cm-current", i === current));
    all[current].scrollIntoView({ block: "nearest" });
  }

  function updateCounts(counts) {
    if (!counts) return;
    let visible = 0;
    for (const [status, n] of Object.entries(counts)) {
      if (status !== "spam" && status !== "trash") visible += n;
      const tab = document.querySelector(`[data-status-tab="${status}"] .cm-count`);
      if (tab) tab.textContent = n;
    }
    document.querySelectorAll('[data-status-tab="pending"] .cm-count').forEach((el) => { el.textContent = counts.pending || 0; });
    const all = document.querySelector('[data-status-tab="all"] .cm-count');
    if (all) all.textContent = visible;
  }

  function rowButtons(tr, status) {
    // After an action the row offers what makes sense next, as the server would draw it.
    const actions = tr.querySelector(".cm-actions");
    const approve = actions.querySelector('[data-do="approve"], [data-do="unapprove"]');
    if (approve) {
      const approved = status === "approved";
      approve.dataset.do = approve.value = approved ? "unapprove" : "approve";
      approve.textContent = approved ? actions.dataset.labelUnapprove || approve.textContent : actions.dataset.labelApprove || approve.textContent;
    }
    // Replying to a held comment publishes it: its button says "Approve and reply".
    const reply = actions.querySelector(".cm-reply");
    const label = status === "pending" ? actions.dataset.labelApproveReply : actions.dataset.labelReply;
    if (reply && label) {
      reply.textContent = label;
      const open = tr.nextElementSibling;
      if (open && open.classList.contains("cm-reply-row")) {
        open.querySelector("textarea").setAttribute("aria-label", label);
        open.querySelector("button").textContent = label;
      }
    }
  }

  async function act(tr, button) {
    const response = await fetch(button.formAction, {
      method: "POST",
      headers: { Accept: "application/json", "X-CSRFToken": csrf() },
      body: new URLSearchParams({ do: button.value }),
      credentials: "same-origin",
    });
    if (!response.ok) {
      live.textContent = (await response.json().catch(() => ({}))).error || response.statusText;
      return false;
    }
    const answer = await response.json();
    const badge = tr.querySelector(".cm-status");
    badge.className = `cm-status cm-${answer.status}`;
    badge.dataset.status = answer.status;
    badge.textContent = answer.label;
    rowButtons(tr, answer.status);
    updateCounts(answer.counts);
    live.textContent = answer.message;
    return true;
  }

  function openReply(tr) {
    const next = tr.nextElementSibling;
    if (next && next.classList.contains("cm-reply-row")) {
      next.querySelector("textarea").focus();
      return;
    }
    const link = tr.querySelector(".cm-reply");
    const row = document.createElement("tr");
    row.className = "cm-reply-row";
    const cell = document.createElement("td");
    cell.colSpan = tr.children.length;
    const area = document.createElement("textarea");
    area.rows = 4;
    area.className = "cm-reply-text";
    area.setAttribute("aria-label", link.textContent);
    const send = document.createElement("button");
    send.type = "button";
    send.className = "button default cm-reply-send";
    send.textContent = link.textContent;
    cell.append(area, send);
    row.append(cell);
    tr.after(row);
    area.focus();
    send.addEventListener("click", async () => {
      const response = await fetch(link.href, {
        method: "POST",
        headers: { Accept: "application/json", "X-CSRFToken": csrf() },
        body: new URLSearchParams({ text: area.value }),
        credentials: "same-origin",
      });
      const answer = await response.json().catch(() => ({}));
      if (!response.ok) {
        live.textContent = answer.error || response.statusText;
        return;
      }
      const badge = tr.querySelector(".cm-status");
      badge.className = `cm-status cm-${answer.status}`;
      badge.textContent = answer.label;
      rowButtons(tr, answer.status);
      updateCounts(answer.counts);
      live.textContent = answer.message;
      row.remove();
    });
  }

  table.addEventListener("click", (event) => {
    const button = event.target.closest(".cm-do");
    const tr = event.target.closest("tr");
    if (button && tr) {
      event.preventDefault();
      select(rows().indexOf(tr));
      act(tr, button);
      return;
    }
    const reply = event.target.closest(".cm-reply");
    if (reply && tr) {
      event.preventDefault();
      select(rows().indexOf(tr));
      openReply(tr);
    }
  });

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest("input, textarea, select, [contenteditable]")) return;
    const all = rows();
    if (!all.length) return;
    const key = event.key.toLowerCase();
    if (key === "j" || key === "arrowdown") { select(current + 1); event.preventDefault(); return; }
    if (key === "k" || key === "arrowup") { select(current - 1); event.preventDefault(); return; }
    if (current < 0) select(0);
    const tr = all[current];
    const wanted = { a: "approve", u: "unapprove", s: "spam", d: "trash", t: "trash", z: "restore" }[key];
    if (wanted) {
      const button = tr.querySelector(`.cm-do[data-do="${wanted}"]`);
      if (!button) return;
      event.preventDefault();
      act(tr, button).then((ok) => { if (ok && wanted !== "unapprove") select(current + 1); });
    } else if (key === "r") {
      event.preventDefault();
      openReply(tr);
    }
  });

  // Start on the first row, pending comments being listed first.
  select(0);
}

// The admin loads its media in <head>: wait for the list.
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", moderationDesk);
else moderationDesk();
