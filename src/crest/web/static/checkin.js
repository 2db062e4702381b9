// The check-in: the body map adds rated places; the form sends one JSON check-in to the API.
"use strict";

(() => {
  const config = JSON.parse(document.getElementById("checkin-config").textContent);
  const ratings = document.getElementById("ratings");
  const template = document.getElementById("rating-row");
  const form = document.getElementById("checkin-form");

  function rowFor(region, side) {
    return ratings.querySelector(`.rating-row[data-region="${region}"][data-side="${side}"]`);
  }

  function refresh() {
    document.getElementById("no-ratings").hidden = ratings.children.length > 0;
    for (const shape of document.querySelectorAll(".bodymap .region")) {
      const row =
        rowFor(shape.dataset.region, shape.dataset.side) ||
        (shape.dataset.side !== "centre" && rowFor(shape.dataset.region, "both"));
      shape.classList.toggle("rated", Boolean(row));
      shape.setAttribute("aria-pressed", String(Boolean(row)));
    }
  }

  function addRow(region, side, rating) {
    const existing = rowFor(region, side);
    if (existing) {
      existing.querySelector(".rating").focus();
      return existing;
    }
    const row = template.content.firstElementChild.cloneNode(true);
    const key = `${region}-${side}-${Date.now()}`;
    row.dataset.region = region;
    row.dataset.side = side;
    row.querySelector(".region-name").textContent = config.region_labels[region];
    const sideSelect = row.querySelector(".side");
    sideSelect.id = `side-${key}`;
    row.querySelector(".side-label").htmlFor = sideSelect.id;
    sideSelect.value = side;
    sideSelect.addEventListener("change", () => {
      row.dataset.side = sideSelect.value;
      refresh();
    });
    const slider = row.querySelector(".rating");
    slider.id = `rating-${key}`;
    row.querySelector(".rating-label").htmlFor = slider.id;
    row.querySelector(".rating-label").textContent = `Pain in ${config.region_labels[region].toLowerCase()}, 0 to 10`;
    slider.value = String(rating);
    const output = row.querySelector(".rating-value");
    output.textContent = String(rating);
    slider.addEventListener("input", () => {
      output.textContent = slider.value;
    });
    row.querySelector(".remove").setAttribute("aria-label", `Remove ${config.region_labels[region]}`);
    row.querySelector(".remove").addEventListener("click", () => {
      row.remove();
      refresh();
    });
    ratings.append(row);
    refresh();
    slider.focus();
    return row;
  }

  for (const shape of document.querySelectorAll(".bodymap .region")) {
    const choose = () => addRow(shape.dataset.region, shape.dataset.side, 3);
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
    addRow(region, config.default_sides[region] || "both", 3);
  });

  const existing = config.checkin;
  if (existing) {
    for (const rating of existing.pain) addRow(rating.region, rating.side || "both", rating.score);
    for (const box of form.querySelectorAll('input[name="sensations"]'))
      box.checked = existing.sensations.includes(box.value);
    for (const radio of form.querySelectorAll('input[name="timing"]')) radio.checked = radio.value === existing.timing;
    for (const radio of form.querySelectorAll('input[name="compared"]'))
      radio.checked = radio.value === existing.compared_with_before;
    document.getElementById("note").value = existing.note || "";
  } else {
    const timing = form.querySelector(`input[name="timing"][value="${config.default_timing}"]`);
    if (timing) timing.checked = true;
  }
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

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const checked = (name) => [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((box) => box.value);
    const body = {
      session_id: existing ? existing.session_id : config.session_id,
      timing: checked("timing")[0] || config.default_timing,
      compared_with_before: checked("compared")[0] || null,
      pain: [...ratings.children].map((row) => ({
        region: row.dataset.region,
        side: row.querySelector(".side").value,
        score: Number(row.querySelector(".rating").value),
      })),
      sensations: checked("sensations"),
      note: document.getElementById("note").value.trim() || null,
    };
    try {
      let next = config.journal_url;
      let saved;
      if (existing) {
        saved = await window.crest.api("PUT", `${config.checkins_url}/${existing.id}`, body);
      } else {
        saved = await window.crest.api("POST", config.checkins_url, body);
        if (config.next_url) {
          // a check-in before a session: go on to it, carrying the check-in along
          const joiner = config.next_url.includes("?") ? "&" : "?";
          next = `${config.next_url}${joiner}before_checkin_id=${saved.id}`;
        }
      }
      // A check-in that is clearly worse, or names a warning sign, is answered on Today (until the next one).
      if (saved.advice) {
        window.location.assign(config.today_url);
        return;
      }
      offerHelpOrGo(body.sensations, next);
    } catch (error) {
      document.getElementById("form-error").textContent = error.message;
    }
  });
})();
