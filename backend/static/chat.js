// The statushouder's chat page. It talks only to the backend's chat gateway.
// The conversation id and the transcript stay on this device (localStorage), so a reload
// or a lost connection never loses what was said; the answers themselves live on the server.
// What the person sends goes into an outbox on the phone first (`state.outbox`), each message
// with the id the page gave it, shown as "waiting" until the server answered it and "sent"
// after. The outbox is sent in order, one message at a time, as soon as the network allows:
// at once, again after a growing pause, when the phone is online again and when the app is
// opened again. The server treats a resend as the same message (it never answers it twice,
// nor as the next question). With the service worker (/sw.js) the page itself opens offline.
"use strict";

const STORAGE_KEY = "intake-chat-v1";
const log = document.getElementById("log");
const announcer = document.getElementById("announce");
const form = document.getElementById("composer");
const input = document.getElementById("input");
const sendButton = document.getElementById("send");
const voice = document.getElementById("voice");
const pageUi = JSON.parse(document.getElementById("ui-texts").textContent);
const voices = JSON.parse(document.getElementById("voices").textContent);
let ui = pageUi;
let state = load();
let busy = false; // starting a conversation
let starting = null; // the conversation being started (a promise), see begin()
let pumping = false; // the outbox is being sent
let retryTimer = null;
let retryDelay = 0;
const FIRST_RETRY_MS = 2000;
const LONGEST_RETRY_MS = 30000;
const SVG_NS = "http://www.w3.org/2000/svg";

// Icons beside the words of the common buttons (drawn here, 24x24 strokes; the words stay).
const ICONS = {
  yes: "M5 12.5l4.5 4.5L19 7.5",
  no: "M6 6l12 12M18 6L6 18",
  dontKnow: "M9 9a3 3 0 1 1 4.2 2.75c-.75.35-1.2 1.05-1.2 1.85V15M12 18.5v.5",
  help: "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 11v6M12 7.5v.5",
  back: "M15 5l-7 7 7 7",
  pause: "M9 5v14M15 5v14",
  person: "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4.5 20.5a7.5 7.5 0 0 1 15 0",
  skip: "M6 5l7 7-7 7M17 5v14",
  speaker: "M4 9.5h3.5L12 5.5v13l-4.5-4H4zM15.5 9a4 4 0 0 1 0 6M18 6.5a7.5 7.5 0 0 1 0 11",
};
const BUTTON_ICONS = {
  "/affirm": "yes", "/deny": "no", "/dont_know": "dontKnow", "/help": "help", "/go_back": "back",
  "/pause": "pause", "/human_handoff": "person", "/skip": "skip",
};

function icon(name) {
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  svg.setAttribute("class", "icon icon-" + name);
  const path = document.createElementNS(SVG_NS, "path");
  path.setAttribute("d", ICONS[name]);
  svg.appendChild(path);
  return svg;
}

function load() {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) || "null");
    if (saved && saved.conversationId) return upgrade(saved);
  } catch (e) { /* a damaged entry starts a new conversation */ }
  return { conversationId: null, language: null, direction: "ltr", ui: null, transcript: [], outbox: [] };
}

// A conversation saved by the page before the outbox: its one waiting message becomes the outbox.
function upgrade(saved) {
  saved.outbox = saved.outbox || [];
  if (saved.pending) {
    const entry = saved.transcript.find((e) => e.pending);
    if (entry) { entry.id = saved.pending.id; entry.status = "waiting"; delete entry.pending; }
    saved.outbox.push(saved.pending);
    delete saved.pending;
  }
  return saved;
}

function save() {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
}

