// Browser test of `bangvang serve`, in Debian's Chromium driven by
// playwright-core: an officer has a profile open, saves an edit in an
// editor, and the page reloads by itself with the edit; saves a mistake,
// and the error shows over the page in Vietnamese with the file and line
// while the last good page stays; fixes it, and the page reloads clean.
// The pages must load nothing from outside and raise no script error.
//
//   node reload.test.js --bangvang target/release/bangvang --site DIR
//
// DIR is changed during the test: give a copy.
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const path = require("path");
const readline = require("readline");
const { chromium } = require("playwright-core");

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const bin = path.resolve(arg("--bangvang", "target/release/bangvang"));
const site = path.resolve(arg("--site", ""));

function fail(message) {
  console.error(`reload test: FAILED: ${message}`);
  process.exitCode = 1;
  throw new Error(message);
}

function startServe() {
  const child = spawn(bin, ["serve", "--root", site, "--port", "0", "--now", "2026-11-21"], { stdio: ["ignore", "pipe", "pipe"] });
  child.stderr.on("data", () => {});
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      const m = line.match(/http:\/\/\S+/);
      if (m) resolve({ child, url: m[0] });
    });
    child.on("exit", (code) => reject(new Error(`serve ended (${code}) before serving`)));
  });
}

async function main() {
  const file = path.join(site, "content/people/dinh-thi-anh.md");
  const original = fs.readFileSync(file, "utf8");
  const { child, url } = await startServe();
  const origin = new URL(url).origin;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"],
  });
  const errors = [];
  const external = [];
  try {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    page.on("request", (r) => { if (!r.url().startsWith(origin)) external.push(r.url()); });
    await page.goto(`${url}ca-nhan/dinh-thi-anh/`, { waitUntil: "load" });
    // Wait for the reload script to be connected before the first save.
    await page.waitForSelector("html[data-bangvang-serve]", { timeout: 10000 });

    // 1. An edit: the open page reloads by itself and shows it.
    const sentence = "Câu mới viết để thử tải lại trang.";
    await page.evaluate(() => { window.notReloaded = true; });
    fs.writeFileSync(file, original.trimEnd() + `\n\n${sentence}\n`);
    await page.waitForFunction((s) => document.body.innerText.includes(s), sentence, { timeout: 10000 })
      .catch(() => fail("the edit did not appear in the open page"));
    if (await page.evaluate(() => window.notReloaded === true)) fail("the page changed without a reload");
    console.log("reload test: an edit reloads the open page");

    // 2. A mistake: the error over the page, in Vietnamese, with file and line.
    fs.writeFileSync(file, original.replace('unit = "truong-thcs-nhan-ly"', 'unit = "truong-thcs-nhan-ly'));
    const overlay = await page.waitForSelector(".bangvang-overlay", { timeout: 10000 })
      .catch(() => fail("no error over the page after a broken save"));
    const text = await overlay.innerText();
    for (const want of ["Trang chưa được cập nhật", "Tệp content/people/dinh-thi-anh.md, dòng 3", "unit = \"truong-thcs-nhan-ly"]) {
      if (!text.includes(want)) fail(`the error over the page lacks "${want}": ${text}`);
    }
    if (!(await page.evaluate((s) => document.body.innerText.includes(s), sentence))) fail("the last good page is not kept under the error");
    await page.screenshot({ path: path.join(process.env.SCREENSHOTS || site, "serve-error-390.png") });
    console.log("reload test: a broken save shows its error over the page");

    // 3. The fix: the error goes and the page reloads.
    fs.writeFileSync(file, original);
    await page.waitForFunction((s) => !document.querySelector(".bangvang-overlay") && !document.body.innerText.includes(s), sentence, { timeout: 10000 })
      .catch(() => fail("the page did not come back clean after the fix"));
    console.log("reload test: the fix clears the error and reloads");
  } finally {
    fs.writeFileSync(file, original);
    await browser.close();
    child.kill("SIGINT");
  }
  if (errors.length) fail(`script errors: ${errors.join("; ")}`);
  if (external.length) fail(`requests outside the site: ${external.join(", ")}`);
  console.log("reload test: passed");
}

main().catch((e) => { if (!process.exitCode) { console.error(e); process.exitCode = 1; } });
