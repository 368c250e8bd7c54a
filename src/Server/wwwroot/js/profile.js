// Profiles: avatar, name, signature, counts; works and likes tabs; follow/unfollow; block/unblock
// in the profile's menu; and the following / followers / friends lists.
import { gql, session } from "./api.js";
import { Profile, Follow, Unfollow, BlockUser, UnblockUser, UserVideos, UserLikedVideos, Friends, Following, Followers } from "./operations.js";
import { h, icon, count, toast, avatar, explain } from "./ui.js";
import { requireLogin, logout } from "./auth.js";
import { openReport } from "./report.js";


export async function renderProfile(view, id) {
  const page = h("div", { class: "page profile" });
  view.append(page);
  let user;
  try {
    user = (await gql(Profile, { id })).user;
  } catch (err) {
    page.append(h("p", { class: "error" }, explain(err)));
    return;
  }
  if (!user) {
    page.append(h("p", { class: "muted" }, "This user does not exist."));
    return;
  }
  const self = session.userId === String(user.id);

  const followButton = h("button", { class: "primary follow-toggle", type: "button", onclick: toggleFollow });
  const followers = h("strong", {});
  function paintFollow() {
    followButton.textContent = user.isFollow ? "Unfollow" : "Follow";
    followButton.classList.toggle("secondary", !!user.isFollow);
    followers.textContent = count(user.followerCount);
  }
  async function toggleFollow() {
    if (!requireLogin()) return;
    followButton.disabled = true;
    try {
      const d = user.isFollow ? (await gql(Unfollow, { id: user.id })).unfollow : (await gql(Follow, { id: user.id })).follow;
      Object.assign(user, { isFollow: d.isFollow, followerCount: d.followerCount });
      paintFollow();
    } catch (err) {
      toast(explain(err));
    } finally {
      followButton.disabled = false;
    }
  }
  paintFollow();

  // The profile's menu (another user's profile only): block or unblock them. A block ends the
  // follows both ways; the server refuses following, messaging and commenting while it stands.
  const messageLink = h("a", { class: "button secondary", href: `#/chat/${user.id}` }, "Message");
  const blockButton = h("button", { class: "menu-item block-toggle", type: "button", role: "menuitem", onclick: toggleBlock });
  const menuButton = h("button", { class: "icon-button profile-menu-button", type: "button", "aria-label": "More actions",
    "aria-haspopup": "menu", "aria-expanded": "false", onclick: () => openMenu(menu.hidden) }, "⋯");
  // Opening the menu and choosing is the confirmation; the note says what a block does.
  const blockNote = h("p", { class: "menu-note muted" });
  const menu = h("div", { class: "profile-menu", role: "menu", hidden: true }, blockButton, blockNote);
  function openMenu(open) {
    menu.hidden = !open;
    menuButton.setAttribute("aria-expanded", String(open));
  }
  function paintBlock() {
    blockButton.textContent = user.isBlocked ? "Unblock" : "Block";
    blockNote.textContent = user.isBlocked
      ? "You may follow and message each other again; past follows are not restored."
      : "You stop following each other; neither of you sees the other's videos and comments, or can message or comment.";
    followButton.hidden = !!user.isBlocked;
    messageLink.hidden = !!user.isBlocked;
  }
  async function toggleBlock() {
    if (!requireLogin()) return;
    openMenu(false);
    blockButton.disabled = true;
    try {
      const d = user.isBlocked ? (await gql(UnblockUser, { id: user.id })).unblockUser : (await gql(BlockUser, { id: user.id })).blockUser;
      Object.assign(user, { isBlocked: d.isBlocked, isFollow: d.isFollow, followerCount: d.followerCount });
      paintFollow();
      paintBlock();
      toast(user.isBlocked ? `${user.name} is blocked.` : `${user.name} is unblocked.`);
      if (tab) select(tab);
    } catch (err) {
      toast(explain(err));
    } finally {
      blockButton.disabled = false;
    }
  }
  paintBlock();

  const stat = (n, label, href) => h(href ? "a" : "span", { class: "stat", href }, n instanceof Node ? n : h("strong", {}, count(n)), h("span", {}, label));
  const header = h("header", { class: "profile-head" },
    h("div", { class: "banner" }, h("img", { src: user.backgroundImage, alt: "" })),
    avatar(user, "huge"),
    h("h1", {}, user.name),
    h("p", { class: "signature" }, user.signature || (self ? "No signature yet." : "")),
    h("div", { class: "stats" },
      stat(user.followCount, "Following", `#/user/${user.id}/following`),
      stat(followers, "Followers", `#/user/${user.id}/followers`),
      stat(user.totalFavorited, "Likes")),
    h("div", { class: "buttons" },
      self ? [h("a", { class: "button secondary", href: `#/user/${user.id}/friends` }, "Friends"),
              h("a", { class: "button secondary", href: "#/upload" }, "Upload"),
              h("button", { class: "button secondary", type: "button", onclick: logout }, "Log out")]
           : [followButton,
              messageLink,
              h("button", { class: "button secondary report-user", type: "button",
                onclick: () => { if (requireLogin()) openReport("USER", String(user.id), user.name); } }, "Report"),
              h("div", { class: "menu-anchor" }, menuButton, menu)]));

  const tabs = [
    { key: "videos", label: `Works ${count(user.workCount)}` },
    { key: "likedVideos", label: `Likes ${count(user.favoriteCount)}` },
  ];
  const grid = h("div", { class: "grid", role: "tabpanel" });
  const more = h("button", { class: "link more", type: "button", hidden: true });
  const tabButtons = tabs.map(t => h("button", { role: "tab", type: "button", id: `tab-${t.key}`,
    onclick: () => select(t.key) }, t.label));
  let cursor = null;
  let tab = null;

  async function loadTab(key, after) {
    try {
      const d = await gql(key === "videos" ? UserVideos : UserLikedVideos, { id: user.id, after });
      if (tab !== key) return;
      const conn = d.user[key];
      for (const v of conn.nodes) {
        grid.append(h("a", { class: "tile", href: `#/video/${v.id}`, "aria-label": v.title || "video" },
          h("img", { src: v.coverUrl, alt: "", loading: "lazy" }),
          h("span", { class: "tile-count" }, icon("heart"), count(v.favoriteCount)),
          h("span", { class: "tile-title" }, v.title)));
      }
      if (!grid.childElementCount) grid.append(emptyTab(key));
      cursor = conn.pageInfo.endCursor;
      more.hidden = !conn.pageInfo.hasNextPage;
    } catch (err) {
      toast(explain(err));
    }
  }
  // What an empty tab says; on one's own profile, also what to do next.
  function emptyTab(key) {
    if (key === "videos")
      return h("p", { class: "muted empty" }, "No works yet.", self ? [" ", h("a", { href: "#/upload" }, "Upload your first video")] : null);
    return h("p", { class: "muted empty" }, "No liked videos yet.", self ? [" ", h("a", { href: "#/" }, "Tap ♥ on a video in the feed")] : null);
  }
  function select(key) {
    tab = key;
    cursor = null;
    grid.replaceChildren();
    grid.setAttribute("aria-labelledby", `tab-${key}`);
    for (const [i, b] of tabButtons.entries()) b.setAttribute("aria-selected", String(tabs[i].key === key));
    loadTab(key, null);
  }
  more.textContent = "Load more";
  more.addEventListener("click", () => loadTab(tab, cursor));

  page.append(header, h("div", { class: "tabs", role: "tablist" }, tabButtons), grid, more);
  select("videos");
}

