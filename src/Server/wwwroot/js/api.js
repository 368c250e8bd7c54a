// GraphQL over HTTP (/graphql) and the session (JWT in localStorage, so it survives a reload).
import { Publish, UserBrief } from "./operations.js";

const KEY = "tiktok.session";

export class ApiError extends Error {
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}

export const session = {
  /** { token, user: { id, name, avatar } } or null */
  get current() {
    try {
      return JSON.parse(localStorage.getItem(KEY));
    } catch {
      return null;
    }
  },
  get token() { return this.current?.token ?? null; },
  get userId() { return this.current ? String(this.current.user.id) : null; },
  save(token, user) {
    localStorage.setItem(KEY, JSON.stringify({ token, user: { id: String(user.id), name: user.name, avatar: user.avatar } }));
    window.dispatchEvent(new CustomEvent("session"));
  },
  clear() {
    localStorage.removeItem(KEY);
    window.dispatchEvent(new CustomEvent("session"));
  },
};

function headers() {
  const h = { Accept: "application/graphql-response+json, application/json" };
  if (session.token) h.Authorization = `Bearer ${session.token}`;
  return h;
}

async function read(status, body) {
  if (status === 401) {
    session.clear();
    throw new ApiError("Your session has expired. Please log in again.", "TOKEN_INVALID");
  }
  let json;
  try {
    json = typeof body === "string" ? JSON.parse(body) : body;
  } catch {
    throw new ApiError(`The server answered HTTP ${status}.`, "HTTP");
  }
  if (json?.errors?.length) {
    const e = json.errors[0];
    throw new ApiError(e.message, e.extensions?.code);
  }
  if (!json?.data) throw new ApiError(`The server answered HTTP ${status}.`, "HTTP");
  return json.data;
}

/**
 * Runs a query or mutation of operations.js and answers its data; throws ApiError with the first
 * error's code. Sent by its registered hash alone; with its text only when the server does not know
 * the hash (automatic persisted queries), so it works whatever Tiktok:GraphQL:TrustedDocuments says.
 */
export async function gql(op, variables = {}) {
  let answer = await post(op, variables, false);
  if (answer.status !== 401 && answer.body?.errors?.[0]?.extensions?.code === "PERSISTED_QUERY_NOT_FOUND")
    answer = await post(op, variables, true);
  return read(answer.status, answer.body);
}

async function post(op, variables, withText) {
  const body = { operationName: op.name, variables, extensions: { persistedQuery: { version: 1, sha256Hash: op.sha256 } } };
  if (withText) body.query = op.document;
  let res;
  try {
    res = await fetch("/graphql", {
      method: "POST",
      headers: { ...headers(), "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError("Cannot reach the server.", "NETWORK");
  }
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) };
  } catch {
    return { status: res.status, body: text }; // read() says what it was
  }
}

/**
 * publishVideo as a GraphQL multipart request (operations, map, one file part), with
 * XMLHttpRequest so the upload's progress can be shown. onProgress(fraction 0..1).
 */
export function publishVideo(title, file, onProgress) {
  // Text and hash together: a retry would send the whole file again.
  const operations = {
    query: Publish.document, operationName: Publish.name, variables: { title, file: null },
    extensions: { persistedQuery: { version: 1, sha256Hash: Publish.sha256 } },
  };
  const form = new FormData();
  form.append("operations", JSON.stringify(operations));
  form.append("map", JSON.stringify({ 0: ["variables.file"] }));
  form.append("0", file, file.name);

  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/graphql");
    for (const [k, v] of Object.entries(headers())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = e => { if (e.lengthComputable) onProgress?.(e.loaded / e.total); };
    xhr.onerror = () => reject(new ApiError("The upload was interrupted.", "NETWORK"));
    xhr.onload = () => {
      if (xhr.status === 413) return reject(new ApiError("The video is too large.", "TOO_LARGE"));
      read(xhr.status, xhr.responseText).then(d => resolve(d.publishVideo), reject);
    };
    xhr.send(form);
  });
}

/** Profiles by id, cached for comment and chat rendering (live pushes carry only ids). */
const users = new Map();
export async function userBrief(id) {
  id = String(id);
  if (!users.has(id)) {
    users.set(id, gql(UserBrief, { id })
      .then(d => d.user ?? { id, name: `user ${id}`, avatar: "" })
      .catch(e => { users.delete(id); throw e; }));
  }
  return users.get(id);
}
