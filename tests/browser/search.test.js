// Browser test of the client-side search, in Debian's Chromium driven by
// playwright-core. Serves a built site on 127.0.0.1 under its sub-path,
// types queries into the search box like a citizen on a phone would, and
// checks the result links.
//
//   node search.test.js [--site DIR] [--base /vinh-danh/]
//   node search.test.js --measure "nguyen thi hoa" --site DIR --base /
//       prints the bytes the first query transfers, for the README.
"use strict";
const http = require("http");
const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const site = path.resolve(arg("--site", path.join(__dirname, "../../public")));
const base = arg("--base", "/vinh-danh/");
const measure = arg("--measure", null);

const TYPES = { ".html": "text/html; charset=utf-8", ".json": "application/json", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".xml": "application/xml" };

function serve() {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(req.url.split("?")[0]);
    if (!url.startsWith(base)) { res.writeHead(404); res.end(); return; }
    let file = path.join(site, url.slice(base.length));
    if (!file.startsWith(site)) { res.writeHead(403); res.end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) { res.writeHead(404); res.end(fs.existsSync(path.join(site, "404.html")) ? fs.readFileSync(path.join(site, "404.html")) : ""); return; }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"],
  });
}

async function typeQuery(page, selector, text) {
  await page.fill(selector, "");
  await page.type(selector, text, { delay: 15 });
  // Wait for the debounced search to show its answer (aria-busy goes back to false).
  await page.waitForFunction((sel) => {
    const form = document.querySelector(sel).closest("form");
    const box = form && form.querySelector("[data-search-results]");
    return box && box.getAttribute("aria-busy") === "false" && !box.hidden && box.querySelector("p, li");
  }, selector, { timeout: 10000 });
}

async function hits(page, scope) {
  return page.$$eval(scope + " li", (lis) => lis.map((li) => ({ href: li.querySelector("a").getAttribute("href"), title: li.querySelector("a").textContent, meta: li.querySelector(".hit-kind").textContent })));
}