function applyLanguage() {
  const html = document.documentElement;
  // A BCP 47 tag ("fa-AF"), which browsers, screen readers and :lang() understand, not "fa_AF".
  if (state.language) html.lang = state.language.replace("_", "-");
  html.dir = state.direction || "ltr";
  // Texts saved with an older page may lack newer keys: those come from this page.
  if (state.ui) ui = Object.assign({}, pageUi, state.ui);
  document.title = ui.title;
  document.getElementById("title").textContent = ui.title;
  document.getElementById("restart").textContent = ui.restart;
  sendButton.textContent = ui.send;
  input.placeholder = ui.placeholder;
  document.getElementById("input-label").textContent = ui.placeholder;
  document.getElementById("offline").textContent = ui.offline;
  const texts = {
    "volunteer": "volunteer", "volunteer-intro": "volunteer_intro", "volunteer-code-label": "volunteer_code",
    "volunteer-login": "volunteer_login", "volunteer-cancel": "cancel",
    "assistance-stop": "assistance_stop",
  };
  Object.entries(texts).forEach(([id, key]) => { document.getElementById(id).textContent = ui[key]; });
  showAssistance();
  showProgress();
}

// The progress bar: the part of the intake the newest question belongs to.
function showProgress() {
  const box = document.getElementById("progress");
  const p = state.progress;
  box.hidden = !p;
  if (!p) return;
  const bar = document.getElementById("progress-bar");
  bar.max = p.total;
  bar.value = p.number;
  document.getElementById("progress-label").textContent = (ui.progress || "{number}/{total}: {section}")
    .replace("{number}", p.number).replace("{total}", p.total).replace("{section}", p.section);
}

function showOnline() {
  document.getElementById("offline").hidden = navigator.onLine;
}

// New messages are read out by screen readers from this one live region (the log itself is
// drawn again as a whole at times, which must not be read out again).
function announce(text) {
  const line = document.createElement("p");
  line.textContent = text;
  announcer.appendChild(line);
  while (announcer.childNodes.length > 3) announcer.removeChild(announcer.firstChild);
}

function statusText(entry) {
  return entry.status === "waiting" ? ui.waiting : ui.sent;
}

function speechUrl(entry) {
  const base = "/api/chat/conversations/" + encodeURIComponent(state.conversationId);
  if (entry.speech.notice) return base + "/notices/" + entry.speech.notice + "/speech";
  return base + "/speech/" + encodeURIComponent(entry.speech.message) + "/" + entry.speech.index;
}

function speakerButton(onClick) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "speak";
  b.setAttribute("aria-label", ui.read_aloud);
  b.title = ui.read_aloud;
  b.appendChild(icon("speaker"));
  b.addEventListener("click", () => onClick(b));
  return b;
}

// The language of a language button ("/choose_language{"language": "ar"}"), or null.
const CHOOSE_LANGUAGE = "/choose_language";
function languageOf(payload) {
  if (!payload || !payload.startsWith(CHOOSE_LANGUAGE)) return null;
  try { return JSON.parse(payload.slice(CHOOSE_LANGUAGE.length)).language || null; } catch (e) { return null; }
}

function isLanguageChoice(entry) {
  return Boolean(entry.buttons && entry.buttons.some((b) => languageOf(b.payload)));
}

// A bot message with its speaker button beside it.
function withSpeaker(bubble, onClick) {
  const row = document.createElement("div");
  row.className = "bot-row";
  bubble.replaceWith(row);
  row.appendChild(bubble);
  row.appendChild(speakerButton(onClick));
  return row;
}

function render(entry, live) {
  const bubble = document.createElement("div");
  bubble.className = "msg " + entry.from + (entry.status === "waiting" ? " pending" : "");
  bubble.dir = "auto"; // names and answers keep their own direction inside any page
  bubble.textContent = entry.text;
  if (entry.name) bubble.dataset.name = entry.name; // a person writing in the chat (chat-resume.js)
  log.appendChild(bubble);
  if (entry.from === "bot" && entry.speech) withSpeaker(bubble, (b) => readAloud(entry, b));
  else if (entry.from === "bot" && isLanguageChoice(entry)) withSpeaker(bubble, readLanguages);
  if (entry.from === "user" && entry.id) {
    const status = document.createElement("p");
    status.className = "status " + entry.status;
    status.dataset.message = entry.id;
    status.appendChild(icon(entry.status === "waiting" ? "pause" : "yes"));
    status.appendChild(document.createTextNode(statusText(entry)));
    log.appendChild(status);
  }
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
      const name = BUTTON_ICONS[button.payload];
      if (name) b.appendChild(icon(name));
      const words = document.createElement("span");
      words.textContent = button.title;
      b.appendChild(words);
      b.disabled = !live;
      b.dataset.payload = button.payload;
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
  const last = state.transcript.length - 1;
  state.transcript.forEach((entry, i) => render(entry, i === last && entry.from === "bot"));
}

