// Shows a position-check result: one line per criterion and the skeleton over the picture.
"use strict";

window.crestPosture = (() => {
  const STATUS_LABELS = { ok: "OK", adjust: "Adjust", not_visible: "Can't tell" };
  // BlazePose landmarks worth joining: trunk, arms, legs and feet (both sides), and the head to the shoulders.
  const BONES = [["left_shoulder", "right_shoulder"], ["left_hip", "right_hip"], ["nose", "left_shoulder"],
    ["nose", "right_shoulder"]];
  for (const side of ["left", "right"]) {
    for (const [a, b] of [["shoulder", "hip"], ["shoulder", "elbow"], ["elbow", "wrist"], ["hip", "knee"],
      ["knee", "ankle"], ["ankle", "heel"], ["heel", "foot_index"], ["ankle", "foot_index"]]) {
      BONES.push([`${side}_${a}`, `${side}_${b}`]);
    }
  }

  function criterionLabel(name) {
    return name.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
  }

  function renderCriteria(list, result) {
    list.replaceChildren();
    for (const criterion of result.criteria || []) {
      const item = document.createElement("li");
      item.dataset.criterion = criterion.name;
      item.dataset.status = criterion.status;
      const badge = document.createElement("span");
      badge.className = `badge ${criterion.status}`;
      badge.textContent = STATUS_LABELS[criterion.status] || criterion.status;
      const text = document.createElement("div");
      const name = document.createElement("strong");
      name.textContent = criterionLabel(criterion.name);
      text.append(name);
      const details = [criterion.advice, criterion.measured != null && criterion.target != null
        ? `measured ${formatValue(criterion.measured)}, target ${formatValue(criterion.target)}` : null].filter(Boolean);
      for (const line of details) {
        const p = document.createElement("div");
        p.textContent = line;
        text.append(p);
      }
      item.append(badge, text);
      list.append(item);
    }
  }

  function formatValue(value) {
    if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toFixed(1);
    if (Array.isArray(value)) return value.map(formatValue).join("-");
    if (value && typeof value === "object") return Object.entries(value).map(([k, v]) => `${k} ${formatValue(v)}`).join(", ");
    return String(value);
  }

  // Landmarks are a list of {name, x, y, visibility} in pixels of the checked picture (checkedWidth wide).
  function drawSkeleton(canvas, result, width, height, checkedWidth, checkedHeight) {
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext("2d");
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
  }

  return { renderCriteria, drawSkeleton };
})();
