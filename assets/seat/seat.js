// Breakglass seat: joins with a code, draws the view the host sends, sends decisions back.
// Everything shown comes from the host (texts included, in the seat's language); this file only
// lays it out. Drafts (parameters, districts, rationale) live here until sent.
"use strict";

const state = { ws: null, view: null, code: "", language: "en", tab: "levers", district: 0,
  drafts: {}, nextRef: 1, joined: false, retry: 0 };

const $ = (id) => document.getElementById(id);
const t = (key, fallback) => (state.view && state.view.strings[key]) || fallback || key;
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k === "style") e.style.cssText = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (v === true) e.setAttribute(k, "");
    else if (v !== false && v != null) e.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c != null) e.append(c.nodeType ? c : String(c));
  return e;
}

function connect() {
  const proto = location.protocol === "https:" ? "wss:" : "ws:";
  const ws = new WebSocket(`${proto}//${location.host}/ws`);
  state.ws = ws;
  ws.onopen = () => ws.send(JSON.stringify({ type: "join", code: state.code, language: state.language }));
  ws.onmessage = (ev) => receive(JSON.parse(ev.data));
  ws.onclose = () => {
    if (!state.joined) return;
    toast(t("seat.disconnected", "Connection lost; reconnecting…"), false);
    state.retry = Math.min(state.retry + 1, 5);
    setTimeout(connect, 500 * state.retry);
  };
}

function receive(msg) {
  if (msg.type === "error") {
    if (!state.joined) { $("join-error").textContent = msg.message; return; }
    toast(msg.message, false);
  } else if (msg.type === "welcome") {
    state.joined = true; state.retry = 0;
    sessionStorage.setItem("breakglass-seat", JSON.stringify({ code: state.code, language: state.language }));
    $("join").hidden = true; $("seat").hidden = false;
  } else if (msg.type === "ack") {
    toast((msg.ok ? t("seat.saved", "Saved") : t("seat.refused", "Refused")) + ": " + msg.message, msg.ok);
    if (msg.ok) for (const d of Object.values(state.drafts)) if (d.ref === msg.ref) { d.rationale = ""; d.confirm = false; }
  } else if (msg.type === "view") {
    state.view = msg.view;
    if (!tabs().some(([id]) => id === state.tab)) state.tab = tabs()[0][0];
    render();
  }
}

function send(obj) {
  if (!state.ws || state.ws.readyState !== 1) { toast(t("seat.disconnected", "Not connected"), false); return 0; }
  obj.ref = state.nextRef++;
  state.ws.send(JSON.stringify(obj));
  return obj.ref;
}

function toast(text, ok) { const e = $("toast"); e.textContent = text; e.className = ok ? "ok" : "bad"; }

function tabs() {
  const v = state.view, list = [];
  if (v.red) list.push(["red", t("seat.red.title")]);
  if (v.levers.length) list.push(["levers", t("seat.tab.levers")]);
  if (v.role === "evaluator") list.push(["evaluate", t("seat.tab.evaluate")]);
  if (!v.red) list.push(["outcomes", t("seat.tab.outcomes")]);
  if (!v.red) list.push(["injects", t("seat.tab.injects")]);
  if (v.feeds.length) list.push(["feed", t("seat.tab.feed")]);
  if (v.role !== "observer" && !v.red) list.push(["decisions", t("seat.tab.decisions")]);
  return list;
}

function render() {
  const v = state.view;
  document.documentElement.lang = v.language;
  document.title = `${v.role_name} · Breakglass`;
  $("role").textContent = v.role_name;
  $("scenario").textContent = v.scenario;
  $("clock").textContent = v.clock;
  $("turn").textContent = t("seat.turn").replace("{turn}", v.turn).replace("{turns}", v.turns);
  let phase = v.phase.text;
  if (v.phase.timer_left != null) phase += ` · ${v.phase.timer_left} s`;
  $("phase").textContent = phase;
  const ready = $("ready");
  const team = v.levers.length > 0 || (v.red && !v.red.automatic);
  const amReady = v.phase.ready.includes(v.role);
  ready.hidden = !team || v.phase.running || v.phase.finished;
  ready.textContent = amReady ? t("seat.not_ready") : t("seat.ready");
  ready.className = amReady ? "secondary" : "";
  ready.onclick = () => send({ type: "ready", ready: !amReady });
  $("tabs").replaceChildren(...tabs().map(([id, label]) => el("button", {
    role: "tab", "aria-selected": String(id === state.tab), "data-tab": id,
    onclick: () => { state.tab = id; render(); } }, label)));
  // Keep focus and caret in the field being typed in across redraws.
  const focused = document.activeElement && document.activeElement.id;
  const caret = focused && document.activeElement.selectionStart;
  const panel = { red, levers, evaluate, outcomes, injects, feed, decisions }[state.tab]();
  $("panel").replaceChildren(panel);
  if (focused && $(focused)) { const f = $(focused); f.focus(); if (caret != null && f.setSelectionRange) f.setSelectionRange(caret, caret); }
}

