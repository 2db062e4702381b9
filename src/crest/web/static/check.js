// Check a photo or video: upload to /api/check and show the verdicts over the picture.
"use strict";

(() => {
  const form = document.getElementById("check-form");
  const status = document.getElementById("check-status");
  const picture = document.getElementById("result-picture");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const file = document.getElementById("check-file").files[0];
    if (!file) { status.textContent = "Choose a photo or a video first."; return; }
    status.textContent = "Checking…";
    document.getElementById("check-result").hidden = true;
    const data = new FormData();
    data.append("file", file);
    try {
      const response = await fetch("/api/check", { method: "POST", body: data });
      const result = await response.json();
      if (!response.ok) throw new Error(typeof result.detail === "string" ? result.detail : "This file could not be checked.");
      status.textContent = "";
      document.getElementById("result-summary").textContent = result.summary || "";
      window.crestPosture.renderCriteria(document.getElementById("result-criteria"), result);
      const isImage = file.type.startsWith("image/");
      document.getElementById("result-picture-wrap").hidden = !isImage;
      if (isImage) {
        // The server checks a copy no larger than max_side_px on its longest side.
        picture.onload = () => {
          const maxSide = Number(form.dataset.maxSidePx);
          const scale = Math.min(1, maxSide / Math.max(picture.naturalWidth, picture.naturalHeight));
          window.crestPosture.drawSkeleton(document.getElementById("result-overlay"), result,
            picture.clientWidth, picture.clientHeight, picture.naturalWidth * scale, picture.naturalHeight * scale);
        };
        picture.src = URL.createObjectURL(file);
      }
      const video = result.video;
      document.getElementById("result-video").hidden = !video;
      if (video) {
        const length = video.duration_s < 90 ? `${Math.round(video.duration_s)} seconds`
          : `${Math.round(video.duration_s / 60)} minutes`;
        document.getElementById("result-share").textContent =
          `A video of ${length}; ${video.frames_checked} moments checked, a person seen in ${video.frames_with_person}.`;
        const events = video.events.length ? video.events : [{ time: "", message: "Nothing changed for long." }];
        document.getElementById("result-events").replaceChildren(...events.map((event) =>
          Object.assign(document.createElement("li"), { textContent: `${event.time} ${event.message}`.trim() })));
      }
      document.getElementById("check-result").hidden = false;
      document.getElementById("result-heading").focus();
    } catch (error) {
      status.textContent = error.message;
    }
  });
})();
