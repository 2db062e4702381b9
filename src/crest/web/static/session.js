// The guided session: checklist, optional camera check, then the timer, saved on the server as it runs.
"use strict";

(() => {
  const config = JSON.parse(document.getElementById("session-config").textContent);
  window.crestPosture.setLabels(config); // the live camera list uses the same words as the check page
  const $ = (id) => document.getElementById(id);
  const stages = ["stage-resume", "stage-checklist", "stage-ready", "stage-timer", "stage-elsewhere", "stage-done"];

  // A demo's clock speed, kept for its session in this browser: the page reached again by the Session link (as the
  // question on leaving says) has no ?speed, and the demo's rest would go on at real time.
  const DEMO_SPEED = "crest-demo-speed";
  const SAVE_AGAIN_AFTER_MS = 5000; // a database server restarting is back within seconds
  function keepDemoSpeed(sessionId) {
    if (config.speed === 1) return;
    try {
      localStorage.setItem(DEMO_SPEED, JSON.stringify({ session_id: sessionId, speed: config.speed }));
    } catch (_) {
      /* storage refused: resumed by the link, the rest goes on at real time */
    }
  }
  if (config.resume && !new URLSearchParams(window.location.search).has("speed")) {
    try {
      const kept = JSON.parse(localStorage.getItem(DEMO_SPEED));
      if (kept && kept.session_id === config.resume.session_id) config.speed = kept.speed;
    } catch (_) {
      /* nothing readable kept: real time */
    }
  }

  function show(stage) {
    for (const id of stages) if ($(id)) $(id).hidden = id !== stage;
  }

  // ---- the timer's state, shared by the camera check (its summary) and the timer ----
  const timeline = config.timeline;
  const ringLength = 2 * Math.PI * 54;
  const state = {
    sessionId: null,
    sessionUid: null, // sent with every save: a session deleted since, its id given to a newer one, is never written
    startedAt: null, // told apart from a newer session given its id after it was deleted elsewhere
    restStarted: false,
    running: false,
    finished: false,
    elapsedBefore: 0,
    resumedAt: 0,
    lastCheckpoint: 0,
    lastSavedAt: 0,
    saveRefusal: null, // why the last save failed (the error the server answered), to say it on the done stage
    leaving: false,
    nextCue: 0,
    nextMinuteLeft: 0,
    voice: config.voice,
    chime: config.chime,
    wakeLock: null,
    ticker: null, // set once the clock can run: the server has written the session (or could not)
    pausedBeforeStart: false,
    positionSummary: null,
    restBeganAt: 0,
    breathBefore: null, // a resumed rest: the reading saved before it was broken off, joined to what is read since
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
      // A longer step pushes Next down, past the bottom of a phone's screen: keep the control in use in sight.
      $("step-next").scrollIntoView({ block: "nearest" });
      return;
    }
    show("stage-ready");
    $("rest-start").focus();
  });
  renderStep();

  // ---- the camera's stream, shared by the position check before the rest and the breath reading during it ----
  let cameraStream = null;
  async function openCameraStream() {
    if (!cameraStream)
      cameraStream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false });
    return cameraStream;
  }
  function closeCameraStream() {
    if (!cameraStream) return;
    for (const track of cameraStream.getTracks()) track.stop();
    cameraStream = null;
  }
  const liveSocketUrl = (query) =>
    `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}${config.live_url}${query}`;
  // The video's current picture on the canvas, at most 640 px wide (what the server analyses).
  function drawFrame(video, canvas) {
    const scale = Math.min(1, 640 / video.videoWidth);
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    canvas.getContext("2d").drawImage(video, 0, 0, canvas.width, canvas.height);
  }

  // Why the camera did not open, in words that say what to do, from the browser's own name for the failure.
  function cameraProblem(error) {
    if (!navigator.mediaDevices) return "This browser offers the camera only to crest on this computer or over https";
    const name = error && error.name;
    if (name === "NotAllowedError" || name === "SecurityError")
      return "The browser did not let crest use the camera: allow it for this page (the camera sign in the address bar), then try again";
    if (name === "NotFoundError" || name === "OverconstrainedError") return "No camera was found on this device";
    if (name === "NotReadableError" || name === "AbortError")
      return "The camera is in use by another program: close that one, then try again";
    return "The camera could not be opened";
  }

  // ---- optional camera check: JPEG frames over a WebSocket, one in flight at a time ----
  let camera = null;
  // Without a camera the panel keeps only the message: no empty picture, no camera to stop, and no line about
  // frames that are never taken (on a phone it pushed the message below the fold).
  function showCameraControls(shown) {
    $("camera-view").hidden = !shown;
    $("camera-stop").hidden = !shown;
    $("camera-privacy").hidden = !shown;
  }
  async function startCamera() {
    $("camera-panel").hidden = false;
    $("camera-summary").textContent = "";
    $("camera-summary").classList.remove("notice", "danger");
    showCameraControls(true);
    const video = $("camera-video");
    try {
      video.srcObject = await openCameraStream();
      await video.play();
      const socket = new WebSocket(liveSocketUrl(""));
      camera = { socket, waiting: false, timer: null, refused: false };
      const grab = document.createElement("canvas");
      const sendFrame = () => {
        if (!camera || camera.waiting || socket.readyState !== WebSocket.OPEN || !video.videoWidth) return;
        drawFrame(video, grab);
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
          if (camera) camera.refused = true; // the socket closes next: this says why
          $("camera-summary").textContent = message.message;
          return;
        }
        const result = message.result;
        if (!result.person_seen) {
          $("camera-summary").textContent = `${result.nobody_advice}.`; // the light, or where to put the camera
          // Nobody seen now (the light went out, the person left the picture): no verdict or outline of an earlier
          // frame stays on screen as if it were checked now.
          $("camera-criteria").replaceChildren();
          window.crestPosture.drawSkeleton($("camera-overlay"), result, video.clientWidth, video.clientHeight, 1, 1);
          return;
        }
        // The summary that has held, as the list under it shows the verdicts that have (a frame's own flickers).
        const summary = result.held_summary || result.summary;
        $("camera-summary").textContent = summary || "";
        state.positionSummary = summary || null;
        // Show each criterion's steady verdict, so that one shaky frame does not make the list flicker.
        const corrections = Object.fromEntries((result.corrections || []).map((c) => [c.name, c]));
        const steady = {
          ...result,
          summary,
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
      // Closed by crest, not by "Stop the camera" (crest stopped, the computer slept): the last verdicts would
      // stay on screen as if still checked, and the camera on for nothing.
      socket.addEventListener("close", (event) => {
        if (!camera || camera.socket !== socket) return;
        const refused = camera.refused;
        // 1008: refused while a warning sign stands (or side-lying is advised): set as the safety notices are
        if (event.code === 1008) $("camera-summary").classList.add("notice", "danger");
        window.clearInterval(camera.timer);
        camera = null;
        closeCameraStream();
        showCameraControls(false);
        $("camera-criteria").replaceChildren();
        if (!refused) $("camera-summary").textContent = window.crest.CONNECTION_LOST;
      });
      // The camera unplugged or switched off: its picture goes black, and black frames would be checked on.
      for (const track of video.srcObject.getVideoTracks())
        track.addEventListener("ended", () => {
          if (!camera || camera.socket !== socket) return;
          camera.refused = true; // the close that follows adds nothing to this
          $("camera-summary").textContent =
            "The camera stopped (unplugged or switched off): connect it, then check again. You can still start the rest without it.";
          socket.close();
        });
      camera.timer = window.setInterval(sendFrame, 150);
    } catch (error) {
      closeCameraStream(); // a stream opened before the failure is not left running
      showCameraControls(false);
      $("camera-summary").textContent = `${cameraProblem(error)}. You can still start the rest without it.`;
      // The button pressed is at the foot of a phone's screen: the answer is brought into sight under it.
      $("camera-summary").scrollIntoView({ block: "nearest" });
    }
  }
  // The position check stops as the rest starts; the camera itself stays on when the breath is to be read.
  function stopCamera(keepStream = false) {
    if (camera) {
      window.clearInterval(camera.timer);
      camera.socket.close();
      camera = null;
    }
    if (!keepStream) closeCameraStream();
    $("camera-panel").hidden = true;
  }
  $("camera-start").addEventListener("click", startCamera);
  $("camera-stop").addEventListener("click", () => {
    stopCamera();
    $("camera-start").focus(); // the button pressed is gone with the panel: a keyboard goes on from where it began
  });

  // ---- the breath during the rest, when the person asks for it: frames with their capture time (seconds since
  // the rest began), 8 a second, one in flight; a quiet line says that it is being read, never a number ----
  const BREATH_FRAME_MS = 125;
  let breath = null;
  // A polite live region, in the page from its load (emptied, never hidden): someone lying with eyes closed hears
  // that the camera could not open, or that they moved.
  function showBreathState(text) {
    $("breath-status").textContent = text || "";
  }
  async function startBreath() {
    showBreathState(config.breath_states.starting);
    try {
      const video = Object.assign(document.createElement("video"), { muted: true, playsInline: true });
      video.srcObject = await openCameraStream();
      await video.play();
      const socket = new WebSocket(liveSocketUrl("?breath=true"));
      const reading = { socket, video, waiting: false, timer: null, state: null, lastTime: -1, soFar: null };
      breath = reading;
      const grab = document.createElement("canvas");
      const sendFrame = () => {
        if (reading.waiting || socket.readyState !== WebSocket.OPEN || !video.videoWidth) return;
        const time = (performance.now() - state.restBeganAt) / 1000; // the moment the picture is taken
        if (time <= reading.lastTime) return;
        drawFrame(video, grab);
        reading.waiting = true;
        reading.lastTime = time;
        grab.toBlob(
          (blob) => {
            if (!blob || socket.readyState !== WebSocket.OPEN) {
              reading.waiting = false;
              return;
            }
            const captured = new DataView(new ArrayBuffer(8));
            captured.setFloat64(0, time, true); // little-endian, before the JPEG
            socket.send(new Blob([captured.buffer, blob]));
          },
          "image/jpeg",
          0.75,
        );
      };
      socket.addEventListener("message", (event) => {
        const message = JSON.parse(event.data);
        if (message.type === "breath_result") {
          reading.soFar = message.breath; // goes with the next checkpoint
          return;
        }
        reading.waiting = false;
        if (message.type !== "result" || breath !== reading) return;
        const now = message.result.breath_state;
        if (now !== reading.state) showBreathState(config.breath_states[now] || config.breath_states.starting);
        reading.state = now;
      });
      socket.addEventListener("close", () => {
        if (breath === reading) showBreathState("The breathing reading stopped.");
      });
      // The camera unplugged or switched off: its picture goes black, and black frames were read as "your chest and
      // belly were not in view". No more frames are sent; what was read until then is kept with the rest.
      for (const track of video.srcObject.getVideoTracks())
        track.addEventListener("ended", () => {
          if (breath !== reading) return;
          window.clearInterval(reading.timer);
          showBreathState(config.breath_states.camera_stopped);
        });
      // In the background the browser sends a picture a second or fewer, too few to read: said when the page is back.
      const backInFront = () => {
        if (document.visibilityState === "hidden") reading.hidden = true;
        else if (reading.hidden && breath === reading) showBreathState(config.breath_states.page_hidden);
      };
      document.addEventListener("visibilitychange", backInFront);
      reading.timer = window.setInterval(sendFrame, BREATH_FRAME_MS);
    } catch (error) {
      // The same cause the position check names for the same failure (walk s53 L5), not a bare "could not be opened".
      showBreathState(`${cameraProblem(error)}. Your breathing is not being read.`);
    }
  }
  // A checkpoint carries the reading so far, asked for at the checkpoint before, so that a tab closed or a browser
  // killed mid-rest leaves the journal the breath read until then, not only the time.
  function withBreathSoFar(body) {
    if (!breath) return body;
    if (breath.socket.readyState === WebSocket.OPEN) breath.socket.send(JSON.stringify({ type: "breath_result" }));
    return breath.soFar ? { ...body, breath: withBreathBefore(breath.soFar) } : body;
  }
  // Whether the person asked for the breath when this rest began, kept in this browser by the session's uid: a rest
  // broken off before any reading was saved with it is read again when resumed all the same.
  const BREATH_CHOSEN = "crest-breath-chosen";
  function keepBreathChosen(uid) {
    try {
      localStorage.setItem(BREATH_CHOSEN, JSON.stringify({ uid }));
    } catch (_) {
      /* storage refused: a resumed rest reads the breath again only where a reading was saved with it */
    }
  }
  function breathChosen(uid) {
    try {
      const kept = JSON.parse(localStorage.getItem(BREATH_CHOSEN));
      return Boolean(kept && kept.uid === uid);
    } catch (_) {
      return false;
    }
  }
  // A rest resumed after it was broken off (a reload, a browser or crest killed) reads the breath again, as its first
  // start did: the camera opens again (or the line says why it could not), and the new reading's times go on after
  // the reading saved before the break, which every later save carries ahead of it (a gap between them, never a
  // reading made up).
  function takeUpBreath(session) {
    if (!session.breath && !breathChosen(config.resume.uid)) return;
    state.breathBefore = session.breath;
    const before = session.breath || { windows: [], movements: [] };
    const savedUntil = Math.max(
      ...before.windows.map((window) => window.end_s),
      ...before.movements.map((movement) => movement.at_s),
      state.elapsedBefore / config.speed,
    );
    state.restBeganAt = performance.now() - savedUntil * 1000; // the breath's time line: seconds since the rest began
    startBreath();
  }
  // The reading saved before the break followed by `reading` (what was read since), with the median rate of both as
  // the journal checks it; either alone where there is no other.
  function withBreathBefore(reading) {
    const before = state.breathBefore;
    if (!before || !reading) return reading || before;
    const windows = [...before.windows, ...reading.windows];
    const rates = windows.map((window) => window.rate_bpm).filter((rate) => rate !== null);
    rates.sort((a, b) => a - b);
    const half = Math.floor(rates.length / 2);
    const median = rates.length % 2 ? rates[half] : (rates[half - 1] + rates[half]) / 2;
    return {
      rate_bpm: rates.length ? Math.round(median * 10) / 10 : null,
      windows,
      movements: [...before.movements, ...reading.movements],
    };
  }
  // The reading so far (the `breath` object), asked for once the rest is over; null when there is none.
  function finishBreath() {
    const reading = breath;
    breath = null;
    showBreathState("");
    if (!reading) return Promise.resolve(null);
    window.clearInterval(reading.timer);
    return new Promise((resolve) => {
      let settled = false;
      const settle = (result) => {
        if (settled) return;
        settled = true;
        reading.socket.close();
        reading.video.srcObject = null;
        closeCameraStream();
        resolve(result);
      };
      if (reading.socket.readyState !== WebSocket.OPEN) {
        settle(null);
        return;
      }
      reading.socket.addEventListener("message", (event) => {
        const message = JSON.parse(event.data);
        if (message.type === "breath_result") settle(message.breath);
      });
      reading.socket.addEventListener("close", () => settle(null));
      reading.socket.send(JSON.stringify({ type: "breath_result" }));
    });
  }
  // After the session: the saved reading, as the server draws it (its own page fragment, escaped by its templates).
  async function showBreathResult(sessionId) {
    try {
      const response = await fetch(`${config.breath_url}?session_id=${sessionId}`);
      if (!response.ok) return;
      $("breath-body").innerHTML = await response.text();
      $("breath-result").hidden = false;
    } catch (_) {
      /* the rest of the page stands without it */
    }
  }

  function speak(text) {
    if (!state.voice || !("speechSynthesis" in window)) return;
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.rate = 0.85;
    window.speechSynthesis.speak(utterance);
  }
  // The screen kept on while the rest runs; where the browser cannot or will not (no Wake Lock, refused, or the system
  // taking it back: a battery saver), the person is told once, and hears it with the voice on: a locked phone holds
  // back the chime and the steps for coming up. A lock let go as the page is hidden (the phone locked by hand) is
  // taken again when it shows.
  function sayScreenNotKeptOn() {
    if ($("screen-status").textContent) return;
    $("screen-status").textContent = config.screen_not_kept_on;
    speak(config.screen_not_kept_on);
  }
  async function keepScreenOn() {
    if (!("wakeLock" in navigator)) {
      sayScreenNotKeptOn();
      return;
    }
    try {
      const lock = await navigator.wakeLock.request("screen");
      if (!state.running) {
        lock.release(); // paused or ended while the browser answered: the screen may sleep
        return;
      }
      state.wakeLock = lock;
      $("screen-status").textContent = "";
      lock.addEventListener("release", () => {
        if (state.wakeLock !== lock || document.visibilityState !== "visible") return; // let go by crest, or hidden
        state.wakeLock = null;
        if (state.running) sayScreenNotKeptOn();
      });
    } catch (_) {
      sayScreenNotKeptOn();
    }
  }
  function releaseScreen() {
    if (state.wakeLock) {
      state.wakeLock.release().catch(() => {});
      state.wakeLock = null;
    }
  }

  // The session's uid once this page has it (it may not yet on leaving): its saves are named by it.
  const sessionUid = () => state.sessionUid || (config.resume && config.resume.uid);
  // Where a save of the session goes, named by its uid too when there is one.
  function savingUrl(sessionId, path) {
    const uid = sessionUid();
    return `${config.sessions_url}/${sessionId}/${path}${uid ? `?uid=${encodeURIComponent(uid)}` : ""}`;
  }
  async function save(path, body) {
    state.lastSavedAt = performance.now();
    try {
      // the server checks the time rested against its own clock, run as fast as this page's
      const saved = await window.crest.api("POST", savingUrl(state.sessionId, path), {
        ...body,
        clock_speed: config.speed,
      });
      $("save-status").textContent = "";
      return saved;
    } catch (error) {
      if (path === "checkpoint" && (error.status === 409 || error.status === 404)) {
        // The server stopped the rest (a warning sign came in from elsewhere) or it was ended, or deleted, in another
        // tab or window. A checkpoint that arrives after this page's own end is refused too, and means nothing more.
        stoppedElsewhere(error);
        return null;
      }
      $("save-status").textContent = `Not saved yet: ${error.message}`;
      state.saveRefusal = error;
      return null;
    }
  }
  // The end of the rest the server could not write (its database stopped, its disk full): said where the page now
  // is, and sent again while it stays open, or the journal would keep the rest only as far as its last checkpoint.
  // What the server refused as such (ended or deleted elsewhere: 404, 409) is not sent again.
  function saveTheEndAgain(ending) {
    const refusal = state.saveRefusal;
    if (refusal && refusal.status && refusal.status < 500) return;
    $("done-save-status").hidden = false;
    $("done-save-status").textContent =
      `Not saved yet (${refusal ? refusal.message.replace(/\.$/, "") : "no answer"}). Leave this page open: it tries again every few seconds.`;
    window.setTimeout(async () => {
      const saved = await save("finish", ending);
      if (!saved) {
        saveTheEndAgain(ending);
        return;
      }
      $("done-save-status").textContent = "Saved.";
      if (tabs) tabs.postMessage({ ended: saved.id });
    }, SAVE_AGAIN_AFTER_MS);
  }

  // Assigning the same words again still replaces the element's text node: a change for every observer of the page (a
  // screen reader's view of it included) and work for a slow phone, five times a second. The clock and the phase line
  // are written only when what they show changes.
  function showText(id, text) {
    const element = $(id);
    if (element.textContent !== text) element.textContent = text;
  }

  function tick() {
    const now = elapsed();
    const left = timeline.total_s - now;
    showText("time-left", format(left));
    $("ring-progress").style.strokeDashoffset = String(ringLength * (1 - now / timeline.total_s));
    const phase =
      timeline.phases.find((p) => now >= p.start_s && now < p.end_s) || timeline.phases[timeline.phases.length - 1];
    showText("phase", state.running ? (phase ? phase.label : "") : "paused");
    // Told before a cue that comes with the minute, as the terminal does; only the newest of several passed at once
    // (a fast demo clock, a phone unlocked after a while, a rest resumed).
    const marks = timeline.minutes_left;
    let minuteLeft = null;
    while (state.nextMinuteLeft < marks.length && marks[state.nextMinuteLeft].at_s <= now) {
      minuteLeft = marks[state.nextMinuteLeft].text;
      state.nextMinuteLeft += 1;
    }
    if (minuteLeft) $("minutes-left").textContent = minuteLeft;
    while (state.nextCue < timeline.cues.length && timeline.cues[state.nextCue].at_s <= now) {
      const cue = timeline.cues[state.nextCue];
      $("cue").textContent = cue.text;
      showWhy($("cue-why"), cue.help);
      if (cue.spoken) speak(cue.text); // not spoken: the cue before it, shown without words that no longer hold
      state.nextCue += 1;
    }
    if (left <= 0) {
      // 00:00 under "About a minute left" would contradict the clock while the session is being saved
      $("cue").textContent = config.time_up;
      showWhy($("cue-why"), null);
    }
    // Session time is saved as it passes; wall time keeps the server hearing from the page, paused or not, so that
    // it can tell a closed tab (silence) from a quiet one.
    const beatDue = performance.now() - state.lastSavedAt >= config.heartbeat_every_s * 1000;
    // The first checkpoint comes a few seconds in, as in the terminal: a tab killed then keeps its first seconds.
    const firstDue = state.lastCheckpoint < config.first_checkpoint_s && now >= config.first_checkpoint_s;
    if (state.running && (firstDue || now - state.lastCheckpoint >= config.checkpoint_every_s)) {
      state.lastCheckpoint = now;
      save("checkpoint", withBreathSoFar({ elapsed_s: round(now) }));
    } else if (state.sessionId && beatDue) {
      save("checkpoint", { elapsed_s: round(now) });
    }
    if (now >= timeline.total_s) finish("completed");
  }
  function runTimer() {
    state.ticker = window.setInterval(tick, 200);
    if (state.pausedBeforeStart) {
      tick(); // Pause was pressed while the session was being written: the clock starts paused, at 0:00 done
      return;
    }
    state.running = true;
    state.resumedAt = performance.now();
    keepScreenOn();
    tick();
    // The cue just shown above the controls pushes them down: the clock and Pause in sight again.
    if (document.activeElement === $("pause")) showClockAndPause();
  }
  // The timer takes the place of a taller step (Ready with its hints, scrolled down to Start) and the page keeps its
  // scroll: the clock comes into sight first, then Pause (the focus) as near under it as it fits, so that at 200%
  // zoom both show. Each moves the page only as far as it must.
  function showTimer() {
    show("stage-timer");
    $("pause").focus({ preventScroll: true });
    showClockAndPause();
  }
  function showClockAndPause() {
    $("clock").scrollIntoView({ block: "nearest" });
    $("pause").scrollIntoView({ block: "nearest" });
  }
  async function startRest() {
    const readBreath = Boolean($("breath-option") && $("breath-option").checked);
    stopCamera(readBreath);
    state.restBeganAt = performance.now();
    state.restStarted = true;
    if (readBreath) startBreath();
    showTimer();
    try {
      // The check-in made just before lying down is linked to this session on the server, as it is created.
      const created = await window.crest.api("POST", config.sessions_url, {
        planned_minutes: config.minutes,
        variant: config.variant,
        position_check_summary: state.positionSummary,
        before_checkin_id: config.before_checkin_id,
        before_checkin_uid: config.before_checkin_uid,
        clock_speed: config.speed, // a sped-up rest is a demo from its start, never counted as practice
      });
      state.sessionId = created.id;
      state.sessionUid = created.uid;
      state.startedAt = created.started_at;
      keepDemoSpeed(created.id);
      if (readBreath) keepBreathChosen(created.uid);
      state.lastSavedAt = performance.now();
      if (state.finished) {
        // Ended (End now) while it was being written: the server ends it too, or it would stay open to resume.
        await save("finish", { elapsed_s: 0, status: "ended_early" });
        linkCheckIn();
        return;
      }
    } catch (error) {
      if (error.status === 409) {
        // Refused, not lost: a warning sign answered elsewhere since this page opened, or a rest running
        // elsewhere. No rest is coached against that: the person, in position by now, hears the advice and how to
        // come up, as when a sign stops a rest; for a rest elsewhere the session page says where.
        refusedAtStart(error);
        return;
      }
      $("save-status").textContent = `This session is not being saved: ${error.message}`;
    }
    runTimer();
  }
  $("rest-start").addEventListener("click", startRest);

  // ---- a session still open on the server (the page was reloaded or left): resume it where it stopped, or end it ----
  // This browser's last save on leaving a timer (a reload, a tab closed), kept for the page that comes next: in
  // localStorage, which a closed tab's successor shares. Named by the session's uid, never taken for a newer session
  // given its id.
  const LEFT_SAVE = "crest-left-save";
  function leftSave(sessionId) {
    try {
      const left = JSON.parse(localStorage.getItem(LEFT_SAVE));
      return left && left.session_id === sessionId && left.uid === config.resume.uid ? left.body : null;
    } catch (_) {
      return null; // storage refused, or nothing readable in it: the server's time stands
    }
  }
  // Whether a tab of this browser times the session now: a live one answers over the channel at once (a tab in the
  // background too); a closed one cannot. A page in another browser is not asked: the server's words stand for it.
  const TAB_ANSWER_MS = 500;
  function heldInAnotherTab(sessionId) {
    if (!tabs) return Promise.resolve(false);
    return new Promise((resolve) => {
      const answered = (event) => {
        if (event.data.holding === sessionId) settle(true);
      };
      const timer = window.setTimeout(() => settle(false), TAB_ANSWER_MS);
      function settle(held) {
        window.clearTimeout(timer);
        tabs.removeEventListener("message", answered);
        resolve(held);
      }
      tabs.addEventListener("message", answered);
      tabs.postMessage({ asking: sessionId });
    });
  }
  async function openSession() {
    const session = await window.crest.api("GET", `${config.sessions_url}/${config.resume.session_id}`);
    // A session the server marked interrupted a moment ago comes back to life with the next checkpoint.
    if (session.status !== "running" && session.status !== "interrupted") return null;
    state.sessionId = session.id;
    state.sessionUid = config.resume.uid; // as the page was given it: the session it offers, not one given its id since
    state.startedAt = session.started_at;
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
      const url = `${config.sessions_url}/${config.resume.session_id}`;
      const held = heldInAnotherTab(config.resume.session_id);
      let session = await window.crest.api("GET", url);
      // The save on leaving (a reload, a tab closed) may land after this page read the session: the time would be
      // that of the last checkpoint. The page sends that save again itself (the same time) and shows what it answers.
      const left = leftSave(session.id);
      // Saved last by a tab of this browser as it left, the server's "saved just now" is that leaving: no page counts
      // the rest, unless a tab of this browser answers that it took it up since.
      const leftHere = left !== null && left.elapsed_s >= session.actual_seconds;
      if (left && left.elapsed_s > session.actual_seconds)
        session = await window.crest.api("POST", savingUrl(session.id, "checkpoint"), left).catch(() => session);
      const elsewhere = config.resume.elsewhere && ((await held) || !leftHere);
      const where = elsewhere ? config.resume.elsewhere : config.resume.waits;
      $("resume-summary").textContent =
        `You started it ${config.resume.started}; ${session.rested} of ${config.minutes} min done. ${where}`;
    } catch (_) {
      /* the words rendered with the page stay */
    }
    $("resume-heading").focus();
  }
  async function resumeOrEnd(resume) {
    let session = null;
    try {
      session = await openSession();
      if (!session) {
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
    showTimer();
    save("checkpoint", { elapsed_s: round(state.elapsedBefore) });
    runTimer();
    takeUpBreath(session);
    if (tabs) tabs.postMessage({ resumed: state.sessionId });
  }
  // This tab is done with the rest: no checkpoint, no beacon, no question on leaving. False when it was already.
  function stopHere() {
    if (state.finished) return false;
    state.finished = true;
    state.running = false;
    window.clearInterval(state.ticker);
    releaseScreen();
    finishBreath(); // a reading can no longer be saved with a rest that ended elsewhere
    return true;
  }
  // Stopped by the server or by another tab: ended there, the person lying here is told so and how to come up, as
  // if it had ended here. Stopped for a warning sign (the server refused a checkpoint: `refusal`), they hear the
  // advice first, then how to come up. Anything else: the session page says why.
  async function stoppedElsewhere(refusal = null) {
    if (!stopHere()) return;
    try {
      const advice = await warningAdvice(refusal);
      const session = await window.crest
        .api("GET", `${config.sessions_url}/${state.sessionId}`)
        .catch((error) => (error.status === 404 ? null : Promise.reject(error)));
      const deleted = !session || session.started_at !== state.startedAt;
      const shown = deleted ? null : session;
      if (advice) {
        showDone(shown, "ended_early", advice.side ? config.done.side_heading : config.done.warning_heading, advice);
        return;
      }
      if (deleted || (session.status !== "running" && session.status !== "interrupted")) {
        showDone(shown, deleted ? "ended_early" : session.status, config.done.elsewhere_heading);
        return;
      }
    } catch (_) {
      /* the session page says what it can */
    }
    window.location.assign(config.page_url);
  }
  // The advice ({text, spoken, urgent, side}) while a warning sign stops sessions, or while the answers advise resting
  // on the side and this rest is on the back, else null: the server's own words for the refusal (`refusal`), which
  // the terminal says too, when they carry the advice, else the advice alone. Spoken, the server's words for the
  // voice: the same without the sources in brackets, which the screen shows.
  async function warningAdvice(refusal) {
    const safety = await window.crest.api("GET", config.safety_url);
    if (safety.may_practise && safety.variants.includes(config.variant)) return null;
    const told = refusal && refusal.status === 409 && refusal.message.includes(safety.advice);
    return {
      text: told ? refusal.message : safety.advice,
      spoken: (told && refusal.spoken) || safety.advice,
      urgent: safety.advice_level === "urgent",
      side: safety.advice_level === "side_lying", // pregnancy: not a warning sign, but no rest on the back
    };
  }
  async function refusedAtStart(refusal) {
    stopHere();
    const advice = await warningAdvice(refusal).catch(() => null);
    if (!advice) {
      window.location.assign(config.page_url);
      return;
    }
    const heading = advice.side ? config.done.side_heading : config.done.warning_before_heading;
    showDone({ actual_seconds: 0 }, "ended_early", heading, advice);
    $("done-summary").textContent = ""; // the advice says that no session was started: there is no time to tell
  }
  // One tab runs a rest: when another tab of this browser resumes it, this one stops for good and saves nothing
  // more, so that two timers never write one session's time; when another tab ends it, this one says so at once.
  const tabs = "BroadcastChannel" in window ? new BroadcastChannel("crest-rest") : null;
  if (tabs)
    tabs.addEventListener("message", (event) => {
      if (event.data.asking === state.sessionId && !state.finished) tabs.postMessage({ holding: state.sessionId });
      else if (event.data.ended === state.sessionId) stoppedElsewhere();
      else if (event.data.resumed === state.sessionId && stopHere()) {
        show("stage-elsewhere");
        $("elsewhere-heading").focus();
      }
    });
  $("elsewhere-here").addEventListener("click", () => window.location.reload()); // the page offers to resume it
  if (config.resume) {
    $("resume").addEventListener("click", () => resumeOrEnd(true));
    $("resume-end").addEventListener("click", () => resumeOrEnd(false));
    offerOpenSession();
  }

  // "4 min 12 s", "5 min", "9 s": the time as the journal and the terminal write it, whole seconds as the clock shows.
  function inWords(seconds) {
    const whole = Math.max(0, Math.ceil(seconds));
    const [minutes, rest] = [Math.floor(whole / 60), whole % 60];
    if (minutes && rest) return `${minutes} min ${rest} s`;
    return minutes ? `${minutes} min` : `${rest} s`;
  }
  // The label alone says the state ("Resume, pressed" would contradict itself); the change is said too, since a
  // Space on the page itself, or a label changed under the focus, is not announced; paused, with the time left, as
  // the terminal says it (someone with eyes closed hears where the rest stopped).
  function showPaused(paused) {
    $("pause").textContent = paused ? "Resume" : "Pause";
    $("pause-status").textContent = paused ? `Paused, ${inWords(timeline.total_s - elapsed())} left.` : "Resumed.";
  }
  function pauseOrResume() {
    if (state.finished) return;
    if (!state.ticker) {
      // The session is still being written: the clock starts when the server has its start time (its own clock
      // checks the time rested against it), so a press now only says whether it starts running or paused.
      state.pausedBeforeStart = !state.pausedBeforeStart;
      showPaused(state.pausedBeforeStart);
      return;
    }
    if (state.running) {
      state.elapsedBefore = elapsed();
      state.running = false;
      showPaused(true);
      tick();
      if (state.sessionId) save("checkpoint", { elapsed_s: round(state.elapsedBefore) });
      releaseScreen();
    } else {
      state.running = true;
      state.resumedAt = performance.now();
      showPaused(false);
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

  function linkCheckIn() {
    if (state.sessionId) $("checkin-link").href = `${config.checkin_url}?session_id=${state.sessionId}`;
  }
  async function finish(status) {
    if (state.finished) return;
    const done = elapsed();
    state.finished = true;
    state.running = false;
    window.clearInterval(state.ticker);
    releaseScreen();
    if (state.chime && status === "completed") {
      const chime = $("chime");
      chime.volume = config.chime_volume; // the file is the loudest chime: Settings' volume turns it down
      chime.play().catch(() => {});
    }
    const reading = withBreathBefore(await finishBreath());
    const ending = { elapsed_s: round(done), status };
    let saved = state.sessionId ? await save("finish", reading ? { ...ending, breath: reading } : ending) : null;
    if (!saved && reading && state.sessionId) saved = await save("finish", ending); // the rest counts, reading or not
    if (saved && tabs) tabs.postMessage({ ended: saved.id }); // a tab still timing it says so to the person lying there
    showDone(saved || { actual_seconds: done }, status, null);
    if (saved && saved.breath) showBreathResult(saved.id);
    if (!saved && state.sessionId) saveTheEndAgain(ending);
  }
  // How to come up and the time rested as the server writes it everywhere ("14 min 30 s"), from the saved record
  // (`session`; without one, its `actual_seconds` alone; null: deleted elsewhere); a rest ended here within its first
  // minute gets plain words, not praise. `heading`: a rest ended elsewhere, said first and spoken with the steps to
  // someone lying with eyes closed; `advice` ({text, spoken, urgent}): a warning sign's, said between the two.
  function showDone(session, status, heading, advice = null) {
    const list = $("ending-steps");
    list.replaceChildren(
      ...config.ending.map((text) => Object.assign(document.createElement("li"), { textContent: text })),
    );
    if (heading) speak(`${heading}. ${advice ? `${advice.spoken} ` : ""}${config.ending.join(" ")}`);
    else if (status === "completed") speak(config.ending.join(" "));
    const short = !heading && session.actual_seconds < config.short_rest_s;
    $("done-heading").textContent = heading || (short ? config.done.short_heading : config.done.heading);
    if (!session) $("done-summary").textContent = config.done.deleted;
    else if (short) $("done-summary").textContent = config.done.short;
    else if (session.rested)
      $("done-summary").textContent = config.done[status === "completed" ? "completed" : "ended"].replace(
        "{rested}",
        session.rested,
      );
    if (config.speed > 1 && session)
      $("done-summary").textContent += ` ${config.done.demo.replace("{speed}", config.speed)}`;
    if (session) linkCheckIn(); // a deleted one's id may name a newer rest: the check-in stands on its own
    show("stage-done");
    $("done-heading").focus();
    if (advice) sayAdvice(advice);
  }
  // Filled after the focus has moved, which would cut it short: a screen reader says the heading, then the advice.
  // Drawn as the safety notice that stops sessions is, and brought into sight: on a short screen (200% zoom) the
  // heading's focus leaves it above the fold.
  function sayAdvice(advice) {
    const region = $(advice.urgent ? "stopped-urgent" : "stopped-advice");
    window.setTimeout(() => {
      region.className = "notice danger";
      region.textContent = advice.text;
      region.scrollIntoView({ block: "start" });
    }, 100);
  }

  // Leaving a running timer asks first; the session stays open on the server, with the time done so far, so that
  // the session page can resume it. A tab closed for good goes silent, and the server marks it interrupted.
  // Open from the moment the rest starts, before the server has answered (or if it never does): the timer runs.
  const sessionOpen = () => (state.sessionId !== null || state.restStarted) && !state.finished;
  const askBeforeLeaving = (event) => {
    if (window.confirm("Leave the timer? Your session stays open: come back to Session to resume it.")) {
      state.leaving = true;
    } else {
      event.preventDefault();
    }
  };
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[href]");
    // a link to a new tab (the "why?" of a cue) leaves the timer running here
    if (!link || !sessionOpen() || link.getAttribute("href").startsWith("#") || link.target === "_blank") return;
    askBeforeLeaving(event);
  });
  // A form that loads another page (Sign out in a practice's navigation) is asked alike, not by the browser's
  // generic "Leave site?"; one this page handles itself (preventDefault) leaves nothing. Left, the time rested so far
  // is saved before the form goes: the save on leaving the page would come after a sign-out, and be refused.
  document.addEventListener("submit", (event) => {
    if (!sessionOpen() || event.defaultPrevented || event.target.target === "_blank") return;
    askBeforeLeaving(event);
    if (!state.leaving || state.sessionId === null) return;
    event.preventDefault();
    const form = event.target;
    save("checkpoint", { elapsed_s: round(elapsed()) }).finally(() => form.submit());
  });
  window.addEventListener("beforeunload", (event) => {
    if (sessionOpen() && !state.leaving) event.preventDefault();
  });
  window.addEventListener("pagehide", () => {
    if (!sessionOpen()) return;
    const body = {
      elapsed_s: round(elapsed()),
      clock_speed: config.speed,
      ...(breath && breath.soFar ? { breath: withBreathBefore(breath.soFar) } : {}),
    };
    try {
      localStorage.setItem(LEFT_SAVE, JSON.stringify({ session_id: state.sessionId, uid: sessionUid(), body }));
    } catch (_) {
      /* storage refused (a private window's settings): the page that comes next shows the server's words */
    }
    navigator.sendBeacon(
      savingUrl(state.sessionId, "checkpoint"),
      new Blob([JSON.stringify(body)], { type: "application/json" }),
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
