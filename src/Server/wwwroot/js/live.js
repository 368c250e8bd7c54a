// Live updates over GraphQL subscriptions on /graphql (graphql-ws.js): a video's counts, its comments,
// my chat messages and my notifications. One socket for the page; each subscription catches up with a query once it is
// live (first time and after every reconnect), so nothing committed meanwhile is missed.
import { session, gql } from "./api.js";
import { GraphQLSocket } from "./graphql-ws.js";
import { VideoCounts, VideoCountsNow, CommentEvents, Messages, NotificationEvents } from "./operations.js";

/**
 * Events: "counts" { videoId, favoriteCount, commentCount }; "commentAdded" { videoId, comment };
 * "commentDeleted" { videoId, id }; "commentsReconnected" { videoId }; "message" (normalize());
 * "chatReconnected"; "notification" (a notificationEvents event); "notificationsReconnected".
 */
export const live = new EventTarget();
const emit = (type, detail) => live.dispatchEvent(new CustomEvent(type, { detail }));

const socket = new GraphQLSocket({
  url: `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/graphql`,
  token: () => session.token,
  // 4403: the token is invalid or expired. The session ends; the socket reconnects anonymously.
  onRefused: () => { if (session.token) session.clear(); },
});
// Signed in or out: the connection's user changes, so connect again with the new token.
let lastToken = session.token;
window.addEventListener("session", () => {
  if (session.token === lastToken) return;
  lastToken = session.token;
  socket.restart();
});

/** For tests and the curious: the live connection's state ("Connected", "Connecting", "Disconnected"). */
export function liveState() {
  return socket.state;
}

/** A query over the socket when it is up (ordered after the subscriptions), else over HTTP. */
export function catchUpQuery(op, variables) {
  return socket.state === "Connected" ? socket.query(op, variables).catch(() => gql(op, variables)) : gql(op, variables);
}

// ---- counts: refcounted per video (the feed and the comments drawer may both watch one).
const watched = new Map(); // videoId -> { refs, stop, lastEventAt, reconcile }

/**
 * Two changes of one video commit in order, but their events can come in the other order: when
 * events come within a second of each other, read the counts again once the video is quiet, so the
 * last value shown is the committed one (as the SignalR hub does on the server).
 */
const BURST = 1_000;
const QUIET = 250;

function emitCounts(c) {
  emit("counts", { videoId: String(c.videoId ?? c.id), favoriteCount: Number(c.favoriteCount), commentCount: Number(c.commentCount) });
}

async function readCounts(id) {
  try {
    const d = await catchUpQuery(VideoCountsNow, { id });
    if (d.video && watched.has(id)) emitCounts(d.video);
  } catch (err) {
    console.warn("counts catch-up failed", id, err);
  }
}

export function watch(id) {
  id = String(id);
  const w = watched.get(id);
  if (w) { w.refs++; return; }
  const entry = { refs: 1, lastEventAt: 0, reconcile: null };
  watched.set(id, entry);
  entry.stop = socket.subscribe(VideoCounts, { id }, {
    next: d => {
      const now = Date.now();
      if (now - entry.lastEventAt < BURST) {
        clearTimeout(entry.reconcile);
        entry.reconcile = setTimeout(() => readCounts(id), QUIET);
      }
      entry.lastEventAt = now;
      emitCounts(d.videoCounts);
    },
    error: err => { console.warn("videoCounts refused", id, err); if (watched.get(id) === entry) watched.delete(id); },
    onLive: () => readCounts(id), // counts are state: the current ones are the catch-up
  });
}

export function unwatch(id) {
  id = String(id);
  const w = watched.get(id);
  if (!w || --w.refs > 0) return;
  watched.delete(id);
  clearTimeout(w.reconcile);
  w.stop();
}

// ---- comments of one video (the open drawer).
/** Subscribes to a video's comment events; answers the unsubscribe function. */
export function watchComments(id) {
  id = String(id);
  return socket.subscribe(CommentEvents, { id }, {
    next: d => {
      const e = d.commentEvents;
      if (e.kind === "ADDED" && e.comment) emit("commentAdded", { videoId: String(e.videoId), comment: e.comment });
      else if (e.kind === "DELETED") emit("commentDeleted", { videoId: String(e.videoId), id: String(e.commentId) });
    },
    error: err => console.warn("commentEvents refused", id, err),
    // The drawer loads its list once the subscription is live; after a reconnect it loads it afresh.
    onLive: reconnected => emit("commentsReconnected", { videoId: id, reconnected }),
  });
}

// ---- chat: needs the token; started on log-in (or page load with a session), stopped on log-out.
let chat = null;

export function startChat() {
  if (chat || !session.token) return;
  chat = socket.subscribe(Messages, undefined, {
    next: d => emit("message", normalize(d.messages)),
    error: err => { console.warn("messages refused", err); chat = null; },
    // Subscribed (first time or again after a reconnect): listeners catch up with a query.
    onLive: () => emit("chatReconnected"),
  });
}

export function stopChat() {
  const stop = chat;
  chat = null;
  stop?.();
}

export function chatState() {
  return chat ? socket.state : "Disconnected";
}

// ---- notifications: like chat, needs the token (notifications.js keeps the unread count and the panel).
let notes = null;

export function startNotifications() {
  if (notes || !session.token) return;
  notes = socket.subscribe(NotificationEvents, undefined, {
    next: d => emit("notification", d.notificationEvents),
    error: err => { console.warn("notificationEvents refused", err); notes = null; },
    // Subscribed (first time or again after a reconnect): the unread count and an open list are read again.
    onLive: () => emit("notificationsReconnected"),
  });
}

export function stopNotifications() {
  const stop = notes;
  notes = null;
  stop?.();
}

/** One shape for messages from the subscription and from queries and mutations. */
export function normalize(m) {
  return {
    id: String(m.id),
    fromUserId: String(m.fromUserId),
    toUserId: String(m.toUserId),
    content: m.content,
    createTime: Number(m.createTime),
    // No message of the conversation lies between prevTime and createTime (NaN when not said).
    prevTime: Number(m.prevCreateTime ?? NaN),
  };
}
