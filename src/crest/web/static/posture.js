// Shows a position-check result: one line per criterion, and the skeleton with a badge per criterion over the
// picture. Criterion, status and view labels come from the page config (config.criterion_labels,
// config.status_labels, config.view_labels, defined once in crest.posture.vocabulary); without them the
// criterion's name is shown.
"use strict";

window.crestPosture = (() => {
  const SURE = 0.75; // crest.posture.result.SURE: below it a verdict is shown as not sure
  const COLOURS = { ok: "#2ea043", adjust: "#eb8214", not_visible: "#828282" };
  // BlazePose landmarks worth joining: trunk, arms, legs and feet (both sides), and the head to the shoulders.
  const BONES = [
    ["left_shoulder", "right_shoulder"],
    ["left_hip", "right_hip"],
    ["nose", "left_shoulder"],
    ["nose", "right_shoulder"],
  ];
  for (const side of ["left", "right"]) {
    for (const [a, b] of [
      ["shoulder", "hip"],
      ["shoulder", "elbow"],
      ["elbow", "wrist"],
      ["hip", "knee"],
      ["knee", "ankle"],
      ["ankle", "heel"],
      ["heel", "foot_index"],
      ["ankle", "foot_index"],
    ]) {
      BONES.push([`${side}_${a}`, `${side}_${b}`]);
    }
  }
  const visible = (p) => p && (p.visibility == null || p.visibility > 0.3);
  // Where each criterion's badge sits on the body (the better-seen side is chosen when drawing).
  const ANCHORS = {
    lying_on_back: "shoulder",
    knees_bent: "knee",
    feet_flat: "foot_index",
    hips_down: "hip",
    heel_distance: "heel",
    knee_width: "knee",
    arms_below_shoulders: "elbow",
    head_resting: "ear",
    head_level: "ear",
  };
  let labels = { criterion_labels: {}, status_labels: {}, view_labels: {} };

  function setLabels(config) {
    labels = {
      criterion_labels: (config && config.criterion_labels) || {},
      status_labels: (config && config.status_labels) || {},
      view_labels: (config && config.view_labels) || {},
    };
  }

  function criterionLabel(name) {
    return labels.criterion_labels[name] || name.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
  }

  function statusLabel(criterion) {
    const word = labels.status_labels[criterion.status] || criterion.status.replace(/_/g, " ");
    const unsure = criterion.status !== "not_visible" && criterion.confidence != null && criterion.confidence < SURE;
    return unsure ? `${word} (not sure)` : word;
  }

  function viewLabel(view) {
    return labels.view_labels[view] || view.replace(/_/g, " ");
  }

  function renderCriteria(list, result) {
    list.replaceChildren();
    for (const criterion of result.criteria || []) {
      const item = document.createElement("li");
      item.dataset.criterion = criterion.name;
      item.dataset.status = criterion.status;
      const badge = document.createElement("span");
      badge.className = `badge ${criterion.status}`;
      badge.textContent = statusLabel(criterion);
      const text = document.createElement("div");
      const name = document.createElement("strong");
      name.textContent = criterionLabel(criterion.name);
      text.append(name);
      const advice = criterion.advice_line
        ? criterion.advice_line[0].toUpperCase() + criterion.advice_line.slice(1)
        : "";
      // What the summary already says (a body cut off: "move the camera back") is said once, as the terminal does.
      const saidAbove =
        advice !== "" && advice.toLowerCase() === (result.summary || "").replace(/\.$/, "").toLowerCase();
      // A criterion that can't tell though it measured something says its measure is too near the limit.
      const measured =
        criterion.status === "not_visible"
          ? criterion.measured_line
          : criterion.measured != null
            ? `measured ${criterion.measured}${criterion.target != null ? `, target ${criterion.target}` : ""}`
            : null;
      for (const line of [saidAbove ? "As above" : advice, measured].filter(Boolean)) {
        const p = document.createElement("div");
        p.textContent = line;
        text.append(p);
      }
      item.append(badge, text);
      list.append(item);
    }
  }

  // Landmarks are a list of {name, x, y, visibility} in pixels of the checked picture (checkedWidth wide).
  // With options.badges, each criterion gets a small coloured badge by its body point, placed so that no two
  // badges overlap.
  function drawSkeleton(canvas, result, width, height, checkedWidth, checkedHeight, options = {}) {
    // Drawn at the screen's own pixel density (a phone has 2-3 device pixels to a CSS pixel), so lines and
    // badges are sharp; the drawing itself is in CSS pixels.
    const density = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * density);
    canvas.height = Math.round(height * density);
    canvas.dataset.badges = "0";
    canvas.dataset.badgesOnBody = "0";
    const context = canvas.getContext("2d");
    context.setTransform(density, 0, 0, density, 0, 0);
    context.clearRect(0, 0, width, height);
    const list = result.landmarks || [];
    if (!list.length) return;
    const landmarks = Object.fromEntries(list.map((p) => [p.name, p]));
    const sx = width / checkedWidth;
    const sy = height / checkedHeight;
    const at = (p) => [p.x * sx, p.y * sy];
    context.lineWidth = Math.max(2, width / 200);
    context.strokeStyle = result.pose_recognized ? "#3fbf7f" : "#f2a93b";
    for (const [a, b] of BONES) {
      if (!visible(landmarks[a]) || !visible(landmarks[b])) continue;
      context.beginPath();
      context.moveTo(...at(landmarks[a]));
      context.lineTo(...at(landmarks[b]));
      context.stroke();
    }
    context.fillStyle = "#ffffff";
    for (const p of list) {
      if (!visible(p)) continue;
      const [x, y] = at(p);
      context.beginPath();
      context.arc(x, y, context.lineWidth * 1.3, 0, 2 * Math.PI);
      context.fill();
    }
    if (options.badges) {
      const drawn = drawBadges(context, result, landmarks, at, width, height);
      canvas.dataset.badges = String(drawn.length);
      canvas.dataset.badgesOnBody = String(drawn.filter((badge) => badge.onBody).length);
    }
  }

  // Points along every bone drawn, a few pixels apart: what a badge should not cover.
  function bodyPoints(landmarks, at) {
    const points = [];
    for (const [a, b] of BONES) {
      if (!visible(landmarks[a]) || !visible(landmarks[b])) continue;
      const [x1, y1] = at(landmarks[a]);
      const [x2, y2] = at(landmarks[b]);
      const steps = Math.max(1, Math.ceil(Math.hypot(x2 - x1, y2 - y1) / 6));
      for (let i = 0; i <= steps; i++) points.push([x1 + ((x2 - x1) * i) / steps, y1 + ((y2 - y1) * i) / steps]);
    }
    return points;
  }

  // Each badge sits by its body point but off the body: badges laid over the head and the trunk hid the very
  // parts they judged. Places at growing distances around the point are tried, first for one that covers neither
  // another badge nor the skeleton, then for one that covers no badge; a badge set apart from its point gets a
  // thin line to it.
  function drawBadges(context, result, landmarks, at, width, height) {
    const fontPx = Math.max(11, Math.round(width / 55));
    context.font = `bold ${fontPx}px system-ui, sans-serif`;
    context.textBaseline = "middle";
    const placed = [];
    const free = (box) =>
      placed.every((o) => box.x + box.w < o.x || o.x + o.w < box.x || box.y + box.h < o.y || o.y + o.h < box.y);
    const body = bodyPoints(landmarks, at);
    const offBody = (box) =>
      body.every(([x, y]) => x < box.x - 3 || x > box.x + box.w + 3 || y < box.y - 3 || y > box.y + box.h + 3);
    let corner = 4;
    for (const criterion of result.criteria || []) {
      const part = ANCHORS[criterion.name];
      const candidates = part ? [`left_${part}`, `right_${part}`].map((n) => landmarks[n]).filter((p) => p) : [];
      const anchor = candidates.sort((a, b) => (b.visibility || 0) - (a.visibility || 0))[0];
      const text = `${criterionLabel(criterion.name)}: ${statusLabel(criterion)}`;
      const w = context.measureText(text).width + 10;
      const h = fontPx + 6;
      let box = null;
      let point = null;
      if (visible(anchor)) {
        point = at(anchor);
        const [x, y] = point;
        const places = [];
        for (let ring = 0; ring < 6; ring++) {
          const gap = 4 + ring * (h + 4);
          for (const [dx, dy] of [
            [8, -h - gap],
            [8, gap],
            [-w - 8, -h - gap],
            [-w - 8, gap],
            [gap + 8, -h / 2],
            [-w - gap - 8, -h / 2],
          ]) {
            places.push({
              x: Math.min(Math.max(2, x + dx), width - w - 2),
              y: Math.min(Math.max(2, y + dy), height - h - 2),
              w,
              h,
            });
          }
        }
        box = places.find((place) => free(place) && offBody(place)) || places.find(free) || null;
      }
      if (!box) {
        // no body point, or no free place by it: stack in the top-left corner
        box = { x: 4, y: corner, w, h };
        while (!free(box) && box.y < height) box.y += h + 3;
        corner = box.y + h + 3;
        point = null;
      }
      placed.push({ ...box, onBody: !offBody(box) });
      const colour = COLOURS[criterion.status] || "#ffffff";
      if (point) {
        const nearX = Math.min(Math.max(point[0], box.x), box.x + box.w);
        const nearY = Math.min(Math.max(point[1], box.y), box.y + box.h);
        if (Math.hypot(nearX - point[0], nearY - point[1]) > h) {
          context.strokeStyle = colour;
          context.lineWidth = 1.5;
          context.beginPath();
          context.moveTo(point[0], point[1]);
          context.lineTo(nearX, nearY);
          context.stroke();
        }
      }
      context.fillStyle = "rgba(20, 20, 20, 0.75)";
      context.fillRect(box.x, box.y, box.w, box.h);
      context.fillStyle = colour;
      context.fillRect(box.x, box.y, 4, box.h);
      context.fillStyle = "#ffffff";
      context.fillText(text, box.x + 7, box.y + box.h / 2);
    }
    return placed;
  }

  return { setLabels, criterionLabel, statusLabel, viewLabel, renderCriteria, drawSkeleton };
})();