function showError(text) {
  render({ from: "error", text: text }, false);
  announce(text);
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

// The reply to message `answered` (its id): shown right under that message, also when the
// person typed more messages after it while offline.
function receive(turn, answered) {
  state.assistedBy = turn.assisted_by || null;
  state.language = turn.language || state.language;
  state.direction = turn.direction || state.direction;
  state.ui = turn.ui || state.ui;
  if (turn.progress) state.progress = turn.progress;
  applyLanguage();
  log.querySelectorAll(".first").forEach((e) => e.remove());
  const entries = turn.messages.map((m, i) => ({
    from: "bot", text: m.text, buttons: m.buttons || [], link: m.link || null,
    // Read aloud by where it was said (never by its text): the reply to `answered`, number i.
    // The language choice is in every language at once: no single voice can read it.
    speech: answered && turn.language ? { message: answered, index: i } : null,
  }));
  const after = state.transcript.findIndex((e) => e.from === "user" && e.id === answered);
  if (after >= 0 && after < state.transcript.length - 1) {
    state.transcript.splice(after + 1, 0, ...entries);
    renderAll();
  } else {
    const last = entries.length - 1;
    entries.forEach((entry, i) => { state.transcript.push(entry); render(entry, i === last); });
  }
  entries.forEach((entry) => announce(entry.text));
  save();
  if (window.chatResume) window.chatResume.onTurn(turn);
}

// Starts a conversation once, also when the person taps the language choice drawn in the page
// while the page is still starting one: they wait for the same start.
function begin() {
  if (!starting) starting = startConversation().finally(() => { starting = null; });
  return starting;
}

async function startConversation() {
  const created = await post("/api/chat/conversations");
  if (created.status !== 201) throw new Error("could not start");
  state = { conversationId: created.data.conversation_id, language: null, direction: "ltr",
            ui: created.data.ui, transcript: [], outbox: [] };
  save();
  // The language choice drawn in the page (.first) stays until the assistant's own replaces it.
  if (!log.querySelector(".first")) log.textContent = "";
  const greeting = { id: newMessageId(), text: "/greet" };
  const greeted = await deliver(greeting);
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
    return { outcome: "waiting" };
  }
  if (result.status === 404) { await startConversation(); return { outcome: "restarted" }; }
  if (result.status === 200) {
    receive(result.data, message.id);
    return { outcome: "answered" };
  }
  const error = (result.data && result.data.detail) || ui.error;
  return { outcome: result.status >= 500 ? "waiting" : "refused", error: error };
}

// The person sends a message (typed, or a button: `shown` is its title). It goes into the
// outbox at once, also without a network, and is shown as waiting until the server has it.
async function send(text, shown) {
  if (!text.trim()) return "refused";
  if (!state.conversationId || starting) {
    try { await begin(); } catch (e) { showError(ui.error); return "refused"; }
  }
  log.querySelectorAll(".buttons button").forEach((b) => { b.disabled = true; });
  const message = { id: newMessageId(), text: text, typed: !shown };
  const entry = { from: "user", id: message.id, text: shown || text, status: "waiting" };
  state.transcript.push(entry);
  state.outbox = state.outbox || []; // a conversation taken over from elsewhere (chatPage.adopt) may have none
  state.outbox.push(message);
  save();
  render(entry, false);
  await sendOutbox();
  return "queued";
}

function markSent(id) {
  const entry = state.transcript.find((e) => e.from === "user" && e.id === id);
  if (entry) entry.status = "sent";
  const status = log.querySelector('.status[data-message="' + id + '"]');
  if (status) {
    status.className = "status sent";
    status.textContent = "";
    status.appendChild(icon("yes"));
    status.appendChild(document.createTextNode(ui.sent));
    if (status.previousElementSibling) status.previousElementSibling.classList.remove("pending");
  }
}

