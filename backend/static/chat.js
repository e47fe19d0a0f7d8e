// The statushouder's chat page. It talks only to the backend's chat gateway.
// The conversation id and the transcript stay on this device (localStorage), so a reload
// or a lost connection never loses what was said; the answers themselves live on the server.
// A message the server has not answered yet stays here too (`state.pending`), with the id the
// page gave it: it is sent again with that id until the server answers, and the server treats
// the resend as the same message (it never answers it twice, nor as the next question).
"use strict";

const STORAGE_KEY = "intake-chat-v1";
const log = document.getElementById("log");
const form = document.getElementById("composer");
const input = document.getElementById("input");
const sendButton = document.getElementById("send");
const pageUi = JSON.parse(document.getElementById("ui-texts").textContent);
let ui = pageUi;
let state = load();
let busy = false;
let pendingBubble = null; // the bubble of state.pending, shown as "not answered yet"
let retryTimer = null;
let retryDelay = 0;
const FIRST_RETRY_MS = 2000;
const LONGEST_RETRY_MS = 30000;

function load() {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) || "null");
    if (saved && saved.conversationId) return saved;
  } catch (e) { /* a damaged entry starts a new conversation */ }
  return { conversationId: null, language: null, direction: "ltr", ui: null, transcript: [] };
}

function save() {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
}

function applyLanguage() {
  const html = document.documentElement;
  if (state.language) html.lang = state.language;
  html.dir = state.direction || "ltr";
  // Texts saved with an older page may lack newer keys: those come from this page.
  if (state.ui) ui = Object.assign({}, pageUi, state.ui);
  document.title = ui.title;
  document.getElementById("title").textContent = ui.title;
  document.getElementById("restart").textContent = ui.restart;
  sendButton.textContent = ui.send;
  input.placeholder = ui.placeholder;
  document.getElementById("input-label").textContent = ui.placeholder;
  const texts = {
    "volunteer": "volunteer", "volunteer-intro": "volunteer_intro", "volunteer-code-label": "volunteer_code",
    "volunteer-login": "volunteer_login", "volunteer-cancel": "cancel",
    "assistance-stop": "assistance_stop",
  };
  Object.entries(texts).forEach(([id, key]) => { document.getElementById(id).textContent = ui[key]; });
  showAssistance();
}

// Returns the buttons that were live, to bring them back when a tap could not be delivered.
function disableOldButtons() {
  const live = Array.from(log.querySelectorAll(".buttons button")).filter((b) => !b.disabled);
  live.forEach((b) => { b.disabled = true; });
  return live;
}

function render(entry, live) {
  const bubble = document.createElement("div");
  bubble.className = "msg " + entry.from + (entry.pending ? " pending" : "");
  bubble.dir = "auto"; // names and answers keep their own direction inside any page
  bubble.textContent = entry.text;
  log.appendChild(bubble);
  if (entry.link) {
    // The appointment as a calendar file: the phone offers to add it to its calendar.
    const a = document.createElement("a");
    a.className = "calendar-link";
    a.href = entry.link.url;
    a.dir = "auto";
    a.textContent = entry.link.title;
    log.appendChild(a);
  }
  if (entry.buttons && entry.buttons.length) {
    const row = document.createElement("div");
    row.className = "buttons";
    entry.buttons.forEach((button) => {
      const b = document.createElement("button");
      b.type = "button";
      b.dir = "auto";
      b.textContent = button.title;
      b.disabled = !live;
      b.addEventListener("click", () => send(button.payload, button.title));
      row.appendChild(b);
    });
    log.appendChild(row);
  }
  log.scrollTop = log.scrollHeight;
  return bubble;
}

// The whole transcript again; only the newest question's buttons can be tapped.
function renderAll() {
  log.textContent = "";
  pendingBubble = null;
  const last = state.transcript.length - 1;
  state.transcript.forEach((entry, i) => {
    const bubble = render(entry, i === last && entry.from === "bot");
    if (entry.pending) pendingBubble = bubble;
  });
}

function showError(text) {
  render({ from: "error", text: text }, false);
}

// A new message id: random, and made with getRandomValues because crypto.randomUUID needs a
// secure context, which a phone on http://<laptop>:8000 in the local network is not.
function newMessageId() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

async function post(url, body) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let data = null;
  try { data = await response.json(); } catch (e) { data = null; }
  return { status: response.status, data: data };
}

