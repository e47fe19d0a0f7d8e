// The case managers' page (Dutch only). It reads and changes everything through the
// case-manager API with the bearer token of a login. The token lives in sessionStorage: it
// is gone when the tab closes, and never shared with other tabs or kept on the device.
// Everything a person or a colleague typed is inserted as text (textContent), never as HTML,
// and with dir="auto", so an Arabic answer keeps its own direction inside this Dutch page.
"use strict";

(function () {
  const TOKEN_KEY = "intake-staff-token";
  const TZ = "Europe/Amsterdam";
  const DAY_MS = 24 * 60 * 60 * 1000;

  const TEXT = {
    network: "Geen verbinding met de server. Controleer de verbinding en probeer het opnieuw.",
    expired: "Je sessie is verlopen. Log opnieuw in.",
    loggedOut: "Je bent uitgelogd.",
    failed: (status) => "Er ging iets mis (fout " + status + "). Probeer het opnieuw.",
    fillLogin: "Vul je gebruikersnaam en wachtwoord in.",
    notForRole: "Deze pagina is voor casemanagers en vrijwilligers. Met dit account kun je hier niets zien of doen.",
    loading: "Laden…",
    noIntakes: "Geen intakes gevonden.",
    intakeCount: (n) => (n === 1 ? "1 intake" : n + " intakes"),
    noFlags: "—",
    complete: "Compleet (verstuurd)",
    partial: "Gedeeltelijk (nog bezig)",
    daysLeft: (n) => (n < 0 ? "verlopen" : n === 0 ? "vandaag" : n === 1 ? "nog 1 dag" : "nog " + n + " dagen"),
    intakeOf: (id) => "Intake " + id.slice(0, 8),
    sensitive: "gevoelig",
    sensitiveTitle: "Bijzonder persoonsgegeven (gezondheid): alleen voor de intake gebruiken.",
    originalWords: (language) => "Eigen woorden" + (language ? " (" + languageName(language) + ")" : ""),
    dutch: "Nederlands",
    noTranslationYet: "nog geen vertaling",
    history: (n) => "Eerdere versies (" + n + ")",
    notAnswered: "Nog niets ingevuld.",
    groupEmpty: "Geen.",
    item: (n) => "Nr. " + n,
    // Correcting a field and confirming a section
    correct: "Corrigeren",
    newValue: "Nieuwe waarde",
    chooseOne: "— Kies —",
    dateHint: "Dag-maand-jaar, bijvoorbeeld 15-03-1990. Alleen maand en jaar (03-1990) of alleen het jaar " +
      "(1990) kan ook; niet precies bekend: ca. 1990.",
    datePlaceholder: "dd-mm-jjjj",
    phoneHint: "Bijvoorbeeld 06 12345678; een buitenlands nummer met landnummer (+32 ...).",
    chooseAll: "Kies alles wat klopt (of niets).",
    cancelCorrection: "Annuleren",
    correctionSaved: "Opgeslagen. De vorige waarde staat bij de eerdere versies.",
    correctionUnchanged: "Niet gewijzigd: dit is al de huidige waarde.",
    confirmSection: "Sectie bevestigen",
    confirmAgain: "Opnieuw bevestigen",
    reviewed: (who, when) => "Bevestigd door " + who + " op " + when + ".",
    notReviewed: "Nog niet bevestigd.",
    sectionConfirmed: "De sectie is bevestigd.",
    helpRequested: (when) => "Wil met iemand praten (gevraagd op " + when + ")",
    started: "Gestart",
    submitted: "Verstuurd",
    deadline: "Deadline PIP",
    municipality: "Gemeente",
    language: "Taal",
    status: "Status",
    searching: "Zoeken…",
    noSlots: "Geen vrije tijden gevonden.",
    book: "Boeken",
    booked: (a) => "Afspraak gemaakt: " + a.type + " op " + formatDateTime(a.starts_at) + ", " + a.location + ".",
    noAppointments: "Geen afspraken in de komende 4 weken.",
    cancel: "Annuleren",
    cancelReason: "Reden van annuleren",
    cancelConfirm: "Afspraak annuleren",
    back: "Terug",
    needReason: "Geef een reden op.",
    cancelled: "De afspraak is geannuleerd.",
    interpreter: "Tolk",
    noInterpreter: "geen tolk",
    byPhone: "telefonisch",
    caseManager: "Casemanager",
    location: "Locatie",
    kinds: { case_manager: "Casemanagers", interpreter: "Tolken", room: "Ruimtes" },
    hours: "Werktijden per week",
    noHours: "Geen vaste werktijden.",
    absences: "Afwezig",
    noAbsences: "Geen afwezigheid gepland.",
    remove: "Verwijderen",
    removed: "De afwezigheid is verwijderd.",
    addAbsence: "Afwezigheid toevoegen",
    from: "Van",
    until: "Tot en met",
    date: "datum",
    time: "tijd",
    reason: "Reden (niet verplicht)",
    add: "Toevoegen",
    added: "De afwezigheid is toegevoegd.",
    fillAbsence: "Vul begin en einde in (datum en tijd).",
    endAfterStart: "Het einde moet na het begin liggen.",
    noResources: "Er zijn nog geen casemanagers, tolken of ruimtes.",
    languages: "Talen",
    // Moving, outcomes, history
    move: "Verplaatsen",
    moveChoose: "Kies een nieuwe tijd",
    moveReason: "Reden van verplaatsen",
    moveConfirm: "Verplaatsen bevestigen",
    searchAgain: "Opnieuw zoeken",
    pickSlot: "Kies eerst een nieuwe tijd.",
    moved: (a) => "De afspraak is verplaatst naar " + formatDateTime(a.starts_at) + ", " + a.location + ".",
    attended: "Geweest",
    noShow: "Niet gekomen",
    outcomeQuestion: (attended) => "Vastleggen dat de persoon " + (attended ? "geweest is" : "niet gekomen is") +
      "? Dit kan niet ongedaan worden gemaakt.",
    outcomeConfirm: "Ja, vastleggen",
    outcomeSaved: (attended) => "Vastgelegd: de persoon is " + (attended ? "geweest." : "niet gekomen."),
    historyToggle: "Geschiedenis",
    noHistory: "Nog geen wijzigingen.",
    changeActions: {
      booked: "geboekt", moved: "verplaatst", cancelled: "geannuleerd", attended: "geweest", no_show: "niet gekomen",
    },
    changeActors: { person: "de persoon (in de chat)", staff: "een medewerker", system: "het systeem" },
    by: "door",
    fromTo: (from, to) => "van " + from + " naar " + to,
    on: (when) => "op " + when,
    reasonIs: "Reden: ",
    // The timeline of one intake
    termStart: "Start inburgeringstermijn",
    estimated: "geschat: de datum van DUO is nog niet vastgelegd",
    recorded: "vastgelegd",
    termStartSaved: (d) => "De startdatum is vastgelegd: " + d + ".",
    fillDate: "Vul een datum in.",
    noInvitations: "Nog geen uitnodiging verstuurd.",
    steps: {
      first_invitation: "Eerste uitnodiging",
      warning_second: "Schriftelijke waarschuwing met tweede uitnodiging",
      fine_third: "Boete en derde uitnodiging",
      second_fine: "Tweede boete (het PIP wordt zonder inbreng van de persoon vastgesteld)",
    },
    sentOn: (d) => "verstuurd op " + d,
    respondBy: (d) => "reageren uiterlijk op " + d,
    respondedOn: (d) => "gereageerd op " + d,
    noResponse: "nog geen reactie",
    overdue: "termijn verstreken, geen reactie",
    fine: (amount) => "boete " + amount,
    nextStep: (step) => "Volgende stap: " + step + ".",
    chainAnswered: "De persoon heeft op de laatste uitnodiging gereageerd; er is geen volgende stap nodig.",
    chainComplete: "Alle stappen van de keten zijn gezet.",
    invitationSent: (step) => "Vastgelegd: " + step + ".",
    noTimelineAppointments: "Nog geen afspraken.",
    noProblems: "Geen planningsproblemen.",
    problemReasons: {
      deadline_passed: "Uiterste datum voorbij",
      no_case_manager: "Geen casemanager",
      no_room: "Geen ruimte",
      no_interpreter: "Geen tolk",
      availability: "Beschikbaarheid te beperkt",
      fully_booked: "Volgeboekt",
    },
    foundOn: (when) => "gezien op " + when,
    respondByFuture: "De datum om te reageren moet na vandaag liggen.",
    // Weekly hours
    editHours: "Werktijden wijzigen",
    addPeriod: "Tijd toevoegen",
    noPeriods: "Niet beschikbaar.",
    periodFrom: (day, n) => day + ", tijd " + n + ": van",
    periodTo: (day, n) => day + ", tijd " + n + ": tot",
    removePeriod: (day, n) => "Tijd " + n + " op " + day.toLowerCase() + " verwijderen",
    to: "tot",
    saveHours: "Werktijden opslaan",
    fillHours: "Vul bij elke tijd een begin en een einde in, of verwijder de tijd.",
    hoursSaved: (name) => "De werktijden van " + name + " zijn opgeslagen.",
    // Translating
    translationStatus: {
      waiting: "wacht op de computer",
      needs_human: "wacht op een vertaler",
      machine: "machinevertaling, niet gecontroleerd",
      human: "vertaald door een persoon",
    },
    toDo: (n, status) => (n === 0
      ? (status === "machine" ? "Er zijn geen machinevertalingen om te controleren." : "Er wacht niets op een vertaling.")
      : (n === 1 ? "1 antwoord" : n + " antwoorden") + (status === "machine" ? " om te controleren" : " om te vertalen")),
    firstOnly: (n) => " (de eerste " + n + ")",
    receivedOn: (when) => "binnengekomen op " + when,
    machineTranslation: "Machinevertaling",
    dutchTranslation: "Nederlandse vertaling",
    save: "Opslaan",
    translationSaved: (question) => "Opgeslagen: je vertaling bij “" + question +
      "”. De casemanager ziet nu dat een persoon het vertaalde.",
  };

  const SOURCES = { chat: "chat", volunteer: "vrijwilliger", case_manager: "casemanager" };
  const APPOINTMENT_STATUS = {
    booked: "gepland",
    cancelled: "geannuleerd",
    attended: "geweest",
    no_show: "niet gekomen",
  };
  const ROLES = { case_manager: "casemanager", volunteer: "vrijwilliger", administrator: "beheerder" };
  // The parts of the page per role (the API decides what each may see; this only hides the rest).
  // Volunteers only translate; other roles have nothing here.
  // Who may ask for a one-time code to help on a person's phone (the API decides).
  const ASSISTING_ROLES = ["volunteer", "case_manager"];
  const ROLE_TABS = {
    case_manager: ["intakes", "afspraken", "beschikbaarheid", "vertalen"],
    volunteer: ["vertalen"],
  };
  const QUEUE_LIMIT = 200; // the API lists at most this many

  // -- Dates and times: always Dutch, always Amsterdam time ------------------------------------

  const formats = {
    dateTime: new Intl.DateTimeFormat("nl-NL", {
      timeZone: TZ, weekday: "short", day: "numeric", month: "short", year: "numeric",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23",
    }),
    time: new Intl.DateTimeFormat("nl-NL", { timeZone: TZ, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }),
    day: new Intl.DateTimeFormat("nl-NL", {
      timeZone: TZ, weekday: "long", day: "numeric", month: "long", year: "numeric",
    }),
    // Plain dates (a deadline) are not instants: shown as they are, without a time zone shift.
    date: new Intl.DateTimeFormat("nl-NL", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" }),
    weekday: new Intl.DateTimeFormat("nl-NL", { timeZone: "UTC", weekday: "long" }),
    // The day of an instant, on the calendar in Amsterdam.
    instantDate: new Intl.DateTimeFormat("nl-NL", { timeZone: TZ, day: "numeric", month: "long", year: "numeric" }),
    money: new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR", maximumFractionDigits: 0 }),
    parts: new Intl.DateTimeFormat("nl-NL", {
      timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23",
    }),
  };
  const languageNames = new Intl.DisplayNames(["nl"], { type: "language" });

  function languageName(code) {
    // Catalog codes use an underscore (fa_AF, Dari); Intl wants a hyphen.
    try { return languageNames.of(String(code).replace("_", "-")) || code; } catch (e) { return code; }
  }

  // The API gives UTC times, some without a zone (SQLite): those are UTC too.
  function instant(value) {
    let text = String(value).replace(/(\.\d{3})\d+/, "$1");
    if (!/(Z|[+-]\d\d:?\d\d)$/i.test(text)) text += "Z";
    return new Date(text);
  }

  function formatDateTime(value) { return value ? formats.dateTime.format(instant(value)) : "—"; }
  function formatTime(value) { return formats.time.format(instant(value)); }
  function plainDate(iso) {
    const [y, m, d] = iso.split("-").map(Number);
    return new Date(Date.UTC(y, m - 1, d));
  }
  function formatDate(iso) { return iso ? formats.date.format(plainDate(iso)) : "—"; }
  function formatDay(value) { return value ? formats.instantDate.format(instant(value)) : "—"; }
  function started(a) { return instant(a.starts_at).getTime() <= Date.now(); }

  // A plain date n days after today in Amsterdam ("2026-12-01"), for date inputs.
  function dateAfter(days) {
    const today = plainDate(dayKey(new Date()));
    return new Date(today.getTime() + days * DAY_MS).toISOString().slice(0, 10);
  }

  function amsterdamParts(date) {
    const parts = {};
    formats.parts.formatToParts(date).forEach((p) => { parts[p.type] = p.value; });
    return {
      year: Number(parts.year), month: Number(parts.month), day: Number(parts.day),
      hour: Number(parts.hour) % 24, minute: Number(parts.minute), second: Number(parts.second),
    };
  }

  function dayKey(date) {
    const p = amsterdamParts(date);
    return p.year + "-" + String(p.month).padStart(2, "0") + "-" + String(p.day).padStart(2, "0");
  }

  function offsetMs(date) {
    const p = amsterdamParts(date);
    const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    return wall - (date.getTime() - date.getMilliseconds());
  }

  // A date ("2026-11-30") and time ("09:00") on the clock in Amsterdam, as an instant.
  function amsterdamInstant(dateText, timeText) {
    const [y, m, d] = dateText.split("-").map(Number);
    const [h, min] = timeText.split(":").map(Number);
    const wall = Date.UTC(y, m - 1, d, h, min);
    const first = wall - offsetMs(new Date(wall));
    return new Date(wall - offsetMs(new Date(first)));
  }

  function daysUntil(iso) {
    return Math.round((plainDate(iso).getTime() - plainDate(dayKey(new Date())).getTime()) / DAY_MS);
  }

  // -- Small DOM helpers: text only ------------------------------------------------------------

  function $(id) { return document.getElementById(id); }

  // el("td", { text: "...", className: "x", dir: "auto" }, [children]) - text goes in as text.
  function el(tag, props, children) {
    const node = document.createElement(tag);
    Object.entries(props || {}).forEach(([key, value]) => {
      if (value === undefined || value === null) return;
      if (key === "text") node.textContent = value;
      else if (key === "className") node.className = value;
      else if (key === "data") Object.entries(value).forEach(([k, v]) => { node.dataset[k] = v; });
      else if (key in node && key !== "list") node[key] = value;
      else node.setAttribute(key, value);
    });
    (children || []).forEach((child) => {
      if (child === null || child === undefined || child === false) return;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function userText(tag, text, props) {
    return el(tag, Object.assign({ text: text === null || text === undefined ? "" : String(text), dir: "auto" }, props));
  }

  function showMessage(text, kind, target) {
    const box = target || $("message");
    box.textContent = text;
    box.className = "message " + (kind || "error");
    box.setAttribute("role", kind === "info" ? "status" : "alert");
    box.hidden = false;
  }

  function hideMessage(target) {
    const box = target || $("message");
    box.hidden = true;
    box.textContent = "";
  }

  // -- The API ---------------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, message, handled) {
      super(message);
      this.status = status;
      this.handled = Boolean(handled);
    }
  }

  function token() { return sessionStorage.getItem(TOKEN_KEY); }

  async function api(method, path, body, options) {
    const anonymous = options && options.anonymous;
    const headers = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (!anonymous && token()) headers.Authorization = "Bearer " + token();
    let response;
    try {
      response = await fetch(path, {
        method: method,
        headers: headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: "no-store",
        credentials: "omit",
      });
    } catch (e) {
      throw new ApiError(0, TEXT.network);
    }
    let data = null;
    if (response.status !== 204) {
      try { data = await response.json(); } catch (e) { data = null; }
    }
    if (response.status === 401 && !anonymous) {
      sessionExpired();
      throw new ApiError(401, TEXT.expired, true);
    }
    if (!response.ok) {
      const detail = data && typeof data.detail === "string" ? data.detail : null;
      throw new ApiError(response.status, detail || TEXT.failed(response.status));
    }
    return data;
  }

  function report(error, target) {
    if (error instanceof ApiError && error.handled) return;
    showMessage(error instanceof ApiError ? error.message : TEXT.failed("?"), "error", target);
    if (!(error instanceof ApiError)) console.error(error); // eslint-disable-line no-console
  }

  // -- Session ---------------------------------------------------------------------------------

  const state = {
    user: null,
    municipalities: {}, // code -> name
    names: new Map(), // intake id -> name, for intakes opened on this page (memory only)
    drafts: new Map(), // translation id -> Dutch text typed but not saved yet (memory only)
    // Open correction forms: field key -> { value, error } typed but not saved yet (memory only).
    // Re-rendering an intake rebuilds them from here, so nothing typed is lost.
    corrections: new Map(),
    notice: null, // { key, text }: said once at a field after re-rendering ("Opgeslagen.")
    changing: 0, // corrections and confirmations on their way to the API
    unshown: 0, // ... and those that came back but are not shown yet
    intake: null,
    seq: 0,
    assistCodeTimer: null, // hides the one-time code to help on a phone when it expires
  };

  function clearData() {
    state.user = null;
    state.intake = null;
    state.names.clear();
    state.drafts.clear();
    state.corrections.clear();
    state.notice = null;
    ["intakes-body", "intake-head", "intake-sections", "slots", "calendar", "resources", "past-open-list",
      "translations", "translations-count"]
      .forEach((id) => { $(id).textContent = ""; });
    $("past-open").hidden = true;
    clearTimeline();
    $("intakes-count").textContent = "";
    hideMessage($("slot-message"));
    $("who").hidden = true;
    $("tabs").hidden = true;
    $("who-name").textContent = "";
    hideAssistCode();
  }

  function sessionExpired() {
    sessionStorage.removeItem(TOKEN_KEY);
    clearData();
    showView("login");
    showMessage(TEXT.expired, "error");
  }

  async function loadUser() {
    state.user = await api("GET", "/api/auth/me");
    try {
      const list = await api("GET", "/api/municipalities");
      state.municipalities = Object.fromEntries(list.map((m) => [m.code, m.name]));
    } catch (error) {
      if (error.handled) throw error;
      state.municipalities = {}; // the codes are shown instead
    }
    renderUser();
  }

  function municipalityName(code) {
    return code ? state.municipalities[code] || code : "—";
  }

  function renderUser() {
    const user = state.user;
    const codes = [...user.municipalities].sort((a, b) => municipalityName(a).localeCompare(municipalityName(b), "nl"));
    const places = codes.map(municipalityName).join(", ");
    $("who-name").textContent = user.full_name + " (" + (ROLES[user.role] || user.role) +
      (places ? ", " + places : "") + ")";
    $("who").hidden = false;
    $("assist-code-button").hidden = !ASSISTING_ROLES.includes(user.role);
    const tabs = ROLE_TABS[user.role] || [];
    document.querySelectorAll("#tabs a").forEach((a) => { a.hidden = !tabs.includes(a.dataset.tab); });
    $("tabs").hidden = !tabs.length;
    const select = $("filter-municipality");
    const chosen = select.value;
    select.textContent = "";
    select.append(el("option", { value: "", text: "Alle gemeenten" }));
    codes.forEach((code) => select.append(el("option", { value: code, text: municipalityName(code) })));
    select.value = user.municipalities.includes(chosen) ? chosen : "";
  }

  $("login-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const username = $("login-username").value.trim();
    const password = $("login-password").value;
    if (!username || !password) { showMessage(TEXT.fillLogin, "error"); return; }
    const button = $("login-submit");
    button.disabled = true;
    try {
      const login = await api("POST", "/api/auth/login", { username: username, password: password }, { anonymous: true });
      sessionStorage.setItem(TOKEN_KEY, login.access_token);
      $("login-password").value = "";
      hideMessage();
      state.user = null;
      await route();
    } catch (error) {
      report(error);
      $("login-password").select();
    } finally {
      button.disabled = false;
    }
  });

  // -- A one-time code to help on the person's phone ------------------------------------------
  // The volunteer (or case manager) asks for it here, on their own device, and types it on the
  // person's chat page: no staff password on someone else's phone. Valid a few minutes, once.

  function hideAssistCode() {
    clearTimeout(state.assistCodeTimer);
    $("assist-code").hidden = true;
    $("assist-code-value").textContent = "";
    $("assist-code-until").textContent = "";
  }

  $("assist-code-button").addEventListener("click", async () => {
    const button = $("assist-code-button");
    button.disabled = true;
    try {
      const answer = await api("POST", "/api/assistance/codes");
      hideAssistCode();
      $("assist-code-value").textContent = answer.code.replace(/^(\d{3})(\d{3})$/, "$1 $2");
      $("assist-code-until").textContent = "Geldig tot " + formatTime(answer.expires_at) + " (" +
        answer.valid_minutes + " min.), één keer te gebruiken. Een nieuwe code vervangt deze.";
      $("assist-code").hidden = false;
      const left = Math.max(0, instant(answer.expires_at).getTime() - Date.now());
      state.assistCodeTimer = setTimeout(() => {
        $("assist-code-value").textContent = "";
        $("assist-code-until").textContent = "Deze code is verlopen. Vraag zo nodig een nieuwe.";
      }, left);
    } catch (error) {
      report(error);
    } finally {
      button.disabled = false;
    }
  });

  $("logout").addEventListener("click", async () => {
    try { await api("POST", "/api/auth/logout"); } catch (e) { /* gone already: logged out anyway */ }
    sessionStorage.removeItem(TOKEN_KEY);
    clearData();
    showView("login");
    showMessage(TEXT.loggedOut, "info");
    $("login-username").focus();
  });

  // -- Views and routes ------------------------------------------------------------------------

  function showView(name) {
    document.querySelectorAll(".view").forEach((view) => { view.hidden = view.id !== "view-" + name; });
    const tab = name === "intake" ? "intakes" : name;
    document.querySelectorAll("#tabs a").forEach((a) => {
      if (a.dataset.tab === tab) a.setAttribute("aria-current", "page");
      else a.removeAttribute("aria-current");
    });
  }

  async function route() {
    const seq = ++state.seq;
    if (!token()) {
      clearData();
      showView("login");
      $("login-username").focus();
      return;
    }
    hideMessage();
    try {
      if (!state.user) await loadUser();
    } catch (error) {
      report(error);
      return;
    }
    const tabs = ROLE_TABS[state.user.role];
    if (!tabs) {
      showView("none");
      showMessage(TEXT.notForRole, "error");
      return;
    }
    let hash = location.hash || "#/" + tabs[0];
    if (!tabs.includes("intakes") && hash !== "#/vertalen") {
      // A volunteer following a link to an intake or the calendar: translating is all there is.
      hash = "#/vertalen";
      history.replaceState(null, "", hash);
    }
    const match = hash.match(/^#\/intakes\/([0-9a-fA-F-]{36})$/);
    try {
      if (match) await showIntake(match[1], seq);
      else if (hash === "#/afspraken") await showCalendar(seq);
      else if (hash === "#/beschikbaarheid") await showResources(seq);
      else if (hash === "#/vertalen") await showTranslations(seq);
      else await showIntakes(seq);
    } catch (error) {
      if (seq === state.seq) report(error);
    }
  }

  function current(seq) { return seq === state.seq; }

  window.addEventListener("hashchange", () => { route(); });

  // -- Intakes ---------------------------------------------------------------------------------

  function intakeLabel(id, name) { return name || state.names.get(id) || TEXT.intakeOf(id); }

  function flagList(flags) {
    if (!flags.length) return el("span", { className: "muted", text: TEXT.noFlags });
    return el("ul", { className: "flags" }, flags.map((f) => userText("li", f.label, { className: "flag", data: { flag: f.id } })));
  }

  function deadlineCell(iso) {
    const days = daysUntil(iso);
    return el("span", { className: days < 21 ? "deadline urgent" : "deadline" }, [
      formatDate(iso), el("br"), el("span", { className: "muted", text: TEXT.daysLeft(days) }),
    ]);
  }

  async function showIntakes(seq) {
    showView("intakes");
    const params = new URLSearchParams();
    new FormData($("intake-filters")).forEach((value, key) => { if (value) params.set(key, String(value)); });
    $("intakes-count").textContent = TEXT.loading;
    const list = await api("GET", "/api/intakes" + (params.toString() ? "?" + params : ""));
    if (!current(seq)) return;
    const body = $("intakes-body");
    body.textContent = "";
    $("intakes-count").textContent = list.length ? TEXT.intakeCount(list.length) : TEXT.noIntakes;
    list.forEach((intake) => {
      const href = "#/intakes/" + intake.id;
      const row = el("tr", { className: "intake-row", data: { intakeId: intake.id } }, [
        el("td", {}, [
          userText("a", intakeLabel(intake.id, intake.name), { href: href, className: "intake-link" }),
          el("br"),
          el("span", { className: "muted", text: languageName(intake.language) + " · " + TEXT.started.toLowerCase() +
            " " + formatDateTime(intake.created_at) }),
        ]),
        userText("td", municipalityName(intake.municipality_code)),
        el("td", {}, [el("span", {
          className: "status " + (intake.complete ? "complete" : "partial"),
          text: intake.complete ? TEXT.complete : TEXT.partial,
        })]),
        el("td", {}, [deadlineCell(intake.pip_deadline)]),
        el("td", {}, [flagList(intake.flags)]),
      ]);
      // The whole row opens the intake on a tablet; the link keeps it reachable by keyboard.
      row.addEventListener("click", (event) => {
        if (!(event.target instanceof HTMLAnchorElement)) location.hash = href;
      });
      body.append(row);
    });
  }

  $("intake-filters").addEventListener("submit", (event) => {
    event.preventDefault();
    if (location.hash !== "#/intakes") location.hash = "#/intakes";
    else route();
  });

  function fieldsOf(intake) {
    return intake.sections.flatMap((s) => s.fields);
  }

  function nameOf(intake) {
    const field = fieldsOf(intake).find((f) => f.question_id === "full_name");
    return field && field.source && typeof field.display === "string" && field.value ? field.display : null;
  }

  function meta(label, value, id) {
    return el("div", { className: "meta-item" }, [el("dt", { text: label }), userText("dd", value, { id: id })]);
  }

  function deadlineText(iso) { return formatDate(iso) + " (" + TEXT.daysLeft(daysUntil(iso)) + ")"; }

  async function showIntake(id, seq) {
    showView("intake");
    $("intake-head").textContent = TEXT.loading;
    $("intake-sections").textContent = "";
    $("slots").textContent = "";
    hideMessage($("slot-message"));
    clearTimeline();
    state.intake = null; // late answers about the previous intake are dropped
    const intake = await api("GET", "/api/intakes/" + encodeURIComponent(id));
    if (!current(seq)) return;
    state.intake = intake;
    const name = nameOf(intake);
    if (name) state.names.set(intake.id, name);
    renderIntakeHead(intake, name);
    renderSections(intake);
    await loadTimeline(intake.id);
  }

  function renderIntakeHead(intake, name) {
    const head = $("intake-head");
    head.textContent = "";
    const parts = [
      // The name keeps its own direction; the heading stays aligned with the Dutch page.
      el("h2", {}, [userText("span", name || TEXT.intakeOf(intake.id), { id: "intake-name" })]),
      intake.flags.length ? flagList(intake.flags) : null,
      el("dl", { className: "meta" }, [
        meta(TEXT.municipality, municipalityName(intake.municipality_code)),
        meta(TEXT.status, intake.complete ? TEXT.complete : TEXT.partial),
        meta(TEXT.language, languageName(intake.language)),
        meta(TEXT.started, formatDateTime(intake.created_at)),
        meta(TEXT.submitted, formatDateTime(intake.submitted_at)),
        meta(TEXT.deadline, deadlineText(intake.pip_deadline), "intake-deadline"),
      ]),
      intake.help_requested_at
        ? el("p", { className: "help-requested", text: TEXT.helpRequested(formatDateTime(intake.help_requested_at)) })
        : null,
    ];
    head.append(...parts.filter((part) => part !== null));
  }

  function answered(field) { return field.source !== null; }

  function sourceText(source, at) {
    return (SOURCES[source] || source || "—") + (at ? " · " + formatDateTime(at) : "");
  }

  function originalBlock(field) {
    const hasOriginal = field.original_text && field.original_text !== field.display;
    if (!field.translation && !hasOriginal) return null;
    const parts = [];
    if (field.original_text) {
      parts.push(el("div", { className: "original" }, [
        el("div", { className: "caption", text: TEXT.originalWords(field.original_language) }),
        userText("div", field.original_text, { lang: field.original_language || "", className: "words" }),
      ]));
    }
    if (field.translation) {
      const t = field.translation;
      parts.push(el("div", { className: "translation" }, [
        el("div", { className: "caption" }, [
          TEXT.dutch + " ",
          userText("span", t.label, { className: "translation-label " + t.status }),
        ]),
        t.text_nl
          ? userText("div", t.text_nl, { lang: "nl", className: "words" })
          : el("div", { className: "words muted", text: TEXT.noTranslationYet }),
      ]));
    }
    return el("div", { className: "pair" }, parts);
  }

  function historyBlock(field) {
    if (field.history.length < 2) return null;
    const older = field.history.slice(0, -1).reverse();
    return el("details", { className: "history" }, [
      el("summary", { text: TEXT.history(older.length) }),
      el("ul", {}, older.map((v) => el("li", {}, [
        userText("span", v.display, { className: "value" }),
        " ",
        el("span", { className: "muted", text: "(" + sourceText(v.source, v.recorded_at) + ")" }),
        v.original_text && v.original_text !== v.display
          ? userText("span", v.original_text, { lang: v.original_language, className: "words" })
          : null,
      ]))),
    ]);
  }

  // -- Correcting a field ----------------------------------------------------------------------

  // One key per field of one intake: a repeating group's fields per item.
  function fieldKey(intakeId, field) {
    return intakeId + "/" + field.question_id + "/" + (field.item === null ? "" : field.item);
  }

  function fieldDomId(field, part) {
    return "field-" + field.question_id + (field.item === null ? "" : "-" + field.item) + "-" + part;
  }

  // A stored (maybe partial, maybe approximate) date as a Dutch case manager types it:
  // "1990-03-15" -> "15-03-1990", "1990-03" -> "03-1990", "~2003" -> "ca. 2003".
  function storedDateToDutch(stored) {
    const match = /^(~?)(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(stored);
    if (!match) return stored;
    const parts = [match[4], match[3], match[2]].filter(Boolean).join("-");
    return (match[1] ? "ca. " : "") + parts;
  }

  // What was typed as the stored form the API checks. What cannot be read is sent as typed,
  // so that the API's own Dutch message explains it (an impossible date too: "30-02-2023").
  function dutchDateToStored(text) {
    if (/^~?\d{4}(-\d{2}(-\d{2})?)?$/.test(text)) return text; // already the stored form
    const match = /^(?:(?:ca\.?|ongeveer|~)\s*)?(?:(\d{1,2})[-./ ])?(?:(\d{1,2})[-./ ])?(\d{4})$/i.exec(text);
    if (!match) return text;
    const approximate = /^(ca|ongeveer|~)/i.test(text) ? "~" : "";
    const pad = (n) => n.padStart(2, "0");
    const [, first, second, year] = match;
    if (first && second) return approximate + year + "-" + pad(second) + "-" + pad(first);
    if (first) return approximate + year + "-" + pad(first);
    return approximate + year;
  }

  function initialDraft(field) {
    const value = field.value;
    if (field.type === "multiple_choice") return Array.isArray(value) ? value.slice() : [];
    if (value === null || value === undefined) return "";
    if (field.type === "date") return storedDateToDutch(String(value));
    return String(value);
  }

  // The draft as the value the API stores for the question's type; null when nothing was given.
  function correctionValue(field, draft, badNumber) {
    if (field.type === "multiple_choice") return draft;
    const text = String(draft).trim();
    if (field.type === "number") {
      if (badNumber) return text; // the browser could not read it as a number: the API says why
      if (!text) return null;
      return /^-?\d+$/.test(text) ? Number(text) : text;
    }
    if (!text) return null;
    return field.type === "date" ? dutchDateToStored(text) : text;
  }

  // Whether a correction would store what is there already (the order of several choices aside).
  function sameAsCurrent(field, value) {
    if (!answered(field) || field.no_answer !== null) return false;
    const norm = (v) => JSON.stringify(Array.isArray(v) ? v.slice().sort() : v);
    return norm(value) === norm(field.value);
  }

  // Radio buttons or checkboxes for the options, in a fieldset named by its legend.
  function choiceSet(field, draft, multiple, hintId) {
    const name = fieldDomId(field, "choice");
    const chosen = multiple ? draft : [draft];
    return el("fieldset", { className: "correct-choices" + (multiple ? " multiple" : ""),
      "aria-describedby": hintId || null }, [
      el("legend", {}, [TEXT.newValue, el("span", { className: "visually-hidden", text: " – " + field.label })]),
      ...field.options.map((option, index) => {
        const id = name + "-" + index;
        return el("div", { className: "choice" }, [
          el("input", { type: multiple ? "checkbox" : "radio", id: id, name: name, value: option.code,
            checked: chosen.includes(option.code) }),
          userText("label", option.label, { htmlFor: id }),
        ]);
      }),
    ]);
  }

  // The input for the question's type; all of them read back with `readDraft`.
  function correctionInput(field, draft) {
    const id = fieldDomId(field, "input");
    const hintId = fieldDomId(field, "hint");
    const hintText = { date: TEXT.dateHint, phone: TEXT.phoneHint, multiple_choice: TEXT.chooseAll }[field.type];
    const hint = hintText ? el("p", { id: hintId, className: "hint", text: hintText }) : null;
    const label = el("label", { htmlFor: id }, [
      TEXT.newValue, el("span", { className: "visually-hidden", text: " – " + field.label }),
    ]);
    const common = { id: id, dir: "auto", "aria-describedby": hint ? hintId : null };
    if (field.type === "single_choice") {
      const select = el("select", { id: id }, [
        el("option", { value: "", text: TEXT.chooseOne }),
        ...field.options.map((o) => userText("option", o.label, { value: o.code })),
      ]);
      select.value = draft;
      return [label, select];
    }
    if (field.type === "yes_no") return [choiceSet(field, draft, false)];
    if (field.type === "multiple_choice") return [choiceSet(field, draft, true, hintId), hint];
    if (field.type === "long_text") {
      return [label, el("textarea", Object.assign(common, { rows: 4, maxLength: 4000, value: draft }))];
    }
    const types = { date: "text", number: "number", phone: "tel", email: "email" };
    const input = el("input", Object.assign(common, {
      type: types[field.type] || "text", value: draft, maxLength: field.type === "number" ? null : 500,
      autocomplete: "off", spellcheck: field.type === "text",
    }));
    if (field.type === "number") { input.step = "1"; input.inputMode = "numeric"; }
    if (field.type === "date") input.placeholder = TEXT.datePlaceholder;
    return [label, input, hint];
  }

  function readDraft(field, form) {
    if (field.type === "multiple_choice") {
      return [...form.querySelectorAll("input[type=checkbox]:checked")].map((i) => i.value);
    }
    if (field.type === "yes_no") {
      const checked = form.querySelector("input[type=radio]:checked");
      return checked ? checked.value : "";
    }
    return form.querySelector("#" + fieldDomId(field, "input")).value;
  }

  // The inline form: the right input, "Opslaan" and "Annuleren". On an error it stays open with
  // what was typed and the API's Dutch message; on success the intake is shown anew.
  // `focus`: opened by the case manager (not rebuilt by a re-render, which leaves focus alone).
  function correctionForm(intakeId, field, focus, onClose) {
    const key = fieldKey(intakeId, field);
    const draft = state.corrections.get(key);
    const box = el("div", { className: "message", role: "alert", hidden: true });
    const cancel = el("button", { type: "button", text: TEXT.cancelCorrection });
    const form = el("form", { className: "correct-form", noValidate: true }, [
      ...correctionInput(field, draft.value),
      el("div", { className: "buttons" }, [
        el("button", { type: "submit", className: "primary", text: TEXT.save }),
        cancel,
      ]),
      box,
    ]);
    if (draft.error) showMessage(draft.error, "error", box);
    const focusFirst = () => { const first = form.querySelector("input, select, textarea"); if (first) first.focus(); };
    const keep = () => { draft.value = readDraft(field, form); };
    form.addEventListener("input", keep);
    form.addEventListener("change", keep);
    function close() {
      state.corrections.delete(key);
      form.remove();
      onClose();
    }
    cancel.addEventListener("click", close);
    form.addEventListener("keydown", (event) => { if (event.key === "Escape") { event.preventDefault(); close(); } });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      keep();
      hideMessage(box);
      const input = form.querySelector("#" + fieldDomId(field, "input"));
      const badNumber = Boolean(input && input.validity && input.validity.badInput);
      const body = { value: correctionValue(field, draft.value, badNumber), item: field.item };
      if (sameAsCurrent(field, body.value)) {
        // Nothing to store: a new version would only hide the person's own words in the history.
        state.corrections.delete(key);
        state.notice = { key: key, text: TEXT.correctionUnchanged };
        if (state.intake && state.intake.id === intakeId) renderSections(state.intake);
        focusCorrect(field);
        return;
      }
      setButtons(form, true);
      const path = "/api/intakes/" + encodeURIComponent(intakeId) + "/fields/" + encodeURIComponent(field.question_id);
      try {
        await changeIntake(intakeId, "PUT", path, body, () => {
          state.corrections.delete(key); // saved: the form is not rebuilt
          state.notice = { key: key, text: TEXT.correctionSaved };
        });
      } catch (error) {
        if (error.handled) return; // logged out: the page is cleared anyway
        draft.error = error instanceof ApiError ? error.message : TEXT.failed("?");
        if (!form.isConnected) {
          // Re-rendered meanwhile (another change came back): the new form shows the message.
          if (state.intake && state.intake.id === intakeId) renderSections(state.intake);
          return;
        }
        report(error, box);
        setButtons(form, false);
        focusFirst();
        return;
      }
      focusCorrect(field);
    });
    if (focus) setTimeout(focusFirst, 0);
    return form;
  }

  // A correction or a confirmation; each returns the whole intake. While several are on their way,
  // the last one to come back shows the intake, read anew: the answers may come back in any order.
  // `done` runs once the API accepted the change, before the intake is shown again.
  async function changeIntake(intakeId, method, path, body, done) {
    state.changing += 1;
    let updated = null;
    try {
      updated = await api(method, path, body);
      state.unshown += 1;
      if (done) done();
    } finally {
      state.changing -= 1;
      if (state.changing === 0 && state.unshown > 0) {
        const fresh = state.unshown === 1 ? updated : null;
        state.unshown = 0;
        try {
          showUpdatedIntake(fresh || await api("GET", "/api/intakes/" + encodeURIComponent(intakeId)));
        } catch (error) {
          report(error);
        }
      }
    }
  }

  function focusCorrect(field) {
    const button = document.getElementById(fieldDomId(field, "correct"));
    if (button) button.focus();
  }

  // An intake the API returned after a change: head and sections again (the timeline stays).
  function showUpdatedIntake(intake) {
    if (!state.intake || state.intake.id !== intake.id) return; // the case manager went elsewhere
    state.intake = intake;
    const name = nameOf(intake);
    if (name) state.names.set(intake.id, name);
    renderIntakeHead(intake, name);
    renderSections(intake);
  }

  function fieldRow(intakeId, field) {
    const key = fieldKey(intakeId, field);
    const labelId = fieldDomId(field, "label");
    const label = el("div", { className: "field-label", id: labelId }, [
      field.label,
      field.sensitive ? el("span", { className: "badge sensitive", text: TEXT.sensitive, title: TEXT.sensitiveTitle }) : null,
    ]);
    const correct = el("button", {
      type: "button", className: "small correct-button", id: fieldDomId(field, "correct"), text: TEXT.correct,
      "aria-describedby": labelId,
    });
    const saved = state.notice && state.notice.key === key
      ? el("p", { className: "message info", role: "status", text: state.notice.text })
      : null;
    const row = el("div", {
      className: "field" + (answered(field) ? "" : " empty") + (field.sensitive ? " is-sensitive" : ""),
      data: { question: field.question_id, item: field.item === null ? "" : String(field.item) },
    }, [
      label,
      userText("div", field.display, { className: "value" }),
      el("div", { className: "field-tools" }, [
        el("div", { className: "source", text: answered(field) ? sourceText(field.source, field.recorded_at) : "" }),
        correct,
      ]),
      saved,
      originalBlock(field),
      historyBlock(field),
    ]);
    function open(focus) {
      correct.hidden = true;
      if (saved) saved.remove();
      row.append(correctionForm(intakeId, field, focus, () => { correct.hidden = false; correct.focus(); }));
    }
    correct.addEventListener("click", () => {
      state.corrections.set(key, { value: initialDraft(field), error: null });
      open(true);
    });
    if (state.corrections.has(key)) open(false);
    return row;
  }

  // -- Confirming a section ---------------------------------------------------------------------

  function sectionReview(intakeId, section) {
    const headingId = "section-" + section.id + "-title";
    const box = el("div", { className: "message", role: "alert", hidden: true });
    const reviewed = Boolean(section.reviewed_at);
    const button = el("button", {
      type: "button", className: "small confirm-section", id: "section-" + section.id + "-confirm",
      text: reviewed ? TEXT.confirmAgain : TEXT.confirmSection, "aria-describedby": headingId,
    });
    const status = reviewed
      ? userText("span", TEXT.reviewed(section.reviewed_by_name || "—", formatDateTime(section.reviewed_at)),
        { className: "review-status reviewed" })
      : el("span", { className: "review-status muted", text: TEXT.notReviewed });
    button.addEventListener("click", async () => {
      hideMessage(box);
      button.disabled = true;
      try {
        await changeIntake(intakeId, "POST", "/api/intakes/" + encodeURIComponent(intakeId) + "/sections/" +
          encodeURIComponent(section.id) + "/confirm");
      } catch (error) {
        report(error, box);
        button.disabled = false;
        return;
      }
      const again = document.getElementById("section-" + section.id + "-confirm");
      if (again) {
        again.focus();
        const message = again.closest(".section").querySelector(".section-review .message");
        showMessage(TEXT.sectionConfirmed, "info", message);
      }
    });
    return el("div", { className: "section-review" }, [status, button, box]);
  }

  function renderSections(intake) {
    const showEmpty = $("show-empty").checked;
    const container = $("intake-sections");
    container.textContent = "";
    // Unanswered fields are shown on request, and always while a correction of them is open.
    const shown = (f) => showEmpty || answered(f) || state.corrections.has(fieldKey(intake.id, f));
    intake.sections.forEach((section) => {
      const fields = section.fields.filter(shown);
      const groups = section.groups.filter((g) => showEmpty || g.answered || g.items.some((item) => item.some(shown)));
      const card = el("section", {
        className: "card section", data: { section: section.id }, "aria-labelledby": "section-" + section.id + "-title",
      }, [
        el("h3", { text: section.title, id: "section-" + section.id + "-title" }),
        sectionReview(intake.id, section),
      ]);
      if (!fields.length && !groups.length) card.append(el("p", { className: "muted", text: TEXT.notAnswered }));
      fields.forEach((f) => card.append(fieldRow(intake.id, f)));
      groups.forEach((group) => {
        const block = el("div", { className: "group", data: { question: group.question_id } }, [
          el("h4", { text: group.label }),
        ]);
        if (!group.items.length) block.append(el("p", { className: "muted", text: TEXT.groupEmpty }));
        group.items.forEach((item, index) => {
          block.append(el("div", { className: "group-item" }, [
            el("h5", { text: TEXT.item(index + 1) }), ...item.filter(shown).map((f) => fieldRow(intake.id, f)),
          ]));
        });
        card.append(block);
      });
      container.append(card);
    });
    state.notice = null; // said once
  }

  $("show-empty").addEventListener("change", () => { if (state.intake) renderSections(state.intake); });

  $("export-json").addEventListener("click", async () => {
    if (!state.intake) return;
    const id = state.intake.id;
    try {
      const data = await api("GET", "/api/intakes/" + encodeURIComponent(id) + "/export");
      const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
      const url = URL.createObjectURL(blob);
      const link = el("a", { href: url, download: "intake-" + id + ".json" });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (error) {
      report(error);
    }
  });

  // -- Planning an appointment from the intake page --------------------------------------------

  function slotText(slot) {
    const parts = [formatDateTime(slot.starts_at) + "–" + formatTime(slot.ends_at), slot.location,
      TEXT.caseManager.toLowerCase() + " " + slot.case_manager];
    parts.push(slot.interpreter ? TEXT.interpreter.toLowerCase() + " " + slot.interpreter : TEXT.noInterpreter);
    return parts.join(" · ");
  }

  async function searchSlots(keepMessage) {
    if (!state.intake) return;
    const intakeId = state.intake.id;
    const list = $("slots");
    const box = $("slot-message");
    if (!keepMessage) hideMessage(box);
    list.textContent = "";
    list.append(el("li", { className: "muted", text: TEXT.searching }));
    let slots;
    try {
      slots = await api("GET", "/api/intakes/" + encodeURIComponent(intakeId) + "/slots?type=" +
        encodeURIComponent($("slot-type").value));
    } catch (error) {
      list.textContent = "";
      report(error, box);
      return;
    }
    if (!state.intake || state.intake.id !== intakeId) return;
    list.textContent = "";
    if (!slots.length) list.append(el("li", { className: "muted", text: TEXT.noSlots }));
    slots.forEach((slot) => {
      const button = el("button", { type: "button", className: "primary", text: TEXT.book });
      button.addEventListener("click", () => book(intakeId, slot.token));
      list.append(el("li", { className: "slot" }, [userText("span", slotText(slot)), button]));
    });
  }

  async function book(intakeId, slotToken) {
    const box = $("slot-message");
    $("slots").querySelectorAll("button").forEach((b) => { b.disabled = true; });
    try {
      const appointment = await api("POST", "/api/intakes/" + encodeURIComponent(intakeId) + "/appointments",
        { token: slotToken });
      $("slots").textContent = "";
      showMessage(TEXT.booked(appointment), "info", box);
      await loadTimeline(intakeId);
    } catch (error) {
      report(error, box);
      if (error.handled) return;
      if (error.status === 409) await searchSlots(true); // someone was faster: fresh times
      else $("slots").querySelectorAll("button").forEach((b) => { b.disabled = false; });
    }
  }

  $("slot-form").addEventListener("submit", (event) => {
    event.preventDefault();
    searchSlots(false);
  });

  // -- Calendar --------------------------------------------------------------------------------

  async function showCalendar(seq) {
    showView("afspraken");
    const calendar = $("calendar");
    calendar.textContent = TEXT.loading;
    // The past 4 weeks too: appointments that began and have no outcome yet are listed first.
    const now = new Date();
    const start = new Date(now.getTime() - 28 * DAY_MS);
    const end = new Date(now.getTime() + 28 * DAY_MS);
    const query = "?start=" + encodeURIComponent(start.toISOString()) + "&end=" + encodeURIComponent(end.toISOString());
    const appointments = await api("GET", "/api/appointments" + query);
    if (!current(seq)) return;
    const context = { refresh: refreshCalendar, box: null, withDate: false, showPerson: true };
    const pastOpen = appointments.filter((a) => a.status === "booked" && started(a));
    const coming = appointments.filter((a) => !started(a));
    const pastList = $("past-open-list");
    pastList.textContent = "";
    pastOpen.forEach((a) => pastList.append(appointmentItem(a, Object.assign({}, context, { withDate: true }))));
    $("past-open").hidden = !pastOpen.length;
    calendar.textContent = "";
    if (!coming.length) {
      calendar.append(el("p", { className: "muted", text: TEXT.noAppointments }));
      return;
    }
    const days = new Map();
    coming.forEach((a) => {
      const key = dayKey(instant(a.starts_at));
      if (!days.has(key)) days.set(key, []);
      days.get(key).push(a);
    });
    days.forEach((list) => {
      calendar.append(el("section", { className: "day" }, [
        el("h3", { text: formats.day.format(instant(list[0].starts_at)) }),
        el("ul", { className: "appointments" }, list.map((a) => appointmentItem(a, context))),
      ]));
    });
  }

  // After a change in the calendar: shown again, unless the user went elsewhere meanwhile.
  async function refreshCalendar() {
    if (location.hash !== "#/afspraken") return;
    try {
      await showCalendar(++state.seq);
    } catch (error) {
      report(error);
    }
  }

  // One appointment, in the calendar or on an intake's timeline. `context`: refresh() shows the
  // list again after a change (never throws), box is where messages go (null: the page's own),
  // withDate shows the day as well as the time, showPerson links to the intake.
  function appointmentItem(a, context) {
    const interpreter = a.interpreter
      ? a.interpreter + (a.interpreter_by_phone ? " (" + TEXT.byPhone + ")" : "")
      : TEXT.noInterpreter;
    const when = (context.withDate ? formatDateTime(a.starts_at) : formatTime(a.starts_at)) + "–" + formatTime(a.ends_at);
    const stateBox = el("div", { className: "state" }, [
      el("span", { className: "status " + a.status, text: APPOINTMENT_STATUS[a.status] || a.status }),
    ]);
    const history = changeHistory(a);
    const item = el("li", {
      className: "appointment " + a.status + (context.withDate ? " dated" : ""),
      data: { appointmentId: a.id },
    }, [
      el("div", { className: "when", text: when }),
      el("div", { className: "what" }, [
        el("strong", { text: a.type }),
        context.showPerson ? " · " : null,
        context.showPerson
          ? userText("a", intakeLabel(a.intake_id, a.person), { href: "#/intakes/" + a.intake_id })
          : null,
        el("br"),
        userText("span", TEXT.location + ": " + a.location + (a.room ? ", " + a.room : "")),
        el("br"),
        userText("span", TEXT.caseManager + ": " + a.case_manager),
        el("br"),
        userText("span", TEXT.interpreter + ": " + interpreter),
      ]),
      stateBox,
      history,
    ]);
    if (a.status !== "booked") return item;
    const buttons = [];
    function action(text, className, makeForm) {
      const button = el("button", { type: "button", text: text, className: className });
      button.addEventListener("click", () => {
        buttons.forEach((b) => { b.hidden = true; });
        history.before(makeForm(() => { buttons.forEach((b) => { b.hidden = false; }); }));
      });
      buttons.push(button);
    }
    // An outcome only once the appointment has begun.
    if (started(a)) {
      action(TEXT.attended, "primary", (onBack) => outcomeForm(a, true, context, onBack));
      action(TEXT.noShow, "danger-outline", (onBack) => outcomeForm(a, false, context, onBack));
    }
    action(TEXT.move, "", (onBack) => moveForm(a, context, onBack));
    action(TEXT.cancel, "danger-outline", (onBack) => cancelForm(a, context, onBack));
    stateBox.append(...buttons);
    return item;
  }

  function setButtons(form, disabled) {
    form.querySelectorAll("button").forEach((b) => { b.disabled = disabled; });
  }

  function cancelForm(a, context, onBack) {
    const inputId = "cancel-reason-" + a.id;
    const input = el("input", { id: inputId, maxLength: 500, required: true, dir: "auto" });
    const back = el("button", { type: "button", text: TEXT.back });
    const form = el("form", { className: "cancel-form", noValidate: true }, [
      el("label", { htmlFor: inputId, text: TEXT.cancelReason }),
      input,
      el("div", { className: "buttons" }, [
        el("button", { type: "submit", className: "danger", text: TEXT.cancelConfirm }),
        back,
      ]),
    ]);
    back.addEventListener("click", () => { form.remove(); onBack(); });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const reason = input.value.trim();
      if (!reason) { showMessage(TEXT.needReason, "error", context.box); input.focus(); return; }
      setButtons(form, true);
      try {
        await api("POST", "/api/appointments/" + encodeURIComponent(a.id) + "/cancel", { reason: reason });
      } catch (error) {
        report(error, context.box);
        setButtons(form, false);
        return;
      }
      showMessage(TEXT.cancelled, "info", context.box);
      await context.refresh();
    });
    setTimeout(() => input.focus(), 0);
    return form;
  }

  // Moving: fresh times of the same type for this person, one of them, and a reason.
  function moveForm(a, context, onBack) {
    const prefix = "move-" + a.id;
    const reasonId = prefix + "-reason";
    const box = el("div", { className: "message", role: "alert", hidden: true });
    const choices = el("div", { className: "choices" });
    const reason = el("input", { id: reasonId, maxLength: 500, required: true, dir: "auto" });
    const submit = el("button", { type: "submit", className: "primary", text: TEXT.moveConfirm });
    const again = el("button", { type: "button", text: TEXT.searchAgain });
    const back = el("button", { type: "button", text: TEXT.back });
    const form = el("form", { className: "move-form", noValidate: true }, [
      el("fieldset", { className: "move-choices" }, [el("legend", { text: TEXT.moveChoose }), choices]),
      el("label", { htmlFor: reasonId, text: TEXT.moveReason }),
      reason,
      el("div", { className: "buttons" }, [submit, again, back]),
      box,
    ]);

    async function search(keepMessage, focus) {
      if (!keepMessage) hideMessage(box);
      choices.textContent = "";
      choices.append(el("p", { className: "muted", text: TEXT.searching }));
      submit.disabled = true;
      let slots;
      try {
        slots = await api("GET", "/api/intakes/" + encodeURIComponent(a.intake_id) + "/slots?type=" +
          encodeURIComponent(a.type_code));
      } catch (error) {
        choices.textContent = "";
        report(error, box);
        return;
      }
      choices.textContent = "";
      if (!slots.length) {
        choices.append(el("p", { className: "muted", text: TEXT.noSlots }));
        return;
      }
      slots.forEach((slot, index) => {
        const id = prefix + "-slot-" + index;
        choices.append(el("div", { className: "choice" }, [
          el("input", { type: "radio", id: id, name: prefix + "-slot", value: slot.token }),
          userText("label", slotText(slot), { htmlFor: id }),
        ]));
      });
      submit.disabled = false;
      if (focus) choices.querySelector("input").focus();
    }

    back.addEventListener("click", () => { form.remove(); onBack(); });
    again.addEventListener("click", () => { search(false, true); });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const chosen = choices.querySelector("input:checked");
      if (!chosen) { showMessage(TEXT.pickSlot, "error", box); return; }
      const text = reason.value.trim();
      if (!text) { showMessage(TEXT.needReason, "error", box); reason.focus(); return; }
      setButtons(form, true);
      let moved;
      try {
        moved = await api("POST", "/api/appointments/" + encodeURIComponent(a.id) + "/move",
          { token: chosen.value, reason: text });
      } catch (error) {
        report(error, box);
        if (error.handled) return;
        setButtons(form, false);
        if (error.status === 409) await search(true, true); // the time was taken meanwhile: fresh times
        return;
      }
      showMessage(TEXT.moved(moved), "info", context.box);
      await context.refresh();
    });
    search(false, true);
    return form;
  }

  // Attended or not: asked once more, since it cannot be undone (a no-show counts in the chain).
  function outcomeForm(a, attended, context, onBack) {
    const back = el("button", { type: "button", text: TEXT.back });
    const form = el("form", { className: "outcome-form", noValidate: true }, [
      el("p", { text: TEXT.outcomeQuestion(attended) }),
      el("div", { className: "buttons" }, [
        el("button", { type: "submit", className: attended ? "primary" : "danger", text: TEXT.outcomeConfirm }),
        back,
      ]),
    ]);
    back.addEventListener("click", () => { form.remove(); onBack(); });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      setButtons(form, true);
      try {
        await api("POST", "/api/appointments/" + encodeURIComponent(a.id) + "/outcome", { attended: attended });
      } catch (error) {
        report(error, context.box);
        setButtons(form, false);
        return;
      }
      showMessage(TEXT.outcomeSaved(attended), "info", context.box);
      await context.refresh();
    });
    setTimeout(() => form.querySelector("button").focus(), 0);
    return form;
  }

  // Who changed what when, read each time it is opened.
  function changeHistory(a) {
    const list = el("ul", { className: "changes" });
    const details = el("details", { className: "appointment-history" }, [
      el("summary", { text: TEXT.historyToggle }),
      list,
    ]);
    details.addEventListener("toggle", async () => {
      if (!details.open) return;
      list.textContent = "";
      list.append(el("li", { className: "muted", text: TEXT.loading }));
      let changes;
      try {
        changes = await api("GET", "/api/appointments/" + encodeURIComponent(a.id) + "/history");
      } catch (error) {
        const box = el("div", { className: "message" });
        list.textContent = "";
        list.append(el("li", {}, [box]));
        report(error, box);
        return;
      }
      list.textContent = "";
      if (!changes.length) list.append(el("li", { className: "muted", text: TEXT.noHistory }));
      changes.forEach((change) => list.append(changeItem(change)));
    });
    return details;
  }

  function changeItem(c) {
    let times = null;
    if (c.action === "moved" && c.old_starts_at && c.new_starts_at) {
      times = " " + TEXT.fromTo(formatDateTime(c.old_starts_at), formatDateTime(c.new_starts_at));
    } else if (c.new_starts_at) {
      times = " " + TEXT.on(formatDateTime(c.new_starts_at));
    }
    return el("li", { className: "change", data: { action: c.action } }, [
      el("span", { className: "change-at", text: formatDateTime(c.at) }),
      " · ",
      el("strong", { text: TEXT.changeActions[c.action] || c.action }),
      times,
      " " + TEXT.by + " ",
      c.staff_user
        ? userText("span", c.staff_user, { className: "change-who" })
        : el("span", { className: "change-who", text: TEXT.changeActors[c.actor] || c.actor }),
      c.reason ? el("div", { className: "change-reason" }, [TEXT.reasonIs, userText("span", c.reason)]) : null,
    ]);
  }

  // -- The timeline of one intake: 10-week clock, invitation chain, appointments, problems -----

  function typeLabel(code) {
    const option = Array.from($("slot-type").options).find((o) => o.value === code);
    return option ? option.textContent : code;
  }

  function clearTimeline() {
    ["timeline-meta", "invitations", "timeline-appointments", "problems", "next-invitation", "timeline-loading"]
      .forEach((id) => { $(id).textContent = ""; });
    $("timeline-body").hidden = true;
    $("invitation-form").hidden = true;
    $("term-start").value = "";
    $("invitation-respond-by").value = "";
    hideMessage($("timeline-message"));
  }

  function timelineOf(intakeId) { return state.intake !== null && state.intake.id === intakeId; }

  // Never throws: a failure is shown in the timeline's own message box.
  async function loadTimeline(intakeId) {
    if ($("timeline-body").hidden) $("timeline-loading").textContent = TEXT.loading;
    try {
      const timeline = await api("GET", "/api/intakes/" + encodeURIComponent(intakeId) + "/timeline");
      if (timelineOf(intakeId)) renderTimeline(intakeId, timeline);
    } catch (error) {
      if (!timelineOf(intakeId)) return;
      $("timeline-loading").textContent = "";
      report(error, $("timeline-message"));
    }
  }

  function invitationItem(invitation) {
    let response = TEXT.noResponse;
    if (invitation.responded_at) response = TEXT.respondedOn(formatDay(invitation.responded_at));
    else if (daysUntil(invitation.respond_by) < 0) response = TEXT.overdue;
    return el("li", {
      className: "invitation" + (invitation.responded_at ? " responded" : ""),
      data: { step: invitation.step },
    }, [
      el("strong", { text: TEXT.steps[invitation.step] || invitation.step }),
      invitation.fine_eur ? " · " : null,
      invitation.fine_eur ? el("span", { className: "fine", text: TEXT.fine(formats.money.format(invitation.fine_eur)) }) : null,
      el("br"),
      el("span", {
        className: "muted",
        text: [TEXT.sentOn(formatDay(invitation.sent_at)), TEXT.respondBy(formatDate(invitation.respond_by)), response]
          .join(" · "),
      }),
    ]);
  }

  function problemItem(problem) {
    return el("li", { className: "problem", data: { reason: problem.reason } }, [
      el("strong", { text: typeLabel(problem.type_code) + ": " + (TEXT.problemReasons[problem.reason] || problem.reason) }),
      el("br"),
      userText("span", problem.detail),
      " ",
      el("span", { className: "muted", text: "(" + TEXT.foundOn(formatDateTime(problem.found_at)) + ")" }),
    ]);
  }

  function renderTimeline(intakeId, timeline) {
    $("timeline-loading").textContent = "";
    const days = daysUntil(timeline.pip_deadline);
    const metaList = $("timeline-meta");
    metaList.textContent = "";
    metaList.append(
      meta(TEXT.termStart, formatDate(timeline.term_start) + " (" +
        (timeline.term_start_estimated ? TEXT.estimated : TEXT.recorded) + ")", "timeline-term-start"),
      meta(TEXT.deadline, deadlineText(timeline.pip_deadline), "timeline-deadline"),
    );
    if (days < 21) $("timeline-deadline").className = "deadline urgent";
    // The head above shows the same deadline: a recorded start date changes it.
    if (state.intake) state.intake.pip_deadline = timeline.pip_deadline;
    const head = $("intake-deadline");
    if (head) head.textContent = deadlineText(timeline.pip_deadline);
    $("term-start").value = timeline.term_start_estimated ? "" : timeline.term_start;

    const invitations = $("invitations");
    invitations.textContent = "";
    if (!timeline.invitations.length) invitations.append(el("li", { className: "muted", text: TEXT.noInvitations }));
    timeline.invitations.forEach((invitation) => invitations.append(invitationItem(invitation)));
    const last = timeline.invitations[timeline.invitations.length - 1];
    const next = timeline.next_invitation_step;
    if (next) $("next-invitation").textContent = TEXT.nextStep(TEXT.steps[next] || next);
    else $("next-invitation").textContent = last && last.responded_at ? TEXT.chainAnswered : TEXT.chainComplete;
    $("invitation-form").hidden = !next;
    if (!$("invitation-respond-by").value) $("invitation-respond-by").value = dateAfter(14);

    const appointments = $("timeline-appointments");
    appointments.textContent = "";
    const context = { refresh: refreshTimeline, box: $("timeline-message"), withDate: true, showPerson: false };
    async function refreshTimeline() {
      hideMessage($("slot-message")); // "Afspraak gemaakt: ..." may no longer be true
      await loadTimeline(intakeId);
    }
    if (!timeline.appointments.length) {
      appointments.append(el("li", { className: "muted", text: TEXT.noTimelineAppointments }));
    }
    timeline.appointments.forEach((a) => appointments.append(appointmentItem(a, context)));

    const problems = $("problems");
    problems.textContent = "";
    if (!timeline.scheduling_problems.length) problems.append(el("li", { className: "muted", text: TEXT.noProblems }));
    timeline.scheduling_problems.forEach((problem) => problems.append(problemItem(problem)));
    $("timeline-body").hidden = false;
  }

  $("term-start-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!state.intake) return;
    const intakeId = state.intake.id;
    const box = $("timeline-message");
    const startsOn = $("term-start").value;
    if (!startsOn) { showMessage(TEXT.fillDate, "error", box); $("term-start").focus(); return; }
    const form = $("term-start-form");
    setButtons(form, true);
    try {
      const timeline = await api("PUT", "/api/intakes/" + encodeURIComponent(intakeId) + "/term-start",
        { starts_on: startsOn });
      if (!timelineOf(intakeId)) return;
      renderTimeline(intakeId, timeline);
      showMessage(TEXT.termStartSaved(formatDate(startsOn)), "info", box);
    } catch (error) {
      report(error, box);
    } finally {
      setButtons(form, false);
    }
  });

  $("invitation-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!state.intake) return;
    const intakeId = state.intake.id;
    const box = $("timeline-message");
    const respondBy = $("invitation-respond-by").value;
    if (!respondBy) { showMessage(TEXT.fillDate, "error", box); $("invitation-respond-by").focus(); return; }
    if (daysUntil(respondBy) < 1) {
      showMessage(TEXT.respondByFuture, "error", box);
      $("invitation-respond-by").focus();
      return;
    }
    const form = $("invitation-form");
    setButtons(form, true);
    try {
      const timeline = await api("POST", "/api/intakes/" + encodeURIComponent(intakeId) + "/invitations",
        { respond_by: respondBy });
      if (!timelineOf(intakeId)) return;
      renderTimeline(intakeId, timeline);
      const sent = timeline.invitations[timeline.invitations.length - 1];
      showMessage(TEXT.invitationSent(TEXT.steps[sent.step] || sent.step), "info", box);
    } catch (error) {
      report(error, box);
      if (!error.handled && error.status === 409) await loadTimeline(intakeId); // a colleague was first
    } finally {
      setButtons(form, false);
    }
  });

  // -- Availability ----------------------------------------------------------------------------

  const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6].map((i) => formats.weekday.format(new Date(Date.UTC(2024, 0, 1 + i))));

  async function showResources(seq) {
    showView("beschikbaarheid");
    const container = $("resources");
    container.textContent = TEXT.loading;
    const resources = await api("GET", "/api/resources");
    if (!current(seq)) return;
    container.textContent = "";
    if (!resources.length) container.append(el("p", { className: "muted", text: TEXT.noResources }));
    Object.keys(TEXT.kinds).forEach((kind) => {
      const ofKind = resources.filter((r) => r.kind === kind);
      if (!ofKind.length) return;
      container.append(el("h3", { text: TEXT.kinds[kind] }),
        el("div", { className: "resources" }, ofKind.map(resourceCard)));
    });
  }

  function hoursList(hours) {
    if (!hours.length) return el("p", { className: "muted", text: TEXT.noHours });
    const days = new Map();
    hours.forEach((h) => {
      if (!days.has(h.weekday)) days.set(h.weekday, []);
      days.get(h.weekday).push(h.starts.slice(0, 5) + "–" + h.ends.slice(0, 5));
    });
    return el("ul", { className: "hours" }, [...days.entries()].map(([day, periods]) =>
      el("li", {}, [el("span", { className: "weekday", text: WEEKDAYS[day] }), " " + periods.join(", ")])));
  }

  function resourceCard(resource) {
    const details = [];
    if (resource.location) details.push(TEXT.location + ": " + resource.location);
    if (resource.languages.length) details.push(TEXT.languages + ": " + resource.languages.map(languageName).join(", "));
    if (resource.by_phone) details.push(TEXT.byPhone);
    const absences = resource.absences.length
      ? el("ul", { className: "absences" }, resource.absences.map((absence) => absenceItem(resource, absence)))
      : el("p", { className: "muted", text: TEXT.noAbsences });
    return el("article", { className: "card resource", data: { resourceId: String(resource.id) } }, [
      userText("h4", resource.name),
      details.length ? userText("p", details.join(" · "), { className: "muted" }) : null,
      el("h5", { text: TEXT.hours }),
      hoursList(resource.hours),
      hoursEditor(resource),
      el("h5", { text: TEXT.absences }),
      absences,
      absenceForm(resource),
    ]);
  }

  // The weekly hours, edited as a whole: per weekday none, one or more periods. The API checks
  // them (an end after the start, no overlap on one day) and says so in Dutch.
  function hoursEditor(resource) {
    const prefix = "hours-" + resource.id;
    const box = el("div", { className: "message", role: "alert", hidden: true });
    const save = el("button", { type: "submit", className: "primary", text: TEXT.saveHours });
    const reset = el("button", { type: "button", text: TEXT.back });
    const days = WEEKDAYS.map((name, weekday) => hoursDay(prefix, name.charAt(0).toUpperCase() + name.slice(1),
      weekday, resource.hours.filter((h) => h.weekday === weekday)));
    const form = el("form", { className: "hours-form", noValidate: true }, [
      ...days,
      el("div", { className: "buttons" }, [save, reset]),
      box,
    ]);
    const details = el("details", { className: "edit-hours" }, [el("summary", { text: TEXT.editHours }), form]);
    // Back: the hours as they are stored, the changes made here dropped.
    reset.addEventListener("click", () => { replaceCard(resource.id, resource); });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      hideMessage(box);
      const hours = [];
      let empty = null;
      form.querySelectorAll(".period").forEach((row) => {
        const from = row.querySelector(".period-from");
        const to = row.querySelector(".period-to");
        if (!from.value || !to.value) {
          empty = empty || (from.value ? to : from);
          return;
        }
        hours.push({ weekday: Number(row.dataset.weekday), starts: from.value.slice(0, 5), ends: to.value.slice(0, 5) });
      });
      if (empty) { showMessage(TEXT.fillHours, "error", box); empty.focus(); return; }
      setButtons(form, true);
      let updated;
      try {
        updated = await api("PUT", "/api/resources/" + resource.id + "/hours", hours);
      } catch (error) {
        report(error, box);
        setButtons(form, false);
        return;
      }
      replaceCard(resource.id, updated);
      showMessage(TEXT.hoursSaved(updated.name), "info");
    });
    return details;
  }

  function hoursDay(prefix, name, weekday, hours) {
    const list = el("ul", { className: "periods" });
    const none = el("p", { className: "muted no-periods", text: TEXT.noPeriods });
    const add = el("button", { type: "button", className: "small", text: TEXT.addPeriod });
    const dayId = prefix + "-day-" + weekday;
    // Labels say which day and which period, also after one is removed.
    function relabel() {
      const rows = Array.from(list.children);
      rows.forEach((row, index) => {
        row.querySelector(".period-from").setAttribute("aria-label", TEXT.periodFrom(name, index + 1));
        row.querySelector(".period-to").setAttribute("aria-label", TEXT.periodTo(name, index + 1));
        row.querySelector("button").setAttribute("aria-label", TEXT.removePeriod(name, index + 1));
      });
      none.hidden = rows.length > 0;
    }
    function period(starts, ends) {
      const remove = el("button", { type: "button", className: "danger-outline small", text: TEXT.remove });
      const row = el("li", { className: "period", data: { weekday: String(weekday) } }, [
        el("input", { type: "time", className: "period-from", value: starts, step: 900 }),
        el("span", { text: TEXT.to }),
        el("input", { type: "time", className: "period-to", value: ends, step: 900 }),
        remove,
      ]);
      remove.addEventListener("click", () => { row.remove(); relabel(); add.focus(); });
      return row;
    }
    hours.forEach((h) => list.append(period(h.starts.slice(0, 5), h.ends.slice(0, 5))));
    add.addEventListener("click", () => {
      // A first period gets office hours; a next one starts where the last one ends.
      const last = list.lastElementChild;
      const row = last ? period(last.querySelector(".period-to").value, "") : period("09:00", "17:00");
      list.append(row);
      relabel();
      row.querySelector(last ? ".period-to" : ".period-from").focus();
    });
    relabel();
    return el("fieldset", { className: "hours-day", id: dayId, data: { weekday: String(weekday) } }, [
      el("legend", { text: name }),
      none,
      list,
      add,
    ]);
  }

  function absenceItem(resource, absence) {
    const remove = el("button", { type: "button", text: TEXT.remove, className: "danger-outline small" });
    remove.addEventListener("click", async () => {
      remove.disabled = true;
      try {
        const updated = await api("DELETE", "/api/resources/" + resource.id + "/absences/" + absence.id);
        replaceCard(resource.id, updated);
        showMessage(TEXT.removed, "info");
      } catch (error) {
        report(error);
        remove.disabled = false;
      }
    });
    return el("li", { data: { absenceId: String(absence.id) } }, [
      el("span", { text: formatDateTime(absence.starts_at) + " – " + formatDateTime(absence.ends_at) }),
      absence.reason ? userText("span", absence.reason, { className: "reason" }) : null,
      remove,
    ]);
  }

  function replaceCard(resourceId, updated) {
    const old = document.querySelector('.resource[data-resource-id="' + resourceId + '"]');
    if (old) old.replaceWith(resourceCard(updated));
  }

  function dateTimeInputs(prefix, caption, defaults) {
    const dateId = prefix + "-date";
    const timeId = prefix + "-time";
    return el("fieldset", { className: "when-inputs" }, [
      el("legend", { text: caption }),
      el("label", { htmlFor: dateId, className: "visually-hidden", text: caption + " " + TEXT.date }),
      el("input", { id: dateId, type: "date", value: defaults[0], required: true }),
      el("label", { htmlFor: timeId, className: "visually-hidden", text: caption + " " + TEXT.time }),
      el("input", { id: timeId, type: "time", value: defaults[1], required: true, step: 900 }),
    ]);
  }

  function absenceForm(resource) {
    const prefix = "absence-" + resource.id;
    const today = dayKey(new Date());
    const reasonId = prefix + "-reason";
    const form = el("form", { className: "absence-form", noValidate: true }, [
      dateTimeInputs(prefix + "-from", TEXT.from, [today, "09:00"]),
      dateTimeInputs(prefix + "-until", TEXT.until, [today, "17:00"]),
      el("label", { htmlFor: reasonId, text: TEXT.reason }),
      el("input", { id: reasonId, maxLength: 200, dir: "auto" }),
      el("button", { type: "submit", className: "primary", text: TEXT.add }),
    ]);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const value = (suffix) => $(prefix + suffix).value;
      if (!value("-from-date") || !value("-from-time") || !value("-until-date") || !value("-until-time")) {
        showMessage(TEXT.fillAbsence, "error");
        return;
      }
      const startsAt = amsterdamInstant(value("-from-date"), value("-from-time"));
      const endsAt = amsterdamInstant(value("-until-date"), value("-until-time"));
      if (endsAt <= startsAt) { showMessage(TEXT.endAfterStart, "error"); return; }
      const reason = value("-reason").trim();
      const submit = form.querySelector("button[type=submit]");
      submit.disabled = true;
      try {
        const updated = await api("POST", "/api/resources/" + resource.id + "/absences", {
          starts_at: startsAt.toISOString(), ends_at: endsAt.toISOString(), reason: reason || null,
        });
        replaceCard(resource.id, updated);
        showMessage(TEXT.added, "info");
      } catch (error) {
        report(error);
        submit.disabled = false;
      }
    });
    return el("details", { className: "add-absence" }, [el("summary", { text: TEXT.addAbsence }), form]);
  }

  // -- Translating: the human translation queue --------------------------------------------------

  // Volunteers and case managers translate free text no machine model can; the API decides
  // which answers each may see. Only the question and the words are shown, never who wrote them.
  async function showTranslations(seq) {
    showView("vertalen");
    const status = $("translation-status").value;
    $("translations-count").textContent = TEXT.loading;
    const items = await api("GET", "/api/translations?status=" + encodeURIComponent(status));
    if (!current(seq)) return;
    const list = $("translations");
    list.textContent = "";
    list.dataset.status = status;
    items.forEach((item) => list.append(translationItem(item)));
    countTranslations(items.length >= QUEUE_LIMIT);
  }

  function countTranslations(limited) {
    const list = $("translations");
    const n = list.querySelectorAll(".translation-item").length;
    $("translations-count").textContent = TEXT.toDo(n, list.dataset.status) + (limited ? TEXT.firstOnly(n) : "");
  }

  // A catalog code with an underscore (fa_AF) as a language tag (fa-AF), for fonts and speech.
  function langTag(code) { return String(code || "").replace("_", "-"); }

  function translationItem(item) {
    const textId = "translation-" + item.id + "-text";
    const box = el("div", { className: "message", role: "alert", hidden: true });
    const machine = item.status === "machine" && item.text_nl;
    const draft = state.drafts.get(item.id);
    const textarea = el("textarea", {
      id: textId, rows: 4, maxLength: 4000, dir: "auto", lang: "nl", spellcheck: true,
      value: draft !== undefined ? draft : machine ? item.text_nl : "",
    });
    const submit = el("button", { type: "submit", className: "primary", text: TEXT.save });
    const form = el("form", { className: "translate-form", noValidate: true }, [
      el("label", { htmlFor: textId, text: TEXT.dutchTranslation }),
      textarea,
      el("div", { className: "buttons" }, [submit]),
      box,
    ]);
    const statusLabel = TEXT.translationStatus[item.status] || item.status;
    const card = el("li", { className: "card translation-item", data: { translationId: String(item.id) } }, [
      el("h3", { className: "question", text: item.question }),
      el("p", { className: "muted" }, [
        TEXT.language + ": " + languageName(item.source_language) + " · " +
          TEXT.receivedOn(formatDateTime(item.created_at)) + " · ",
        el("span", { className: "translation-label " + item.status, text: statusLabel }),
      ]),
      el("div", { className: "pair" }, [
        el("div", { className: "original" }, [
          el("div", { className: "caption", text: TEXT.originalWords(item.source_language) }),
          userText("div", item.original_text, { lang: langTag(item.source_language), className: "words" }),
        ]),
        machine ? el("div", { className: "translation" }, [
          el("div", { className: "caption" }, [
            TEXT.machineTranslation + " ",
            el("span", { className: "translation-label machine", text: statusLabel }),
          ]),
          userText("div", item.text_nl, { lang: "nl", className: "words" }),
        ]) : null,
      ]),
      form,
    ]);
    // What was typed survives a refresh of the list (in memory, gone at logout or tab close).
    textarea.addEventListener("input", () => { state.drafts.set(item.id, textarea.value); });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      hideMessage(box);
      setButtons(form, true);
      let saved;
      try {
        saved = await api("PUT", "/api/translations/" + encodeURIComponent(item.id), { text_nl: textarea.value });
      } catch (error) {
        report(error, box);
        setButtons(form, false);
        if (!error.handled) textarea.focus();
        return;
      }
      state.drafts.delete(item.id);
      // The item leaves the list; a line in its place says it was saved.
      card.replaceWith(el("li", { className: "translation-done", text: TEXT.translationSaved(saved.question) }));
      countTranslations(false);
    });
    return card;
  }

  $("translation-filters").addEventListener("submit", (event) => {
    event.preventDefault();
    if (location.hash !== "#/vertalen") location.hash = "#/vertalen";
    else route();
  });

  $("translation-status").addEventListener("change", () => { route(); });

  route();
})();
