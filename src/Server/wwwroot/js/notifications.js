// Notifications: the bell in the navigation with my unread count, kept live by the notificationEvents
// stream of live.js, and the panel (#/notifications) listing them newest first. Opening the panel
// marks read what it shows (up to the newest one's cursor); "Mark all read" marks everything.
import { gql, session } from "./api.js";
import { live, catchUpQuery, startNotifications } from "./live.js";
import { Notifications, UnreadNotificationCount, MarkNotificationsRead } from "./operations.js";
import { h, icon, toast, avatar, when, explain, count } from "./ui.js";
import { requireLogin } from "./auth.js";

let unread = 0;

/** The unread count as last committed (pushed, or read after a (re)subscribe). */
export function unreadCount() {
  return unread;
}

function setUnread(n) {
  unread = Math.max(0, Number(n) || 0);
  for (const badge of document.querySelectorAll(".bell-badge")) paintBadge(badge);
}

function paintBadge(badge) {
  badge.textContent = unread > 99 ? "99+" : String(unread);
  badge.hidden = unread === 0;
  badge.closest("a")?.setAttribute("aria-label", unread ? `Notifications, ${unread} unread` : "Notifications");
}

/** The navigation's bell: a link to the panel with the live unread badge. */
export function bellLink(active) {
  const badge = h("span", { class: "bell-badge", "aria-hidden": "true" });
  paintBadge(badge);
  return h("a", { href: "#/notifications", class: active ? "active bell" : "bell", "aria-current": active ? "page" : null },
    h("span", { class: "bell-icon" }, icon("bell"), badge), h("span", {}, "Alerts"));
}

async function readUnread() {
  if (!session.token) return;
  try {
    setUnread((await catchUpQuery(UnreadNotificationCount, {})).unreadNotificationCount);
  } catch (err) {
    console.warn("unread count catch-up failed", err);
  }
}

// Two commits on PostgreSQL can announce their counts in the other order: when counts come within a
// second of each other, read the count again once they stop, so the last figure shown is the committed one.
let lastCountAt = 0;
let recount = null;
live.addEventListener("notification", e => {
  if (e.detail.kind !== "UNREAD_COUNT") return;
  const now = Date.now();
  if (now - lastCountAt < 1_000) { clearTimeout(recount); recount = setTimeout(readUnread, 250); }
  lastCountAt = now;
  setUnread(e.detail.unreadCount);
});
live.addEventListener("notificationsReconnected", readUnread);
window.addEventListener("session", () => { if (!session.token) setUnread(0); });

/** Starts the live count for the signed-in user (page load, log-in). */
export function startBell() {
  if (!session.token) return;
  startNotifications();
}

function sentence(n) {
  const who = n.actor?.name ?? "Someone";
  const others = Number(n.actorCount) - 1;
  const and = others > 0 ? ` and ${count(others)} other${others === 1 ? "" : "s"}` : "";
  switch (n.kind) {
    case "LIKE": return [h("b", {}, who), `${and} liked your video`];
    case "FOLLOW": return [h("b", {}, who), `${and} started following you`];
    default: return [h("b", {}, who), " commented: ", h("span", { class: "quote" }, n.commentText ?? "")];
  }
}

function item(n) {
  const href = n.kind === "FOLLOW" ? `#/user/${n.actor?.id ?? ""}` : `#/video/${n.video?.id ?? ""}`;
  return h("li", { class: n.read ? "note" : "note unread", dataset: { id: String(n.id), kind: n.kind, updated: String(n.updatedAt) } },
    h("a", { class: "person", href },
      avatar(n.actor),
      h("span", { class: "col" }, h("span", { class: "what" }, sentence(n)), h("span", { class: "muted" }, when(n.updatedAt))),
      n.video ? h("img", { class: "thumb", src: n.video.coverUrl, alt: "", loading: "lazy" }) : null));
}

export function renderNotifications(view) {
  if (!requireLogin()) return;
  startBell();
  const list = h("ul", { class: "people notes" });
  const more = h("button", { class: "link", type: "button", hidden: true, onclick: () => load(after) });
  const markAll = h("button", { class: "button secondary", type: "button", onclick: async () => {
    markAll.disabled = true;
    try {
      setUnread((await gql(MarkNotificationsRead, { upTo: null })).markNotificationsRead);
      for (const li of list.querySelectorAll(".unread")) li.classList.remove("unread");
    } catch (err) {
      toast(explain(err));
    } finally {
      markAll.disabled = false;
    }
  } }, "Mark all read");
  view.append(h("div", { class: "page" }, h("header", { class: "bar" }, h("h1", {}, "Notifications"), markAll), list, more));

  let after = null;
  let first = true;
  async function load(cursor) {
    try {
      const d = await catchUpQuery(Notifications, { after: cursor });
      const page = d.notifications;
      if (!cursor) list.replaceChildren();
      for (const edge of page.edges) {
        list.querySelector(`li[data-id="${CSS.escape(String(edge.node.id))}"]`)?.remove();
        list.append(item(edge.node));
      }
      after = page.pageInfo.endCursor;
      more.hidden = !page.pageInfo.hasNextPage;
      more.textContent = "Older";
      if (!cursor && !list.childElementCount) list.append(h("li", { class: "muted empty" }, "Nothing yet: likes, follows and comments on your videos show up here."));
      setUnread(d.unreadNotificationCount);
      // Opening the panel reads what it shows: the newest one and everything older.
      if (first && page.edges.length && d.unreadNotificationCount > 0)
        setUnread((await gql(MarkNotificationsRead, { upTo: page.edges[0].cursor })).markNotificationsRead);
      first = false;
    } catch (err) {
      toast(explain(err));
    }
  }

  const onEvent = e => {
    const { kind, notification: n } = e.detail;
    if (!n) return;
    const old = list.querySelector(`li[data-id="${CSS.escape(String(n.id))}"]`);
    if (kind === "WITHDRAWN") { old?.remove(); return; }
    list.querySelector(".empty")?.remove();
    // A group that grew moves to the top (its latest activity is now); one that shrank keeps its place.
    if (!old || Number(n.updatedAt) > Number(old.dataset.updated)) { old?.remove(); list.prepend(item(n)); }
    else old.replaceWith(item(n));
  };
  const onReconnected = () => load(null);
  live.addEventListener("notification", onEvent);
  live.addEventListener("notificationsReconnected", onReconnected);
  load(null);
  return () => {
    live.removeEventListener("notification", onEvent);
    live.removeEventListener("notificationsReconnected", onReconnected);
  };
}