// Sends the outbox in order, one message at a time. Stops at the first message without an
// answer and tries again after a growing pause (or at once when the phone is online again).
async function sendOutbox() {
  clearTimeout(retryTimer);
  if (pumping || busy || !state.outbox || !state.outbox.length) return;
  pumping = true;
  try {
    while (state.outbox.length) {
      const message = state.outbox[0];
      let result;
      try { result = await deliver(message); } catch (e) { result = { outcome: "waiting" }; }
      if (result.outcome === "waiting") {
        retryDelay = Math.min(retryDelay ? retryDelay * 2 : FIRST_RETRY_MS, LONGEST_RETRY_MS);
        retryTimer = setTimeout(sendOutbox, retryDelay);
        break;
      }
      retryDelay = 0;
      if (result.outcome === "restarted") break; // the conversation was gone: a new one began
      state.outbox.shift();
      if (result.outcome === "answered") {
        markSent(message.id);
      } else {
        takeBack(message, result.error);
      }
      save();
    }
  } finally {
    pumping = false;
  }
}

// A message the server refused is taken back: it leaves the transcript, typed text returns to
// the input (when the person is not typing something else), and the buttons of the question
// before it can be tapped again. The error message stays.
function takeBack(message, error) {
  state.transcript = state.transcript.filter((e) => !(e.from === "user" && e.id === message.id));
  renderAll();
  showError(error || ui.error);
  if (message.typed && !input.value) input.value = message.text;
}

// Read aloud: the server speaks the message it said (backend/api/speech.py); a language
// without a voice gets a message that says so, with the other ways of help.
// The language choice: each language with a voice in turn, its welcome line and its name, in
// its own voice, while its button is marked; tapped again, it stops.
let readingLanguages = false;
function readLanguages(speaker) {
  const wasReading = readingLanguages;
  stopReading();
  if (wasReading) return;
  readingLanguages = true;
  const row = speaker.closest(".bot-row");
  const buttons = row && row.nextElementSibling ? Array.from(row.nextElementSibling.querySelectorAll("button")) : [];
  const queue = buttons.map((b) => languageOf(b.dataset.payload)).filter((code) => voices.includes(code));
  speaker.classList.add("playing");
  const next = () => {
    log.querySelectorAll("button.speaking").forEach((b) => b.classList.remove("speaking"));
    const code = queue.shift();
    if (!code) { stopReading(); return; }
    // Found anew each time: the assistant's own language choice may have replaced the drawn one.
    const button = Array.from(log.querySelectorAll(".buttons button")).filter((b) => languageOf(b.dataset.payload) === code).pop();
    if (button) button.classList.add("speaking");
    voice.onended = next;
    voice.onerror = next;
    voice.src = "/api/chat/speech/welcome/" + encodeURIComponent(code);
    voice.play().catch(() => { /* no sound device: the next one when this one fails or ends */ });
  };
  next();
}

function stopReading() {
  readingLanguages = false;
  voice.onended = null;
  voice.onerror = null;
  voice.pause();
  log.querySelectorAll(".speak.playing").forEach((b) => b.classList.remove("playing"));
  log.querySelectorAll("button.speaking").forEach((b) => b.classList.remove("speaking"));
}

function readAloud(entry, button) {
  if (!voices.includes(state.language)) { showNoVoice(); return; }
  stopReading();
  button.classList.add("playing");
  voice.onended = () => button.classList.remove("playing");
  voice.onerror = async () => {
    button.classList.remove("playing");
    let detail = ui.speech_failed;
    try {
      const response = await fetch(voice.src);
      const data = await response.json();
      if (typeof data.detail === "string") detail = data.detail;
    } catch (e) { /* offline: the general message */ }
    showError(detail);
  };
  voice.src = speechUrl(entry);
  voice.play().catch(() => { /* no sound device or blocked: the error handler says what failed */ });
}