function receive(turn) {
  state.assistedBy = turn.assisted_by || null;
  state.language = turn.language || state.language;
  state.direction = turn.direction || state.direction;
  state.ui = turn.ui || state.ui;
  applyLanguage();
  const last = turn.messages.length - 1;
  turn.messages.forEach((m, i) => {
    const entry = { from: "bot", text: m.text, buttons: m.buttons || [], link: m.link || null };
    state.transcript.push(entry);
    render(entry, i === last);
  });
  save();
}

async function startConversation() {
  const created = await post("/api/chat/conversations");
  if (created.status !== 201) throw new Error("could not start");
  state = { conversationId: created.data.conversation_id, language: null, direction: "ltr",
            ui: created.data.ui, transcript: [] };
  save();
  log.textContent = "";
  const greeted = await deliver({ id: newMessageId(), text: "/greet" });
  if (greeted.error) showError(greeted.error);
}

// Sends one message. "answered": the reply is shown. "waiting": no answer (offline, or the
// system busy or partly away: 5xx); it is sent again with the same id. "refused": the server
// will not take it as it is (too long, too many messages): the person changes it or waits.
async function deliver(message) {
  let result;
  try {
    result = await post("/api/chat/conversations/" + encodeURIComponent(state.conversationId) + "/messages",
                        { text: message.text, client_message_id: message.id });
  } catch (e) {
    return { outcome: "waiting", error: ui.error };
  }
  if (result.status === 404) { await startConversation(); return { outcome: "answered" }; }
  if (result.status === 200) {
    receive(result.data);
    return { outcome: "answered" };
  }
  const error = (result.data && result.data.detail) || ui.error;
  return { outcome: result.status >= 500 ? "waiting" : "refused", error: error };
}

// Returns "answered", "waiting" or "refused" (then typed text goes back to the input).
async function send(text, shown) {
  if (busy || !text.trim()) return "refused";
  if (state.pending) {
    // One message at a time: the one still waiting goes first (now rather than at its timer).
    resendPending();
    return "refused";
  }
  busy = true;
  sendButton.disabled = true;
  let live = [];
  let entry = null;
  let bubble = null;
  let result = { outcome: "waiting", error: ui.error };
  try {
    if (!state.conversationId) await startConversation();
    live = disableOldButtons();
    entry = { from: "user", text: shown || text, pending: true };
    state.transcript.push(entry);
    state.pending = { id: newMessageId(), text: text, typed: !shown };
    save();
    bubble = render(entry, false);
    pendingBubble = bubble;
    result = await deliver(state.pending);
  } catch (e) {
    result = { outcome: entry ? "waiting" : "refused", error: ui.error };
  } finally {
    busy = false;
    sendButton.disabled = false;
  }
  if (result.error) showError(result.error);
  settle(result.outcome, live);
  return result.outcome;
}

async function resendPending() {
  clearTimeout(retryTimer);
  if (busy || !state.pending) return;
  busy = true;
  sendButton.disabled = true;
  let result = { outcome: "waiting" };
  try {
    result = await deliver(state.pending);
  } catch (e) {
    result = { outcome: "waiting" };
  } finally {
    busy = false;
    sendButton.disabled = false;
  }
  // An error is shown once, when the message first did not arrive, not at every try.
  const refused = result.outcome === "refused" ? state.pending : null;
  settle(result.outcome, []);
  if (refused) {
    renderAll(); // the buttons of the question before it can be tapped again
    showError(result.error);
    if (refused.typed && !input.value) input.value = refused.text;
  }
}

// After a try: answered, the message is no longer pending; waiting, it is sent again after a
// growing pause (and at once when the phone is online again); refused, it is taken back.
function settle(outcome, live) {
  const entry = state.transcript.find((e) => e.pending);
  if (outcome === "waiting") {
    retryDelay = Math.min(retryDelay ? retryDelay * 2 : FIRST_RETRY_MS, LONGEST_RETRY_MS);
    clearTimeout(retryTimer);
    retryTimer = setTimeout(resendPending, retryDelay);
    return;
  }
  retryDelay = 0;
  if (entry) delete entry.pending;
  if (pendingBubble) pendingBubble.classList.remove("pending");
  if (outcome === "refused") takeBack(entry, pendingBubble, live);
  state.pending = null;
  pendingBubble = null;
  save();
}

