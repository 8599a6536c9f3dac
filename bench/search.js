// Search benchmark: bangvang's index against Pagefind's on the same built site
// (run by bench/search.sh, which installs Pagefind and playwright-core).
//
//   node bench/search.js --site DIR --queries queries.json [--pagefind] [--quick]
//                        [--probe "nguyen thi hoa"] [--key-ms 220]
//
// DIR is a site built by bangvang (search index under tim-kiem/), with
// Pagefind's index under pagefind/ when --pagefind is given. Measures for
// each engine: index size and file count; recall@1 and recall@5 per query
// type (the query set comes from bench/search_queries.py); and, typing a
// name into the search box of the home page like a person would (220 ms a
// key unless --key-ms), the bytes the first query transfers and the time
// from the moment the last key goes down to the results on screen. --quick runs bangvang's recall in Node alone.
"use strict";
const http = require("http");
const fs = require("fs");
const path = require("path");

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const site = path.resolve(arg("--site", "public"));
const queries = JSON.parse(fs.readFileSync(arg("--queries", "queries.json"), "utf8"));
const withPagefind = process.argv.includes("--pagefind");
const quick = process.argv.includes("--quick");
const typed = arg("--type", null);
const verbose = process.argv.includes("--verbose");
// How fast the first-query probes are typed: milliseconds between keys.
const keyMs = Number(arg("--key-ms", "220"));

function dirStats(dir) {
  let bytes = 0, files = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else { bytes += fs.statSync(p).size; files++; }
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return { bytes, files };
}

function recallTable(rows) {
  const types = [...new Set(rows.map((r) => r.type))];
  const out = {};
  const all = { n: 0, at1: 0, at5: 0 };
  for (const t of types) {
    const rs = rows.filter((r) => r.type === t);
    const at1 = rs.filter((r) => r.rank === 1).length, at5 = rs.filter((r) => r.rank >= 1 && r.rank <= 5).length;
    out[t] = { n: rs.length, at1, at5 };
    if (t !== "given name only") { all.n += rs.length; all.at1 += at1; all.at5 += at5; }
  }
  out["all but given name"] = all;
  return out;
}
function pct(a, n) { return n ? (100 * a / n).toFixed(0) + "%" : "-"; }

function rankOf(urls, want) {
  const i = urls.findIndex((u) => u.replace(/index\.html$/, "").replace(/^https?:\/\/[^/]+/, "") === want);
  return i < 0 ? 0 : i + 1;
}

async function quickRun() {
  const { Engine } = require(path.join(__dirname, "../themes/default/static/search.js"));
  const dir = path.join(site, "tim-kiem") + "/";
  const engine = Engine(dir, (f) => Promise.resolve(JSON.parse(fs.readFileSync(f, "utf8"))));
  const rows = [];
  for (const q of queries) {
    if (typed && q.type !== typed) continue;
    const t0 = process.hrtime.bigint();
    const r = await engine.query(q.q);
    const hits = await engine.docs(r.results.slice(0, 5).map((x) => x[0]));
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const rank = rankOf(hits.map((h) => "/" + h.url), q.url);
    rows.push({ type: q.type, rank });
    if (verbose && rank !== 1) console.log(`${q.type} | ${q.q} | want ${q.url} rank ${rank} | ${hits.map((h) => h.title).join(" | ")} ${ms.toFixed(0)}ms`);
  }
  const t = recallTable(rows);
  for (const [k, v] of Object.entries(t)) console.log(`${k.padEnd(20)} n=${String(v.n).padStart(3)} @1 ${pct(v.at1, v.n).padStart(4)} @5 ${pct(v.at5, v.n).padStart(4)}`);
}

