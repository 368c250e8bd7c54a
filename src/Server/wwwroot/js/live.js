// SignalR: /hubs/videos (counts and comments of the videos on screen) and /hubs/chat (messages).
import { session } from "./api.js";

const signalR = () => window.signalR;

/** Events: "counts", "commentAdded", "commentDeleted" (videos); "message", "chatReconnected" (chat). */
export const live = new EventTarget();
const emit = (type, detail) => live.dispatchEvent(new CustomEvent(type, { detail }));

// ---- videos hub: anonymous, started once; Watch/Unwatch follow what is on screen.
const watched = new Set();
let videos;
let videosReady;

function videosHub() {
  if (videos) return videosReady;
  videos = new (signalR().HubConnectionBuilder)()
    .withUrl("/hubs/videos")
    .withAutomaticReconnect()
    .configureLogging(signalR().LogLevel.Warning)
    .build();
  videos.on("counts", c => emit("counts", c));
  videos.on("commentAdded", c => emit("commentAdded", c));
  videos.on("commentDeleted", c => emit("commentDeleted", c));
  // After a reconnect the server has forgotten our watches; their answers are the catch-up.
  videos.onreconnected(() => { for (const id of watched) watchNow(id); });
  videosReady = videos.start().catch(err => {
    console.warn("videos hub unavailable", err);
    videos = null;
  });
  return videosReady;
}

async function watchNow(id) {
  try {
    const c = await videos.invoke("Watch", Number(id));
    emit("counts", c);
  } catch (err) {
    console.warn("Watch failed", id, err);
  }
}

export async function watch(id) {
  id = String(id);
  if (watched.has(id)) return;
  watched.add(id);
  await videosHub();
  if (videos?.state === "Connected" && watched.has(id)) await watchNow(id);
}

export async function unwatch(id) {
  id = String(id);
  if (!watched.delete(id)) return;
  if (videos?.state === "Connected") videos.invoke("Unwatch", Number(id)).catch(() => {});
}

// ---- chat hub: needs the token; started on log-in (or page load with a session), stopped on log-out.
let chat = null;

export function startChat() {
  if (chat || !session.token) return;
  const conn = new (signalR().HubConnectionBuilder)()
    .withUrl("/hubs/chat", { accessTokenFactory: () => session.token ?? "" })
    .withAutomaticReconnect()
    .configureLogging(signalR().LogLevel.Warning)
    .build();
  conn.on("message", m => emit("message", normalize(m)));
  conn.onreconnected(() => emit("chatReconnected"));
  chat = conn;
  // Register handlers, start, then (listeners) catch up: nothing falls in between.
  conn.start().then(() => emit("chatReconnected")).catch(err => {
    console.warn("chat hub unavailable", err);
    if (chat === conn) chat = null;
  });
}

export function stopChat() {
  const conn = chat;
  chat = null;
  conn?.stop().catch(() => {});
}

export function chatState() {
  return chat?.state ?? "Disconnected";
}

/** Hub pushes are snake_case, GraphQL answers camelCase: one shape for the views. */
export function normalize(m) {
  return {
    id: String(m.id),
    fromUserId: String(m.fromUserId ?? m.from_user_id),
    toUserId: String(m.toUserId ?? m.to_user_id),
    content: m.content,
    createTime: Number(m.createTime ?? m.create_time),
    // Pushes say which message came before in the conversation (NaN when not said, e.g. a GraphQL answer).
    prevTime: Number(m.prevTime ?? m.prev_create_time ?? NaN),
  };
}
