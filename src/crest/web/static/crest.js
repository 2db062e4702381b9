// Shared helpers: JSON calls to the API and deletes that ask first.
"use strict";

{
  // Block-scoped (strict mode): only window.crest is shared with the other scripts.
  // What the browser says when crest cannot be reached ("Failed to fetch", "network error") means nothing to
  // most people: say what happened and what to do.
  const CONNECTION_LOST =
    "Lost the connection to crest: is it still running? Start it again (crest serve), then try again.";

  async function reach(url, options) {
    try {
      return await fetch(url, options);
    } catch {
      throw new Error(CONNECTION_LOST);
    }
  }

  // The server's refusal ("there is nothing to save; ...") as a sentence, as the pages say it (templating.as_sentence):
  // a capital and a full stop. A file's name leads as the person wrote it ("empty.jpg: the file is empty"), never
  // "Empty.jpg"; a refusal the server already ended as a sentence gets no second stop.
  function asSentence(detail) {
    const firstWord = detail.split(/\s/, 1)[0];
    const lead = /[./\\]/.test(firstWord) ? detail : detail.charAt(0).toUpperCase() + detail.slice(1);
    return /[.!?]$/.test(lead) ? lead : `${lead}.`;
  }

  // Each problem in a person's words ("Pain: choose a side ..."), else the server's `detail`, else its status. The
  // fields the problems name (`note`, `pain.0.score`) go with it as `fields`, for the page to mark (refuse).
  async function explained(response) {
    const data = await response.json().catch(() => null);
    const problems = data && Array.isArray(data.errors) ? data.errors : [];
    if (problems.length > 0 && problems.every((problem) => problem.label && problem.message)) {
      const error = new Error(problems.map((problem) => `${problem.label}: ${problem.message}.`).join(" "));
      error.fields = problems.map((problem) => problem.field).filter(Boolean);
      error.problems = problems; // for a page that names its fields otherwise (the check-in's rows)
      return error;
    }
    const detail = data && data.detail;
    if (typeof detail === "string" && detail) {
      const error = new Error(asSentence(detail));
      // A refusal for a warning sign comes with its words to speak: the advice without its sources in brackets.
      if (typeof data.spoken === "string" && data.spoken) error.spoken = asSentence(data.spoken);
      return error;
    }
    return new Error(detail ? JSON.stringify(detail) : `The request failed (${response.status}).`);
  }

  // A refused field names the message that says why first among what describes it (its hint stays after it), as
  // the pages the server writes do (templates/_fields.html); cleared, it names only what it named before.
  function describedBy(field, messageId, refused) {
    const ids = (field.getAttribute("aria-describedby") || "").split(/\s+/).filter((id) => id && id !== messageId);
    if (refused) ids.unshift(messageId);
    if (ids.length) field.setAttribute("aria-describedby", ids.join(" "));
    else field.removeAttribute("aria-describedby");
  }

  function accept(field) {
    if (!field.dataset.refusedBy) return;
    describedBy(field, field.dataset.refusedBy, false);
    field.removeAttribute("aria-invalid");
    delete field.dataset.refusedBy;
  }

  // A box of a group (tick boxes, radios of one name) stands for the group: changing one mends them all.
  const group = (field) =>
    field.form && field.name && (field.type === "checkbox" || field.type === "radio")
      ? [...field.form.elements].filter((other) => other.name === field.name)
      : [field];

  // The person changing a refused field mends it, as far as the page can tell: no longer said to be wrong.
  for (const kind of ["input", "change"]) {
    document.addEventListener(kind, (event) => {
      if (event.target.dataset && event.target.dataset.refusedBy) group(event.target).forEach(accept);
    });
  }

  window.crest = {
    CONNECTION_LOST,

    // Fields a refusal names (in the page's order): each aria-invalid and described by `message` (the element that
    // says why), the first given the focus, so that a screen reader says what is wrong where it is to be mended.
    // A group's boxes are marked together. Changing a field clears its mark; `accept` clears the marks in `scope`.
    refuse(fields, message) {
      const marked = fields.filter(Boolean).flatMap(group);
      for (const field of marked) {
        field.setAttribute("aria-invalid", "true");
        describedBy(field, message.id, true);
        field.dataset.refusedBy = message.id;
      }
      if (marked.length) marked[0].focus();
      return marked.length > 0;
    },

    accept(scope) {
      scope.querySelectorAll("[data-refused-by]").forEach(accept);
    },

    asSentence,
    // What `lines` throws when its caller stopped it: the page says it in its own words.
    STOPPED: "stopped",

    // A count and the noun that agrees with it, as crest.counting writes it: "1 moment", "3 moments".
    counted(number, singular, plural = `${singular}s`) {
      return `${number} ${number === 1 ? singular : plural}`;
    },

    // An answer that is not ok, as one line to show, with its `status` (a page may act on the kind of refusal).
    async failure(response) {
      const error = await explained(response);
      error.status = response.status;
      return error;
    },

    async api(method, url, body) {
      const options = { method, headers: { Accept: "application/json" } };
      if (body instanceof FormData) {
        options.body = body; // an upload: the browser sets the multipart boundary itself
      } else if (body !== undefined) {
        options.headers["Content-Type"] = "application/json";
        options.body = JSON.stringify(body);
      }
      const response = await reach(url, options);
      if (response.status === 204) return null;
      if (!response.ok) throw await window.crest.failure(response);
      return response.json().catch(() => null);
    },

    // A call whose answer comes as the work goes on, one JSON object a line: `onLine` gets each as it arrives,
    // and the last is returned (null if the answer broke off before any). Aborting `signal` closes the request
    // (the server then stops the work) and throws STOPPED.
    async lines(method, url, body, onLine, signal) {
      const broken = () => {
        throw new Error(signal && signal.aborted ? window.crest.STOPPED : CONNECTION_LOST);
      };
      const response = await fetch(url, { method, body, signal, headers: { Accept: "application/x-ndjson" } }).catch(
        broken,
      );
      if (!response.ok) throw await window.crest.failure(response);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let pending = "";
      let last = null;
      for (;;) {
        const { value, done } = await reader.read().catch(broken);
        if (done) break;
        const parts = (pending + value).split("\n");
        pending = parts.pop();
        for (const part of parts.filter((text) => text.trim())) {
          last = JSON.parse(part);
          onLine(last);
        }
      }
      return last;
    },
  };
}

