// A small client of the GraphQL over WebSocket protocol (graphql-transport-ws, the protocol of npm
// graphql-ws) for /graphql: connection_init with the token, ping/pong, subscribe/next/error/complete,
// reconnect with backoff, resubscribe, and an onLive hook after each (re)subscribe for the catch-up
// query. Operations go by their registered hash first (operations.js), with the text only when the
// server does not know the hash (docs/web-client.md, "Live updates").

const PROTOCOL = "graphql-transport-ws";
const ACK_TIMEOUT = 10_000;   // connection_ack must come by then
const PING_EVERY = 20_000;    // a ping of ours when the socket has been quiet this long...
const PONG_TIMEOUT = 10_000;  // ...and its pong by then, or the connection is taken as dead
const IDLE_CLOSE = 5_000;     // no operation for this long: close the socket
const BACKOFF = [500, 1_000, 2_000, 4_000, 8_000, 15_000];

/** An error of the server's (the first GraphQL error of an `error` message or of a result). */
export class SocketError extends Error {
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}

function persisted(op, variables, withText) {
  const payload = { operationName: op.name, variables, extensions: { persistedQuery: { version: 1, sha256Hash: op.sha256 } } };
  if (withText) payload.query = op.document;
  return payload;
}

export class GraphQLSocket {
  /**
   * url: ws(s)://host/graphql; token(): the current JWT or null; onRefused(code): the server closed with
   * 4403 (the token is invalid or expired).
   */
  constructor({ url, token, onRefused }) {
    this.url = url;
    this.token = token;
    this.onRefused = onRefused;
    this.ops = new Map();   // id -> { op, variables, sink, withText, live, query }
    this.nextId = 1;
    this.ws = null;
    this.acked = false;
    this.attempt = 0;
    this.timers = {};
  }

  get state() {
    return this.acked ? "Connected" : this.ws ? "Connecting" : "Disconnected";
  }

  /**
   * Subscribes to op (from operations.js). sink: { next(data), error(err), complete(), onLive(reconnected) };
   * onLive runs after each (re)subscribe has been sent: the server starts a query sent after it only once
   * the subscription is live, so a catch-up query then misses nothing. Answers the unsubscribe function.
   */
  subscribe(op, variables, sink) {
    const id = String(this.nextId++);
    const entry = { op, variables, sink, withText: false, everLive: false };
    this.ops.set(id, entry);
    this.#ensure();
    if (this.acked) this.#send(id, entry);
    return () => {
      if (!this.ops.delete(id)) return;
      if (this.acked) this.#post({ id, type: "complete" });
      this.#idle();
    };
  }

  /** Runs a query over the socket (after any subscription sent before it is live); answers its data. */
  query(op, variables) {
    return new Promise((resolve, reject) => {
      let data;
      const stop = this.subscribe(op, variables, {
        query: true,
        next: d => { data = d; },
        error: e => { stop(); reject(e); },
        complete: () => { stop(); resolve(data); },
      });
    });
  }

  /** Closes and connects again (e.g. with another token); operations are sent again. */
  restart() {
    this.#drop(1000, "restart");
    this.attempt = 0;
    if (this.ops.size) this.#connect();
  }

