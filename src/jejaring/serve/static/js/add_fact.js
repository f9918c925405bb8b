// A fact added by hand: type, the two entities (chosen by searching their names), status,
// date and a note on the source. The API stores it as accepted, origin "manual", with an
// audit entry; the page then links to the new fact and to its entities.
import { api, canCurate, el, entityLink, fail, me, status, t, write } from "./common.js";
import { entityPicker, pickedId, relationTypeOptions, statusOptions } from "./curate.js";

const form = document.getElementById("fact-form");

/** The entity named in the address (?subject= or ?object=), to start the form from it. */
async function startingEntity(key) {
  const id = new URLSearchParams(window.location.search).get(key);
  return id && /^\d+$/.test(id) ? api(`/entities/${id}`).catch(() => null) : null;
}

async function main() {
  const { user } = await me();
  if (!canCurate(user)) {
    status("");
    document.getElementById("status").replaceChildren(t("login_needed"), " ",
      el("a", { href: `/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}` }, t("log_in")));
    return;
  }
  const [subject, object] = await Promise.all([startingEntity("subject"), startingEntity("object")]);
  form.elements.type.replaceChildren(...relationTypeOptions("partner_of"));
  form.elements.status.replaceChildren(...statusOptions(""));
  document.getElementById("subject-picker").replaceChildren(entityPicker({ name: "subject_id", legend: t("subject"), current: subject }));
  document.getElementById("object-picker").replaceChildren(entityPicker({ name: "object_id", legend: t("object"), current: object }));
  form.hidden = false;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submit().catch(fail);
  });
}

async function submit() {
  const outcome = document.getElementById("fact-outcome");
  const [subjectId, objectId] = [pickedId(form, "subject_id"), pickedId(form, "object_id")];
  if (!subjectId || !objectId) {
    outcome.textContent = t("choose_both");
    return;
  }
  const value = (name) => form.elements[name].value.trim() || null;
  try {
    const fact = await write("/relations", "POST", {
      type: value("type"), subject_id: subjectId, object_id: objectId, status: value("status"), date: value("date"),
      source_note: value("source_note"), reason: value("reason"),
    });
    outcome.replaceChildren(t("fact_added"), " ", el("a", { href: `/relations/${fact.id}` }, `${t("open_fact")} #${fact.id}`),
      " · ", entityLink(fact.subject), " · ", entityLink(fact.object));
  } catch (error) {
    outcome.textContent = error.message;
  }
}

main();
