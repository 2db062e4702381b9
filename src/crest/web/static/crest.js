// Shared helpers: JSON calls to the API and deletes that ask first.
"use strict";

window.crest = {
  async api(method, url, body) {
    const options = { method, headers: { Accept: "application/json" } };
    if (body instanceof FormData) {
      options.body = body; // an upload: the browser sets the multipart boundary itself
    } else if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    const response = await fetch(url, options);
    if (response.status === 204) return null;
    const data = await response.json().catch(() => null);
    if (!response.ok) {
      const message = (data && data.detail) || `The request failed (${response.status}).`;
      throw new Error(typeof message === "string" ? message : JSON.stringify(message));
    }
    return data;
  },
};

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
