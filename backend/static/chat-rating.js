// The person's rating of the chat, after they sent their answers (issue #12; backend/satisfaction.py).
// Loaded after chat.js and uses what it offers as window.chatPage (the conversation id and the
// texts of the person's language). No turn of the intake and nothing through Rasa: the page asks
// the backend whether the answers were sent, and shows ten numbers and an optional comment.
//
// When: the message after sending carries the link to the person's answers (answers.pdf). Once
// that link is in the chat (also after a reload, from the saved transcript), the page asks
// GET .../rating; it shows the question when the answers were sent and no rating was given yet.
"use strict";

(function () {
  const page = window.chatPage;
  const log = document.getElementById("log");
  const composer = document.getElementById("composer");
  if (!page || !log || !composer) return;

  let shownFor = null; // the conversation the panel belongs to
  let asking = null; // the conversation whose state is being asked now
  let chosen = null;

  function ui() { return page.ui(); }
  function conversationId() { return page.state().conversationId; }
  function url() { return "/api/chat/conversations/" + encodeURIComponent(conversationId()) + "/rating"; }

  function element(tag, attributes, text) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([key, value]) => { node.setAttribute(key, value); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // -- The panel: a question with ten numbers, a comment box, a send button ------------------

  const panel = element("section", { id: "rating", class: "rating", "aria-labelledby": "rating-question", hidden: "" });
  const form = element("form", { id: "rating-form", autocomplete: "off", novalidate: "" });
  const fieldset = element("fieldset", { class: "rating-fieldset" });
  const legend = element("legend", { id: "rating-question", dir: "auto" });
  const scale = element("p", { id: "rating-scale", class: "rating-scale", dir: "auto" });
  const scores = element("div", { class: "rating-scores" });
  const buttons = [];
  for (let n = 1; n <= 10; n++) {
    const b = element("button", {
      type: "button", class: "rating-score", "data-score": String(n),
      "aria-pressed": "false", "aria-describedby": "rating-scale",
    }, String(n));
    b.addEventListener("click", () => choose(n));
    buttons.push(b);
    scores.appendChild(b);
  }
  fieldset.append(legend, scale, scores);
  const commentLabel = element("label", { for: "rating-comment", id: "rating-comment-label", dir: "auto" });
  const comment = element("textarea", { id: "rating-comment", rows: "2", maxlength: "2000", dir: "auto" });
  const error = element("p", { id: "rating-error", class: "rating-error", role: "alert", dir: "auto", hidden: "" });
  const send = element("button", { type: "submit", id: "rating-send", class: "rating-send" });
  form.append(fieldset, commentLabel, comment, error, send);
  const thanks = element("p", { id: "rating-thanks", class: "rating-thanks", role: "status", dir: "auto", hidden: "" });
  panel.append(form, thanks);
  composer.parentNode.insertBefore(panel, composer);

  function label() {
    const texts = ui();
    legend.textContent = texts.rating_question;
    scale.textContent = texts.rating_scale;
    commentLabel.textContent = texts.rating_comment;
    send.textContent = texts.rating_send;
    thanks.textContent = texts.rating_thanks;
  }

  function choose(n) {
    chosen = n;
    buttons.forEach((b, i) => b.setAttribute("aria-pressed", String(i + 1 === n)));
    error.hidden = true;
  }

  function showError(text) {
    error.textContent = text;
    error.hidden = false;
  }

  function show() {
    label();
    chosen = null;
    buttons.forEach((b) => b.setAttribute("aria-pressed", "false"));
    comment.value = "";
    error.hidden = true;
    form.hidden = false;
    thanks.hidden = true;
    panel.hidden = false;
    shownFor = conversationId();
    log.scrollTop = log.scrollHeight; // the panel took room from the chat: its last message stays in view
  }

  function hide() {
    panel.hidden = true;
    shownFor = null;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (chosen === null) { showError(ui().rating_choose); buttons[0].focus(); return; }
    send.disabled = true;
    try {
      const response = await fetch(url(), {
        method: "PUT",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ score: chosen, comment: comment.value }),
      });
      let data = null;
      try { data = await response.json(); } catch (e) { data = null; }
      if (response.ok) {
        form.hidden = true;
        thanks.hidden = false;
        thanks.focus();
        return;
      }
      const detail = data && data.detail;
      showError(typeof detail === "string" ? detail : ui().error);
    } catch (e) {
      showError(ui().offline || ui().error);
    } finally {
      send.disabled = false;
    }
  });
  thanks.tabIndex = -1; // focused after sending, so that a screen reader says it

  // -- When to ask ---------------------------------------------------------------------------

  function answersSent() {
    return log.querySelector('a[href$="/answers.pdf"]') !== null;
  }

  async function check() {
    const id = conversationId();
    if (!id || !answersSent()) {
      if (shownFor !== null && shownFor !== id) hide(); // started over: another conversation
      return;
    }
    if (shownFor === id || asking === id) return;
    asking = id;
    try {
      const response = await fetch(url());
      if (!response.ok) return;
      const state = await response.json();
      if (state.can_rate && state.score === null && conversationId() === id) show();
    } catch (e) {
      /* offline: asked again with the next change of the chat */
    } finally {
      asking = null;
    }
  }

  new MutationObserver(() => { check(); }).observe(log, { childList: true });
  check();
})();
