// Check a photo or video: upload through the shared crest.api helper, show the verdicts over the picture.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const configElement = $("check-config");
  const config = configElement ? JSON.parse(configElement.textContent || "{}") : {};
  const checkUrl = config.check_url || "/api/check";
  const posture = window.crestPosture;
  // The width of picture (in CSS pixels) from which each criterion's badge is drawn on it.
  const BADGES_MIN_WIDTH_PX = 560;
  posture.setLabels(config);
  const form = $("check-form");
  if (!form) return; // not offered: the safety answers advise resting on the side
  const status = $("check-status");
  const problem = $("check-error");
  const picture = $("result-picture");

  function listItems(list, lines) {
    list.replaceChildren(...lines.map((line) => Object.assign(document.createElement("li"), { textContent: line })));
  }

  function clock(seconds) {
    const whole = Math.max(0, Math.floor(seconds));
    const minutes = Math.floor(whole / 60);
    return `${String(minutes).padStart(2, "0")}:${String(whole % 60).padStart(2, "0")}`;
  }

  const MOMENTS_SHOWN = 8;
  const SPANS_SHOWN_OPEN = 6;

  // One line per criterion (the position first): "Knees bent up: OK 00:00-00:20, Adjust 00:20-00:35". Each
  // stretch's word is the server's, as the terminal says it ("nearly" in the position when the summary says so).
  function timelineLines(timeline) {
    return Object.entries(timeline)
      .filter(([, segments]) => segments.length)
      .map(([name, segments]) => {
        const label = name === "position" ? "In position" : posture.criterionLabel(name);
        const spans = segments.map((s) => `${s.word} ${clock(s.start_s)}–${clock(s.end_s)}`);
        return `${label}: ${spans.join(", ")}`;
      });
  }

  // One line per moment, its time written once: "00:06 left the position: head lifted".
  function momentLines(events) {
    const moments = new Map();
    for (const event of events) {
      if (!moments.has(event.time)) moments.set(event.time, { position: [], details: [] });
      moments.get(event.time)[event.criterion === "position" ? "position" : "details"].push(event.what);
    }
    return [...moments].map(([time, { position, details }]) =>
      position.length && details.length
        ? `${time} ${position[0]}: ${details.join(", ")}`
        : `${time} ${[...position, ...details].join(", ")}`,
    );
  }

  function showVideo(video) {
    $("result-video").hidden = !video;
    if (!video) return;
    const counted = window.crest.counted;
    const length =
      video.duration_s < 90
        ? counted(Math.round(video.duration_s), "second")
        : counted(Math.round(video.duration_s / 60), "minute");
    // The share of time in position is in the summary above, rounded once, by the server.
    $("result-share").textContent =
      `A video of ${length}; ${counted(video.frames_checked, "moment")} checked, ` +
      `a person seen in ${video.frames_with_person}.`;
    // A whole rest can change hundreds of times: the first few moments show, the rest and the timeline
    // (which then holds as many spans) open on request, so the page stays readable on a phone.
    const moments = video.events.length ? momentLines(video.events) : ["Nothing changed for long."];
    listItems($("result-events"), moments.slice(0, MOMENTS_SHOWN));
    const rest = moments.slice(MOMENTS_SHOWN);
    $("result-more-events").hidden = !rest.length;
    $("result-more-events").open = false;
    $("result-more-events").querySelector("summary").textContent = `The other ${counted(rest.length, "moment")}`;
    listItems($("result-events-rest"), rest);
    const timeline = Object.values(video.timeline || {});
    $("result-timeline-wrap").open = !timeline.some((segments) => segments.length > SPANS_SHOWN_OPEN);
    listItems($("result-timeline"), timelineLines(video.timeline || {}));
  }

  // The picture with the outline over it, drawn as the picture loads: a photo as it was chosen (the server
  // checked a copy no larger than max_side_px on its longest side), a video's frame at the size it was checked.
  function showPicture(blob, shown, isVideo) {
    const caption = $("result-picture-caption");
    caption.hidden = !isVideo;
    // The review looks every few seconds, so the person may stay in view after the moment shown.
    caption.textContent = isVideo
      ? `The picture: ${clock(shown.time_s)}, the last moment checked with a person in view.`
      : "";
    picture.alt = isVideo
      ? "A frame of your video with the detected body outline"
      : "Your photo with the detected body outline";
    const source = URL.createObjectURL(blob);
    picture.onload = () => {
      URL.revokeObjectURL(source); // shown: the page keeps no copy of the picture
      const maxSide = Number(form.dataset.maxSidePx);
      const scale = isVideo ? 1 : Math.min(1, maxSide / Math.max(picture.naturalWidth, picture.naturalHeight));
      posture.drawSkeleton(
        $("result-overlay"),
        shown.result,
        picture.clientWidth,
        picture.clientHeight,
        isVideo ? shown.width : picture.naturalWidth * scale,
        isVideo ? shown.height : picture.naturalHeight * scale,
        // On a narrow picture ten badges at a readable size cover most of the person; the list below
        // names every criterion, so the picture keeps the outline alone there.
        { badges: picture.clientWidth >= BADGES_MIN_WIDTH_PX },
      );
    };
    picture.src = source;
  }

  // A video's frame comes as base64 JPEG in the answer; the page's policy shows pictures from blobs only.
  function videoFrame(jpeg) {
    return new Blob([Uint8Array.from(atob(jpeg), (c) => c.charCodeAt(0))], { type: "image/jpeg" });
  }

  const meter = $("check-progress");
  const meterWrap = $("check-progress-wrap");
  const meterText = $("check-progress-text");
  const submit = form.querySelector('button[type="submit"]');
  const stop = $("check-stop");
  let checking = null; // the AbortController of the check under way
  // A video picked by mistake need not be sat through: stopping closes the request, and the server stops
  // the review at its next frame.
  stop.addEventListener("click", () => {
    if (checking) checking.abort();
  });

  // The bar and its figures move with every update. The status above, which screen readers read out, says
  // once that the check is under way: the bar itself tells them how far it is when they ask.
  function showProgress(line) {
    if (line.type !== "progress") return;
    meterWrap.hidden = false;
    if (!line.total_s) {
      meter.removeAttribute("value"); // a video that does not say its length: a bar without an end
      meterText.textContent = `${clock(line.done_s)} reviewed`;
      meter.setAttribute("aria-valuetext", meterText.textContent);
      return;
    }
    const percent = Math.min(100, Math.floor((100 * line.done_s) / line.total_s));
    meter.value = percent;
    meterText.textContent = `${percent}% (${clock(line.done_s)} of ${clock(line.total_s)})`;
    meter.setAttribute("aria-valuetext", meterText.textContent);
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const file = $("check-file").files[0];
    if (!file) {
      status.textContent = "";
      problem.textContent = "Choose a photo or a video first.";
      return;
    }
    // A whole rest filmed on a phone is reviewed at 10-40 times real time: say so, and show how far it is.
    problem.textContent = "";
    status.textContent = file.type.startsWith("video/")
      ? "Checking the video… a recording of a whole rest takes a minute or two."
      : "Checking…";
    $("check-result").hidden = true;
    submit.disabled = true; // one check at a time: a second would wait for the first's pose model
    checking = new AbortController();
    stop.hidden = false;
    const data = new FormData();
    data.append("file", file);
    try {
      const answer = await window.crest.lines("POST", checkUrl, data, showProgress, checking.signal);
      if (!answer || answer.type !== "result") {
        // A refusal in the answer's lines reads as one refused before the answer began: as a sentence.
        const detail = answer && answer.detail && window.crest.asSentence(answer.detail);
        throw new Error(detail || "The check stopped before it was done; try again.");
      }
      const result = answer.result;
      status.textContent = "";
      // "not sure" only where the summary does not already say what the picture could not show (not_sure).
      const summary = `${result.summary || ""}${result.not_sure ? " (The check is not sure of this.)" : ""}`;
      $("result-summary").textContent = summary;
      // The heading takes the focus below: its name carries the verdict, so a screen reader says it at once
      // ("Result: You are in the constructive rest position..."), not "Result" alone with the live region empty.
      $("result-heading").setAttribute("aria-label", summary ? `Result: ${summary}` : "Result");
      $("result-view").textContent = `Camera: ${posture.viewLabel(result.view || "unknown")}.`;
      posture.renderCriteria($("result-criteria"), result);
      const notes = result.notes || [];
      listItems($("result-notes"), notes);
      $("result-notes").hidden = !notes.length;
      // The server tells a photo from a video by its content, not its name.
      const shown = result.video ? result.video.picture : { result };
      $("result-picture-wrap").hidden = !shown;
      if (shown) showPicture(result.video ? videoFrame(shown.jpeg) : file, shown, !!result.video);
      showVideo(result.video);
      $("check-result").hidden = false;
      $("result-heading").focus();
    } catch (error) {
      status.textContent = error.message === window.crest.STOPPED ? "Stopped: nothing was checked or kept." : "";
      if (error.message !== window.crest.STOPPED) problem.textContent = error.message;
    } finally {
      checking = null;
      stop.hidden = true;
      meterWrap.hidden = true;
      submit.disabled = false;
      // Disabled while checking, the button let go of the focus (to the page's start): give it back, unless the
      // result took it.
      if (document.activeElement === document.body) submit.focus();
    }
  });
})();
