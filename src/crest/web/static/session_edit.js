// Correcting a finished session: the form sends variant, seconds rested and status to the API, then back to the journal.
"use strict";

(() => {
  const config = JSON.parse(document.getElementById("session-edit-config").textContent);
  const session = config.session;
  const form = document.getElementById("session-edit-form");
  const minutes = document.getElementById("minutes-rested");
  const shownMinutes = minutes.value; // rounded for reading; unchanged, the exact seconds are kept
  const error = document.getElementById("form-error");

  function secondsRested() {
    if (minutes.value === shownMinutes) return session.actual_seconds;
    const value = Number(minutes.value);
    if (minutes.value.trim() === "" || !Number.isFinite(value) || value < 0 || value > session.planned_minutes)
      return null;
    return Math.round(value * 60);
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const actualSeconds = secondsRested();
    if (actualSeconds === null) {
      error.textContent = `Minutes rested: enter a number from 0 to ${session.planned_minutes}.`;
      minutes.setAttribute("aria-invalid", "true");
      minutes.focus();
      return;
    }
    minutes.removeAttribute("aria-invalid");
    const body = {
      variant: document.getElementById("variant").value,
      actual_seconds: actualSeconds,
      status: form.querySelector('input[name="status"]:checked').value,
    };
    try {
      await window.crest.api("PUT", `${config.sessions_url}/${session.id}`, body);
      window.location.assign(config.journal_url);
    } catch (failure) {
      error.textContent = failure.message;
    }
  });
})();
