// DOM helpers. Every string child becomes a text node: user text is never parsed as HTML.

/** h("button", { class: "x", onclick }, "text", childNode, [more]) */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "class") el.className = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key in el && typeof value !== "string") el[key] = value;
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el) {
  el.replaceChildren();
  return el;
}

// Icons: fixed SVG paths (our own constants), built with createElementNS.
const PATHS = {
  home: "M3 11.5 12 4l9 7.5V20a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z",
  plus: "M11 4h2v7h7v2h-7v7h-2v-7H4v-2h7z",
  chat: "M4 4h16a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H9l-5 4v-4H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1z",
  people: "M8.5 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zm7 0a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM8.5 13C4.9 13 2 14.8 2 17v3h13v-3c0-2.2-2.9-4-6.5-4zm7 0c-.6 0-1.2.1-1.7.2 1.4.9 2.2 2.2 2.2 3.8v3h6v-3c0-2.1-2.9-4-6.5-4z",
  user: "M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9zm0 2c-4.4 0-8 2.2-8 5v2h16v-2c0-2.8-3.6-5-8-5z",
  heart: "M12 21s-7.5-4.6-9.6-9.2C.9 8.3 3 4.5 6.8 4.5c2.1 0 3.6 1.1 5.2 3 1.6-1.9 3.1-3 5.2-3 3.8 0 5.9 3.8 4.4 7.3C19.5 16.4 12 21 12 21z",
  comment: "M12 3C6.5 3 2 6.8 2 11.5c0 2.6 1.4 5 3.7 6.5L5 22l4.3-2.5c.9.2 1.8.3 2.7.3 5.5 0 10-3.8 10-8.5S17.5 3 12 3z",
  close: "m6.4 5 5.6 5.6L17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4z",
  trash: "M9 3h6l1 2h4v2H4V5h4zm-3 6h12l-1 12H7z",
  send: "M3 20.5 21 12 3 3.5 3 10l12 2-12 2z",
  back: "M15.4 5 8.4 12l7 7-1.4 1.4L5.6 12 14 3.6z",
  soundOff: "M4 9h4l5-4v14l-5-4H4zm12.6.4 1.4-1.4 2 2 2-2 1.4 1.4-2 2 2 2-1.4 1.4-2-2-2 2-1.4-1.4 2-2z",
  soundOn: "M4 9h4l5-4v14l-5-4H4zm11.5-2.6A7 7 0 0 1 15.5 17.6l-1.1-1.6a5 5 0 0 0 0-8z",
  play: "M8 5v14l11-7z",
  bell: "M12 22a2.5 2.5 0 0 0 2.4-2h-4.8a2.5 2.5 0 0 0 2.4 2zm7-6V11a7 7 0 0 0-5.5-6.8V3a1.5 1.5 0 0 0-3 0v1.2A7 7 0 0 0 5 11v5l-2 2v1h18v-1z",
  upload: "M12 3 6.5 8.5 8 10l3-3v9h2V7l3 3 1.5-1.5zM4 18h16v2H4z",
  flag: "M5 3h2v18H5zm3 1h10l-2 4 2 4H8z",
};

export function icon(name, label) {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("class", "icon");
  svg.setAttribute("aria-hidden", "true");
  const path = document.createElementNS(ns, "path");
  path.setAttribute("d", PATHS[name]);
  path.setAttribute("fill", "currentColor");
  svg.append(path);
  if (!label) return svg;
  const wrap = document.createElement("span");
  wrap.className = "icon-label";
  wrap.append(svg, h("span", { class: "sr-only" }, label));
  return wrap;
}

let toastTimer;
export function toast(text) {
  const el = document.getElementById("toast");
  el.textContent = text;
  el.classList.add("show");
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => el.classList.remove("show"), 2500);
}

/** A short count: 1234 -> "1.2K". */
export function count(n) {
  n = Number(n) || 0;
  if (n < 1000) return String(n);
  if (n < 1_000_000) return (n / 1000).toFixed(n < 10_000 ? 1 : 0).replace(/\.0$/, "") + "K";
  return (n / 1_000_000).toFixed(1).replace(/\.0$/, "") + "M";
}

export function when(ms) {
  const d = new Date(Number(ms));
  const now = new Date();
  const sameDay = d.toDateString() === now.toDateString();
  return sameDay ? d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })
                 : d.toLocaleDateString([], { month: "short", day: "numeric" });
}

export function avatar(user, size = "") {
  return h("img", { class: `avatar ${size}`, src: user?.avatar || "/favicon.svg", alt: "", loading: "lazy" });
}

/** The error's text for a person: GraphQL code mapped to words where we know better. */
export function explain(error) {
  return error?.message || "something went wrong";
}