// A message the server refused is taken back: it leaves the transcript, typed text returns
// to the input (see the form's submit), and the buttons that were live can be tapped again.
// The error message stays.
function takeBack(entry, bubble, live) {
  if (entry) state.transcript = state.transcript.filter((e) => e !== entry);
  if (bubble) bubble.remove();
  live.forEach((b) => { b.disabled = false; });
  save();
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (state.pending) { resendPending(); return; } // the waiting message first; the input stays
  const text = input.value;
  if (!text.trim()) return;
  input.value = "";
  const outcome = await send(text);
  if (outcome === "refused") input.value = text; // never lose what the person typed
  input.focus();
});

input.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey) {
    event.preventDefault();
    form.requestSubmit();
  }
});

document.getElementById("restart").addEventListener("click", async () => {
  localStorage.removeItem(STORAGE_KEY);
  state = load();
  log.textContent = "";
  busy = true;
  try { await startConversation(); } catch (e) { showError(ui.error); } finally { busy = false; }
});

// A volunteer beside the person types here the one-time code their own device (the staff page)
// shows: what is entered meanwhile is marked as entered with their help. No staff password or
// token is ever typed on or kept by the person's phone. Anyone holding the chat may end the help.
const volunteerForm = document.getElementById("volunteer-form");
const volunteerError = document.getElementById("volunteer-error");

function assistanceUrl() {
  return "/api/chat/conversations/" + encodeURIComponent(state.conversationId) + "/assistance";
}

function showAssistance() {
  const helping = Boolean(state.assistedBy);
  document.getElementById("assisted").hidden = !helping;
  document.getElementById("assisted-text").textContent = helping ? ui.assisted_by.replace("{name}", state.assistedBy) : "";
  document.getElementById("volunteer").hidden = helping || !volunteerForm.hidden;
}

function closeVolunteerForm() {
  volunteerForm.hidden = true;
  volunteerError.hidden = true;
  document.getElementById("volunteer-code").value = "";
  showAssistance();
}

document.getElementById("volunteer").addEventListener("click", () => {
  volunteerForm.hidden = false;
  showAssistance();
  document.getElementById("volunteer-code").focus();
});
document.getElementById("volunteer-cancel").addEventListener("click", closeVolunteerForm);

volunteerForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  volunteerError.hidden = true;
  const loginButton = document.getElementById("volunteer-login");
  loginButton.disabled = true;
  try {
    if (!state.conversationId) throw new Error("no conversation yet");
    const started = await post(assistanceUrl(), { code: document.getElementById("volunteer-code").value.trim() });
    if (started.status !== 200) {
      // The server's message is in the person's language (a wrong code, or too many of them).
      const detail = started.data && started.data.detail;
      volunteerError.textContent = typeof detail === "string" ? detail : ui.volunteer_failed;
      volunteerError.hidden = false;
      return;
    }
    state.assistedBy = started.data.assisted_by;
    save();
    closeVolunteerForm();
    input.focus();
  } catch (e) {
    volunteerError.textContent = ui.error;
    volunteerError.hidden = false;
  } finally {
    loginButton.disabled = false;
  }
});

document.getElementById("assistance-stop").addEventListener("click", async () => {
  try {
    const response = await fetch(assistanceUrl(), { method: "DELETE" });
    if (response.status !== 204 && response.status !== 404) { showError(ui.error); return; }
  } catch (e) { showError(ui.error); return; }
  state.assistedBy = null;
  save();
  showAssistance();
});

// Reminders and other messages the system sends into this chat arrive as notices.
async function pollNotices() {
  if (!state.conversationId || busy) return;
  try {
    const response = await fetch("/api/chat/conversations/" + encodeURIComponent(state.conversationId) +
                                 "/notices?after=" + (state.lastNotice || 0));
    if (response.status !== 200) return;
    const notices = await response.json();
    notices.forEach((n) => {
      const entry = { from: "bot", text: n.text, buttons: [] };
      state.transcript.push(entry);
      state.lastNotice = n.id;
      render(entry, false);
    });
    save();
  } catch (e) { /* offline for a moment: try again at the next poll */ }
}
setInterval(pollNotices, 30000);

// Back online: the message still waiting goes at once.
window.addEventListener("online", resendPending);

(async function init() {
  applyLanguage();
  if (state.conversationId && state.transcript.length) {
    renderAll();
    // A message the page could not deliver before it was closed or reloaded goes now.
    if (state.pending) resendPending();
    return;
  }
  busy = true;
  try { await startConversation(); } catch (e) { showError(ui.error); } finally { busy = false; }
})();