function draft(lever) {
  if (!state.drafts[lever.id]) state.drafts[lever.id] = { params: lever.params.map((p) => p.value), districts: [], rationale: "", confirm: false };
  const d = state.drafts[lever.id];
  if (lever.on && !d.touched) d.params = lever.params.map((p) => p.value);
  return d;
}

// Colour is never the only cue: every effect carries arrows (▲ up, ▼ down; two for strong).
function chips(list) {
  return el("div", { class: "chips" }, list.map((e) =>
    el("span", { class: e.tone }, `${e.label} ${(e.sign > 0 ? "▲" : "▼").repeat(Math.max(1, Math.abs(e.sign)))}`)));
}

function leverCard(l) {
  const d = draft(l);
  const card = el("article", { class: "card" + (l.on ? " on" : "") + (l.break_glass ? " glass" : ""), "data-lever": l.id });
  card.append(el("h3", {}, (l.on ? "✔ " : "") + l.name), el("div", { class: "small" }, l.category + " · " + l.status),
    el("div", { class: "small cost" + (l.fits ? "" : " over") }, l.cost), el("p", { class: "small" }, l.description),
    chips(l.effects));
  if (l.side_effects.length) card.append(el("div", { class: "small" }, t("seat.trade_offs")), chips(l.side_effects));
  l.params.forEach((p, k) => {
    const id = `p-${l.id}-${k}`;
    const out = el("output", { for: id }, fmt(d.params[k]));
    const input = el("input", { id, type: "range", min: p.min, max: p.max, step: (p.max - p.min) / 100, value: d.params[k], title: p.help,
      oninput: (e) => { d.params[k] = Number(e.target.value); d.touched = true; out.textContent = fmt(d.params[k]); } });
    card.append(el("label", { class: "param", for: id }, `${p.name}${p.unit && p.unit !== p.name ? " (" + p.unit + ")" : ""}`, out), input);
  });
  if (l.districts_allowed && !l.on) {
    card.append(el("div", { class: "small" }, t("seat.districts")));
    card.append(el("div", { class: "districts" }, state.view.districts.map((name) => {
      const id = `d-${l.id}-${name}`;
      return el("label", { for: id }, el("input", { id, type: "checkbox", checked: d.districts.includes(name),
        onchange: (e) => { d.districts = e.target.checked ? [...d.districts, name] : d.districts.filter((x) => x !== name); } }), name);
    })));
  } else if (l.scope.length) card.append(el("div", { class: "small" }, l.scope.join(", ")));
  const rid = `r-${l.id}`;
  card.append(el("label", { class: "small", for: rid }, t("seat.rationale")),
    el("textarea", { id: rid, maxlength: 2000, oninput: (e) => { d.rationale = e.target.value; } }, d.rationale));
  if (l.break_glass && !l.on) {
    const cid = `c-${l.id}`;
    card.append(el("label", { class: "small", for: cid }, el("input", { id: cid, type: "checkbox", checked: d.confirm,
      onchange: (e) => { d.confirm = e.target.checked; } }), " ", t("seat.confirm")));
  }
  const actions = el("div", { class: "actions" });
  if (l.on) {
    actions.append(el("button", { class: "secondary", "data-act": "disable",
      onclick: () => { d.ref = send({ type: "disable", id: l.id, rationale: d.rationale }); } }, t("seat.disable")));
    if (l.params.length) actions.append(el("button", { "data-act": "set",
      onclick: () => { d.ref = send({ type: "set", id: l.id, params: d.params, rationale: d.rationale }); } }, t("seat.apply")));
  } else {
    actions.append(el("button", { class: l.break_glass ? "danger" : "", "data-act": "enable", disabled: !l.fits,
      onclick: () => { d.ref = send({ type: "enable", id: l.id, params: d.params, districts: d.districts, confirm: d.confirm, rationale: d.rationale }); } },
      t("seat.enable")));
  }
  card.append(actions);
  return card;
}

