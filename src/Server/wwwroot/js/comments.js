// The comments drawer of one video: newest first, post, delete own; new ones arrive live
// (commentAdded/commentDeleted on /hubs/videos; the drawer watches its video while open).
import { gql, session, userBrief, USER_BRIEF } from "./api.js";
import { live, watch, unwatch } from "./live.js";
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
    if (shown.has(id)) return null;
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

  async function load() {
    try {
      const d = await gql(`query C($id: ID!, $after: String) { video(id: $id) { commentCount
          comments(first: 20, after: $after) { nodes { id content createdAt user { ${USER_BRIEF} } }
            pageInfo { hasNextPage endCursor } } } }`, { id: videoId, after: cursor });
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
      const d = await gql(`mutation A($id: ID!, $content: String!) { addComment(videoId: $id, content: $content) {
          id content createdAt user { ${USER_BRIEF} } } }`, { id: videoId, content });
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
      await gql(`mutation D($v: ID!, $c: ID!) { deleteComment(videoId: $v, commentId: $c) }`, { v: videoId, c: id });
      shown.get(id)?.remove();
      shown.delete(id);
      empty.hidden = shown.size > 0;
    } catch (err) {
      toast(explain(err));
    }
  }

  const onAdded = async e => {
    const c = e.detail;
    if (String(c.video_id) !== videoId || shown.has(String(c.id))) return;
    const user = await userBrief(c.user_id).catch(() => ({ id: String(c.user_id), name: `user ${c.user_id}`, avatar: "" }));
    const li = render({ id: c.id, content: c.content, createdAt: c.create_time, user });
    if (li) list.prepend(li);
  };
  const onDeleted = e => {
    const c = e.detail;
    if (String(c.video_id) !== videoId) return;
    shown.get(String(c.id))?.remove();
    shown.delete(String(c.id));
    empty.hidden = shown.size > 0;
  };
  const onCounts = e => { if (String(e.detail.video_id) === videoId) setTitle(e.detail.comment_count); };
  const onKey = e => { if (e.key === "Escape") { e.stopPropagation(); close(); } };

  function close() {
    if (current?.drawer !== drawer) return;
    current = null;
    live.removeEventListener("commentAdded", onAdded);
    live.removeEventListener("commentDeleted", onDeleted);
    live.removeEventListener("counts", onCounts);
    drawer.removeEventListener("keydown", onKey);
    unwatchIfOurs();
    drawer.remove();
    backdrop.remove();
    if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
  }

  // The feed watches the video on screen; the drawer also watches, so the video stays watched while
  // the drawer is open even if the feed moves on. Unwatch only if the feed is not showing it.
  let weWatched = false;
  function unwatchIfOurs() {
    const onScreen = document.querySelector(`.slide.active[data-id="${CSS.escape(videoId)}"]`);
    if (weWatched && !(onScreen && onScreen.offsetParent)) unwatch(videoId);
  }

  live.addEventListener("commentAdded", onAdded);
  live.addEventListener("commentDeleted", onDeleted);
  live.addEventListener("counts", onCounts);
  drawer.addEventListener("keydown", onKey);
  current = { video, drawer, close };
  document.body.append(backdrop, drawer);
  watch(videoId).then(() => { weWatched = true; });
  load();
  (session.token ? input : closeButton).focus();
}
