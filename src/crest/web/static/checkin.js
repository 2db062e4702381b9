// The check-in: the body map adds places to rate; the form sends one JSON check-in to the API.
"use strict";

(() => {
  const config = JSON.parse(document.getElementById("checkin-config").textContent);
  const ratings = document.getElementById("ratings");
  const template = document.getElementById("rating-row");
  const form = document.getElementById("checkin-form");
  const formError = document.getElementById("form-error");
  const NOT_RATED = "not rated yet";

  function rowFor(region, side) {
    return ratings.querySelector(`.rating-row[data-region="${region}"][data-side="${side}"]`);
  }

  function refresh() {
    document.getElementById("no-ratings").hidden = ratings.children.length > 0;
    for (const shape of document.querySelectorAll(".bodymap .region")) {
      const { region, side } = shape.dataset;
      // A midline place's one shape stands for all of it: a lower back rated on its left is still marked there. A
      // pair's shape is its own side's, or both sides'; a side not chosen yet marks neither.
      const row =
        side === "centre"
          ? ratings.querySelector(`.rating-row[data-region="${region}"]`)
          : rowFor(region, side) || rowFor(region, "both");
      shape.classList.toggle("rated", Boolean(row));
      shape.setAttribute("aria-pressed", String(Boolean(row)));
    }
  }

  // A place has no score until the person gives one: touching the slider in any way gives its value.
  function setScore(row, score) {
    const slider = row.querySelector(".rating");
    const rated = score !== null;
    if (rated) slider.value = String(score);
    row.classList.toggle("unrated", !rated);
    row.querySelector(".rating-value").textContent = rated ? `${slider.value} / 10` : NOT_RATED;
    if (rated) slider.removeAttribute("aria-valuetext");
    else slider.setAttribute("aria-valuetext", NOT_RATED);
  }
  const scoreOf = (row) => (row.classList.contains("unrated") ? null : Number(row.querySelector(".rating").value));

  function addRow(region, side, rating = {}) {
    const existing = rowFor(region, side);
    if (existing) {
      existing.querySelector(".rating").focus();
      return existing;
    }
    const row = template.content.firstElementChild.cloneNode(true);
    const key = `${region}-${side}-${Date.now()}`;
    const name = config.region_labels[region];
    row.dataset.region = region;
    row.dataset.side = side;
    row.querySelector(".region-name").textContent = name;
    const sideSelect = row.querySelector(".side");
    // A place is its region's left, right or whole: the whole is "centre" on the midline, "both" for a pair. A
    // pair offers no side at first (the empty option), so that "both" is never chosen for the person.
    const usual = config.usual_sides[region];
    for (const option of [...sideSelect.options]) {
      const whole = option.value === "centre" || option.value === "both";
      if ((whole && option.value !== usual) || (option.value === "" && usual === "centre")) option.remove();
    }
    sideSelect.id = `side-${key}`;
    row.querySelector(".side-label").htmlFor = sideSelect.id;
    row.querySelector(".side-label").textContent = `Side of the ${name.toLowerCase()}`;
    sideSelect.value = side;
    sideSelect.addEventListener("change", () => {
      row.dataset.side = sideSelect.value;
      nameBySide(row, name);
      refresh();
    });
    const quality = row.querySelector(".quality");
    quality.id = `quality-${key}`;
    row.querySelector(".quality-label").htmlFor = quality.id;
    row.querySelector(".quality-label").textContent = `What the pain in the ${name.toLowerCase()} is like`;
    quality.value = rating.quality || "";
    const slider = row.querySelector(".rating");
    slider.id = `rating-${key}`;
    row.querySelector(".rating-label").htmlFor = slider.id;
    setScore(row, rating.score ?? null);
    for (const touch of ["input", "change", "click"]) slider.addEventListener(touch, () => setScore(row, slider.value));
    slider.addEventListener("keydown", (event) => {
      if (!["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown"].includes(event.key))
        return;
      // Not rated yet, the thumb rests in the middle, but there is no score to step from: the first key counts from
      // nothing (up: 1, down: 0, End: 10), never from 5, where two presses up would save a 7 meant as a 2.
      if (scoreOf(row) === null) {
        event.preventDefault();
        setScore(row, event.key === "End" ? 10 : ["ArrowRight", "ArrowUp", "PageUp"].includes(event.key) ? 1 : 0);
        return;
      }
      window.setTimeout(() => setScore(row, slider.value));
    });
    if (rating.before !== undefined) {
      const before = row.querySelector(".before");
      before.textContent = `Before the session: ${rating.before} / 10`;
      before.hidden = false;
    }
    nameBySide(row, name);
    row.querySelector(".remove").addEventListener("click", () => {
      row.remove();
      refresh();
    });
    ratings.append(row);
    refresh();
    return row;
  }

  // A place's slider and its Remove button name the side too: a left and a right hip read alike to a screen reader.
  function nameBySide(row, name) {
    const select = row.querySelector(".side");
    // the midline's whole place ("centre") is the place itself: no side to name
    const chosen = select.value && select.value !== "centre" ? select.options[select.selectedIndex].text : "";
    const side = chosen ? `, ${chosen.toLowerCase()}` : ""; // ", left", ", both sides"
    row.querySelector(".rating-label").textContent = `Pain in ${name.toLowerCase()}, 0 to 10${side}`;
    row.querySelector(".remove").setAttribute("aria-label", `Remove ${name}${side}`);
  }

  for (const shape of document.querySelectorAll(".bodymap .region")) {
    const choose = () => addRow(shape.dataset.region, shape.dataset.side).querySelector(".rating").focus();
    shape.addEventListener("click", choose);
    shape.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        choose();
      }
    });
  }
  document.getElementById("add-region-button").addEventListener("click", () => {
    const region = document.getElementById("add-region").value;
    addRow(region, config.first_sides[region]).querySelector(".rating").focus();
  });

  // "None" means nothing else was noticed: ticking it clears the others, ticking another clears it.
  const sensationBoxes = [...form.querySelectorAll('input[name="sensations"]')];
  for (const box of sensationBoxes) {
    box.addEventListener("change", () => {
      if (!box.checked) return;
      for (const other of sensationBoxes) {
        if (other !== box && (box.value === "none" || other.value === "none")) other.checked = false;
      }
    });
  }

  // "Compared with before" belongs to a check-in after a session only.
  const timingRadios = [...form.querySelectorAll('input[name="timing"]')];
  const chosenTiming = () => (timingRadios.find((radio) => radio.checked) || {}).value || config.default_timing;
  function showComparison() {
    document.getElementById("compared").hidden = chosenTiming() !== "after";
  }
  for (const radio of timingRadios) radio.addEventListener("change", showComparison);
  // "After your rest that ended at ...": the rest that ended within the hour, its places rated before it to rate
  // again (when none is rated yet)
  const justEnded = config.just_ended;
  const followed = () => (chosenTiming() === "after" && !config.session_id && justEnded) || null;
  for (const radio of timingRadios)
    radio.addEventListener("change", () => {
      if (!followed() || ratings.children.length) return;
      for (const place of justEnded.rated_before) addRow(place.region, place.side, { before: place.score });
    });

  const existing = config.checkin;
  if (existing) {
    for (const rating of existing.pain) addRow(rating.region, rating.side, rating);
    for (const box of sensationBoxes) box.checked = existing.sensations.includes(box.value);
    for (const radio of form.querySelectorAll('input[name="compared"]'))
      radio.checked = radio.value === existing.compared_with_before;
    document.getElementById("note").value = existing.note || "";
  } else {
    // after a session: the places rated before it, to be rated again
    for (const place of config.rated_before) addRow(place.region, place.side, { before: place.score });
  }
  for (const radio of timingRadios) radio.checked = radio.value === config.default_timing;
  showComparison();
  refresh();

  // After saving: what was noticed (yawning, emotions...) may raise a question, so offer its help entry first.
  function offerHelpOrGo(sensations, next) {
    const offers = sensations.map((name) => config.sensation_help[name]).filter(Boolean);
    const unique = offers.filter((link, index) => offers.findIndex((other) => other.url === link.url) === index);
    if (!unique.length) {
      window.location.assign(next);
      return;
    }
    document.getElementById("saved-help").replaceChildren(
      ...unique.map((link) => {
        const item = document.createElement("li");
        item.append(Object.assign(document.createElement("a"), { href: link.url, textContent: link.title }));
        return item;
      }),
    );
    document.getElementById("saved-continue").href = next;
    form.hidden = true;
    document.getElementById("checkin-intro").hidden = true;
    document.getElementById("checkin-saved").hidden = false;
    document.getElementById("saved-heading").focus();
  }

  // The fields the API names (`note`, `pain.0.score`) as the page shows them: a rating by its row (the rows are
  // sent in order), a group of boxes by its name.
  const PAIN_PARTS = { score: ".rating", side: ".side", quality: ".quality", region: ".rating" };
  function fieldsNamed(names, rows) {
    return names.map((name) => {
      const pain = /^pain\.(\d+)\.(\w+)$/.exec(name);
      if (pain) return rows[Number(pain[1])] && rows[Number(pain[1])].querySelector(PAIN_PARTS[pain[2]] || ".rating");
      const field = form.elements.namedItem(name === "compared_with_before" ? "compared" : name);
      return field instanceof RadioNodeList ? field[0] : field;
    });
  }

  // A refused pain field under the label its row shows ("Side of the calf and shin"), not the API's "Side (entry
  // 1)", which counts the places sent.
  function asTheRowsSayIt(problems, rows) {
    return problems
      .map((problem) => {
        const [field] = fieldsNamed([problem.field], rows);
        const shown = /^pain\./.test(problem.field) && field && field.labels.length ? field.labels[0].textContent : "";
        return `${shown || problem.label}: ${problem.message}.`;
      })
      .join(" ");
  }

  function showRefusal(error, rows) {
    formError.textContent = error.problems ? asTheRowsSayIt(error.problems, rows) : error.message;
    // in the page's order (the map's rows, then the boxes, then the note), as the server's page marks them
    const refused = fieldsNamed(error.fields || [], rows).filter((field) => field && field.type !== "hidden");
    refused.sort((one, other) => (one.compareDocumentPosition(other) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    window.crest.refuse(refused, formError);
  }

  // One check-in per tap: while it is on its way (a person in pain taps twice when nothing seems to happen), a
  // second submit does nothing, and the buttons say they are off (aria-disabled, not disabled: a disabled button
  // drops the keyboard's focus); they come back only if it was not saved.
  const saveButton = form.querySelector('button[type="submit"]');
  const confirmation = document.getElementById("confirm-urgent");
  const confirmYes = document.getElementById("confirm-yes");
  let busy = false;
  function setBusy(on) {
    busy = on;
    saveButton.setAttribute("aria-disabled", String(on));
    confirmYes.setAttribute("aria-disabled", String(on));
  }

  async function send(body, rows) {
    try {
      let next = config.journal_url;
      let saved;
      if (existing) {
        saved = await window.crest.api("PUT", config.update_url, body);
      } else {
        saved = await window.crest.api("POST", config.checkins_url, body);
        if (config.next_url) {
          // a check-in before a session: go on to it, carrying the check-in along
          const joiner = config.next_url.includes("?") ? "&" : "?";
          next = `${config.next_url}${joiner}before_checkin_id=${saved.id}`;
        }
      }
      // A check-in that is clearly worse, or names a warning sign, is answered on Today (until the next one); while
      // urgent care stands from before, Today says it first and alone, with no help offered for what was noticed.
      if (saved.advice || config.urgent_care_stands) {
        window.location.assign(config.today_url);
        return;
      }
      offerHelpOrGo(body.sensations, next);
    } catch (error) {
      showConfirmation(false);
      setBusy(false);
      showRefusal(error, rows);
    }
  }

  // An urgent-care sign holds for days once saved and no correction lifts it: one more look first, as the safety
  // questions ask after a "yes". "No" goes back to the form as it was filled in. The urgent signs lead with their
  // step; any "see a clinician" sign found too follows it, with its own advice.
  let pending = null;
  function listSigns(leadId, listId, signs) {
    const lead = document.getElementById(leadId);
    lead.textContent = signs.length === 1 ? lead.dataset.one : lead.dataset.several;
    document
      .getElementById(listId)
      .replaceChildren(
        ...signs.map((sign) => Object.assign(document.createElement("li"), { textContent: sign.title })),
      );
  }
  function showConfirmation(signs) {
    form.hidden = Boolean(signs);
    confirmation.hidden = !signs;
    if (!signs) return;
    listSigns(
      "confirm-lead",
      "confirm-signs",
      signs.filter((sign) => sign.level === "urgent_care"),
    );
    const others = signs.filter((sign) => sign.level !== "urgent_care");
    document.getElementById("confirm-clinician").hidden = others.length === 0;
    listSigns("confirm-clinician-lead", "confirm-clinician-signs", others);
    document.getElementById("confirm-heading").focus();
  }
  confirmYes.addEventListener("click", () => {
    if (busy || !pending) return;
    setBusy(true);
    send(pending.body, pending.rows);
  });
  document.getElementById("confirm-no").addEventListener("click", () => {
    pending = null;
    showConfirmation(false);
    saveButton.focus();
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (busy) return;
    formError.textContent = "";
    window.crest.accept(form);
    const rows = [...ratings.children];
    const unrated = rows.find((row) => scoreOf(row) === null);
    if (unrated) {
      const name = config.region_labels[unrated.dataset.region].toLowerCase();
      formError.textContent = `Give the ${name} a score from 0 to 10, or remove it.`;
      window.crest.refuse([unrated.querySelector(".rating")], formError);
      return;
    }
    const checked = (name) => [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((box) => box.value);
    const timing = chosenTiming();
    const after = followed();
    const body = {
      session_id: existing ? existing.session_id : after ? after.id : config.session_id,
      session_uid: existing ? null : after ? after.uid : config.session_uid,
      timing,
      compared_with_before: timing === "after" ? checked("compared")[0] || null : null,
      pain: rows.map((row) => ({
        region: row.dataset.region,
        side: row.querySelector(".side").value || null, // no side chosen: the API says to choose one
        score: scoreOf(row),
        quality: row.querySelector(".quality").value || null,
      })),
      sensations: checked("sensations"),
      note: document.getElementById("note").value.trim() || null,
    };
    setBusy(true);
    let signs;
    try {
      signs = await window.crest.api("POST", config.urgent_signs_url, body);
    } catch (error) {
      setBusy(false);
      showRefusal(error, rows);
      return;
    }
    if (signs.length) {
      pending = { body, rows };
      setBusy(false);
      showConfirmation(signs);
      return;
    }
    send(body, rows);
  });
})();