const TYPES = { ".html": "text/html; charset=utf-8", ".json": "application/json", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm", ".svg": "image/svg+xml" };
function serve() {
  const server = http.createServer((req, res) => {
    let file = path.join(site, decodeURIComponent(req.url.split("?")[0]));
    if (!file.startsWith(site)) { res.writeHead(403); res.end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream", "cache-control": "no-store" });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function browserRun() {
  const { chromium } = require("playwright-core");
  const server = await serve();
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  const report = {};
  const engines = ["bangvang"].concat(withPagefind ? ["pagefind"] : []);
  // First queries: a common name (many namesakes, long posting lists) and a person of the set.
  const probes = [arg("--probe", "nguyen thi hoa"), (queries.find((q) => q.type === "no diacritics") || queries[0]).q];
  for (const name of engines) {
    const st = dirStats(path.join(site, name === "bangvang" ? "tim-kiem" : "pagefind"));
    if (name === "bangvang") { const html = dirStats(path.join(site, "tim-kiem")); st.bytes -= fs.statSync(path.join(site, "tim-kiem/index.html")).size; st.files -= 1; void html; }
    const r = { index_bytes: st.bytes, index_files: st.files };
    // Recall, in one page.
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(origin + "/tim-kiem/");
    if (name === "pagefind") await page.evaluate(async () => { window.pf = await import("/pagefind/pagefind.js"); await window.pf.init(); });
    const rows = [];
    for (const q of queries) {
      const urls = await page.evaluate(async ([engine, text]) => {
        if (engine === "bangvang") return (await window.bangvangSearch(text, 5)).hits.map((h) => h.url);
        const res = await window.pf.search(text);
        const data = await Promise.all(res.results.slice(0, 5).map((x) => x.data()));
        return data.map((d) => d.url);
      }, [name, q.q]);
      rows.push({ type: q.type, rank: rankOf(urls, q.url) });
    }
    r.recall = recallTable(rows);
    r.units_first = rows.filter((x, i) => queries[i].type === "unit name" && x.rank === 1).length + "/" + queries.filter((q) => q.type === "unit name").length;
    await ctx.close();
    r.first_query = [];
    for (const probe of probes) {
    // First query: a fresh page, the name typed at keyMs a key.
    const c2 = await browser.newContext();
    const p2 = await c2.newPage();
    let bytes = 0, files = 0;
    const prefix = name === "bangvang" ? "/tim-kiem/" : "/pagefind/";
    p2.on("response", async (res) => {
      const u = res.url().replace(origin, "");
      if (u.startsWith(prefix) && !u.endsWith(".html") && u !== prefix) {
        try { bytes += (await res.body()).length; files++; } catch (e) { /* aborted */ }
      }
    });
    await p2.goto(origin + "/");
    let ms;
    if (name === "bangvang") {
      await p2.click("#site-search");
      await p2.type("#site-search", probe.slice(0, -1), { delay: keyMs });
      // type() returns keyMs after its last key went down (it holds each key
      // that long): the last key goes down now, and is counted from.
      const t0 = Date.now();
      await p2.keyboard.press(probe.slice(-1));
      await p2.waitForFunction((text) => {
        const input = document.querySelector("#site-search"), b = document.querySelector("header [data-search-results]");
        return input.value === text && b && b.getAttribute("aria-busy") === "false" && b.querySelector("li");
      }, probe, { timeout: 20000, polling: 5 });
      ms = Date.now() - t0;
    } else {
      // Pagefind's own API, with no debounce: the search and the data of its first five results.
      ms = await p2.evaluate(async (text) => {
        const pf = await import("/pagefind/pagefind.js");
        const t0 = performance.now();
        const res = await pf.search(text);
        await Promise.all(res.results.slice(0, 5).map((x) => x.data()));
        return Math.round(performance.now() - t0);
      }, probe);
    }
    await p2.waitForTimeout(800);
    r.first_query.push({ q: probe, key_ms: keyMs, bytes, files, ms_after_last_key: ms });
    await c2.close();
    }
    report[name] = r;
  }
  await browser.close();
  server.close();
  console.log(JSON.stringify(report, null, 1));
  // The table for the README.
  const types = Object.keys(report.bangvang.recall);
  const cols = engines;
  const line = (cells) => "| " + cells.join(" | ") + " |";
  console.log("\n" + line(["", ...cols]));
  console.log(line(["---", ...cols.map(() => "---")]));
  const kb = (b) => (b / 1024 >= 1024 ? (b / 1048576).toFixed(2) + " MiB" : (b / 1024).toFixed(1) + " KiB");
  console.log(line(["index", ...cols.map((e) => `${kb(report[e].index_bytes)} in ${report[e].index_files} files`)]));
  probes.forEach((probe, i) => {
    console.log(line([`first query "${probe}": bytes`, ...cols.map((e) => `${kb(report[e].first_query[i].bytes)} in ${report[e].first_query[i].files} files`)]));
    console.log(line([`"${probe}": results after the last key (typed at ${keyMs} ms a key)`, ...cols.map((e) => `${report[e].first_query[i].ms_after_last_key} ms`)]));
  });
  console.log(line(["unit first for its own name", ...cols.map((e) => report[e].units_first)]));
  for (const t of types) {
    console.log(line([`${t} (${report.bangvang.recall[t].n}): recall@1 / @5`, ...cols.map((e) => { const v = report[e].recall[t]; return `${pct(v.at1, v.n)} / ${pct(v.at5, v.n)}`; })]));
  }
}

(quick ? quickRun() : browserRun()).catch((e) => { console.error(e); process.exit(1); });
