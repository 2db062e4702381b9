// The guided session: checklist, optional camera check, then the timer, saved on the server as it runs.
"use strict";

(() => {
  const config = JSON.parse(document.getElementById("session-config").textContent);
  window.crestPosture.setLabels(config); // the live camera list uses the same words as the check page
  const $ = (id) => document.getElementById(id);
  const stages = ["stage-resume", "stage-checklist", "stage-ready", "stage-timer", "stage-done"];

  function show(stage) {
    for (const id of stages) if ($(id)) $(id).hidden = id !== stage;
  }

  // ---- the timer's state, shared by the camera check (its summary) and the timer ----
  const timeline = config.timeline;
  const ringLength = 2 * Math.PI * 54;
  const state = {
    sessionId: null,
    running: false,
    finished: false,
    elapsedBefore: 0,
    resumedAt: 0,
    lastCheckpoint: 0,
    lastSavedAt: 0,
    leaving: false,
    nextCue: 0,
    voice: config.voice,
    chime: config.chime,
    wakeLock: null,
    ticker: null,
    positionSummary: null,
  };

  function elapsed() {
    const running = state.running ? ((performance.now() - state.resumedAt) / 1000) * config.speed : 0;
    return Math.min(timeline.total_s, state.elapsedBefore + running);
  }
  function format(seconds) {
    const whole = Math.max(0, Math.ceil(seconds));
    return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
  }
  const round = (seconds) => Math.round(seconds * 10) / 10;

  // A "why?" link to the help entry that explains a step or a cue, when there is one (it opens in a new tab).
  function showWhy(link, help) {
    link.hidden = !help;
    if (help) {
      link.href = help.url;
      link.title = help.title;
    }
  }

  // ---- checklist, one step at a time ----
  let stepIndex = 0;
  function renderStep() {
    const step = config.steps[stepIndex];
    $("step-counter").textContent = `Step ${stepIndex + 1} of ${config.steps.length}`;
    $("step-title").textContent = step.title;
    $("step-text").textContent = step.text;
    $("step-source").textContent = step.source ? `Source: ${step.source}` : "";
    showWhy($("step-why"), step.help);
    $("step-back").disabled = stepIndex === 0;
  }
  $("step-back").addEventListener("click", () => {
    if (stepIndex > 0) {
      stepIndex -= 1;
      renderStep();
    }
  });
  $("step-next").addEventListener("click", () => {
    if (stepIndex < config.steps.length - 1) {
      stepIndex += 1;
      renderStep();
      $("step-next").focus();
      return;
    }
    show("stage-ready");
    $("rest-start").focus();
  });
  renderStep();

  // ---- optional camera check: JPEG frames over a WebSocket, one in flight at a time ----
  let camera = null;
  async function startCamera() {
    $("camera-panel").hidden = false;
    const video = $("camera-video");
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false });
      video.srcObject = stream;
      await video.play();
      const scheme = location.protocol === "https:" ? "wss" : "ws";
      const socket = new WebSocket(`${scheme}://${location.host}${config.live_url}`);
      camera = { stream, socket, waiting: false, timer: null };
      const grab = document.createElement("canvas");
      const sendFrame = () => {
        if (!camera || camera.waiting || socket.readyState !== WebSocket.OPEN || !video.videoWidth) return;
        const scale = Math.min(1, 640 / video.videoWidth);
        grab.width = Math.round(video.videoWidth * scale);
        grab.height = Math.round(video.videoHeight * scale);
        grab.getContext("2d").drawImage(video, 0, 0, grab.width, grab.height);
        camera.waiting = true;
        grab.toBlob(
          (blob) => {
            if (blob && socket.readyState === WebSocket.OPEN) socket.send(blob);
            else if (camera) camera.waiting = false;
          },
          "image/jpeg",
          0.75,
        );
      };
      socket.addEventListener("message", (event) => {
        if (camera) camera.waiting = false;
        const message = JSON.parse(event.data);
        if (message.type === "error") {
          $("camera-summary").textContent = message.message;
          return;
        }
        const result = message.result;
        if (!result.person_seen) {
          $("camera-summary").textContent = "Nobody in view yet: place the camera so that your whole body shows.";
          return;
        }
        $("camera-summary").textContent = result.summary || "";
        state.positionSummary = result.summary || null;
        // Show each criterion's steady verdict, so that one shaky frame does not make the list flicker.
        const corrections = Object.fromEntries((result.corrections || []).map((c) => [c.name, c]));
        const steady = {
          ...result,
          criteria: result.criteria.map(
            (c) => corrections[c.name] || { ...c, status: result.stable[c.name] || c.status },
          ),
        };
        window.crestPosture.renderCriteria($("camera-criteria"), steady);
        // A correction is spoken once, when it has held for a moment, never on every frame.
        for (const name of result.new_corrections || []) if (corrections[name]) speak(corrections[name].advice);
        window.crestPosture.drawSkeleton(
          $("camera-overlay"),
          result,
          video.clientWidth,
          video.clientHeight,
          grab.width,
          grab.height,
        );
      });
      socket.addEventListener("close", () => {
        if (camera) camera.waiting = false;
      });
      camera.timer = window.setInterval(sendFrame, 150);
    } catch (error) {
      $("camera-summary").textContent = "The camera could not be opened. You can still start the rest without it.";
    }
  }
  function stopCamera() {
    if (!camera) return;
    window.clearInterval(camera.timer);
    camera.socket.close();
    for (const track of camera.stream.getTracks()) track.stop();
    camera = null;
    $("camera-panel").hidden = true;
  }
  $("camera-start").addEventListener("click", startCamera);
  $("camera-stop").addEventListener("click", stopCamera);

  function speak(text) {
    if (!state.voice || !("speechSynthesis" in window)) return;
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.rate = 0.85;
    window.speechSynthesis.speak(utterance);
  }
  async function keepScreenOn() {
    try {
      if ("wakeLock" in navigator) state.wakeLock = await navigator.wakeLock.request("screen");
    } catch (_) {
      /* not allowed: fine */
    }
  }
  function releaseScreen() {
    if (state.wakeLock) {
      state.wakeLock.release().catch(() => {});
      state.wakeLock = null;
    }
  }

  async function save(path, body) {
    state.lastSavedAt = performance.now();
    try {
      const saved = await window.crest.api("POST", `${config.sessions_url}/${state.sessionId}/${path}`, body);
      $("save-status").textContent = "";
      return saved;
    } catch (error) {
      $("save-status").textContent = `Not saved yet: ${error.message}`;
      return null;
    }
  }

  function tick() {
    const now = elapsed();
    const left = timeline.total_s - now;
    $("time-left").textContent = format(left);
    $("ring-progress").style.strokeDashoffset = String(ringLength * (1 - now / timeline.total_s));
    const phase =
      timeline.phases.find((p) => now >= p.start_s && now < p.end_s) || timeline.phases[timeline.phases.length - 1];
    $("phase").textContent = state.running ? (phase ? phase.label : "") : "paused";
    while (state.nextCue < timeline.cues.length && timeline.cues[state.nextCue].at_s <= now) {
      const cue = timeline.cues[state.nextCue];
      $("cue").textContent = cue.text;
      showWhy($("cue-why"), cue.help);
      speak(cue.text);
      state.nextCue += 1;
    }
    // Session time is saved as it passes; wall time keeps the server hearing from the page, paused or not, so that
    // it can tell a closed tab (silence) from a quiet one.
    const beatDue = performance.now() - state.lastSavedAt >= config.heartbeat_every_s * 1000;
    if (state.running && now - state.lastCheckpoint >= config.checkpoint_every_s) {
      state.lastCheckpoint = now;
      save("checkpoint", { elapsed_s: round(now) });
    } else if (state.sessionId && beatDue) {
      save("checkpoint", { elapsed_s: round(now) });
    }
    if (now >= timeline.total_s) finish("completed");
  }
  function runTimer() {
    state.running = true;
    state.resumedAt = performance.now();
    keepScreenOn();
    state.ticker = window.setInterval(tick, 200);
    tick();
  }
  async function startRest() {
    stopCamera();
    show("stage-timer");
    $("pause").focus();
    try {
      // The check-in made just before lying down is linked to this session on the server, as it is created.
      const created = await window.crest.api("POST", config.sessions_url, {
        planned_minutes: config.minutes,
        variant: config.variant,
        position_check_summary: state.positionSummary,
        before_checkin_id: config.before_checkin_id,
      });
      state.sessionId = created.id;
      state.lastSavedAt = performance.now();
    } catch (error) {
      $("save-status").textContent = `This session is not being saved: ${error.message}`;
    }
    runTimer();
  }
  $("rest-start").addEventListener("click", startRest);

  // ---- a session still open on the server (the page was reloaded or left): resume it where it stopped, or end it ----
  async function openSession() {
    const session = await window.crest.api("GET", `${config.sessions_url}/${config.resume.session_id}`);
    // A session the server marked interrupted a moment ago comes back to life with the next checkpoint.
    if (session.status !== "running" && session.status !== "interrupted") return null;
    state.sessionId = session.id;
    state.elapsedBefore = session.actual_seconds;
    state.lastCheckpoint = session.actual_seconds;
    while (state.nextCue < timeline.cues.length && timeline.cues[state.nextCue].at_s <= state.elapsedBefore) {
      $("cue").textContent = timeline.cues[state.nextCue].text; // the cue in force, shown but not spoken again
      showWhy($("cue-why"), timeline.cues[state.nextCue].help);
      state.nextCue += 1;
    }
    return session;
  }
  async function offerOpenSession() {
    try {
      const session = await window.crest.api("GET", `${config.sessions_url}/${config.resume.session_id}`);
      $("resume-summary").textContent =
        `You started it ${config.resume.started}; ${session.rested} of ${config.minutes} min done. ` +
        "The timer waits where it stopped.";
    } catch (_) {
      /* the words rendered with the page stay */
    }
    $("resume-heading").focus();
  }
  async function resumeOrEnd(resume) {
    try {
      if (!(await openSession())) {
        window.location.reload(); // it ended meanwhile (in another tab): the page offers a new one
        return;
      }
    } catch (error) {
      $("resume-summary").textContent = `It could not be opened: ${error.message}`;
      return;
    }
    if (!resume) {
      finish("ended_early");
      return;
    }
    show("stage-timer");
    $("pause").focus();
    save("checkpoint", { elapsed_s: round(state.elapsedBefore) });
    runTimer();
  }
  if (config.resume) {
    $("resume").addEventListener("click", () => resumeOrEnd(true));
    $("resume-end").addEventListener("click", () => resumeOrEnd(false));
    offerOpenSession();
  }

  function pauseOrResume() {
    if (state.finished) return;
    if (state.running) {
      state.elapsedBefore = elapsed();
      state.running = false;
      $("pause").textContent = "Resume";
      $("pause").setAttribute("aria-pressed", "true");
      tick();
      if (state.sessionId) save("checkpoint", { elapsed_s: round(state.elapsedBefore) });
      releaseScreen();
    } else {
      state.running = true;
      state.resumedAt = performance.now();
      $("pause").textContent = "Pause";
      $("pause").setAttribute("aria-pressed", "false");
      keepScreenOn();
    }
  }
  $("pause").addEventListener("click", pauseOrResume);
  $("end").addEventListener("click", () => {
    if (window.confirm("End the session now? What you have done so far is kept.")) finish("ended_early");
  });
  for (const [id, key] of [
    ["voice", "voice"],
    ["chime-toggle", "chime"],
  ]) {
    $(id).addEventListener("click", () => {
      state[key] = !state[key];
      $(id).setAttribute("aria-pressed", String(state[key]));
      if (key === "voice" && !state.voice && "speechSynthesis" in window) window.speechSynthesis.cancel();
    });
  }

  async function finish(status) {
    if (state.finished) return;
    const done = elapsed();
    state.finished = true;
    state.running = false;
    window.clearInterval(state.ticker);
    releaseScreen();
    if (state.chime && status === "completed")
      $("chime")
        .play()
        .catch(() => {});
    const saved = state.sessionId ? await save("finish", { elapsed_s: round(done), status }) : null;
    const list = $("ending-steps");
    list.replaceChildren(
      ...config.ending.map((text) => Object.assign(document.createElement("li"), { textContent: text })),
    );
    if (status === "completed") speak(config.ending.join(" "));
    // The time rested as the server writes it everywhere ("14 min 30 s"), from the saved record.
    if (saved)
      $("done-summary").textContent =
        status === "completed" ? `You rested for ${saved.rested}.` : `You rested for ${saved.rested} before ending.`;
    if (state.sessionId) $("checkin-link").href = `${config.checkin_url}?session_id=${state.sessionId}`;
    show("stage-done");
    $("done-heading").focus();
  }

  // Leaving a running timer asks first; the session stays open on the server, with the time done so far, so that
  // the session page can resume it. A tab closed for good goes silent, and the server marks it interrupted.
  const sessionOpen = () => state.sessionId !== null && !state.finished;
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[href]");
    // a link to a new tab (the "why?" of a cue) leaves the timer running here
    if (!link || !sessionOpen() || link.getAttribute("href").startsWith("#") || link.target === "_blank") return;
    if (window.confirm("Leave the timer? Your session stays open: come back to Session to resume it.")) {
      state.leaving = true;
    } else {
      event.preventDefault();
    }
  });
  window.addEventListener("beforeunload", (event) => {
    if (sessionOpen() && !state.leaving) event.preventDefault();
  });
  window.addEventListener("pagehide", () => {
    if (!sessionOpen()) return;
    const body = JSON.stringify({ elapsed_s: round(elapsed()) });
    navigator.sendBeacon(
      `${config.sessions_url}/${state.sessionId}/checkpoint`,
      new Blob([body], { type: "application/json" }),
    );
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && state.running) keepScreenOn();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === " " && !$("stage-timer").hidden && event.target === document.body) {
      event.preventDefault();
      pauseOrResume();
    }
  });
})();