async function main() {
  const server = await serve();
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await launch();
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  const errors = [];
  const external = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("request", (r) => { if (!r.url().startsWith(origin)) external.push(r.url()); });

  if (measure) {
    let bytes = 0;
    const files = [];
    page.on("response", async (r) => {
      if (r.url().includes("/index.json") || /\/(t|d)-[^/]+\.json$/.test(r.url())) {
        const body = await r.body();
        bytes += body.length;
        files.push(`${r.url().replace(origin, "")} ${body.length}`);
      }
    });
    await page.goto(origin + base);
    await typeQuery(page, "#site-search", measure);
    await page.waitForTimeout(500);
    console.log(files.join("\n"));
    console.log(`first query "${measure}": ${bytes} bytes of search index transferred (${(bytes / 1024).toFixed(1)} KiB)`);
    await browser.close();
    server.close();
    return;
  }

  const failures = [];
  const check = (ok, what) => { if (!ok) failures.push(what); console.log(`${ok ? "ok  " : "FAIL"} ${what}`); };

  await page.goto(origin + base);
  // The search box is a real search field in the header of every page.
  check(await page.$("header input[type=search]#site-search") !== null, "search box in the header");

  const cases = [
    ["nguyen thi hoa", (h) => h.some((x) => x.href === base + "ca-nhan/nguyen-thi-hoa/"), "without diacritics finds Nguyễn Thị Hoa"],
    ["NGUYỄN THỊ HOA", (h) => h[0] && h[0].href === base + "ca-nhan/nguyen-thi-hoa/", "upper case with diacritics finds her first"],
    ["dinh thi anh", (h) => h.some((x) => x.href === base + "ca-nhan/dinh-thi-anh/" && x.title === "Đinh Thị Ánh"), "đ is folded to d"],
    ["hoa chi lang", (h) => h.some((x) => x.href === base + "ca-nhan/nguyen-thi-hoa/"), "name and unit together"],
    ["thi dua", (h) => h.length > 0 && h.every((x) => (x.title + " " + x.meta).toLowerCase().includes("thi đua")), "thi dua finds titles with thi đua"],
    ["Hòa", (h) => h[0] && h[0].title.includes("Hòa"), "exact diacritics rank first"],
    ["hop tac xa", (h) => h.some((x) => x.meta.startsWith("Tập thể")), "collectives are found, with their kind"],
    ["tran van duc", (h) => h[0] && h[0].href === base + "ca-nhan/tran-van-duc/" && h[0].title === "Trần Văn Đức", "d finds đ: Trần Văn Đức first"],
    ["xa mai sao", (h) => h[0] && h[0].href === base + "don-vi/xa-mai-sao/" && h[0].meta.startsWith("Đơn vị"), "a unit comes first for its own name, before Trạm Y tế xã Mai Sao"],
    ["huyen chi lang", (h) => h[0] && h[0].href === base + "don-vi/huyen-chi-lang/", "Huyện Chi Lăng first, before the units and collectives named after it"],
    ["luongg van binh", (h) => h[0] && h[0].href === base + "ca-nhan/luong-van-binh/", "one typo still finds Lương Văn Bình"],
  ];
  for (const [q, ok, what] of cases) {
    await typeQuery(page, "#site-search", q);
    const h = await hits(page, "header [data-search-results]");
    check(ok(h), `${what} ("${q}" → ${h.slice(0, 3).map((x) => x.title).join(" | ") || "no result"})`);
    check(h.every((x) => x.href.startsWith(base)), `result links stay under ${base} ("${q}")`);
    check(h.every((x) => /·/.test(x.meta)), `each result shows its kind and unit or context ("${q}")`);
  }

  // A typo: the results say what they corrected, and the link runs the corrected query.
  await typeQuery(page, "#site-search", "luongg van binh");
  const suggestion = await page.textContent("header .search-suggest").catch(() => "");
  check(/Có phải bạn muốn tìm luong van binh/.test(suggestion || ""), `a typo offers the corrected query ("${suggestion}")`);
  await page.click("header .search-suggest a");
  await page.waitForFunction(() => document.querySelector("#site-search").value === "luong van binh" && !document.querySelector("header .search-suggest") && document.querySelector("header [data-search-results] li"), null, { timeout: 10000 });
  check(true, "the suggestion runs the corrected query");

  // Typing at 220 ms a key runs one search, after the pause.
  await page.fill("#site-search", "");
  await page.evaluate(() => {
    window.__renders = 0;
    new MutationObserver(() => { if (document.querySelector("header .hit-count")) window.__renders++; }).observe(document.querySelector("header [data-search-results]"), { childList: true });
  });
  await page.type("#site-search", "vi thi yen", { delay: 220 });
  await page.waitForTimeout(700);
  const renders = await page.evaluate(() => window.__renders);
  check(renders === 1, `typing at 220 ms a key shows results once (${renders})`);

  // Following a result opens the page.
  await typeQuery(page, "#site-search", "nguyen thi hoa");
  await Promise.all([page.waitForNavigation(), page.click(`header [data-search-results] a[href="${base}ca-nhan/nguyen-thi-hoa/"]`)]);
  check((await page.textContent("h1")).trim() === "Nguyễn Thị Hoa", "clicking a result opens the profile");

  // The search page reads ?q= and lists results; without a match it says so.
  await page.goto(origin + base + "tim-kiem/?q=" + encodeURIComponent("thi dua"));
  await page.waitForSelector("#search-page-results li", { timeout: 10000 });
  const pageHits = await hits(page, "#search-page-results");
  check(pageHits.length > 1, `search page lists results for ?q=thi dua (${pageHits.length})`);
  await page.fill("#search-page-q", "");
  await page.type("#search-page-q", "zzzqqq", { delay: 15 });
  await page.waitForFunction(() => /Không tìm thấy/.test(document.querySelector("#search-page-results").textContent), null, { timeout: 10000 });
  check(true, "no result is said in words");

  // A phone that loses its signal: the index files fail once, the page says
  // so, and the next try (Enter) fetches them again instead of keeping the failure.
  const flaky = await browser.newContext();
  const p3 = await flaky.newPage();
  await p3.goto(origin + base + "tim-kiem/");
  let failed = 0;
  await p3.route(/\/(t|d)-[^/]+\.json$/, (route) => { failed++; return route.abort("internetdisconnected"); });
  await p3.type("#search-page-q", "nguyen thi hoa", { delay: 15 });
  await p3.press("#search-page-q", "Enter");
  const lost = await p3.waitForFunction(() => /could not|không tải/i.test(document.querySelector("#search-page-results").textContent), null, { timeout: 10000 }).then(() => true, () => false);
  check(lost && failed > 0, `a failed fetch is said in words (${failed} failed)`);
  await p3.unroute(/\/(t|d)-[^/]+\.json$/);
  await p3.press("#search-page-q", "Enter");
  const back = await p3.waitForSelector(`#search-page-results a[href="${base}ca-nhan/nguyen-thi-hoa/"]`, { timeout: 10000 }).then(() => true, () => false);
  check(back, "after the signal returns, Enter finds Nguyễn Thị Hoa");
  await flaky.close();

  // Without JavaScript the search page still offers browsing by unit.
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const p2 = await noJs.newPage();
  await p2.goto(origin + base + "tim-kiem/");
  const units = await p2.$$eval("main .tree a", (as) => as.length);
  check(units > 5, `without JavaScript the search page lists the unit tree (${units} links)`);
  // The header box submits to the search page with the query, which offers people A–Z.
  await p2.goto(origin + base + "don-vi/");
  await p2.fill("#site-search", "tran van duc");
  await Promise.all([p2.waitForNavigation(), p2.press("#site-search", "Enter")]);
  const landed = new URL(p2.url());
  check(landed.pathname === base + "tim-kiem/" && landed.searchParams.get("q") === "tran van duc", `without JavaScript the header box opens the search page with the query (${p2.url()})`);
  const letters = await p2.$$eval("main .az-index a", (as) => as.map((a) => a.textContent + " " + a.getAttribute("href")));
  check(letters.length > 3 && letters.some((l) => l.startsWith("Đ ")) && letters.every((l) => l.includes(base + "ca-nhan/")), `without JavaScript the search page offers people A–Z (${letters.slice(0, 4).join(", ")}…)`);
  await p2.click("main .az-index a >> text=Đ");
  check(await p2.$(`a[href="${base}ca-nhan/tran-van-duc/"]`) !== null, "the letter Đ opens the people list where Trần Văn Đức is");
  await noJs.close();

  check(errors.length === 0, `no JavaScript errors ${errors.join("; ")}`);
  check(external.length === 0, `no request leaves 127.0.0.1 ${external.join(" ")}`);
  await browser.close();
  server.close();
  if (failures.length) {
    console.error(`\n${failures.length} browser check(s) failed`);
    process.exit(1);
  }
  console.log("\nall browser checks passed");
}

main().catch((e) => { console.error(e); process.exit(1); });
