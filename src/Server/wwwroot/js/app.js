// The router: #/ feed, #/following (the followees' videos), #/video/:id, #/login, #/upload, #/user/:id[/following|followers|friends],
// #/me, #/chat, #/chat/:id, #/notifications. The main feed is kept alive between screens so its place is not lost.
import { session } from "./api.js";
import { startChat } from "./live.js";
import { createFeed, feedPage, followingPage, singleVideo } from "./feed.js";
import { commentsOpen, closeComments } from "./comments.js";
import { renderLogin } from "./auth.js";
import { renderProfile, renderPeople } from "./profile.js";
import { renderUpload } from "./upload.js";
import { renderInbox, renderConversation } from "./chat.js";
import { bellLink, renderNotifications, startBell } from "./notifications.js";
import { h, icon } from "./ui.js";

const view = document.getElementById("view");
const nav = document.getElementById("nav");
const screen = h("div", { class: "screen" });
view.append(screen);

let home = null;      // the main feed, created once
let single = null;    // a one-video feed (#/video/:id)
let following = null; // the following feed (#/following), created afresh each visit
let cleanup = null;   // the current screen's teardown
let feedOnScreen = null;

function paintNav(route) {
  const me = session.current;
  const link = (href, name, label, active) =>
    h("a", { href, class: active ? "active" : "", "aria-current": active ? "page" : null }, icon(name), h("span", {}, label));
  // replaceChildren would print a null as the text "null": leave the signed-out gaps out.
  nav.replaceChildren(...[
    h("a", { class: "brand", href: "#/", "aria-label": "tiktok home" }, icon("home"), h("span", {}, "tiktok")),
    link("#/", "home", "Home", route === "feed"),
    link("#/following", "people", "Following", route === "following"),
    link("#/upload", "upload", "Upload", route === "upload"),
    link("#/chat", "chat", "Inbox", route === "chat"),
    me ? bellLink(route === "notifications") : null,
    me ? link(`#/user/${me.user.id}`, "user", "Me", route === "me")
       : link("#/login", "user", "Log in", route === "login")].filter(Boolean));
}

function route() {
  const [path, query = ""] = (location.hash.slice(1) || "/").split("?");
  const params = new URLSearchParams(query);
  const parts = path.split("/").filter(Boolean);
  cleanup?.();
  cleanup = null;
  closeComments();
  screen.replaceChildren();
  feedOnScreen?.hide();
  feedOnScreen = null;
  single?.destroy();
  single = null;
  following?.destroy();
  following = null;
  view.classList.remove("with-feed");

  let name = parts[0] ?? "feed";
  if (name === "feed") {
    // Coming back to the top of the feed: start afresh, so newly published videos show up.
    if (home && home.atTop) { home.destroy(); home = null; }
    if (!home) { home = createFeed(feedPage, { emptyText: "No videos yet.", firstRun: true }); view.append(home.el); }
    showFeed(home);
  } else if (name === "following") {
    if (!session.current) { location.replace("#/login?next=%23%2Ffollowing"); return; }
    following = createFeed(followingPage, { emptyText: "No videos from the people you follow yet." });
    view.append(following.el);
    showFeed(following);
  } else if (name === "video" && parts[1]) {
    single = createFeed(singleVideo(parts[1]), { emptyText: "This video does not exist." });
    view.append(single.el);
    showFeed(single);
  } else if (name === "login") {
    renderLogin(screen, params);
  } else if (name === "upload") {
    renderUpload(screen);
  } else if (name === "me") {
    location.replace(session.current ? `#/user/${session.current.user.id}` : "#/login?next=%23%2Fme");
    return;
  } else if (name === "user" && parts[1]) {
    if (parts[2]) renderPeople(screen, parts[1], parts[2]);
    else renderProfile(screen, parts[1]);
    name = parts[1] === session.userId ? "me" : "user";
  } else if (name === "notifications") {
    cleanup = renderNotifications(screen);
  } else if (name === "chat") {
    cleanup = parts[1] ? renderConversation(screen, parts[1]) : renderInbox(screen);
  } else {
    screen.append(h("div", { class: "page center" }, h("p", {}, "Nothing here. "), h("a", { href: "#/" }, "Back to the feed")));
  }
  paintNav(name);
}

function showFeed(feed) {
  view.classList.add("with-feed");
  feedOnScreen = feed;
  feed.show();
}

document.addEventListener("keydown", e => {
  if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
  if (e.key === "Escape" && commentsOpen()) { closeComments(); return; }
  const t = e.target;
  if (t instanceof HTMLElement && (t.closest("input, textarea, select, [contenteditable]") || commentsOpen())) return;
  if (e.key === " " && t instanceof HTMLElement && t.closest("button, a")) return;
  feedOnScreen?.key(e);
});

window.addEventListener("hashchange", route);
// Signed in or out: the viewer's flags (liked, following) change, so the feed is loaded again.
window.addEventListener("session", () => {
  if (feedOnScreen === home) feedOnScreen = null;
  home?.destroy();
  home = null;
  if (!location.hash.startsWith("#/login")) route();
});
if (session.token) { startChat(); startBell(); }
route();