// The red cell: what the organisation knows, and its moves within this turn's capacity.
function red() {
  const r = state.view.red, box = el("div");
  const share = r.budget > 0 ? Math.min(1, r.spent / r.budget) : 1;
  box.append(el("div", { class: "budget" },
    el("strong", {}, t("seat.red.capacity").replace("{spent}", r.spent).replace("{budget}", r.budget)),
    el("div", { class: "bar" }, el("div", { style: `width:${(share * 100).toFixed(0)}%` })),
    el("div", { class: "small" }, t("seat.red.accounts").replace("{live}", r.accounts_live).replace("{start}", r.accounts_start)
      + " · " + t("seat.red.banned").replace("{n}", r.banned_last_turn))));
  if (r.automatic) box.append(el("p", { class: "small", id: "red-automatic" }, t("seat.red.automatic")));
  box.append(el("h3", {}, t("seat.red.channels")), el("table", { class: "channels" },
    el("tr", {}, el("th", {}, ""), el("th", {}, t("seat.red.effort")), el("th", {}, t("seat.red.yield"))),
    r.channels.filter((c) => c.open || c.effort > 0).map((c) => el("tr", {}, el("td", {}, c.name),
      el("td", {}, `${c.effort.toFixed(0)} (${c.habit.toFixed(0)})`), el("td", {}, `${c.yield_pct.toFixed(0)}%`)))));
  box.append(el("h3", {}, t("seat.red.risk")), el("div", { class: "small" },
    state.view.districts.map((d, i) => `${d} ${r.risk[i].toFixed(0)}`).join(" · ")));
  box.append(el("h3", {}, t("seat.red.moves")));
  const grid = el("div", { class: "cards" });
  for (const m of r.moves.filter((m) => m.available)) grid.append(moveCard(m, r));
  box.append(grid);
  if (r.played.length) box.append(el("h3", {}, t("seat.red.played")), el("ul", { class: "small" },
    r.played.map((p) => el("li", {}, `T${p.turn + 1}${p.automatic ? " ⚙" : ""} ${p.text}${p.reason ? " — " + p.reason : ""}`))));
  return box;
}

function moveCard(m, r) {
  const key = "red-" + m.id;
  if (!state.drafts[key]) state.drafts[key] = { params: m.params.map((p) => p.value), rationale: "",
    from: (r.channels.find((c) => c.open) || {}).id || "", to: "forwards", district: state.view.districts[0] };
  const d = state.drafts[key];
  const card = el("article", { class: "card", "data-move": m.id });
  card.append(el("h3", {}, m.name), el("div", { class: "small cost" + (m.fits ? "" : " over") },
    t("seat.red.cost").replace("{cost}", m.cost).replace("{lead}", m.lead)),
    el("p", { class: "small" }, m.does));
  m.params.forEach((p, k) => {
    const id = `mp-${m.id}-${k}`;
    const out = el("output", { for: id }, fmt(d.params[k]));
    card.append(el("label", { class: "param", for: id }, `${p.name}${p.unit && p.unit !== p.name ? " (" + p.unit + ")" : ""}`, out),
      el("input", { id, type: "range", min: p.min, max: p.max, step: (p.max - p.min) / 100, value: d.params[k], title: p.help,
        oninput: (e) => { d.params[k] = Number(e.target.value); out.textContent = fmt(d.params[k]); } }));
  });
  const select = (id, label, options, value, set) => el("label", { class: "small", for: id }, label + " ",
    el("select", { id, onchange: (e) => set(e.target.value) }, options.map(([v, name]) => el("option", { value: v, selected: v === value }, name))));
  const channels = r.channels.filter((c) => c.open).map((c) => [c.id, c.name]);
  if (m.target === "channels") card.append(select(`mf-${m.id}`, t("seat.red.from"), channels, d.from, (v) => { d.from = v; }),
    select(`mt-${m.id}`, t("seat.red.to"), channels, d.to, (v) => { d.to = v; }));
  if (m.target === "district") card.append(select(`md-${m.id}`, t("seat.red.district"),
    state.view.districts.map((n) => [n, n]), d.district, (v) => { d.district = v; }));
  const rid = `mr-${m.id}`;
  card.append(el("label", { class: "small", for: rid }, t("seat.rationale")),
    el("textarea", { id: rid, maxlength: 2000, oninput: (e) => { d.rationale = e.target.value; } }, d.rationale));
  card.append(el("div", { class: "actions" }, el("button", { "data-act": "play", disabled: r.automatic || !m.fits,
    onclick: () => { d.ref = send({ type: "move", id: m.id, params: d.params, from: d.from, to: d.to, district: d.district, rationale: d.rationale }); } },
    t("seat.red.play"))));
  return card;
}

