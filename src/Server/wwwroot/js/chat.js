// Chat with friends: conversations (me.friends with each last message) and one conversation whose
// messages arrive live (the messages subscription, live.js). Each message is shown once (keyed by id);
// history loads on open and after every (re)subscribe with chat(withUserId, after: the newest time up to
// which nothing is missing), over the live socket so that it runs once the subscription is live.
import { gql, session, userBrief } from "./api.js";
import { live, startChat, normalize, catchUpQuery } from "./live.js";
import { Inbox, Chat, SendMessage } from "./operations.js";
import { h, icon, toast, avatar, when, explain } from "./ui.js";
import { requireLogin } from "./auth.js";

export function renderInbox(view) {
  if (!requireLogin()) return;
  startChat();
  const list = h("ul", { class: "people conversations" });
  view.append(h("div", { class: "page" }, h("header", { class: "bar" }, h("h1", {}, "Messages")),
    h("p", { class: "muted hint" }, "Friends are people you follow who follow you back."), list));

  async function load() {
    try {
      const d = await catchUpQuery(Inbox, {});
      list.replaceChildren();
      for (const f of d.me?.friends ?? []) {
        const last = f.lastMessage ? (f.lastMessageSentByViewer ? `You: ${f.lastMessage}` : f.lastMessage) : "Say hi!";
        list.append(h("li", {}, h("a", { class: "person", href: `#/chat/${f.user.id}`, dataset: { peer: String(f.user.id) } },
          avatar(f.user), h("span", { class: "col" }, h("span", { class: "name" }, f.user.name), h("span", { class: "muted last" }, last)))));
      }
      if (!list.childElementCount) list.append(h("li", { class: "muted empty" }, "No friends yet: follow someone who follows you, and they appear here. ",
        h("a", { href: "#/" }, "Find people in the feed")));
    } catch (err) {
      toast(explain(err));
    }
  }
  // A new message anywhere, or subscribed again: refresh the last lines.
  const onMessage = () => load();
  live.addEventListener("message", onMessage);
  live.addEventListener("chatReconnected", onMessage);
  load();
  return () => {
    live.removeEventListener("message", onMessage);
    live.removeEventListener("chatReconnected", onMessage);
  };
}

export function renderConversation(view, peerId) {
  if (!requireLogin()) return;
  peerId = String(peerId);
  const me = session.userId;
  startChat();
  const shown = new Set();
  // Catch up from `last`: the newest time up to which every message is shown. Pushes from two
  // server instances can arrive out of order, so it only moves along prevTime links (docs/hubs.md).
  let last = 0;
  const links = new Map(); // createTime -> prevTime of the messages shown
  function advance() {
    for (let moved = true; moved;) {
      moved = false;
      for (const [t, prev] of links) if (prev <= last && t > last) { last = t; moved = true; }
    }
  }
  let catching = null;
  let again = false; // asked while one was on its way (it may have started before the subscription was live)

  const name = h("h1", {}, "…");
  const pic = h("span", {});
  const list = h("ol", { class: "messages", "aria-live": "polite", "aria-label": "Messages" });
  const input = h("input", { name: "message", type: "text", maxlength: "1000", autocomplete: "off",
    placeholder: "Message…", "aria-label": "Message" });
  const send = h("button", { class: "send", type: "submit", "aria-label": "Send" }, icon("send"));
  const form = h("form", { class: "message-form", onsubmit: submit }, input, send);
  const page = h("div", { class: "page chat" },
    h("header", { class: "bar" }, h("a", { class: "icon-button", href: "#/chat", "aria-label": "Back to messages" }, icon("back")),
      h("a", { class: "person", href: `#/user/${peerId}` }, pic, name)),
    list, form);
  view.append(page);

  userBrief(peerId).then(u => { name.textContent = u.name; pic.replaceChildren(avatar(u)); }).catch(() => {});

  function show(m) {
    if (shown.has(m.id)) return;
    const mine = m.fromUserId === me;
    const inThisChat = (m.fromUserId === peerId && m.toUserId === me) || (mine && m.toUserId === peerId);
    if (!inThisChat) return;
    shown.add(m.id);
    links.set(m.createTime, m.prevTime);
    advance();
    // A push whose predecessor is missing: an earlier push is late or lost (an instance died): fetch it.
    if (m.prevTime > last) catchUp();
    const li = h("li", { class: `message ${mine ? "mine" : "theirs"}`, dataset: { id: m.id, time: String(m.createTime) } },
      h("p", {}, m.content), h("time", {}, when(m.createTime)));
    // Keep time order even if a push and a history page interleave.
    const after = [...list.children].find(el => Number(el.dataset.time) > m.createTime);
    list.insertBefore(li, after ?? null);
    li.scrollIntoView({ block: "end" });
  }

  /** History strictly after the last message shown, page by page (50 at most each). */
  function catchUp() {
    if (catching) { again = true; return catching; }
    catching = (async () => {
      try {
        do {
          again = false;
          for (;;) {
            const d = await catchUpQuery(Chat, { peer: peerId, after: last });
            // A history page is complete from `after` on: each entry's prevCreateTime is the one before it.
            const page = d.chat.map(normalize);
            page.forEach(show);
            if (page.length < 50) break;
          }
        } while (again);
      } catch (err) {
        toast(explain(err));
      } finally {
        catching = null;
      }
    })();
    return catching;
  }

  async function submit(e) {
    e.preventDefault();
    const content = input.value.trim();
    if (!content) return;
    send.disabled = true;
    try {
      const d = await gql(SendMessage, { to: peerId, content });
      show(normalize(d.sendMessage));
      input.value = "";
    } catch (err) {
      toast(explain(err));
    } finally {
      send.disabled = false;
      input.focus();
    }
  }

  const onMessage = e => show(e.detail);
  const onReconnected = () => catchUp();
  live.addEventListener("message", onMessage);
  live.addEventListener("chatReconnected", onReconnected);
  catchUp();
  input.focus();
  return () => {
    live.removeEventListener("message", onMessage);
    live.removeEventListener("chatReconnected", onReconnected);
  };
}
