// The agent page: plain JavaScript on the desk's /v1 API, no build step. Every text from the
// server is put in with textContent, never as HTML.
"use strict";

const $ = (id) => document.getElementById(id);
let token = sessionStorage.getItem("svcr-token") || "";
let current = null; // the case shown: its id and ETag

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

function say(message, isError) {
  const s = $("status");
  s.textContent = message;
  s.classList.toggle("error", !!isError);
  if (isError) s.focus();
}

// A call to the API: the parsed body and the status; throws with the server's message.
async function api(path, options) {
  const opts = options || {};
  const headers = Object.assign({ Authorization: "Bearer " + token }, opts.headers || {});
  if (opts.body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch("/v1/" + path, {
    method: opts.method || "GET",
    headers: headers,
    body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error((body.error && body.error.message) || response.statusText);
    error.status = response.status;
    error.body = body;
    throw error;
  }
  return { body: body, etag: response.headers.get("ETag") };
}

function money(m) {
  return m ? (m.amount_minor / 100).toFixed(2) + " " + m.currency : "";
}

async function signIn(newToken) {
  token = newToken;
  try {
    await loadDue();
  } catch (e) {
    if (e.status === 401) {
      sessionStorage.removeItem("svcr-token");
      $("login").hidden = false;
      $("desk").hidden = true;
      $("who").textContent = "";
      alertLogin(e.message);
      return;
    }
    say(e.message, true);
  }
  sessionStorage.setItem("svcr-token", token);
  $("login").hidden = true;
  $("desk").hidden = false;
  $("who").textContent = "Signed in";
  $("case-id").focus();
}

function alertLogin(message) {
  let p = $("login-error");
  if (!p) {
    p = el("p", "", "status error");
    p.id = "login-error";
    p.setAttribute("role", "alert");
    $("login-form").appendChild(p);
  }
  p.textContent = message;
}

async function loadDue() {
  const within = $("within").value;
  const { body } = await api("due?within=" + encodeURIComponent(within));
  const list = $("due-list");
  list.replaceChildren();
  const entries = body.overdue.map((e) => [e, true]).concat(body.due.map((e) => [e, false]));
  if (entries.length === 0) list.appendChild(el("li", "Nothing due within " + within + "."));
  for (const [e, overdue] of entries) {
    const li = el("li");
    li.appendChild(el("span", (overdue ? "overdue: " : "") + e.case + " — " + e.timer + " due " +
      e.due_at + " (" + e.state + ")", overdue ? "overdue" : ""));
    const open = el("button", "Open", "secondary");
    open.type = "button";
    open.setAttribute("aria-label", "Open case " + e.case);
    open.addEventListener("click", () => openCase(e.case));
    li.appendChild(open);
    list.appendChild(li);
  }
}

function showCase(view, etag) {
  current = { id: view.id, etag: etag, view: view };
  $("case").hidden = false;
  $("case-name").textContent = view.id;
  $("case-state").textContent = view.state + " (" + view.kind + ")";
  $("case-customer").textContent = [view.customer, view.tier].filter(Boolean).join(", ") || "—";
  $("case-severity").textContent = view.severity || "—";
  $("case-guidance").textContent = view.guidance;
  const facts = $("case-facts");
  facts.replaceChildren();
  for (const [name, value] of Object.entries(view.facts)) {
    facts.appendChild(el("dt", name));
    facts.appendChild(el("dd", typeof value === "object" && value ? money(value) : value));
  }
  const timers = $("case-timers");
  timers.replaceChildren();
  for (const t of view.timers || []) {
    timers.appendChild(el("li", t.timer + ": " + t.status + (t.due_at ? ", due " + t.due_at : "")));
  }
  const select = $("event");
  select.replaceChildren();
  for (const n of view.next) {
    const option = el("option", n.event + (n.ready ? "" : " (blocked)"));
    option.value = n.event;
    select.appendChild(option);
  }
  describeEvent(view);
  const log = $("case-log");
  log.replaceChildren();
  for (const e of view.log || []) {
    log.appendChild(el("li", e.at + " " + e.event + ": " + e.from + " → " + e.to + " (" + e.role + ")" +
      (e.note ? " — " + e.note : "")));
  }
  $("offer").replaceChildren();
}

function describeEvent(view) {
  const chosen = (view.next || []).find((n) => n.event === $("event").value);
  $("event-help").textContent = chosen && !chosen.ready && chosen.blocked_by ? chosen.blocked_by : "";
}

async function openCase(id) {
  try {
    const { body, etag } = await api("cases/" + encodeURIComponent(id));
    showCase(body, etag);
    say("Case " + body.id + " is in state " + body.state + ".");
    $("case-title").scrollIntoView();
  } catch (e) {
    say(e.message, true);
  }
}

function parseFacts(text) {
  const facts = {};
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    const eq = trimmed.indexOf("=");
    if (eq <= 0) throw new Error("Facts: \"" + trimmed + "\" is not NAME=VALUE");
    facts[trimmed.slice(0, eq).trim()] = trimmed.slice(eq + 1).trim();
  }
  return facts;
}

async function applyEvent(ev) {
  ev.preventDefault();
  if (!current) return;
  let facts;
  try {
    facts = parseFacts($("facts").value);
  } catch (e) {
    say(e.message, true);
    return;
  }
  const body = { event: $("event").value, facts: facts };
  if ($("note").value) body.note = $("note").value;
  try {
    const result = await api("cases/" + encodeURIComponent(current.id) + "/events", {
      method: "POST", body: body, headers: current.etag ? { "If-Match": current.etag } : {},
    });
    showCase(result.body, result.etag);
    $("facts").value = "";
    $("note").value = "";
    say(body.event + " recorded: case " + result.body.id + " is now in state " + result.body.state + ".");
    loadDue().catch(() => {});
  } catch (e) {
    let message = e.message;
    if (e.status === 409 && e.body.error.allowed_events) {
      message += " (allowed now: " + e.body.error.allowed_events.join(", ") + ")";
    }
    if (e.status === 412) message += " The case was reloaded.";
    say(message, true);
    if (e.status === 412 || e.status === 409) openCaseQuietly(current.id);
  }
}

async function openCaseQuietly(id) {
  try {
    const { body, etag } = await api("cases/" + encodeURIComponent(id));
    showCase(body, etag);
  } catch (e) { /* the error shown already says more */ }
}

async function showOffer() {
  if (!current) return;
  const box = $("offer");
  box.replaceChildren();
  try {
    const { body } = await api("cases/" + encodeURIComponent(current.id) + "/offer");
    const table = el("table");
    const head = el("tr");
    for (const h of ["Offer", "Amount", "Approval", "Rule"]) head.appendChild(el("th", h));
    table.appendChild(head);
    for (const o of body.offers) {
      const row = el("tr");
      for (const v of [o.kind, money(o.amount), o.approval, o.rule]) row.appendChild(el("td", v || "—"));
      table.appendChild(row);
    }
    box.appendChild(table);
    const a = body.authority;
    box.appendChild(el("p", a.allowed ? a.acting + " may make this offer now."
      : "Needs " + a.escalate_to + " approval: escalate to " + a.escalate_to + "."));
  } catch (e) {
    say(e.message, true);
  }
}

async function checkReply(ev) {
  ev.preventDefault();
  const draft = $("draft").value;
  const box = $("reply-result");
  box.replaceChildren();
  try {
    const { body } = await api("check-reply", { method: "POST", body: { text: draft } });
    if (body.found === 0) {
      box.appendChild(el("p", "No discouraged phrases."));
      return;
    }
    box.appendChild(el("p", body.found + " discouraged phrase" + (body.found === 1 ? "" : "s") + ":"));
    const list = el("ul");
    for (const m of body.matches) {
      const li = el("li");
      li.appendChild(el("mark", m.text));
      li.appendChild(document.createTextNode(" — try: " + m.suggestions.join(" / ")));
      list.appendChild(li);
    }
    box.appendChild(list);
  } catch (e) {
    say(e.message, true);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("login-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    signIn($("token").value.trim());
  });
  $("due-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    loadDue().catch((e) => say(e.message, true));
  });
  $("open-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    openCase($("case-id").value.trim());
  });
  $("apply-form").addEventListener("submit", applyEvent);
  $("event").addEventListener("change", () => { if (current) describeEvent(current.view); });
  $("offer-button").addEventListener("click", showOffer);
  $("reply-form").addEventListener("submit", checkReply);
  $("logout").addEventListener("click", () => {
    sessionStorage.removeItem("svcr-token");
    token = "";
    location.reload();
  });
  if (token) signIn(token);
});