function fmt(x) { return Math.abs(x) >= 10 ? x.toFixed(0) : x.toFixed(2); }

function levers() {
  const v = state.view, b = v.budget, box = el("div");
  if (b) {
    const share = b.budget > 0 ? Math.min(1, b.spent / b.budget) : 1;
    box.append(el("div", { class: "budget" }, el("strong", {}, b.title),
      el("div", { class: "bar" + (b.spent > b.budget ? " over" : "") }, el("div", { style: `width:${(share * 100).toFixed(0)}%` })),
      el("div", { class: "small" }, b.text), b.waived && el("div", { class: "bad" }, b.waived), b.thin && el("div", { class: "bad" }, b.thin)));
  }
  box.append(el("div", { class: "cards" }, v.levers.filter((l) => !l.break_glass).map(leverCard)));
  const glass = v.levers.filter((l) => l.break_glass);
  if (glass.length) box.append(el("div", { class: "glass-title" }, t("seat.break_glass")), el("div", { class: "cards" }, glass.map(leverCard)));
  return box;
}

function injects() {
  const list = state.view.injects;
  if (!list.length) return el("p", { class: "small" }, t("seat.no_injects"));
  return el("div", {}, list.map((i) => el("div", { class: "inject" }, el("div", { class: "small" }, `${t("seat.turn_short")} ${i.turn} · ${i.from}${i.seq ? " · #" + i.seq : ""}`),
    el("div", {}, i.text), i.expected && el("div", { class: "small" }, t("seat.expected") + " " + i.expected))));
}

function chart(c) {
  // Counts start from zero before the first turn (as the control room's charts do); shares do not.
  const start = (s) => (c.share ? s : [0].concat(s));
  const ours = start(c.ours), base = start(c.base);
  const w = 300, h = 110, all = ours.concat(base, [0]);
  const max = Math.max(...all) || 1, n = Math.max(ours.length, 2);
  const pts = (s) => s.map((y, i) => `${(i / (n - 1)) * w},${h - (y / max) * (h - 8)}`).join(" ");
  const svg = `<svg viewBox="0 0 ${w} ${h}" preserveAspectRatio="none" role="img" aria-label="${c.label}">` +
    `<polyline points="${pts(base)}" fill="none" stroke="#9aa3ad" stroke-width="2" stroke-dasharray="6 4"/>` +
    `<polyline points="${pts(ours)}" fill="none" stroke="#4ea1d3" stroke-width="3"/></svg>`;
  const box = el("div", { class: "chart" }, el("strong", {}, c.label));
  box.insertAdjacentHTML("beforeend", svg);
  return box;
}

function outcomes() {
  const v = state.view;
  const table = el("table", {}, el("tr", {}, el("th", {}, ""), el("th", {}, t("seat.teams")), el("th", {}, t("seat.baseline")), el("th", {}, t("seat.gap"))),
    v.scoreboard.map((r) => el("tr", { class: r.key ? "key" : "", "data-outcome": r.name },
      el("td", {}, (r.key ? "★ " : "") + r.label), el("td", {}, r.ours), el("td", { class: "neutral" }, r.base), el("td", { class: r.tone }, r.gap))));
  return el("div", {}, table, el("p", { class: "small" }, t("seat.legend")), el("div", { class: "charts" }, v.charts.map(chart)));
}