function showNoVoice() {
  const note = document.createElement("div");
  note.className = "msg note";
  note.dir = "auto";
  note.textContent = ui.no_voice;
  log.appendChild(note);
  const row = document.createElement("div");
  row.className = "buttons";
  const person = document.createElement("button");
  person.type = "button";
  person.appendChild(icon("person"));
  const personWords = document.createElement("span");
  personWords.textContent = ui.talk_to_person;
  person.appendChild(personWords);
  person.addEventListener("click", () => { row.remove(); send("/human_handoff", ui.talk_to_person); });
  const helper = document.createElement("button");
  helper.type = "button";
  helper.appendChild(icon("help"));
  const helperWords = document.createElement("span");
  helperWords.textContent = ui.volunteer;
  helper.appendChild(helperWords);
  helper.addEventListener("click", () => { row.remove(); openVolunteerForm(); });
  row.appendChild(person);
  row.appendChild(helper);
  log.appendChild(row);
  log.scrollTop = log.scrollHeight;
  announce(ui.no_voice);
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const text = input.value;
  if (!text.trim()) return;
  input.value = "";
  const outcome = await send(text);
  if (outcome === "refused" && !input.value) input.value = text; // never lose what the person typed
  input.focus();
});

input.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey) {
    event.preventDefault();
    form.requestSubmit();
  }
});

// "Start again" first asks whether to continue or start over (chat-resume.js), then restarts here.
document.getElementById("restart").addEventListener("click", () => {
  if (window.chatResume) window.chatResume.askRestart(); else restartHere();
});

async function restartHere() {
  localStorage.removeItem(STORAGE_KEY);
  clearTimeout(retryTimer);
  state = load();
  log.textContent = "";
  showProgress();
  busy = true;
  try { await startConversation(); } catch (e) { showError(ui.error); } finally { busy = false; }
}

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

function openVolunteerForm() {
  volunteerForm.hidden = false;
  showAssistance();
  document.getElementById("volunteer-code").focus();
}

document.getElementById("volunteer").addEventListener("click", openVolunteerForm);
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
  if (!state.conversationId || busy || pumping) return;
  try {
    const response = await fetch("/api/chat/conversations/" + encodeURIComponent(state.conversationId) +
                                 "/notices?after=" + (state.lastNotice || 0));
    if (response.status !== 200) return;
    const notices = await response.json();
    notices.forEach((n) => {
      const entry = { from: "bot", text: n.text, buttons: [], speech: { notice: n.id } };
      state.transcript.push(entry);
      state.lastNotice = n.id;
      render(entry, false);
      announce(entry.text);
    });
    save();
  } catch (e) { /* offline for a moment: try again at the next poll */ }
}
setInterval(pollNotices, 30000);

// Back online: the outbox goes at once.
window.addEventListener("online", () => { showOnline(); sendOutbox(); });
window.addEventListener("offline", showOnline);

// The app opens without a network too: the service worker keeps the page and its files.
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js").catch(() => { /* not over plain http on a LAN address */ });
}

// What chat-resume.js (resume codes, starting over, a person in the chat) uses of this page.
window.chatPage = {
  state: () => state, ui: () => ui, save, send, showError, restartHere,
  adopt(next) { clearTimeout(retryTimer); state = next; save(); applyLanguage(); renderAll(); },
  add(entry, live) { state.transcript.push(entry); render(entry, live); announce(entry.text); save(); },
};

// The language choice drawn in the page can be tapped (and heard) before the script has started
// a conversation.
const drawnChoice = log.querySelector(".msg.first");
if (drawnChoice) withSpeaker(drawnChoice, readLanguages).classList.add("first");
log.querySelectorAll(".first button:not(.speak)").forEach((button) => {
  button.addEventListener("click", () => {
    log.querySelectorAll(".buttons.first button").forEach((b) => { b.disabled = true; });
    send(button.dataset.payload, button.textContent);
  });
});

(async function init() {
  applyLanguage();
  showOnline();
  if (window.chatResume && await window.chatResume.atStart()) return; // opened with a resume code
  if (state.conversationId && state.transcript.length) {
    renderAll();
    // Messages the page could not deliver before it was closed or reloaded go now.
    sendOutbox();
    if (new URLSearchParams(window.location.search).get("from") === "form") {
      // Back from the web form (/form/...): the chat goes on at the first question without an answer.
      window.history.replaceState(null, "", window.location.pathname);
      send("/greet", ui.back_from_form);
    }
    return;
  }
  busy = true;
  try { await begin(); } catch (e) { showError(ui.error); } finally { busy = false; }
})();
