// Correcting a finished session: the form sends variant, seconds rested and status to the API, then back to the journal.
// Without this script the form posts to the page, which takes the time rested by the same rule, in the same words.
"use strict";

(() => {
  const config = JSON.parse(document.getElementById("session-edit-config").textContent);
  const form = document.getElementById("session-edit-form");
  const minutes = document.getElementById("rested-minutes");
  const seconds = document.getElementById("rested-seconds");
  const error = document.getElementById("form-error");

  function secondsRested() {
    const whole = (input) => (/^[0-9]{1,9}$/.test(input.value.trim()) ? Number(input.value) : null);
    const [m, s] = [whole(minutes), whole(seconds)];
    if (m === null || s === null || s > 59) return null;
    const total = m * 60 + s;
    return total <= config.most_seconds ? total : null;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const actualSeconds = secondsRested();
    if (actualSeconds === null) {
      error.textContent = config.rested_refused;
      window.crest.refuse([minutes], error);
      return;
    }
    window.crest.accept(form);
    const body = {
      variant: document.getElementById("variant").value,
      actual_seconds: actualSeconds,
      status: form.querySelector('input[name="status"]:checked').value,
    };
    try {
      await window.crest.api("PUT", config.update_url, body);
      window.location.assign(config.journal_url);
    } catch (failure) {
      error.textContent = failure.message;
    }
  });
})();
