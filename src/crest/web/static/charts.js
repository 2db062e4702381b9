// Progress's charts by keyboard. The server draws every mark as a tab stop named by its title (its value and day, as
// the table under the chart says it); with this script each chart is one stop instead, and the arrow keys move from
// mark to mark in time order (Home and End: the first and the last), so that a long chart is not dozens of Tab
// presses to get past. The focused mark's words are shown under the chart too, for eyes as well as for ears.
"use strict";

{
  // Where a mark stands along the time axis: a dot's centre, a bar's middle.
  function along(mark) {
    if (mark.hasAttribute("cx")) return Number(mark.getAttribute("cx"));
    return Number(mark.getAttribute("x")) + Number(mark.getAttribute("width")) / 2;
  }

  const MOVES = {
    ArrowRight: (index) => index + 1,
    ArrowDown: (index) => index + 1,
    ArrowLeft: (index) => index - 1,
    ArrowUp: (index) => index - 1,
    Home: () => 0,
    End: (index, count) => count - 1,
  };

  for (const chart of document.querySelectorAll("section.chart")) {
    const readout = chart.querySelector(".chart-readout");
    for (const svg of chart.querySelectorAll("svg")) {
      // in time order; marks at the same moment keep the order they are drawn in (the sort is stable)
      const marks = [...svg.querySelectorAll('[tabindex="0"]')].sort((one, other) => along(one) - along(other));
      marks.forEach((mark, index) => mark.setAttribute("tabindex", index === 0 ? "0" : "-1"));
      svg.addEventListener("keydown", (event) => {
        const current = marks.indexOf(event.target);
        const move = MOVES[event.key];
        if (current < 0 || !move) return;
        event.preventDefault();
        const next = marks[Math.min(Math.max(move(current, marks.length), 0), marks.length - 1)];
        event.target.setAttribute("tabindex", "-1");
        next.setAttribute("tabindex", "0");
        next.focus();
      });
      svg.addEventListener("focusin", (event) => {
        const title = event.target.querySelector("title");
        if (!readout || !title) return;
        readout.textContent = title.textContent;
        readout.hidden = false;
      });
      svg.addEventListener("focusout", () => {
        if (readout) readout.hidden = true;
      });
    }
  }
}
