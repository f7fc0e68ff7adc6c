// Run axe-core over an HTML file in Debian's headless chromium; print the violations as JSON.
// Usage: node run.js REPORT.html   (exit 0 when run, whatever was found; 2 on a usage error)
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { chromium } = require("playwright-core");

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const BROWSER = process.env.COPROD_CHROMIUM || "/usr/bin/chromium";

async function main() {
  const file = process.argv[2];
  if (!file || !fs.existsSync(file)) {
    console.error("usage: node run.js REPORT.html");
    process.exit(2);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "coprod-axe-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: BROWSER,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    const page = context.pages()[0] || (await context.newPage());
    // The report must need nothing from outside: refuse every request but the file itself.
    await page.route("**/*", (route) =>
      route.request().url().startsWith("file:") || route.request().url().startsWith("data:")
        ? route.continue()
        : route.abort(),
    );
    await page.goto("file://" + path.resolve(file));
    await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
    const result = await page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }),
      TAGS,
    );
    const violations = result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })),
    }));
    // Reflow (WCAG 1.4.10): at 320 CSS pixels, as at 400% zoom, nothing should scroll sideways.
    await page.setViewportSize({ width: 320, height: 800 });
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    // Phones: at 320 and 390 px no element of the main content is wider than the screen
    // (not even inside a box that scrolls), and no chart text renders below 12 px.
    const phones = [];
    for (const width of [320, 390]) {
      await page.setViewportSize({ width, height: 800 });
      phones.push(await page.evaluate((width) => {
        const seen = (el) => {
          for (let e = el; e; e = e.parentElement) {
            const style = getComputedStyle(e);
            if (style.display === "none" || style.visibility === "hidden") return false;
            if (style.position === "absolute" && style.clip.startsWith("rect(0")) return false;
          }
          return true;
        };
        const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
          (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "");
        const wider = [];
        for (const el of document.querySelectorAll("main *")) {
          const box = el.getBoundingClientRect();
          if (box.width === 0 || !seen(el)) continue;
          if (box.right > width + 1 || box.left < -1) wider.push(name(el) + " " + Math.round(box.right));
        }
        let smallest = null;
        for (const text of document.querySelectorAll("main svg text")) {
          if (!seen(text)) continue;
          const px = parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a;
          if (smallest === null || px < smallest) smallest = px;
        }
        return { width, wider: wider.slice(0, 40), smallestChartText: smallest };
      }, width));
    }
    const report = { file, passes: result.passes.length, violations, reflow: { width: 320, scrollWidth }, phones };
    process.stdout.write(JSON.stringify(report, null, 2) + "\n");
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(String(err && err.stack ? err.stack : err));
  process.exit(1);
});
