// wyber's phone page. Plain JavaScript, no build step, nothing from outside the laptop.
// Every text goes in with textContent: nothing a participant typed ever becomes markup.
"use strict";
(function () {
  var lang = null, T = {}, seq = -1, state = null;
  var $ = function (id) { return document.getElementById(id); };

  function t(key, params) {
    var s = T[key] || key;
    Object.keys(params || {}).forEach(function (k) { s = s.split("{" + k + "}").join(String(params[k])); });
    return s;
  }
  function key() {  // an idempotency key: crypto.randomUUID is missing on plain http
    var b = new Uint8Array(16); crypto.getRandomValues(b);
    return Array.prototype.map.call(b, function (x) { return ("0" + x.toString(16)).slice(-2); }).join("");
  }
  function say(text, ok) { $("message").textContent = text || ""; $("message").className = ok ? "ok" : ""; }
  function post(path, body) {
    var k = key();
    var send = function (tries) {
      return fetch(path, { method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "Idempotency-Key": k, "X-Lang": lang },
        body: JSON.stringify(body || {}) })
        .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, status: r.status, body: j }; }); })
        .catch(function () {  // the Wi-Fi dropped: the same key again never counts twice
          if (tries > 0) return new Promise(function (ok) { setTimeout(ok, 1000); }).then(function () { return send(tries - 1); });
          return { ok: false, body: { error: t("room.phone.offline") } };
        });
    };
    return send(5).then(function (r) { say(r.ok ? "" : r.body.error); if (r.ok && document.body.dataset.page === "phone") refresh(); return r; });
  }
  function texts(chosen) {
    return fetch("/api/texts" + (chosen ? "?lang=" + chosen : ""), { headers: { "X-Lang": chosen || "" } })
      .then(function (r) { return r.json(); })
      .then(function (j) {
        lang = j.lang; T = j.texts; document.documentElement.lang = lang;
        document.querySelectorAll("[data-t]").forEach(function (el) { el.textContent = t(el.dataset.t); });
        $("switch").textContent = t("room.phone.switch");
        try { localStorage.setItem("wyber-lang", lang); } catch (e) { /* private mode */ }
        if (state) { show(state); refresh(); }  // the figures the server writes out, in this language
      });
  }
  function item(text, buttons) {
    var li = document.createElement("li"), p = document.createElement("div");
    p.textContent = text; li.appendChild(p);
    var row = document.createElement("div"); row.className = "row";
    (buttons || []).forEach(function (b) { row.appendChild(b); }); li.appendChild(row);
    return li;
  }
  function button(label, act, secondary) {
    var b = document.createElement("button"); b.type = "button"; b.textContent = label;
    if (secondary) b.className = "secondary";
    b.addEventListener("click", act); return b;
  }
  function fill(list, rows) { var ul = $(list); ul.textContent = ""; rows.forEach(function (r) { ul.appendChild(r); }); }

  function show(v) {
    // A word from the last movement ("Sent.", "No dots left") is not about this one.
    if (state && (state.title !== v.title || state.movement !== v.movement)) say("");
    state = v;
    $("title").textContent = v.title || "wyber";
    $("question").textContent = v.question || "";
    ["join", "diverge", "converge", "consolidate", "readiness"].forEach(function (id) { $(id).hidden = true; });
    $("state").textContent = v.finished ? t("room.phone.finished")
      : v.evaluating ? t("room2.phone.evaluating") : (v.movement ? "" : t("room.phone.waiting"));
    if (v.evaluating) return;  // nothing to send, nor to join for, while the group evaluates
    if (!v.joined || v.name_needed) {  // in without a name, where names count: give one now
      $("join").hidden = false;
      $("name-label").textContent = t(v.name_needed ? "room.phone.name_now" : v.anonymous ? "room.phone.name_optional" : "room.phone.name_label");
      return;
    }
    if (v.finished || !v.movement) return;
    $("readiness").hidden = false;
    $("done").textContent = t(v.done ? "room.phone.not_done" : "room.phone.done");
    $("done-count").textContent = t("room.phone.done_count", { done: v.done_count, of: v.of });
    if (v.diverge) {
      $("diverge").hidden = false;
      $("turn").hidden = !v.diverge.your_turn;
      fill("mine", v.diverge.mine.map(function (i) {
        return item(i.text, [
          button(t("room.phone.edit"), function () {
            var text = window.prompt(t("room.phone.idea_label"), i.text);
            if (text) post("/api/ideas/" + encodeURIComponent(i.id) + "/edit", { text: text });
          }, true),
          button(t("room.phone.withdraw"), function () { post("/api/ideas/" + encodeURIComponent(i.id) + "/withdraw"); }, true)]);
      }));
      $("hidden").hidden = v.diverge.others !== null;
      fill("others", (v.diverge.others || []).map(function (i) { return item(i.text); }));
    }
    if (v.converge) {
      var c = v.converge, scoring = v.technique === "score";
      $("converge").hidden = false;
      $("dots-left").textContent = scoring ? t("room.phone.score", { top: c.score_top }) : t("room.phone.dots_left", { dots: c.dots_left });
      $("nameless").hidden = !c.nameless;
      $("results-hidden").hidden = c.revealed;
      fill("targets", c.targets.map(function (g) {
        // An idea's own number first, as on the board and the projector; a cluster has none.
        var text = (g.number === null || g.number === undefined ? "" : g.number + ". ") + g.text;
        // The score as the board writes it (the average on the scale, how many scored), in words.
        if (scoring) return item(text + (c.revealed && g.score ? "  — " + g.score : ""), [scale(g, c.score_top)]);
        var label = text + (g.mine ? "  ●×" + g.mine : "") + (c.revealed ? "  (" + g.dots + ")" : "");
        return item(label, [
          button(t("room.phone.dot"), function () { post("/api/vote", { target_id: g.id, delta: 1 }); }),
          button(t("room.phone.undot"), function () { post("/api/vote", { target_id: g.id, delta: -1 }); }, true)]);
      }));
    }
    if (v.consolidate) {
      $("consolidate").hidden = false;
      var a = v.consolidate.agreements;
      $("no-agreements").hidden = a.length > 0;
      fill("agreements", a.map(function (g) {
        var answer = function (kind, words) { post("/api/consent", { agreement_id: g.id, answer: kind, words: words || "" }); };
        // Nothing to answer until the facilitator opens the round on this proposal.
        // Once answered, the answer that stands is the one marked (✓, pressed) and the others
        // are plain: a consent button left green beside "You objected." read as the expected one.
        var choice = function (kind, label, act) {
          var chosen = g.answer === kind;
          var b = button((chosen ? "\u2713 " : "") + t(label), act, g.answer ? !chosen : kind !== "consent");
          if (g.answer) b.setAttribute("aria-pressed", String(chosen));
          if (chosen) b.className = "chosen";
          return b;
        };
        var li = item(g.number + ". " + g.text, !g.open ? [] : [
          choice("consent", "room.phone.consent", function () { answer("consent"); }),
          choice("aside", "room2.phone.aside", function () { answer("aside"); }),
          choice("objection", "room.phone.object", function () {
            var words = window.prompt(t("room.phone.objection_label"), "");
            if (words) answer("objection", words);
          })]);
        var note = !g.open ? "room2.phone.round_not_open" : g.answer ? "room2.phone.answered." + g.answer : null;
        if (note) { var p = document.createElement("p"); p.className = "hint"; p.textContent = t(note); li.appendChild(p); }
        return li;
      }));
    }
  }
  function scale(g, top) {  // a score on the plan's scale: 0 to its top
    var pick = document.createElement("select");
    var none = document.createElement("option"); none.value = ""; none.textContent = t("room2.phone.score_none"); pick.appendChild(none);
    for (var n = 0; n <= top; n++) { var o = document.createElement("option"); o.value = String(n); o.textContent = String(n); pick.appendChild(o); }
    pick.value = g.my_score === null || g.my_score === undefined ? "" : String(g.my_score);
    pick.setAttribute("aria-label", g.text);
    pick.addEventListener("change", function () { if (pick.value !== "") post("/api/score", { target_id: g.id, score: Number(pick.value) }); });
    return pick;
  }
  // The room closed or the meeting ended (the view is refused): nothing here can be done any
  // more, so nothing to do is shown.
  var shut = false, source = null, again = null, RETRY_MS = 2000;
  function closed() {
    shut = true;
    if (source) source.close();
    ["join", "diverge", "converge", "consolidate", "readiness", "offline"].forEach(function (id) { $(id).hidden = true; });
    $("state").textContent = t("room.phone.closed");
    say("");
  }
  // A view that did not come (the Wi-Fi dropped while asking, the phone slept) is asked for
  // again until it comes: the messages it answered were already told, and would be lost.
  function refresh() {
    if (shut) return Promise.resolve(null);
    return fetch("/api/view", { credentials: "same-origin", headers: { "X-Lang": lang } })
      .then(function (r) {
        if (r.status === 403) { closed(); return null; }
        if (!r.ok) throw new Error(String(r.status));
        return r.json();
      })
      .then(function (v) {
        if (!v || shut) return;  // a view asked for before the room closed is not shown after
        $("offline").hidden = true;
        if (v.seq >= seq) { seq = v.seq; show(v); }
      })
      .catch(function () {
        // A view asked for as the room closed fails with the server gone: it is closed, not lost.
        if (shut) return;
        $("offline").hidden = false;
        if (!again) again = setTimeout(function () { again = null; refresh(); }, RETRY_MS);
      });
  }
  // A hall of phones each fetching its view after every change would ask the laptop for
  // hundreds of views a second in a vote burst: a phone fetches at most one view every
  // REFRESH_MS (plus a random spread), and others' votes while the results are hidden change
  // nothing it shows.
  var REFRESH_MS = 400, pending = null;
  function soon() {
    if (pending) return;
    pending = setTimeout(function () { pending = null; refresh(); }, REFRESH_MS * (0.5 + Math.random()));
  }
  var UNSEEN = ["vote_cast", "score_given"];
  // EventSource reconnects by itself, with Last-Event-ID: the journal's seq. One the browser
  // gave up on (it does when the phone is offline) is opened anew from the seq last shown.
  function follow() {
    source = new EventSource("/api/stream" + (seq >= 0 ? "?after=" + seq : ""));
    var changed = function (e) {
      $("offline").hidden = true;
      var data = {};
      try { data = JSON.parse(e.data); } catch (err) { /* a room message */ }
      var kinds = data.kinds || [];
      var hidden = state && state.converge && !state.converge.revealed;
      if (hidden && kinds.length && kinds.every(function (k) { return UNSEEN.indexOf(k) >= 0; })) return;
      if (data.catch_up) refresh(); else soon();
    };
    source.addEventListener("change", changed);
    source.addEventListener("room", changed);
    source.addEventListener("closed", closed);
    source.onopen = function () { $("offline").hidden = true; };
    source.onerror = function () {
      if (shut) return;
      $("offline").hidden = false;
      if (source.readyState === EventSource.CLOSED) setTimeout(function () { refresh().then(function () { if (!shut) follow(); }); }, RETRY_MS);
    };
  }
  function phone() {
    var match = null;
    $("join-form").addEventListener("submit", function (e) {
      e.preventDefault();
      var name = $("name").value.trim();
      if (!name) { post("/api/join", { name: "" }); return; }
      post("/api/match", { name: name }).then(function (r) {
        if (r.ok && r.body.id) { match = r.body; $("are-you").textContent = t("room.phone.are_you", { name: r.body.name }); $("confirm").hidden = false; }
        else post("/api/join", { name: name });
      });
    });
    $("yes").addEventListener("click", function () { $("confirm").hidden = true; post("/api/join", { name: "", participant_id: match.id }); });
    $("no").addEventListener("click", function () { $("confirm").hidden = true; post("/api/join", { name: $("name").value.trim() }); });
    $("idea-form").addEventListener("submit", function (e) {
      e.preventDefault();
      var text = $("idea").value.trim();
      if (text) post("/api/ideas", { text: text }).then(function (r) { if (r.ok) { $("idea").value = ""; say(t("room.phone.sent"), true); } });
    });
    $("done").addEventListener("click", function () { post("/api/done", { done: !state.done }); });
    refresh().then(function () { if (!shut) follow(); });
    // Back on the Wi-Fi, or woken from sleep: what happened meanwhile is fetched at once.
    window.addEventListener("online", refresh);
    document.addEventListener("visibilitychange", function () { if (!document.hidden && !shut) refresh(); });
  }
  function code() {
    $("code-form").addEventListener("submit", function (e) {
      e.preventDefault();
      post("/api/code", { code: $("code").value }).then(function (r) { if (r.ok) window.location.href = "/p"; });
    });
  }
  var saved = null;
  try { saved = localStorage.getItem("wyber-lang"); } catch (e) { /* private mode */ }
  texts(saved).then(function () {
    $("switch").addEventListener("click", function () { texts(lang === "nl" ? "en" : "nl"); });
    if (document.body.dataset.page === "phone") phone(); else code();
  });
})();