document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-delete-url]");
  if (!button) return;
  if (!window.confirm(button.dataset.confirm || "Delete this? This cannot be undone.")) return;
  try {
    await window.crest.api("DELETE", button.dataset.deleteUrl);
    const row = document.getElementById(button.dataset.row);
    if (row) row.remove();
    document.getElementById("main").focus();
  } catch (error) {
    window.alert(error.message);
  }
});

// A page that opens on something to be heard at once (advice just given, answers to confirm) marks it, and it takes
// the focus: a screen reader says it, not only the page's title. Without scripts it is still first under the heading.
const heardFirst = document.querySelector("[data-focus-on-load]");
if (heardFirst) heardFirst.focus();

// A table wider than the screen scrolls in a box of its own. A keyboard scrolls only what has focus, and some
// browsers (Safari) never give such a box a tab stop, so one that scrolls takes a tab stop and one that fits none.
function tabStopsForScrollingTables() {
  for (const box of document.querySelectorAll(".table-wrap, .crest-report table.data")) {
    if (box.scrollWidth > box.clientWidth) box.tabIndex = 0;
    else box.removeAttribute("tabindex");
  }
}
tabStopsForScrollingTables();
window.addEventListener("resize", tabStopsForScrollingTables);
document.addEventListener("toggle", tabStopsForScrollingTables, true); // a table in <details> is sized when opened

// A client who joins in the browser says where their days begin: the browser's zone, which the page cannot know
// otherwise (without scripts the field stays empty and the practice's zone applies until they choose one).
for (const field of document.querySelectorAll("input[data-browser-zone]")) {
  field.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
}

// Tick boxes that a number counts (a prescription's days and its days a week): ticking keeps the number agreeing,
// so the form is not refused for it. Without scripts the server says when the two disagree.
for (const box of document.querySelectorAll("input[data-counted-in]")) {
  box.addEventListener("change", () => {
    const boxes = box.form.querySelectorAll(`input[data-counted-in="${box.dataset.countedIn}"]`);
    const ticked = [...boxes].filter((one) => one.checked).length;
    const number = box.form.elements.namedItem(box.dataset.countedIn);
    if (ticked > 0 && number) number.value = String(ticked);
  });
}
