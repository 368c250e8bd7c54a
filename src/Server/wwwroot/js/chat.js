// Chat with friends: conversations (me.friends with each last message) and one conversation whose
// messages arrive live on /hubs/chat. Each message is shown once (keyed by id); history loads on open
// and after every (re)connect with chat(withUserId, after: the newest time up to which nothing is missing).
import { gql, session, userBrief } from "./api.js";
import { live, startChat } from "./live.js";
import { h, icon, toast, avatar, when, explain } from "./ui.js";
import { requireLogin } from "./auth.js";

const MESSAGE = "id fromUserId toUserId content createTime";

export function renderInbox(view) {
  if (!requireLogin()) return;
  startChat();
  const list = h("ul", { class: "people conversations" });
  view.append(h("div", { class: "page" }, h("header", { class: "bar" }, h("h1", {}, "Messages")),
    h("p", { class: "muted hint" }, "Friends are people you follow who follow you back."), list));

  async function load() {
    try {
      const d = await gql(`{ me { friends { user { id name avatar } lastMessage lastMessageSentByViewer } } }`);
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
  // A new message anywhere: refresh the last lines.
  const onMessage = () => load();
  live.addEventListener("message", onMessage);
  load();
  return () => live.removeEventListener("message", onMessage);
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
    if (catching) return catching;
    catching = (async () => {
      try {
        for (;;) {
          const d = await gql(`query Chat($peer: ID!, $after: Long) { chat(withUserId: $peer, after: $after, first: 50) { ${MESSAGE} } }`,
            { peer: peerId, after: last });
          // A history page is complete from `after` on: each entry follows the one before it.
          let before = last;
          const page = d.chat.map(m => {
            const entry = { ...m, id: String(m.id), fromUserId: String(m.fromUserId),
              toUserId: String(m.toUserId), createTime: Number(m.createTime), prevTime: before };
            before = entry.createTime;
            return entry;
          });
          page.forEach(show);
          if (page.length < 50) break;
        }
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
      const d = await gql(`mutation S($to: ID!, $content: String!) { sendMessage(toUserId: $to, content: $content) { ${MESSAGE} } }`,
        { to: peerId, content });
      const m = d.sendMessage;
      show({ ...m, id: String(m.id), fromUserId: String(m.fromUserId), toUserId: String(m.toUserId), createTime: Number(m.createTime), prevTime: NaN });
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