function feed() {
  const v = state.view;
  state.district = Math.min(state.district, v.districts.length - 1);
  const select = el("select", { id: "district", onchange: (e) => { state.district = Number(e.target.value); render(); } },
    v.districts.map((name, i) => el("option", { value: i, selected: i === state.district }, name)));
  const posts = v.feeds[state.district] || [];
  return el("div", {}, el("label", { for: "district" }, t("seat.feed_in") + " "), select,
    posts.length ? posts.map((p) => el("div", { class: "post" },
      el("div", {}, el("strong", {}, p.author), p.sponsored ? el("em", { class: "small" }, " · " + t("seat.sponsored")) : "", p.hashtag ? el("span", { class: "small" }, " " + p.hashtag) : ""),
      el("div", { class: p.body.shown === "removed" ? "removed" : (p.body.shown === "text" ? "" : "cover") }, p.body.text),
      p.label && el("div", { class: "label" }, p.label), p.unverified && el("div", { class: "label" }, p.unverified),
      p.prompt && el("div", { class: "small" }, p.prompt), p.note && el("div", { class: "note" }, p.note),
      el("div", { class: "small" }, p.counts))) : el("p", { class: "small" }, t("seat.feed_empty")));
}

function decisions() {
  const list = state.view.decisions;
  if (!list.length) return el("p", { class: "small" }, t("seat.no_decisions"));
  return el("div", {}, list.map((d) => el("div", { class: "inject", "data-decision": d.index }, el("div", { class: "small" }, `${t("seat.turn_short")} ${d.turn}`),
    el("div", {}, d.text), d.rationale && el("div", { class: "small" }, "“" + d.rationale + "”"))));
}

function evaluate() {
  const v = state.view;
  const about = el("select", { id: "about" }, el("option", { value: "" }, t("seat.about_general")),
    v.injects.filter((i) => i.seq).map((i) => el("option", { value: `inject ${i.seq}` }, `#${i.seq}: ${i.text.slice(0, 60)}`)),
    v.decisions.map((d) => el("option", { value: `decision ${d.index}` }, `${t("seat.turn_short")} ${d.turn}: ${d.text.slice(0, 60)}`)));
  const text = el("textarea", { id: "observation", maxlength: 2000 });
  const form = el("div", { class: "budget" }, el("strong", {}, t("seat.observe")), el("label", { for: "about", class: "small" }, " " + t("seat.about") + " "), about, text,
    el("div", { class: "actions" }, el("button", { "data-act": "observe", onclick: () => { if (text.value.trim()) { send({ type: "observe", about: about.value, text: text.value }); text.value = ""; } } }, t("seat.send"))));
  const objectives = el("div", {}, el("h3", {}, t("seat.objectives")), v.objectives.map((o) => {
    const cid = `oc-${o.id}`;
    const comment = el("input", { id: cid, placeholder: t("seat.comment"), maxlength: 2000 });
    return el("div", { class: "post" }, el("div", {}, `${o.id}: ${o.text}`),
      el("div", { class: "ratings" }, ["P", "S", "M", "U"].map((r) => el("button", { class: o.rating === r ? "chosen" : "secondary", "data-rate": `${o.id}:${r}`,
        onclick: () => send({ type: "rate", objective: o.id, rating: r, comment: comment.value }) }, r)), comment));
  }));
  const capacity = el("div", {}, el("h3", {}, t("seat.capacity")), v.budgets.map((b) =>
    el("div", { class: "small" }, `${b.team}: ${b.text}${b.waived ? " · " + b.waived : ""}${b.thin ? " · " + b.thin : ""}`)));
  const seen = el("div", {}, el("h3", {}, t("seat.observations")), v.observations.map((o) => el("div", { class: "small" }, `${t("seat.turn_short")} ${o.turn}${o.about ? " · " + o.about : ""}: ${o.text}`)));
  return el("div", {}, form, objectives, capacity, seen);
}

document.addEventListener("DOMContentLoaded", () => {
  const saved = JSON.parse(sessionStorage.getItem("breakglass-seat") || "null");
  const fromHash = decodeURIComponent(location.hash.slice(1)).trim();
  if (saved) $("language").value = saved.language;
  const lang = new URLSearchParams(location.search).get("lang");
  if (lang && [...$("language").options].some((o) => o.value === lang)) $("language").value = lang;
  $("join-form").addEventListener("submit", (e) => {
    e.preventDefault();
    state.code = $("code").value.trim().toUpperCase();
    state.language = $("language").value;
    $("join-error").textContent = "";
    connect();
  });
  const code = fromHash || (saved && saved.code);
  if (code) { $("code").value = code; state.code = code.toUpperCase(); state.language = $("language").value; connect(); }
});
