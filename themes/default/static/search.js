/* bangvang search: finds people, collectives, units, movements, conferences,
 * news and plans in the static index written by the build (src/render/search.rs),
 * offline, ignoring case and diacritics (đ included). Words are looked up in
 * shards (t-<first two letters>.json); only the document chunks of shown
 * results are fetched, and every file is kept in memory across queries.
 * Each keystroke loads the shards of its words and ranks them; the rows are
 * fetched and shown once typing pauses (Rhythm: a gap a little longer than
 * the typist's own), so a name typed at 220 ms a key costs one page of rows,
 * not one per key, and its rows come about 250 ms after the last key.
 *
 * Ranking: a name that is the whole query first, then names beginning with
 * the query, then the rest by field (name 10, position and unit 3, summary 1);
 * a query word typed with diacritics ranks the same diacritics higher; a word
 * not in the index is corrected (1 edit from 4 letters, 2 from 8, from w.json)
 * and its matches rank below exact ones. No external service, no dependency. */
(function () {
  "use strict";
  var W_NAME = 10, W_CONTEXT = 3, W_SUMMARY = 1;
  var PREFIX = 0.6, TYPO = 0.5;
  /* A pause in typing: until the typist's rhythm is known, 270 ms; then a
   * little longer than the slowest of their last three gaps between keys,
   * within 150-500 ms. Gaps longer than a second start a new burst. */
  var PAUSE_FIRST = 270, PAUSE_MIN = 150, PAUSE_MAX = 500, BURST = 1000;
  function Rhythm() {
    var gaps = [], last = 0;
    return {
      key: function (now) {
        if (last && now - last < BURST) { gaps.push(now - last); if (gaps.length > 3) gaps.shift(); } else gaps = [];
        last = now;
      },
      pause: function () {
        if (gaps.length < 2) return PAUSE_FIRST;
        return Math.min(PAUSE_MAX, Math.max(PAUSE_MIN, Math.max.apply(null, gaps) * 1.06 + 5));
      }
    };
  }

  /* Mirrors vi::fold: tones and marks dropped, đ to d, lower case. */
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
  /* Edit distance with transpositions, or max + 1 once it exceeds max. */
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null, prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        cur[j] = v;
        if (v < best) best = v;
      }
      if (best > max) return max + 1;
      prev2 = prev; prev = cur;
    }
    return prev[b.length];
  }
  function maxEdits(folded) { return folded.length >= 8 ? 2 : folded.length >= 4 ? 1 : 0; }

  /* cache[key], made once by make(): a promise that failed (a phone that
   * lost its signal) is forgotten, so that the next search fetches again. */
  function memo(cache, key, make) {
    if (!cache[key]) {
      var p = cache[key] = make();
      p.catch(function () { if (cache[key] === p) delete cache[key]; });
    }
    return cache[key];
  }

  /* The engine over one index directory; fetchJSON(url) returns a promise. */
  function Engine(dir, fetchJSON) {
    var meta = null, files = {};
    var shards = {}, shardData = {}, chunks = {};
    function loadMeta() {
      return memo(files, "meta", function () {
        return fetchJSON(dir + "index.json").then(function (m) { meta = m; return m; });
      });
    }
    function loadShard(key) {
      return memo(shards, key, function () {
        var p = meta.shards.indexOf(key) < 0 ? Promise.resolve({}) : fetchJSON(dir + "t-" + key + ".json");
        return p.then(function (v) { shardData[key] = v; return v; });
      });
    }
    function loadWords() {
      return memo(files, "words", function () {
        return fetchJSON(dir + "w.json").then(function (s) { return s ? s.split(" ") : []; });
      });
    }
    function loadChunk(n) {
      return memo(chunks, n, function () { return fetchJSON(dir + "d-" + n + ".json"); });
    }
    function tokens(q) {
      var toks = words(q).map(function (w) { var f = fold(w); return { word: w, folded: f, marked: w !== f }; });
      var prefixLast = !/\s$/.test(q);
      if (toks.length > 1 && prefixLast && toks[toks.length - 1].folded.length < 2) toks.pop();
      toks.forEach(function (t, i) { t.prefix = prefixLast && i === toks.length - 1 && t.folded.length >= 2; });
      return toks;
    }
    /* Loads what a query needs before it runs: called on every keystroke. */
    function prefetch(q) {
      return loadMeta().then(function () {
        return Promise.all(tokens(q).map(function (t) { return loadShard(shardKey(t.folded)); }));
      });
    }
    /* The terms a token matches in the loaded shards: [[term, quality]]. */
    function exactTerms(t) {
      var shard = shardData[shardKey(t.folded)] || {};
      var out = [];
      if (shard[t.folded]) out.push([t.folded, 1]);
      if (t.prefix) {
        for (var term in shard) if (term !== t.folded && term.lastIndexOf(t.folded, 0) === 0) out.push([term, PREFIX]);
      }
      return out;
    }
    /* Corrections of a token from the word list, best first (at most 8):
     * 1 edit from 4 letters, 2 from 8; a word of 3 letters may lack one. */
    function corrections(t, list) {
      var n = t.folded.length, max = maxEdits(t.folded) || (n === 3 ? 1 : 0);
      if (!max || /\d/.test(t.folded)) return [];
      var found = [];
      for (var i = 0; i < list.length; i++) {
        var w = list[i];
        if (w === t.folded || (n === 3 && w.length < 4)) continue;
        var d = distance(t.folded, w, max);
        if (d <= max) found.push([w, d]);
        else if (t.prefix && w.length > n && distance(t.folded, w.slice(0, n), max) <= max) found.push([w, max + 0.5]);
      }
      found.sort(function (a, b) { return a[1] - b[1] || (a[0][0] === t.folded[0] ? 0 : 1) - (b[0][0] === t.folded[0] ? 0 : 1); });
      return found.slice(0, 8);
    }
    /* Per-document best match of one token: Map id -> {s, pos, last, term, typo}. */
    function matchToken(t, terms) {
      var m = new Map();
      for (var j = 0; j < terms.length; j++) {
        var term = terms[j][0], quality = terms[j][1], typo = terms[j][2] || false;
        var postings = (shardData[shardKey(term)] || {})[term] || [];
        for (var p = 0; p < postings.length; p++) {
          var written = postings[p][0] || term, field = postings[p][1], deltas = postings[p][2];
          var isName = field >= 2, pos = isName ? (field - 2) >> 1 : -1, last = isName && (field & 1) === 1;
          var s = (isName ? W_NAME : field === 0 ? W_CONTEXT : W_SUMMARY) * quality;
          if (t.marked && (written === t.word || (quality < 1 && !typo && written.lastIndexOf(t.word, 0) === 0))) s += isName ? 2 : 0.5;
          var id = 0;
          for (var d = 0; d < deltas.length; d++) {
            id += deltas[d];
            var e = m.get(id);
            if (!e) { e = { s: 0, pos: 0, last: 0, exact: 0, term: term, typo: typo }; m.set(id, e); }
            if (isName && pos < 31) {
              e.pos |= 1 << pos;
              if (last) e.last |= 1 << pos;
              if (quality === 1) e.exact |= 1 << pos;
            }
            if (s > e.s) { e.s = s; e.term = term; e.typo = typo; }
          }
        }
      }
      return m;
    }
    function combine(toks, perToken) {
      var acc = null;
      perToken.forEach(function (m) {
        if (acc === null) { acc = new Map(); m.forEach(function (e, id) { acc.set(id, [e]); }); return; }
        var next = new Map();
        m.forEach(function (e, id) { var a = acc.get(id); if (a) { a.push(e); next.set(id, a); } });
        acc = next;
      });
      var out = [];
      if (!acc) return out;
      var n = toks.length;
      acc.forEach(function (es, id) {
        var begins = n <= 31, typo = false, score = 0;
        for (var i = 0; i < n; i++) {
          score += es[i].s;
          if (es[i].typo) typo = true;
          if (begins && !(es[i].pos & (1 << i))) begins = false;
        }
        // A whole name: the query's words are the name's, the last one in full.
        var whole = begins && (es[n - 1].last & (1 << (n - 1))) && (es[n - 1].exact & (1 << (n - 1)) || es[n - 1].typo);
        var tier = whole ? 2 : begins ? 1 : 0;
        out.push([id, tier * 1000 + score, es.map(function (e) { return e.term; }), typo]);
      });
      out.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
      return out;
    }
    /* Runs a query: {results: [[docId, score, terms, typo]], suggestion}.
     * Typo corrections are tried when nothing matches as typed, or when a
     * query of several words matches no whole name; a corrected whole name
     * then ranks above scattered exact matches, everything else below them. */
    function query(q, exactOnly) {
      var toks = tokens(q);
      return prefetch(q).then(function () {
        var lists = toks.map(exactTerms);
        var exact = lists.every(function (l) { return l.length; }) ? combine(toks, toks.map(function (t, i) { return matchToken(t, lists[i]); })) : [];
        var whole = exact.length && exact[0][1] >= 2000;
        var correctable = toks.some(function (t) { return t.folded.length >= 3 && !/\d/.test(t.folded); });
        if (!correctable || whole || (exact.length && toks.length < 2)) return { results: exact, suggestion: null, complete: true };
        if (exactOnly) return { results: exact, suggestion: null, complete: false };
        return loadWords().then(function (list) {
          var extra = toks.map(function (t) { return corrections(t, list); });
          if (!extra.some(function (c) { return c.length; })) return { results: exact, suggestion: null, complete: true };
          var keys = [];
          extra.forEach(function (c) { c.forEach(function (w) { var k = shardKey(w[0]); if (keys.indexOf(k) < 0) keys.push(k); }); });
          return Promise.all(keys.map(loadShard)).then(function () {
            var seen = new Set(exact.map(function (r) { return r[0]; }));
            var typos = combine(toks, toks.map(function (t, i) {
              var terms = lists[i].concat(extra[i].map(function (w) { return [w[0], TYPO / w[1], true]; }));
              return matchToken(t, terms);
            })).filter(function (r) { return !seen.has(r[0]); });
            typos.forEach(function (r) { r[1] -= 1500; });
            var all = exact.concat(typos);
            all.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
            var suggestion = null;
            if (all.length && all[0][3]) {
              suggestion = toks.map(function (t, i) {
                var term = all[0][2][i];
                return term === t.folded || (t.prefix && term.lastIndexOf(t.folded, 0) === 0) ? t.word : term;
              }).join(" ");
            }
            return { results: all, suggestion: suggestion, complete: true };
          });
        });
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
          return { title: row[0], url: row[1], kindCode: row[2], kind: meta.kinds[row[2]] || "", context: row[3] };
        });
      });
    }
    return { query: query, prefetch: prefetch, docs: docs, meta: function () { return meta; }, loadMeta: loadMeta };
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { Engine: Engine, fold: fold, words: words, distance: distance };
    return;
  }

  var script = document.currentScript;
  if (!script) return;
  var dir = script.getAttribute("data-index") || "/";
  var base = script.getAttribute("data-base") || "/";
  var engine = Engine(dir, function (url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(r.status + " " + url);
      return r.json();
    });
  });
  var KIND_CLASSES = ["person", "collective", "unit", "movement", "conference", "news", "plan"];
  /* For tests and benchmarks: the ranked results of a query. */
  window.bangvangSearch = function (q, n) {
    return engine.query(q).then(function (r) {
      return engine.docs(r.results.slice(0, n || 10).map(function (x) { return x[0]; })).then(function (hits) {
        return { hits: hits.map(function (h) { h.url = base + h.url; return h; }), total: r.results.length, suggestion: r.suggestion };
      });
    });
  };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function renderHits(list, hits) {
    hits.forEach(function (h) {
      var li = el("li", "hit hit-" + (KIND_CLASSES[h.kindCode] || "other"));
      var a = el("a", null, h.title);
      a.href = base + h.url;
      li.appendChild(a);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(el("span", "hit-kind", h.kind + (h.context ? " · " + h.context : "")));
      list.appendChild(li);
    });
  }

  function attach(input, box, opts) {
    var seq = 0, timer = null, shown = 0, results = [];
    var ranking = { q: null, promise: null }, rhythm = Rhythm();
    function searchable(q) { return fold(q).replace(/[^\p{L}\p{N}]/gu, "").length >= 2; }
    /* Ranks a query from the shards alone (no typo correction, no document
     * chunk), once per text: done on every keystroke, so that when typing
     * pauses only the shown rows remain to be fetched. */
    function rankExact(q) {
      if (ranking.q !== q) {
        var mine = ranking = { q: q, promise: engine.query(q, true) };
        // A failed ranking is not kept: Enter or the next key tries again.
        mine.promise.catch(function () { if (ranking === mine) ranking = { q: null, promise: null }; });
      }
      return ranking.promise;
    }
    function ranked(q) {
      return rankExact(q).then(function (r) { return r.complete ? r : engine.query(q); });
    }
    function message(text) { box.textContent = ""; box.appendChild(el("p", null, text)); box.hidden = false; }
    function showMore(list, button) {
      var page = results.slice(shown, shown + opts.page).map(function (r) { return r[0]; });
      var mySeq = seq;
      return engine.docs(page).then(function (hits) {
        if (mySeq !== seq) return;
        renderHits(list, hits);
        shown += page.length;
        if (button && shown >= results.length) button.remove();
      });
    }
    function suggest(text) {
      var meta = engine.meta();
      var parts = (meta.labels.suggest || "{query}?").split("{query}");
      var p = el("p", "search-suggest");
      p.appendChild(document.createTextNode(parts[0]));
      var a = el("a", null, text);
      a.href = opts.moreUrl(text);
      a.addEventListener("click", function (e) { e.preventDefault(); input.value = text; run(); input.focus(); });
      p.appendChild(a);
      p.appendChild(document.createTextNode(parts.slice(1).join(text)));
      box.appendChild(p);
    }
    function done() { box.setAttribute("aria-busy", "false"); }
    function run() {
      clearTimeout(timer);
      var q = input.value;
      var mySeq = ++seq;
      if (opts.onQuery) opts.onQuery(q);
      if (!searchable(q)) {
        var meta = engine.meta();
        if (opts.popup) { box.hidden = true; box.textContent = ""; } else if (q.trim()) message((meta && meta.labels.short) || "…"); else box.textContent = "";
        done();
        return;
      }
      ranked(q).then(function (r) {
        if (mySeq !== seq) return;
        var meta = engine.meta();
        results = r.results; shown = 0;
        box.textContent = "";
        box.hidden = false;
        if (!results.length) { message(meta.labels.none); done(); return; }
        if (r.suggestion) suggest(r.suggestion);
        box.appendChild(el("p", "hit-count", meta.labels.results.replace("{count}", results.length)));
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
        if (mySeq === seq) { var meta = engine.meta(); message((meta && meta.labels.error) || "Error"); done(); }
      });
    }
    // Shows results after a pause in typing; meanwhile loads the shards the
    // words need and ranks what has been typed so far.
    input.addEventListener("input", function () {
      box.setAttribute("aria-busy", "true");
      clearTimeout(timer);
      seq++; // a search still fetching rows is for an older text: drop it
      rhythm.key(Date.now());
      if (searchable(input.value)) rankExact(input.value);
      else engine.prefetch(input.value).catch(function () {});
      timer = setTimeout(run, rhythm.pause());
    });
    input.addEventListener("keydown", function (e) { if (e.key === "Enter" && !opts.popup) { e.preventDefault(); run(); } });
    if (opts.popup) {
      input.addEventListener("keydown", function (e) { if (e.key === "Escape") { box.hidden = true; } });
      document.addEventListener("click", function (e) { if (!box.contains(e.target) && e.target !== input) box.hidden = true; });
      input.addEventListener("focus", function () { if (box.childNodes.length) box.hidden = false; });
    }
    return run;
  }

  function init() {
    var searchUrl = dir;
    var moreUrl = function (q) { return searchUrl + "?q=" + encodeURIComponent(q); };
    var pageInput = document.getElementById("search-page-q");
    if (pageInput) {
      var target = document.getElementById(pageInput.getAttribute("data-search-target"));
      var run = attach(pageInput, target, {
        page: 20,
        popup: false,
        moreUrl: moreUrl,
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
      attach(input, box, { page: 6, popup: true, moreUrl: moreUrl });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
