/* bangvang search: finds people, collectives, units, movements, conferences and
 * news in the static index written by the build (see src/search.rs), offline,
 * ignoring case and diacritics (đ included). Words are looked up in shards
 * (t-<first two letters>.json); only the document chunks of shown results are
 * fetched. No external service, no dependency. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var dir = script.getAttribute("data-index") || "/";
  var base = script.getAttribute("data-base") || "/";
  var meta = null, metaPromise = null;
  var shards = {}, shardData = {}, chunks = {};

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  function words(s) {
    return s.normalize("NFC").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }
  function shardKey(folded) {
    var key = "";
    var chars = Array.from(folded).slice(0, 2);
    for (var i = 0; i < chars.length; i++) {
      var c = chars[i];
      key += /[a-z0-9]/.test(c) ? c : "_" + c.codePointAt(0).toString(16);
    }
    return key;
  }
  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(r.status + " " + url);
      return r.json();
    });
  }
  function loadMeta() {
    if (!metaPromise) metaPromise = getJSON(dir + "index.json").then(function (m) { meta = m; return m; });
    return metaPromise;
  }
  function loadShard(key) {
    if (!shards[key]) {
      var p = meta.shards.indexOf(key) < 0 ? Promise.resolve({}) : getJSON(dir + "t-" + key + ".json");
      shards[key] = p.then(function (v) { shardData[key] = v; return v; });
    }
    return shards[key];
  }
  function loadChunk(n) {
    if (!chunks[n]) chunks[n] = getJSON(dir + "d-" + n + ".json");
    return chunks[n];
  }

  /* Returns [[docId, score], …], best first. */
  function query(q) {
    var raw = words(q);
    var toks = raw.map(function (w) { return { word: w, folded: fold(w) }; });
    var prefixLast = !/\s$/.test(q);
    if (toks.length > 1 && prefixLast && toks[toks.length - 1].folded.length < 2) toks.pop();
    return loadMeta().then(function () {
      var keys = [];
      toks.forEach(function (t) { var k = shardKey(t.folded); if (keys.indexOf(k) < 0) keys.push(k); });
      return Promise.all(keys.map(loadShard));
    }).then(function () {
      var acc = null;
      for (var i = 0; i < toks.length; i++) {
        var t = toks[i];
        var isPrefix = prefixLast && i === toks.length - 1 && t.folded.length >= 2;
        var scores = new Map();
        var shard = shardData[shardKey(t.folded)] || {};
        var terms = isPrefix ? Object.keys(shard) : (shard[t.folded] ? [t.folded] : []);
        for (var j = 0; j < terms.length; j++) {
          var term = terms[j];
          if (term !== t.folded && term.indexOf(t.folded) !== 0) continue;
          var whole = term === t.folded;
          var postings = shard[term];
          for (var p = 0; p < postings.length; p++) {
            var written = postings[p][0] || term, field = postings[p][1], deltas = postings[p][2];
            var s = (field === 0 ? 4 : 1) * (whole ? 2 : 1);
            if (written === t.word) s += field === 0 ? 3 : 1;
            var id = 0;
            for (var d = 0; d < deltas.length; d++) {
              id += deltas[d];
              var prev = scores.get(id) || 0;
              if (s > prev) scores.set(id, s);
            }
          }
        }
        if (acc === null) acc = scores;
        else {
          var next = new Map();
          scores.forEach(function (s, id) { if (acc.has(id)) next.set(id, acc.get(id) + s); });
          acc = next;
        }
      }
      var out = [];
      if (acc) acc.forEach(function (s, id) { out.push([id, s]); });
      out.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
      return out;
    });
  }
  function docs(ids) {
    var need = [];
    ids.forEach(function (id) { var n = Math.floor(id / meta.chunk); if (need.indexOf(n) < 0) need.push(n); });
    return Promise.all(need.map(function (n) { return loadChunk(n).then(function (rows) { return [n, rows]; }); })).then(function (loaded) {
      var byChunk = {};
      loaded.forEach(function (l) { byChunk[l[0]] = l[1]; });
      return ids.map(function (id) {
        var row = byChunk[Math.floor(id / meta.chunk)][id % meta.chunk];
        return { title: row[0], url: base + row[1], kind: meta.kinds[row[2]] || "", context: row[3] };
      });
    });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function renderHits(list, hits) {
    hits.forEach(function (h) {
      var li = el("li");
      var a = el("a", null, h.title);
      a.href = h.url;
      li.appendChild(a);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(el("span", "hit-kind", h.kind + (h.context ? " · " + h.context : "")));
      list.appendChild(li);
    });
  }

  function attach(input, box, opts) {
    var seq = 0, timer = null, shown = 0, results = [];
    function message(text) { box.textContent = ""; box.appendChild(el("p", null, text)); box.hidden = false; }
    function showMore(list, button) {
      var page = results.slice(shown, shown + opts.page).map(function (r) { return r[0]; });
      var mySeq = seq;
      return docs(page).then(function (hits) {
        if (mySeq !== seq) return;
        renderHits(list, hits);
        shown += page.length;
        if (button && shown >= results.length) button.remove();
      });
    }
    function done() { box.setAttribute("aria-busy", "false"); }
    function run() {
      var q = input.value;
      var mySeq = ++seq;
      if (opts.onQuery) opts.onQuery(q);
      if (fold(q).replace(/[^\p{L}\p{N}]/gu, "").length < 2) {
        if (opts.popup) { box.hidden = true; box.textContent = ""; } else if (q.trim()) message((meta && meta.labels.short) || "…"); else box.textContent = "";
        done();
        return;
      }
      query(q).then(function (r) {
        if (mySeq !== seq) return;
        results = r; shown = 0;
        box.textContent = "";
        box.hidden = false;
        if (!r.length) { message(meta.labels.none); done(); return; }
        box.appendChild(el("p", "hit-count", meta.labels.results.replace("{count}", r.length)));
        var list = el("ol");
        box.appendChild(list);
        return showMore(list).then(function () {
          if (mySeq !== seq) return;
          done();
          if (shown >= results.length) return;
          if (opts.popup) {
            var more = el("a", "more", meta.labels.more);
            more.href = opts.moreUrl(q);
            var p = el("p"); p.appendChild(more); box.appendChild(p);
          } else {
            var b = el("button", "more", meta.labels.more);
            b.type = "button";
            b.addEventListener("click", function () { showMore(list, b); });
            box.appendChild(b);
          }
        });
      }).catch(function () {
        if (mySeq === seq) { message((meta && meta.labels.error) || "Error"); done(); }
      });
    }
    input.addEventListener("input", function () {
      box.setAttribute("aria-busy", "true");
      clearTimeout(timer);
      timer = setTimeout(run, 120);
    });
    if (opts.popup) {
      input.addEventListener("keydown", function (e) { if (e.key === "Escape") { box.hidden = true; } });
      document.addEventListener("click", function (e) { if (!box.contains(e.target) && e.target !== input) box.hidden = true; });
      input.addEventListener("focus", function () { if (box.childNodes.length) box.hidden = false; });
    }
    return run;
  }

  function init() {
    var searchUrl = dir;
    var pageInput = document.getElementById("search-page-q");
    if (pageInput) {
      var target = document.getElementById(pageInput.getAttribute("data-search-target"));
      var run = attach(pageInput, target, {
        page: 20,
        popup: false,
        onQuery: function (q) {
          if (window.history && history.replaceState) {
            var u = new URL(window.location.href);
            if (q) u.searchParams.set("q", q); else u.searchParams.delete("q");
            history.replaceState(null, "", u);
          }
        }
      });
      var form = pageInput.form;
      if (form) form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
      var q = new URLSearchParams(window.location.search).get("q");
      if (q) { pageInput.value = q; run(); }
    }
    var forms = document.querySelectorAll("[data-search-form]");
    Array.prototype.forEach.call(forms, function (form) {
      var input = form.querySelector("[data-search-input]");
      var box = form.querySelector("[data-search-results]");
      if (!input || !box) return;
      attach(input, box, {
        page: 8,
        popup: true,
        moreUrl: function (q) { return searchUrl + "?q=" + encodeURIComponent(q); }
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
