// The full-screen vertical feed: one video per screen, scroll-snapped; swipe, wheel or arrow keys
// move between them; the visible one plays and its counts are live (live.js).
import { gql, session } from "./api.js";
import { Feed, FollowingFeed, Video, LikeVideo, UnlikeVideo, Follow, DeleteVideo } from "./operations.js";
import { live, watch, unwatch } from "./live.js";
import { openComments } from "./comments.js";
import { h, icon, count, toast, avatar, explain } from "./ui.js";
import { requireLogin } from "./auth.js";
import { openReport } from "./report.js";

let soundOn = false; // muted until the first tap, then for the whole session

/**
 * loadPage(after) -> { videos, endCursor, hasNextPage }.
 * Answers { el, show, hide, key, destroy }.
 */
export function createFeed(loadPage, { emptyText = "No videos yet.", firstRun = false } = {}) {
  const el = h("div", { class: "feed", role: "feed", "aria-label": "Videos", "aria-busy": "true" });
  const slides = [];          // { video, el, player }
  let cursor = null;
  let hasNext = true;
  let loading = null;
  let active = -1;
  let visible = false;
  let wheelLock = 0;

  const soundButton = h("button", { class: "sound", type: "button", "aria-label": "Sound off", onclick: () => setSound(!soundOn) },
    icon("soundOff"));
  const status = h("div", { class: "feed-status" });
  el.append(soundButton);

  const observer = new IntersectionObserver(entries => {
    for (const e of entries) {
      if (e.isIntersecting && e.intersectionRatio >= 0.6) activate(slides.findIndex(s => s.el === e.target));
    }
  }, { root: el, threshold: [0.6] });

  function setSound(on) {
    soundOn = on;
    for (const s of slides) s.player.muted = !on;
    soundButton.replaceChildren(icon(on ? "soundOn" : "soundOff"));
    soundButton.setAttribute("aria-label", on ? "Sound on" : "Sound off");
  }

  async function loadMore() {
    if (loading || !hasNext) return loading;
    loading = (async () => {
      try {
        const page = await loadPage(cursor);
        cursor = page.endCursor;
        hasNext = page.hasNextPage && !!page.endCursor;
        for (const v of page.videos) if (!slides.some(s => s.video.id === String(v.id))) addSlide(v);
        if (!hasNext) el.append(status);
        status.textContent = slides.length ? "You're all caught up." : emptyText;
        if (slides.length === 0) status.append(...(firstRun ? nextSteps() : [" ", h("a", { href: "#/upload" }, "Upload one")]));
        if (active < 0 && slides.length) activate(0);
      } catch (err) {
        toast(explain(err));
        status.textContent = "Could not load videos. ";
        status.append(h("button", { type: "button", class: "link", onclick: () => { status.remove(); loadMore(); } }, "Retry"));
        el.append(status);
      } finally {
        loading = null;
        el.setAttribute("aria-busy", "false");
      }
    })();
    return loading;
  }

  // An empty home feed (a fresh server): what to do next, for a visitor and for whoever runs the server.
  function nextSteps() {
    const act = session.token
      ? [h("a", { href: "#/upload" }, "Upload the first video")]
      : [h("a", { href: "#/login?mode=signup&next=%23%2Fupload" }, "Sign up"), " and upload the first video, or ",
         h("a", { href: "#/login" }, "log in")];
    return [h("p", {}, ...act, "."),
      h("p", { class: "hint" }, "Running this server yourself? ",
        h("code", {}, "dotnet run --project src/Server -- seed --users 20 --videos 60"),
        " fills it with demo users, videos, likes, comments and chats (password password1).")];
  }

  function addSlide(raw) {
    const video = { ...raw, id: String(raw.id), author: { ...raw.author, id: String(raw.author.id) } };
    const player = h("video", {
      class: "player", src: video.playUrl, poster: video.coverUrl, loop: true, playsInline: true,
      muted: !soundOn, preload: "metadata", "aria-label": video.title || "video",
    });
    player.setAttribute("playsinline", "");
    const likeCount = h("span", { class: "n" }, count(video.favoriteCount));
    const commentCount = h("span", { class: "n" }, count(video.commentCount));
    const like = h("button", { class: "act like", type: "button", "aria-label": "Like", onclick: () => toggleLike(slide) },
      icon("heart"), likeCount);
    const comment = h("button", { class: "act comment", type: "button", "aria-label": "Comments",
      onclick: () => openComments(video) }, icon("comment"), commentCount);
    const follow = h("button", { class: "follow", type: "button", "aria-label": `Follow ${video.author.name}`,
      onclick: () => followAuthor(slide) }, icon("plus"));
    const remove = h("button", { class: "act delete", type: "button", "aria-label": "Delete this video",
      onclick: () => deleteVideo(slide) }, icon("trash"));
    const report = h("button", { class: "act report", type: "button", "aria-label": "Report this video",
      onclick: () => { if (requireLogin()) openReport("VIDEO", video.id, "this video"); } }, icon("flag"));
    const paused = h("div", { class: "paused", hidden: true }, icon("play"));
    const heart = h("div", { class: "burst" }, icon("heart"));
    const tap = h("div", { class: "tap" });
    const slideEl = h("article", { class: "slide", dataset: { id: video.id }, "aria-label": video.title || "video" },
      player, tap, paused, heart,
      h("div", { class: "actions" },
        h("div", { class: "author-pic" },
          h("a", { href: `#/user/${video.author.id}`, "aria-label": `${video.author.name}'s profile` }, avatar(video.author, "big")),
          follow),
        like, comment, remove, report),
      h("div", { class: "meta" },
        h("a", { class: "author", href: `#/user/${video.author.id}` }, "@", video.author.name),
        h("p", { class: "title" }, video.title)));
    const slide = { video, el: slideEl, player, like, likeCount, comment, commentCount, follow, remove, report, paused, heart };

    // One tap: unmute (first time), then play/pause. Two quick taps: like.
    let lastTap = 0, single;
    tap.addEventListener("click", e => {
      const now = Date.now();
      if (now - lastTap < 300) {
        clearTimeout(single);
        lastTap = 0;
        burst(slide, e);
        if (!slide.video.isFavorite) toggleLike(slide);
        return;
      }
      lastTap = now;
      single = setTimeout(() => {
        if (!soundOn) { setSound(true); play(slide); } else if (player.paused) play(slide); else player.pause();
      }, 300);
    });
    player.addEventListener("pause", () => { paused.hidden = false; });
    player.addEventListener("play", () => { paused.hidden = true; });

    paint(slide);
    slides.push(slide);
    status.remove();
    el.append(slideEl);
    observer.observe(slideEl);
  }

  function paint(s) {
    const v = s.video;
    s.likeCount.textContent = count(v.favoriteCount);
    s.commentCount.textContent = count(v.commentCount);
    s.like.classList.toggle("on", !!v.isFavorite);
    s.like.setAttribute("aria-pressed", String(!!v.isFavorite));
    s.like.setAttribute("aria-label", `${v.isFavorite ? "Unlike" : "Like"} (${v.favoriteCount} likes)`);
    s.comment.setAttribute("aria-label", `Comments (${v.commentCount})`);
    const self = session.userId === v.author.id;
    s.follow.hidden = self || !!v.author.isFollow;
    s.remove.hidden = !self;
    s.report.hidden = self;
  }

  async function deleteVideo(s) {
    if (!window.confirm("Delete this video? Its likes and comments are deleted with it; this cannot be undone.")) return;
    try {
      await gql(DeleteVideo, { id: s.video.id });
      drop(s.video.id);
      toast("Video deleted");
    } catch (err) {
      toast(explain(err));
    }
  }

  // A video gone (deleted here, or by its author or an operator elsewhere): its slide leaves the feed.
  function drop(id) {
    const i = slides.findIndex(o => o.video.id === id);
    if (i < 0) return;
    const [s] = slides.splice(i, 1);
    s.player.pause();
    s.player.removeAttribute("src");
    observer.unobserve(s.el);
    s.el.remove();
    if (i === active) {
      unwatch(id);
      active = -1;
      if (slides.length) activate(Math.min(i, slides.length - 1));
    } else if (i < active) {
      active--;
    }
  }

  function burst(s, e) {
    const r = s.el.getBoundingClientRect();
    s.heart.style.left = `${e.clientX - r.left}px`;
    s.heart.style.top = `${e.clientY - r.top}px`;
    s.heart.classList.remove("go");
    void s.heart.offsetWidth;
    s.heart.classList.add("go");
  }

  async function toggleLike(s) {
    if (!requireLogin()) return;
    const v = s.video;
    const on = !v.isFavorite;
    v.isFavorite = on;
    v.favoriteCount = Math.max(0, Number(v.favoriteCount) + (on ? 1 : -1));
    paint(s);
    try {
      const d = await gql(on ? LikeVideo : UnlikeVideo, { id: v.id });
      Object.assign(v, on ? d.likeVideo : d.unlikeVideo);
    } catch (err) {
      v.isFavorite = !on;
      v.favoriteCount = Math.max(0, Number(v.favoriteCount) + (on ? -1 : 1));
      toast(explain(err));
    }
    paint(s);
  }

  async function followAuthor(s) {
    if (!requireLogin()) return;
    const author = s.video.author;
    try {
      await gql(Follow, { id: author.id });
      for (const o of slides) if (o.video.author.id === author.id) { o.video.author.isFollow = true; paint(o); }
      toast(`Following ${author.name}`);
    } catch (err) {
      toast(explain(err));
    }
  }

  function play(s) {
    if (!visible) return;
    s.player.muted = !soundOn;
    s.player.play().catch(() => {
      // Autoplay with sound refused: play muted instead.
      if (!s.player.muted) { setSound(false); s.player.play().catch(() => {}); }
    });
  }

  function activate(i) {
    if (i < 0 || i === active) return;
    const before = slides[active];
    if (before) { before.player.pause(); unwatch(before.video.id); before.el.classList.remove("active"); }
    active = i;
    const s = slides[i];
    s.el.classList.add("active");
    s.player.preload = "auto";
    if (slides[i + 1]) slides[i + 1].player.preload = "auto";
    if (visible) { play(s); watch(s.video.id); }
    if (i >= slides.length - 3) loadMore();
  }

  function go(delta) {
    const i = Math.max(0, Math.min(slides.length - 1, (active < 0 ? 0 : active) + delta));
    slides[i]?.el.scrollIntoView({ behavior: "smooth", block: "start" });
    if (delta > 0 && i === slides.length - 1) loadMore();
  }

  el.addEventListener("wheel", e => {
    if (Math.abs(e.deltaY) < 8 || e.ctrlKey) return;
    e.preventDefault();
    const now = Date.now();
    if (now < wheelLock) return;
    wheelLock = now + 550;
    go(e.deltaY > 0 ? 1 : -1);
  }, { passive: false });

  // Live counts for any of our videos (only those watched are sent).
  const onCounts = e => {
    const c = e.detail;
    for (const s of slides) if (s.video.id === c.videoId) {
      s.video.favoriteCount = c.favoriteCount;
      s.video.commentCount = c.commentCount;
      paint(s);
    }
  };
  live.addEventListener("counts", onCounts);
  const onDeleted = e => drop(e.detail.videoId);
  live.addEventListener("videoDeleted", onDeleted);
  const onSession = () => slides.forEach(paint);
  window.addEventListener("session", onSession);

  loadMore();

  return {
    el,
    get current() { return slides[active]?.video ?? null; },
    get atTop() { return active <= 0; },
    show() {
      visible = true;
      el.hidden = false;
      const s = slides[active];
      if (s) { play(s); watch(s.video.id); }
    },
    hide() {
      visible = false;
      el.hidden = true;
      const s = slides[active];
      if (s) { s.player.pause(); unwatch(s.video.id); }
    },
    /** Keyboard: arrows/j/k move, l likes, c comments, m sound, space plays/pauses. */
    key(e) {
      const s = slides[active];
      switch (e.key) {
        case "ArrowDown": case "j": case "PageDown": go(1); break;
        case "ArrowUp": case "k": case "PageUp": go(-1); break;
        case "l": if (s) toggleLike(s); break;
        case "c": if (s) openComments(s.video); break;
        case "m": setSound(!soundOn); break;
        case " ": if (s) { if (s.player.paused) play(s); else s.player.pause(); } break;
        default: return false;
      }
      e.preventDefault();
      return true;
    },
    destroy() {
      this.hide();
      observer.disconnect();
      live.removeEventListener("counts", onCounts);
      live.removeEventListener("videoDeleted", onDeleted);
      window.removeEventListener("session", onSession);
      for (const s of slides) { s.player.removeAttribute("src"); s.player.load(); }
      el.remove();
    },
  };
}

/** The public feed, newest first, paged with its connection cursor. */
export async function feedPage(after) {
  const d = await gql(Feed, { after });
  return { videos: d.feed.nodes, endCursor: d.feed.pageInfo.endCursor, hasNextPage: d.feed.pageInfo.hasNextPage };
}

/** The videos of the people the viewer follows, newest first (logged-in only). */
export async function followingPage(after) {
  const d = await gql(FollowingFeed, { after });
  const c = d.followingFeed;
  return { videos: c.nodes, endCursor: c.pageInfo.endCursor, hasNextPage: c.pageInfo.hasNextPage };
}

/** One video by id (links from profiles and uploads). */
export function singleVideo(id) {
  return async () => {
    const d = await gql(Video, { id });
    return { videos: d.video ? [d.video] : [], endCursor: null, hasNextPage: false };
  };
}
