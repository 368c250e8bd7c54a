// Publishing: pick a video and a title; a multipart GraphQL request with upload progress; then the
// outcome and the cover the server cut.
import { publishVideo } from "./api.js";
import { h, explain } from "./ui.js";
import { requireLogin } from "./auth.js";

export function renderUpload(view) {
  if (!requireLogin()) return;
  const file = h("input", { id: "file", name: "file", type: "file", accept: "video/mp4,video/quicktime,video/webm,video/*", required: true });
  const title = h("input", { id: "title", name: "title", type: "text", maxlength: "100", required: true,
    placeholder: "Describe your video" });
  const progress = h("progress", { max: "100", value: "0", hidden: true, "aria-label": "Upload progress" });
  const percent = h("span", { class: "muted", "aria-live": "polite" });
  const outcome = h("div", { class: "outcome", "aria-live": "polite" });
  const submit = h("button", { class: "primary", type: "submit" }, "Publish");
  const preview = h("video", { class: "preview", muted: true, controls: true, hidden: true });

  file.addEventListener("change", () => {
    const f = file.files[0];
    if (preview.src) URL.revokeObjectURL(preview.src);
    preview.hidden = !f;
    if (f) preview.src = URL.createObjectURL(f);
    if (f && !title.value) title.value = f.name.replace(/\.[^.]+$/, "").slice(0, 100);
  });

  const form = h("form", { class: "card upload", onsubmit: async e => {
    e.preventDefault();
    const f = file.files[0];
    if (!f) return;
    submit.disabled = true;
    outcome.replaceChildren();
    progress.hidden = false;
    progress.value = 0;
    percent.textContent = "0%";
    try {
      const video = await publishVideo(title.value.trim(), f, fraction => {
        progress.value = Math.round(fraction * 100);
        percent.textContent = fraction < 1 ? `${progress.value}%` : "Processing…";
      });
      progress.value = 100;
      percent.textContent = "Done";
      outcome.append(h("p", { class: "ok" }, "Published!"),
        h("a", { class: "tile big", href: `#/video/${video.id}` },
          h("img", { class: "cover", src: video.coverUrl, alt: `Cover of ${video.title}` }),
          h("span", { class: "tile-title" }, video.title)));
      form.reset();
      preview.hidden = true;
    } catch (err) {
      percent.textContent = "";
      progress.hidden = true;
      outcome.append(h("p", { class: "error", role: "alert" }, `Upload failed: ${explain(err)}`));
    } finally {
      submit.disabled = false;
    }
  } },
    h("h1", {}, "Upload a video"),
    h("label", { for: "file" }, "Video"), file, preview,
    h("label", { for: "title" }, "Title"), title,
    submit, h("div", { class: "progress-row" }, progress, percent), outcome);
  view.append(h("div", { class: "page center" }, form));
}
