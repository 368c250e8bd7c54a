// Reporting a video or a user to the operators: a modal dialog with a reason and an optional note.
import { gql } from "./api.js";
import { Report } from "./operations.js";
import { h, toast, explain } from "./ui.js";

const REASONS = [
  ["SPAM", "Spam"], ["HARASSMENT", "Harassment or bullying"], ["HATE", "Hate"], ["VIOLENCE", "Violence"],
  ["SEXUAL", "Sexual content"], ["SELF_HARM", "Self-harm"], ["MISINFORMATION", "Misinformation"],
  ["COPYRIGHT", "Copyright"], ["OTHER", "Something else"],
];

/** target: "VIDEO" | "COMMENT" | "USER"; what: how to name it ("this video"). */
export function openReport(target, id, what) {
  const reason = h("select", { name: "reason", required: true },
    REASONS.map(([value, label]) => h("option", { value }, label)));
  const note = h("textarea", { name: "note", maxlength: "500", rows: "3", placeholder: "Anything the moderators should know (optional)" });
  const send = h("button", { class: "primary", type: "submit" }, "Report");
  const form = h("form", { method: "dialog", class: "report-form" },
    h("h2", {}, `Report ${what}`),
    h("label", {}, "Reason ", reason),
    h("label", {}, "Note ", note),
    h("div", { class: "buttons" },
      h("button", { class: "secondary", type: "button", onclick: () => dialog.close() }, "Cancel"),
      send));
  const dialog = h("dialog", { class: "report", "aria-label": `Report ${what}` }, form);
  form.addEventListener("submit", async e => {
    e.preventDefault();
    send.disabled = true;
    try {
      await gql(Report, { target, id, reason: reason.value, note: note.value.trim() || null });
      dialog.close();
      toast("Reported. Thank you: the moderators will look at it.");
    } catch (err) {
      toast(explain(err));
    } finally {
      send.disabled = false;
    }
  });
  dialog.addEventListener("close", () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  reason.focus();
}