/** following | followers | friends of a user. */
export async function renderPeople(view, id, which) {
  const titles = { following: "Following", followers: "Followers", friends: "Friends" };
  const list = h("ul", { class: "people" });
  const more = h("button", { class: "link more", type: "button", hidden: true });
  const heading = h("h1", {}, titles[which]);
  view.append(h("div", { class: "page" },
    h("header", { class: "bar" }, h("a", { class: "icon-button", href: `#/user/${id}`, "aria-label": "Back to profile" }, icon("back")), heading),
    list, more));
  let cursor = null;

  const row = (u, extra) => h("li", {},
    h("a", { class: "person", href: `#/user/${u.id}` }, avatar(u), h("span", { class: "name" }, u.name),
      extra ? h("span", { class: "muted last" }, extra) : null),
    which === "friends" && session.userId === String(id) ? h("a", { class: "button secondary", href: `#/chat/${u.id}` }, "Message") : null);

  async function load() {
    try {
      if (which === "friends") {
        const d = await gql(Friends, { id });
        heading.textContent = `${d.user?.name ?? ""} · Friends`;
        for (const f of d.user?.friends ?? []) list.append(row(f.user, f.lastMessage));
      } else {
        const d = await gql(which === "following" ? Following : Followers, { id, after: cursor });
        heading.textContent = `${d.user?.name ?? ""} · ${titles[which]}`;
        const conn = d.user?.[which];
        for (const u of conn?.nodes ?? []) list.append(row(u));
        cursor = conn?.pageInfo.endCursor;
        more.hidden = !conn?.pageInfo.hasNextPage;
      }
      if (!list.childElementCount) list.append(h("li", { class: "muted empty" }, "Nobody here yet."));
    } catch (err) {
      toast(explain(err));
    }
  }
  more.textContent = "Load more";
  more.addEventListener("click", load);
  load();
}
