// The comments drawer of one video: newest first, post, delete own; new and deleted ones arrive live
// (the commentEvents subscription, live.js), and its count with the video's counts while it is open.
import { gql, session } from "./api.js";
import { live, watch, unwatch, watchComments, catchUpQuery } from "./live.js";
import { Comments, AddComment, DeleteComment } from "./operations.js";
import { h, icon, toast, avatar, when, explain, count } from "./ui.js";
import { requireLogin } from "./auth.js";

let current = null; // { video, close }

export function commentsOpen() {
  return current !== null;
}

export function closeComments() {
  current?.close();
}

export function openComments(video) {
  closeComments();
  const videoId = String(video.id);
  const shown = new Map(); // comment id -> element
  const deleted = new Set(); // ids deleted while a page was on its way: never shown again
  let loaded = false;
  let cursor = null;
  const title = h("h2", { id: "comments-title" }, "Comments");
  const list = h("ol", { class: "comments", "aria-live": "polite" });
  const more = h("button", { class: "link more", type: "button", hidden: true, onclick: () => load() }, "Load more");
  const empty = h("p", { class: "muted empty" }, "No comments yet. Be the first!");
  const input = h("input", { name: "comment", type: "text", maxlength: "500", autocomplete: "off",
    placeholder: session.token ? "Add a comment…" : "Log in to comment", "aria-label": "Add a comment" });
  const post = h("button", { type: "submit", class: "send", "aria-label": "Post comment" }, icon("send"));
  const form = h("form", { class: "comment-form", onsubmit: submit }, input, post);
  const closeButton = h("button", { class: "icon-button", type: "button", "aria-label": "Close comments", onclick: close }, icon("close"));
  const drawer = h("aside", { class: "drawer", role: "dialog", "aria-modal": "true", "aria-labelledby": "comments-title" },
    h("header", {}, title, closeButton), h("div", { class: "drawer-body" }, empty, list, more), form);
  const backdrop = h("div", { class: "backdrop", onclick: close });
  const opener = document.activeElement;

  function setTitle(n) {
    title.textContent = `${count(n)} ${Number(n) === 1 ? "comment" : "comments"}`;
  }
  setTitle(video.commentCount);

  function render(c) {
    const id = String(c.id);
    if (shown.has(id) || deleted.has(id)) return null;
    const mine = session.userId && String(c.user.id) === session.userId;
    const li = h("li", { class: "comment", dataset: { id } },
      h("a", { href: `#/user/${c.user.id}`, onclick: close, "aria-label": `${c.user.name}'s profile` }, avatar(c.user)),
      h("div", { class: "comment-body" },
        h("div", { class: "who" }, h("span", { class: "name" }, c.user.name), h("time", {}, when(c.createdAt))),
        h("p", { class: "text" }, c.content)),
      mine && h("button", { class: "icon-button delete", type: "button", "aria-label": "Delete comment",
        onclick: () => remove(id) }, icon("trash")));
    shown.set(id, li);
    empty.hidden = true;
    return li;
  }

  /** The next page; afresh (the first page, the list replaced) after a reconnect, when deletions may have been missed. */
  async function load(afresh = false) {
    try {
      loaded = true;
      const d = await (cursor && !afresh ? gql : catchUpQuery)(Comments, { id: videoId, after: afresh ? null : cursor });
      if (current?.drawer !== drawer) return;
      if (afresh) { shown.clear(); list.replaceChildren(); empty.hidden = false; }
      if (!d.video) { toast("This video no longer exists."); return close(); }
      setTitle(d.video.commentCount);
      for (const c of d.video.comments.nodes) { const li = render(c); if (li) list.append(li); }
      cursor = d.video.comments.pageInfo.endCursor;
      more.hidden = !d.video.comments.pageInfo.hasNextPage;
    } catch (err) {
      toast(explain(err));
    }
  }

  async function submit(e) {
    e.preventDefault();
    if (!requireLogin()) return close();
    const content = input.value.trim();
    if (!content) return;
    post.disabled = true;
    try {
      const d = await gql(AddComment, { id: videoId, content });
      input.value = "";
      const li = render(d.addComment);
      if (li) list.prepend(li);
    } catch (err) {
      toast(explain(err));
    } finally {
      post.disabled = false;
      input.focus();
    }
  }

  async function remove(id) {
    try {
      await gql(DeleteComment, { videoId, commentId: id });
      forget(id);
    } catch (err) {
      toast(explain(err));
    }
  }

  function forget(id) {
    deleted.add(id);
    shown.get(id)?.remove();
    shown.delete(id);
    empty.hidden = shown.size > 0;
  }

  const onAdded = e => {
    if (e.detail.videoId !== videoId) return;
    const li = render(e.detail.comment); // the event carries the comment with its author
    if (li) list.prepend(li);
  };
  const onDeleted = e => { if (e.detail.videoId === videoId) forget(e.detail.id); };
  // Subscribed: the first page now (nothing falls between it and the events), afresh after a reconnect.
  const onLive = e => { if (e.detail.videoId === videoId) load(e.detail.reconnected || loaded); };
  const onCounts = e => { if (e.detail.videoId === videoId) setTitle(e.detail.commentCount); };
  const onKey = e => { if (e.key === "Escape") { e.stopPropagation(); close(); } };

  function close() {
    if (current?.drawer !== drawer) return;
    current = null;
    live.removeEventListener("commentAdded", onAdded);
    live.removeEventListener("commentDeleted", onDeleted);
    live.removeEventListener("counts", onCounts);
    live.removeEventListener("commentsReconnected", onLive);
    drawer.removeEventListener("keydown", onKey);
    stopComments();
    clearTimeout(fallback);
    unwatch(videoId);
    drawer.remove();
    backdrop.remove();
    if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
  }

  live.addEventListener("commentAdded", onAdded);
  live.addEventListener("commentDeleted", onDeleted);
  live.addEventListener("counts", onCounts);
  live.addEventListener("commentsReconnected", onLive);
  drawer.addEventListener("keydown", onKey);
  current = { video, drawer, close };
  document.body.append(backdrop, drawer);
  // The drawer watches the counts too (watches are counted), so they stay live while it is open
  // even if the feed moves on; the first page loads once the comment subscription is live (onLive).
  watch(videoId);
  const stopComments = watchComments(videoId);
  // No live connection to be had (it keeps retrying): show the list anyway.
  const fallback = setTimeout(() => { if (!loaded) load(); }, 3_000);
  (session.token ? input : closeButton).focus();
}
