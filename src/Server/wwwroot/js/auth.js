// Sign up, log in, log out. The JWT and a brief of the user live in localStorage (api.js).
import { gql, session } from "./api.js";
import { Register, Login } from "./operations.js";
import { startChat, stopChat, startNotifications, stopNotifications } from "./live.js";
import { h, explain } from "./ui.js";

/** True when signed in; otherwise opens the log-in screen (coming back here afterwards). */
export function requireLogin() {
  if (session.token) return true;
  location.hash = `#/login?next=${encodeURIComponent(location.hash || "#/")}`;
  return false;
}

export function logout() {
  stopChat();
  stopNotifications();
  session.clear();
  location.hash = "#/";
}

export function renderLogin(view, params) {
  let mode = params.get("mode") === "signup" ? "signup" : "login";
  const next = params.get("next") || "#/";
  const heading = h("h1", {});
  const user = h("input", { id: "username", name: "username", autocomplete: "username", required: true,
    maxlength: "32", spellcheck: "false", autocapitalize: "none" });
  const pass = h("input", { id: "password", name: "password", type: "password", required: true, minlength: "6",
    maxlength: "32" });
  const error = h("p", { class: "error", role: "alert" });
  const submit = h("button", { class: "primary", type: "submit" });
  const swap = h("button", { class: "link", type: "button", onclick: () => { mode = mode === "login" ? "signup" : "login"; paint(); } });

  function paint() {
    const signup = mode === "signup";
    heading.textContent = signup ? "Sign up" : "Log in";
    submit.textContent = signup ? "Sign up" : "Log in";
    swap.textContent = signup ? "Have an account? Log in" : "New here? Sign up";
    pass.autocomplete = signup ? "new-password" : "current-password";
    error.textContent = "";
  }

  const form = h("form", { class: "card auth", onsubmit: async e => {
    e.preventDefault();
    error.textContent = "";
    submit.disabled = true;
    try {
      const signup = mode === "signup";
      const d = await gql(signup ? Register : Login, { username: user.value.trim(), password: pass.value });
      const answer = signup ? d.register : d.login;
      session.save(answer.token, answer.user);
      startChat();
      startNotifications();
      location.hash = next.startsWith("#/login") ? "#/" : next;
    } catch (err) {
      error.textContent = explain(err);
    } finally {
      submit.disabled = false;
    }
  } },
    heading,
    h("label", { for: "username" }, "Username"), user,
    h("label", { for: "password" }, "Password"), pass,
    error, submit, swap);
  paint();
  view.append(h("div", { class: "page center" }, form));
  user.focus();
}
