// Continuing the chat on another device, starting over, and a real person in the chat
// (issue #13; backend/resume.py, backend/handover.py). Loaded before chat.js, which calls the
// hooks below (window.chatResume) and offers its own functions as window.chatPage.
//
// - "Continue on another device" shows a short code and its QR code (drawn by the server). The
//   other device types the code under "I have a code", or opens the QR code's link (/?resume=…):
//   it gets the conversation so far and goes on at the same question.
// - "Start again" asks first: continue, or start over (the conversation is closed for every
//   device; the answers are deleted too if the person ticks the box).
// - While a person is in the chat, a bar says who writes; their messages arrive by polling.
"use strict";

(function () {
  const POLL_MS = 3000; // while a person is in the chat (or being waited for)
  let pollTimer = null;
  let panel = null;

  function page() { return window.chatPage; }
  function ui() { return page().ui(); }
  function state() { return page().state(); }
  function conversationUrl(path) {
    return "/api/chat/conversations/" + encodeURIComponent(state().conversationId) + path;
  }

  async function call(method, url, body) {
    const response = await fetch(url, {
      method: method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    return { status: response.status, data: data };
  }

  function element(tag, attributes, text) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([key, value]) => { node.setAttribute(key, value); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function detail(result) {
    const d = result.data && result.data.detail;
    return typeof d === "string" ? d : ui().error;
  }

  // -- The buttons under the chat ------------------------------------------------------------

  const bar = element("div", { class: "resume", id: "resume" });
  const personButton = element("button", { type: "button", id: "talk-to-person" });
  const shareButton = element("button", { type: "button", id: "resume-open" });
  const haveCodeButton = element("button", { type: "button", id: "resume-have-code" });
  bar.append(personButton, shareButton, haveCodeButton);

  const handoverBar = element("div", { class: "handover", id: "handover", role: "status", hidden: "" });
  const handoverText = element("span", { id: "handover-text", dir: "auto" });
  const handoverEnd = element("button", { type: "button", id: "handover-end" });
  handoverBar.append(handoverText, handoverEnd);

  function placeBars() {
    const composer = document.getElementById("composer");
    composer.parentNode.insertBefore(handoverBar, composer);
    const volunteer = document.querySelector(".volunteer");
    (volunteer || composer).insertAdjacentElement("afterend", bar);
  }

  function applyTexts() {
    const t = ui();
    personButton.textContent = t.talk_to_person;
    shareButton.textContent = t.resume_open;
    haveCodeButton.textContent = t.resume_have_code;
    handoverEnd.textContent = t.handover_end;
    showHandover();
  }

  function closePanel() {
    if (panel) panel.remove();
    panel = null;
    bar.hidden = false;
  }

  function openPanel(id) {
    closePanel();
    panel = element("section", { class: "resume-panel", id: id });
    bar.insertAdjacentElement("afterend", panel);
    bar.hidden = true;
    return panel;
  }

  // -- Continue on another device: the code and its QR code ----------------------------------

  async function showCode() {
    const box = openPanel("resume-share");
    const t = ui();
    box.append(element("p", { dir: "auto" }, t.resume_intro));
    const result = await call("POST", conversationUrl("/resume-code"));
    if (result.status !== 201) {
      box.append(element("p", { class: "resume-error", role: "alert", dir: "auto" }, detail(result)));
    } else {
      // Letters and digits: always left to right, in a large, spaced font.
      box.append(element("p", { class: "resume-code", id: "resume-code", dir: "ltr" }, result.data.code));
      const qr = new DOMParser().parseFromString(result.data.qr_svg, "image/svg+xml").documentElement;
      qr.setAttribute("role", "img");
      qr.setAttribute("aria-label", result.data.code);
      const figure = element("div", { class: "resume-qr" });
      figure.append(document.importNode(qr, true));
      box.append(figure, element("p", { dir: "auto" }, result.data.valid));
      const revoke = element("button", { type: "button", id: "resume-revoke" }, t.resume_revoke);
      revoke.addEventListener("click", async () => {
        await call("DELETE", conversationUrl("/resume-code"));
        closePanel();
      });
      box.append(revoke);
    }
    const close = element("button", { type: "button", id: "resume-close" }, t.close);
    close.addEventListener("click", closePanel);
    box.append(close);
  }

  // -- I have a code: this device continues a conversation -----------------------------------

  // `failed`: a code from a link that did not work (shown with it, to check or type again).
  function askForCode(failed, failure) {
    const box = openPanel("resume-enter");
    const t = ui();
    const form = element("form", { autocomplete: "off" });
    const label = element("label", { for: "resume-input" }, t.resume_enter);
    const field = element("input", {
      id: "resume-input", dir: "ltr", maxlength: "40", autocapitalize: "characters", spellcheck: "false", required: "",
    });
    const error = element("p", { class: "resume-error", role: "alert", hidden: "", dir: "auto" });
    const go = element("button", { type: "submit", id: "resume-go" }, t.resume_go);
    const cancel = element("button", { type: "button" }, t.cancel);
    cancel.addEventListener("click", closePanel);
    form.append(label, field, error, go, cancel);
    if (failure) { field.value = failed; error.textContent = failure; error.hidden = false; }
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      go.disabled = true;
      try {
        const failure = await resume(field.value);
        if (failure) { error.textContent = failure; error.hidden = false; } else { closePanel(); }
      } finally { go.disabled = false; }
    });
    box.append(form);
    field.focus();
  }

  // Returns null when this device now holds the resumed conversation, else the error to show.
  async function resume(code) {
    let result;
    try {
      result = await call("POST", "/api/chat/resume", { code: code, replaces: state().conversationId || null });
    } catch (e) { return ui().error; }
    if (result.status !== 200) return detail(result);
    const resumed = result.data;
    stopPolling();
    page().adopt({
      conversationId: resumed.conversation_id, language: resumed.language, direction: resumed.direction,
      ui: resumed.ui, assistedBy: resumed.assisted_by, transcript: resumed.transcript, outbox: [],
      handover: null, handoverSeen: resumed.handover_seen || 0, resumed: true,
    });
    applyTexts();
    pollHandover();
    return null;
  }

  // -- Start again: continue, or start over ---------------------------------------------------
  // On a device that came in with a code (a volunteer's laptop), starting over only ends this
  // device's access: the conversation goes on on the person's phone (no answers closed or deleted).

  function askRestart() {
    if (!state().conversationId || !state().transcript.some((e) => e.from === "user")) {
      page().restartHere(); // nothing said yet: nothing to keep
      return;
    }
    const box = openPanel("restart-dialog");
    const t = ui();
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-labelledby", "restart-question");
    box.append(element("p", { id: "restart-question", dir: "auto" }, t.restart_question));
    const keep = element("button", { type: "button", id: "restart-continue" }, t.restart_continue);
    keep.addEventListener("click", closePanel);
    const resumedHere = Boolean(state().resumed);
    const deleteLabel = element("label", { class: "restart-delete", dir: "auto" });
    const deleteBox = element("input", { type: "checkbox", id: "restart-delete" });
    deleteLabel.append(deleteBox, document.createTextNode(" " + t.restart_delete));
    const over = element("button", { type: "button", id: "restart-over" }, t.restart_over);
    over.addEventListener("click", async () => {
      over.disabled = true;
      try {
        const result = resumedHere
          ? await call("DELETE", conversationUrl("/device"))
          : await call("POST", conversationUrl("/start-over"), { delete: deleteBox.checked });
        if (resumedHere && result.status === 204) result.status = 200;
        if (result.status !== 200 && result.status !== 404) {
          box.append(element("p", { class: "resume-error", role: "alert", dir: "auto" }, detail(result)));
          return;
        }
      } catch (e) {
        box.append(element("p", { class: "resume-error", role: "alert", dir: "auto" }, ui().error));
        return;
      } finally { over.disabled = false; }
      closePanel();
      stopPolling();
      page().restartHere();
    });
    box.append(keep);
    if (!resumedHere) box.append(deleteLabel);
    box.append(over);
    keep.focus();
  }

  // -- A person in the chat --------------------------------------------------------------------

  function showHandover() {
    const h = state().handover;
    handoverBar.hidden = !h || h.state === "none";
    personButton.hidden = !handoverBar.hidden; // asked already: the bar says what happens
    if (!h || h.state === "none") return;
    handoverText.textContent = h.state === "talking" ? ui().handover_talking.replace("{name}", h.name) : ui().handover_waiting;
  }

  function stopPolling() { clearTimeout(pollTimer); pollTimer = null; }

  function takeIn(data) {
    const s = state();
    data.messages.forEach((m) => {
      if (m.id <= (s.handoverSeen || 0)) return;
      s.handoverSeen = m.id;
      const entry = { from: m.sender, text: m.text, buttons: [] };
      if (m.name) entry.name = m.name;
      page().add(entry, false);
    });
    const wasOpen = s.handover && s.handover.state !== "none";
    s.handover = { state: data.state, name: data.name };
    if (data.question && data.question.length && (wasOpen || data.state === "none")) {
      // The assistant takes over again: its question, with its buttons live.
      const last = data.question.length - 1;
      data.question.forEach((m, i) => page().add({ from: "bot", text: m.text, buttons: m.buttons || [] }, i === last));
    }
    page().save();
    showHandover();
  }

  async function pollHandover() {
    stopPolling();
    if (!state().conversationId) return;
    try {
      const result = await call("GET", conversationUrl("/handover?after=" + (state().handoverSeen || 0)));
      if (result.status === 200) takeIn(result.data);
    } catch (e) { /* offline for a moment: the next poll */ }
    const h = state().handover;
    if (h && h.state !== "none") pollTimer = setTimeout(pollHandover, POLL_MS);
  }

  async function askForPerson() {
    const s = state();
    if (s.handover && s.handover.state !== "none") return;
    // Through the chat like the button inside a question: the outbox keeps it when offline.
    page().send("/human_handoff", ui().talk_to_person);
  }

  handoverEnd.addEventListener("click", async () => {
    try {
      const result = await call("DELETE", conversationUrl("/handover?after=" + (state().handoverSeen || 0)));
      if (result.status === 200) takeIn(result.data);
    } catch (e) { page().showError(ui().error); }
    stopPolling();
  });
  personButton.addEventListener("click", askForPerson);
  shareButton.addEventListener("click", () => { if (state().conversationId) showCode(); });
  haveCodeButton.addEventListener("click", () => askForCode());

  // -- Hooks chat.js calls ----------------------------------------------------------------------

  window.chatResume = {
    // Before the page starts or continues a conversation: a QR code's link (/?resume=CODE).
    // Returns true when this device now holds the resumed conversation.
    async atStart() {
      placeBars();
      applyTexts();
      const code = new URLSearchParams(window.location.search).get("resume");
      if (!code) {
        pollHandover();
        return false;
      }
      // The code leaves the address bar (and the browser's history) at once.
      window.history.replaceState(null, "", window.location.pathname);
      const failure = await resume(code);
      if (failure) { pollHandover(); askForCode(code, failure); return false; }
      return true;
    },
    askRestart: askRestart,
    // After every answer of the chat gateway: the texts may be in a new language, and the
    // message may have opened a handover.
    onTurn(turn) {
      applyTexts();
      if (turn.handover && !pollTimer) pollHandover();
    },
  };
})();
