// Help: answers as you type, from /api/help, in the same markup the server renders for the plain form.
"use strict";

(() => {
  const config = JSON.parse(document.getElementById("help-config").textContent);
  const labels = config.labels;
  const form = document.getElementById("help-form");
  const input = document.getElementById("help-q");
  const status = document.getElementById("help-status");
  const results = document.getElementById("help-results");
  const topics = document.getElementById("help-topics");
  let timer = null;
  let pending = null;

  function element(tag, className, text) {
    const made = document.createElement(tag);
    if (className) made.className = className;
    if (text !== undefined) made.textContent = text;
    return made;
  }
  function entryLink(link) {
    const anchor = element("a", "", link.title);
    anchor.href = `${config.page_url}/${encodeURIComponent(link.id)}`;
    return anchor;
  }
  function sources(answer) {
    return element("p", "source", `${labels.sources}: ${answer.sources.join("; ")}`);
  }

  function urgentBlock(answer) {
    const block = element("section", `notice ${answer.level === "urgent_care" ? "danger" : "warn"} help-urgent`);
    block.dataset.level = answer.level;
    const title = element("h2", "help-title");
    title.append(entryLink(answer));
    block.append(element("p", "help-level", labels[answer.level]), title, element("p", "", answer.text));
    block.append(sources(answer));
    return block;
  }

  function answerCard(answer) {
    const card = element("article", "card help-answer");
    card.dataset.entry = answer.id;
    const title = element("h2", "help-title");
    title.append(entryLink(answer));
    card.append(title, element("p", "", answer.text), sources(answer));
    if (answer.related.length) {
      const related = element("p", "help-related", `${labels.see_also}: `);
      answer.related.forEach((link, index) => {
        if (index) related.append("; ");
        related.append(entryLink(link));
      });
      card.append(related);
    }
    return card;
  }

  function statusLine(reply) {
    if (reply.topics) return "";
    const count = reply.answers.length;
    // one piece of advice: the most serious level's (warnings come most urgent first)
    const parts = reply.warnings.slice(0, 1).map((warning) => `${labels[warning.level]}.`);
    if (count) parts.push(count === 1 ? labels.one_answer : labels.answers.replace("{count}", String(count)));
    return parts.join(" ");
  }

  function show(reply) {
    const blocks = [];
    for (const warning of reply.warnings) blocks.push(urgentBlock(warning));
    if (reply.language_note) {
      const note = element("p", "notice help-language", reply.language_note);
      note.setAttribute("role", "note");
      blocks.push(note);
    }
    for (const answer of reply.answers) blocks.push(answerCard(answer));
    if (reply.message) blocks.push(element("p", "help-nothing", reply.message));
    results.replaceChildren(...blocks);
    topics.hidden = !reply.topics;
    status.textContent = statusLine(reply);
  }

  function clear() {
    results.replaceChildren();
    topics.hidden = false;
    status.textContent = "";
  }

  async function search() {
    const question = input.value.trim();
    const address = question ? `${config.page_url}?${new URLSearchParams({ q: question })}` : config.page_url;
    window.history.replaceState(null, "", address);
    if (pending) pending.abort();
    if (!question) {
      pending = null;
      clear();
      return;
    }
    const request = new AbortController();
    pending = request;
    status.textContent = labels.searching;
    try {
      const response = await fetch(`${config.api_url}?${new URLSearchParams({ q: question })}`, {
        headers: { Accept: "application/json" },
        signal: request.signal,
      });
      if (!response.ok) throw new Error(String(response.status));
      const reply = await response.json();
      if (pending === request) show(reply);
    } catch (error) {
      if (error.name !== "AbortError") status.textContent = labels.failed;
    }
  }

  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, config.typing_pause_ms);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    window.clearTimeout(timer);
    search();
  });
})();
