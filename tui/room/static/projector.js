// wyber's projector page. Plain JavaScript, no build step, nothing from outside the laptop, and
// nothing to press: it follows the meeting's live stream and shows its view.
// Every text goes in with textContent: nothing a participant typed ever becomes markup.
// The clock is derived, never counted: each view carries the time box's remaining seconds at the
// server's moment; the page shows that less the time since it arrived (performance.now()). The
// server sends a fresh view after every change, on every reconnect and every 15 s.
"use strict";
(function () {
  var base = window.location.pathname.replace(/\/+$/, "");  // /v/<secret>
  var lang = null, T = {}, view = null, arrived = 0;
  var DRAW_MS = 200;
  var $ = function (id) { return document.getElementById(id); };

  function t(key, params) {
    var s = T[key] || "";
    Object.keys(params || {}).forEach(function (k) { s = s.split("{" + k + "}").join(String(params[k])); });
    return s;
  }
  // As the terminal's clock_text / countdown_text (tui/widgets/clock.py): rounded up while
  // counting down; over time, the whole seconds over with a plus sign.
  function clockText(seconds) {
    var whole = Math.ceil(seconds - 1e-9);
    var h = Math.floor(whole / 3600), m = Math.floor((whole % 3600) / 60), s = whole % 60;
    var two = function (n) { return (n < 10 ? "0" : "") + n; };
    return h ? h + ":" + two(m) + ":" + two(s) : two(m) + ":" + two(s);
  }
  function countdown(remaining) {
    return remaining >= 0 ? clockText(remaining) : "+" + clockText(Math.floor(-remaining));
  }
  function since() { return (performance.now() - arrived) / 1000; }
  function remaining() {  // the time box's seconds left now, derived from the last view
    var c = view && view.clock;
    if (!c) return null;
    return c.paused ? c.remaining : c.remaining - since();
  }

  function drawClock() {
    var el = $("clock"), c = view && view.clock, left = remaining();
    if (!c) { el.textContent = "--:--"; el.className = "idle"; el.dataset.remaining = ""; return; }
    var fraction = c.budget > 0 ? Math.max(0, left) / c.budget : 0;
    var kind = left < 0 ? "over" : fraction <= c.alarm ? "alarm" : fraction <= c.warn ? "warn" : "ok";
    el.className = kind + (c.paused ? " paused" : "");
    el.dataset.remaining = String(left);
    var text = countdown(left);
    if (el.textContent !== text) { el.textContent = text; fitClock(); }
    var turn = view.turn;
    if (turn && turn.remaining !== null) {
      var turnLeft = turn.remaining - since();  // a turn's clock runs on through a pause, as the terminal's
      $("turn-clock").textContent = countdown(turnLeft);
      $("turn-clock").className = turnLeft < 0 ? "over" : "";
    }
  }
  function fitClock() {  // only an hour-long overrun is wider than the screen: then it narrows
    var el = $("clock");
    el.style.fontSize = "";
    var size = parseFloat(getComputedStyle(el).fontSize);
    while (el.scrollWidth > el.clientWidth && size > 40) { size *= 0.92; el.style.fontSize = size + "px"; }
  }

  // An idea's own number first, as the terminal's board shows it (a cluster has none).
  function numbered(parent, number) {
    if (number === null || number === undefined) return;
    var n = document.createElement("span"); n.className = "number"; n.textContent = String(number);
    parent.appendChild(n); parent.appendChild(document.createTextNode(" "));
  }
  function item(text, className, figure, number) {
    var li = document.createElement("li");
    if (className) li.className = className;
    numbered(li, number);
    var span = document.createElement("span"); span.textContent = text; li.appendChild(span);
    if (figure) { var f = document.createElement("span"); f.className = "figure"; f.textContent = figure; li.appendChild(f); }
    return li;
  }
  function bar(b) {
    var li = document.createElement("li"); li.className = "bar";
    var label = document.createElement("span"); label.className = "label";
    numbered(label, b.number);
    label.appendChild(document.createTextNode(b.label));
    var track = document.createElement("span"); track.className = "track";
    var fill = document.createElement("span"); fill.className = "fill"; fill.style.display = "block";
    fill.style.width = Math.round(b.fraction * 100) + "%"; track.appendChild(fill);
    var figure = document.createElement("span"); figure.className = "figure"; figure.textContent = b.figure;
    li.appendChild(label); li.appendChild(track); li.appendChild(figure);
    return li;
  }
  // As many rows as fit at a readable size (the text never shrinks); how many more, in words.
  function fill(rows, total) {
    var ul = $("items");
    ul.textContent = "";
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      ul.appendChild(rows[i]);
      if (ul.scrollHeight > ul.clientHeight + 1) { ul.removeChild(rows[i]); break; }
      shown++;
    }
    var more = (total === undefined ? rows.length : total) - shown;
    $("more").textContent = more > 0 ? t("projector.page.more", { count: more }) : "";
  }

  function show(v) {  // a fresh view: shown, and the clock's new anchor
    view = v; arrived = performance.now();
    draw(v);
  }
  function draw(v) {
    document.documentElement.lang = v.lang;
    document.title = v.meeting || "wyber";
    $("step").textContent = v.step || "";
    $("title").textContent = v.title || v.meeting || "";
    $("question").textContent = v.question || "";
    ["d-diverge", "d-converge", "d-consolidate"].forEach(function (id) {
      $(id).setAttribute("class", v.movement && id === "d-" + v.movement ? "lit" : "");
    });
    $("movement").textContent = v.movement ? t("projector.page.movement." + v.movement) : "";
    $("technique").textContent = v.technique || "";
    $("paused").hidden = !(v.clock && v.clock.paused);
    $("paused").textContent = t("projector.page.paused");
    $("readiness").hidden = !v.readiness; $("readiness").textContent = v.readiness || "";
    $("turn").hidden = !v.turn;
    if (v.turn) { $("turn-label").textContent = v.turn.label; $("turn-name").textContent = v.turn.name; $("turn-clock").textContent = ""; }
    showJoining(v.joining);
    document.body.className = "projector";
    $("proposal").hidden = true;
    var summary = "", rows = [], total;
    if (v.finished) summary = t("projector.page.finished");
    else if (!v.movement) summary = t("projector.page.waiting");
    else if (v.diverge) {
      summary = v.diverge.count + (v.diverge.hidden ? " — " + v.diverge.hidden : "");
      if (v.diverge.hidden) document.body.className = "projector silent";  // the count, large
      rows = v.diverge.ideas.map(function (idea) { return item(idea.text, "", "", idea.number); });
      total = v.diverge.hidden ? 0 : v.diverge.total;
    } else if (v.converge) {
      var c = v.converge;
      if (c.results) {
        document.body.className = "projector results";
        rows = c.results.map(bar); total = c.results.length + (c.more_results || 0);
      } else {
        summary = c.hidden;
        rows = c.clusters.map(function (g) { return item(g.label, "cluster", g.figure); });
        if (c.loose) rows.push(item(c.loose, "cluster"));
      }
    } else if (v.consolidate) {
      var p = v.consolidate.proposal;
      if (p) {
        $("proposal").hidden = false;
        $("proposal-text").textContent = p.text;
        $("proposal-state").textContent = p.state; $("proposal-state").className = p.state_kind;
        $("proposal-round").textContent = p.round;
      } else summary = v.consolidate.none;
      rows = v.consolidate.others.map(function (a) { return item(a.text, "agreement", a.state); });
    }
    $("summary").textContent = summary; $("summary").hidden = !summary;
    fill(rows, total);
    drawClock(); fitClock();
    document.body.dataset.seq = String(v.seq);  // what a test or the benchmark waits for
  }
  function showJoining(j) {
    $("join").hidden = !j;
    if (!j) { $("qr").removeAttribute("src"); return; }
    if (!$("qr").getAttribute("src")) $("qr").src = base + "/" + j.qr;
    $("code-label").textContent = t("projector.page.code", { address: j.address });
    $("code").textContent = j.code.replace(/(\d{4})(?=\d)/g, "$1 ");
  }

  function texts(wanted) {
    if (wanted === lang) return Promise.resolve();
    return fetch(base + "/texts?lang=" + encodeURIComponent(wanted), { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (j) {
        lang = j.lang; T = j.texts;
        document.querySelectorAll("[data-t]").forEach(function (el) { el.textContent = t(el.dataset.t); });
      });
  }
  var shown = Promise.resolve();  // views are shown in the order they came, words first
  function follow() {  // EventSource reconnects by itself; each connection starts with a view
    var source = new EventSource(base + "/stream");
    source.addEventListener("view", function (e) {
      $("offline").hidden = true;
      var v = JSON.parse(e.data);
      shown = shown.then(function () { return texts(v.lang); }).then(function () { show(v); })
        .catch(function () { $("offline").hidden = false; });
    });
    source.onerror = function () { $("offline").hidden = false; };
  }
  follow();
  setInterval(drawClock, DRAW_MS);
  window.addEventListener("resize", function () { if (view) draw(view); });
})();