  #ensure() {
    clearTimeout(this.timers.idle);
    if (!this.ws && !this.timers.retry) this.#connect();
  }

  #connect() {
    clearTimeout(this.timers.retry);
    this.timers.retry = null;
    let ws;
    try {
      ws = new WebSocket(this.url, PROTOCOL);
    } catch (err) {
      console.warn("GraphQL WebSocket", err);
      return this.#retry();
    }
    this.ws = ws;
    this.acked = false;
    ws.onopen = () => {
      const token = this.token();
      this.#post(token ? { type: "connection_init", payload: { token } } : { type: "connection_init" });
      this.timers.ack = setTimeout(() => { this.#drop(4408, "no connection_ack"); if (this.ops.size) this.#retry(); }, ACK_TIMEOUT);
    };
    ws.onmessage = e => this.#receive(e.data);
    ws.onclose = e => {
      if (this.ws !== ws) return;
      this.#drop(e.code, e.reason);
      if (e.code === 4403) this.onRefused?.(e.code);
      if (e.code === 4406 || e.code === 4400) return console.warn("GraphQL WebSocket refused", e.code, e.reason);
      if (this.ops.size) this.#retry();
    };
  }

  #retry() {
    if (this.timers.retry || this.ws) return; // already waiting, or connected again meanwhile (restart)
    const base = BACKOFF[Math.min(this.attempt++, BACKOFF.length - 1)];
    this.timers.retry = setTimeout(() => { this.timers.retry = null; if (this.ops.size && !this.ws) this.#connect(); }, base / 2 + Math.random() * base);
  }

  /** Forgets the socket; operations stay and are sent again on the next connection. Queries fail. */
  #drop(code, reason) {
    const ws = this.ws;
    this.ws = null;
    this.acked = false;
    for (const t of ["ack", "ping", "pong", "idle"]) clearTimeout(this.timers[t]);
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = null;
      if (ws.readyState <= WebSocket.OPEN) try { ws.close(code >= 4000 || code === 1000 ? code : 1000, String(reason).slice(0, 100)); } catch { ws.close(); }
    }
    for (const [id, entry] of this.ops) {
      if (!entry.sink.query) continue;
      this.ops.delete(id);
      entry.sink.error(new SocketError("The live connection was lost.", "NETWORK"));
    }
  }

  #idle() {
    clearTimeout(this.timers.idle);
    if (this.ops.size === 0) this.timers.idle = setTimeout(() => { if (this.ops.size === 0) this.#drop(1000, "idle"); }, IDLE_CLOSE);
  }

  #keepAlive() {
    clearTimeout(this.timers.ping);
    this.timers.ping = setTimeout(() => {
      this.#post({ type: "ping" });
      this.timers.pong = setTimeout(() => { this.#drop(1000, "no pong"); if (this.ops.size) this.#retry(); }, PONG_TIMEOUT);
    }, PING_EVERY);
  }

  #post(message) {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }

  #send(id, entry) {
    this.#post({ id, type: "subscribe", payload: persisted(entry.op, entry.variables, entry.withText) });
    if (entry.sink.onLive) {
      const reconnected = entry.everLive;
      entry.everLive = true;
      entry.lastReconnected = reconnected;
      // After the subscribe message: the catch-up query the hook sends is started once this is live.
      queueMicrotask(() => { if (this.ops.get(id) === entry) entry.sink.onLive(reconnected); });
    }
  }

  #receive(text) {
    let m;
    try { m = JSON.parse(text); } catch { return; }
    this.#keepAlive();
    clearTimeout(this.timers.pong);
    switch (m.type) {
      case "connection_ack":
        clearTimeout(this.timers.ack);
        this.acked = true;
        this.attempt = 0;
        for (const [id, entry] of this.ops) this.#send(id, entry);
        if (!this.ops.size) this.#idle();
        return;
      case "ping":
        return this.#post({ type: "pong" });
      case "pong":
        return;
    }
    const entry = this.ops.get(m.id);
    if (!entry) return;
    if (m.type === "next") {
      const first = m.payload?.errors?.[0];
      if (first && !m.payload.data) {
        // A field refused (TOKEN_MISSING, VIDEO_NOT_FOUND...): the server completes it next.
        entry.failed = new SocketError(first.message, first.extensions?.code);
        return;
      }
      if (m.payload?.data) entry.sink.next(m.payload.data);
    } else if (m.type === "error") {
      const first = m.payload?.[0];
      if (first?.extensions?.code === "PERSISTED_QUERY_NOT_FOUND" && !entry.withText) {
        entry.withText = true; // the server does not know the hash: the same operation with its text
        entry.everLive = entry.lastReconnected ?? false; // and its catch-up once that one is live
        return this.#send(m.id, entry);
      }
      this.ops.delete(m.id);
      entry.sink.error(new SocketError(first?.message ?? "The subscription failed.", first?.extensions?.code));
      this.#idle();
    } else if (m.type === "complete") {
      this.ops.delete(m.id);
      if (entry.failed) entry.sink.error(entry.failed); else entry.sink.complete?.();
      this.#idle();
    }
  }
}
