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
      const measured =
        criterion.measured != null
          ? `measured ${criterion.measured}${
              criterion.target != null && criterion.status !== "not_visible" ? `, target ${criterion.target}` : ""
            }`
          : null;
      for (const line of [advice, measured].filter(Boolean)) {
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
    const context = canvas.getContext("2d");
    context.setTransform(density, 0, 0, density, 0, 0);
    context.clearRect(0, 0, width, height);
    const list = result.landmarks || [];
    if (!list.length) return;
    const landmarks = Object.fromEntries(list.map((p) => [p.name, p]));
    const sx = width / checkedWidth;
    const sy = height / checkedHeight;
    const at = (p) => [p.x * sx, p.y * sy];
    const visible = (p) => p && (p.visibility == null || p.visibility > 0.3);
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
    if (options.badges) canvas.dataset.badges = String(drawBadges(context, result, landmarks, at, width, height));
  }

  function drawBadges(context, result, landmarks, at, width, height) {
    const fontPx = Math.max(11, Math.round(width / 55));
    context.font = `bold ${fontPx}px system-ui, sans-serif`;
    context.textBaseline = "middle";
    const placed = [];
    const free = (box) =>
      placed.every((o) => box.x + box.w < o.x || o.x + o.w < box.x || box.y + box.h < o.y || o.y + o.h < box.y);
    let corner = 4;
    for (const criterion of result.criteria || []) {
      const part = ANCHORS[criterion.name];
      const candidates = part ? [`left_${part}`, `right_${part}`].map((n) => landmarks[n]).filter((p) => p) : [];
      const anchor = candidates.sort((a, b) => (b.visibility || 0) - (a.visibility || 0))[0];
      const text = `${criterionLabel(criterion.name)}: ${statusLabel(criterion)}`;
      const w = context.measureText(text).width + 10;
      const h = fontPx + 6;
      let box = null;
      if (anchor && (anchor.visibility == null || anchor.visibility > 0.3)) {
        const [x, y] = at(anchor);
        for (const [dx, dy] of [
          [8, -h - 4],
          [8, 4],
          [-w - 8, -h - 4],
          [-w - 8, 4],
          [8, -2 * h - 8],
          [8, h + 8],
          [-w - 8, -2 * h - 8],
          [-w - 8, h + 8],
        ]) {
          const candidate = {
            x: Math.min(Math.max(2, x + dx), width - w - 2),
            y: Math.min(Math.max(2, y + dy), height - h - 2),
            w,
            h,
          };
          if (free(candidate)) {
            box = candidate;
            break;
          }
        }
      }
      if (!box) {
        // no body point, or no free place by it: stack in the top-left corner
        box = { x: 4, y: corner, w, h };
        while (!free(box) && box.y < height) box.y += h + 3;
        corner = box.y + h + 3;
      }
      placed.push(box);
      context.fillStyle = "rgba(20, 20, 20, 0.75)";
      context.fillRect(box.x, box.y, box.w, box.h);
      context.fillStyle = COLOURS[criterion.status] || "#ffffff";
      context.fillRect(box.x, box.y, 4, box.h);
      context.fillStyle = "#ffffff";
      context.fillText(text, box.x + 7, box.y + box.h / 2);
    }
    return placed.length;
  }

  return { SURE, setLabels, criterionLabel, statusLabel, viewLabel, renderCriteria, drawSkeleton };
})();
