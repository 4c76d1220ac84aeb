// report_test.js PLAYWRIGHT_CORE DIR: opens DIR/run.html (an il.report
// page of two runs, zeros and He) in Debian's headless Chromium, moves its
// slider as a reader would, and checks what the page shows: the iteration
// printed, the heat map's pixels, the loss marker, the layer menu, no
// request leaving the file and no script error.  Screenshots go to DIR.
"use strict";
const path = require("path");
const { chromium } = require(path.resolve(process.argv[2]));
const dir = path.resolve(process.argv[3]);

let passed = 0, failed = 0;
function ok(cond, name, detail) {
  if (cond) {
    passed++;
    console.log("ok - " + name);
  } else {
    failed++;
    console.log("not ok - " + name + (detail !== undefined ? "\n#   got: " + JSON.stringify(detail) : ""));
  }
}

// What the page shows of run ri: its entry line, a digest of the heat
// map's pixels (and whether they are all white), the loss marker.
async function state(page, ri) {
  return page.evaluate((ri) => {
    const run = document.querySelector('.run[data-run="' + ri + '"]');
    const heat = run.querySelector("canvas.heat");
    const px = heat.getContext("2d").getImageData(0, 0, heat.width, heat.height).data;
    let hash = 2166136261, white = true;
    for (let i = 0; i < px.length; i++) {
      hash = Math.imul(hash ^ px[i], 16777619) >>> 0;
      if (i % 4 !== 3 && px[i] !== 255) white = false;
    }
    const loss = run.querySelector("canvas.loss");
    return {
      iter: document.getElementById("iter").textContent,
      entry: run.querySelector(".entry").textContent,
      heat: hash, white: white, heatSize: [heat.width, heat.height],
      heatRecorded: heat.dataset.recorded,
      marker: Number(loss.dataset.markerX),
      range: run.querySelector("canvas.heat").parentNode.querySelector(".note").textContent,
      missing: run.textContent.indexOf("not recorded") >= 0 ||
               Array.from(run.querySelectorAll("canvas")).some((c) => c.dataset.recorded === "0")
    };
  }, ri);
}

(async () => {
  const started = Date.now();
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium", headless: true,
    args: ["--no-sandbox", "--disable-gpu"]
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
  const errors = [], requests = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("request", (r) => { if (!r.url().startsWith("file:")) requests.push(r.url()); });
  await page.goto("file://" + path.join(dir, "run.html"));
  await page.waitForSelector('.run[data-run="1"] canvas.loss[data-marker-x]');

  ok(errors.length === 0, "the page runs without script errors", errors);
  ok((await page.title()) === "zeros vs He", "the title is the one given");
  const labels = await page.$$eval(".run h2", (hs) => hs.map((h) => h.textContent));
  ok(JSON.stringify(labels) === '["zeros","He"]', "both runs are side by side, labelled", labels);
  const z0 = await state(page, 0), h0 = await state(page, 1);
  ok(h0.iter === "iteration 0", "the slider starts at iteration 0", h0.iter);
  ok(!h0.missing && !z0.missing, "every part is drawn (nothing 'not recorded')");
  ok(z0.white, "zeros at iteration 0: the heat map is all white (every weight 0)");
  ok(!h0.white, "He at iteration 0: the heat map has color");
  ok(/color range \u00b1[0-9.e+-]+/.test(h0.range), "the color range is printed", h0.range);
  await page.screenshot({ path: path.join(dir, "report-iter0.png"), fullPage: true });

  // the reader drags the slider to the end (keyboard: End), then back a step
  await page.focus("#slider");
  await page.keyboard.press("End");
  const z1 = await state(page, 0), h1 = await state(page, 1);
  ok(h1.iter === "iteration 300", "at the end the iteration shown is the last", h1.iter);
  ok(h1.entry.indexOf("showing iteration 300 (entry 16 of 16)") === 0, "the run says which entry it shows", h1.entry);
  ok(h1.heat !== h0.heat, "He: the heat map's pixels change as the weights train");
  // the lesson: tanh units that all start at 0 get no gradient, so the
  // zeros run's first layer never leaves 0
  ok(z1.white && z1.entry.indexOf("showing iteration 300") === 0,
     "zeros: layer 1 is still all white at iteration 300", z1.entry);
  ok(h1.marker > h0.marker + 100, "the loss marker moves right", [h0.marker, h1.marker]);
  await page.screenshot({ path: path.join(dir, "report-iter300.png"), fullPage: true });
  await page.keyboard.press("ArrowLeft");
  const h2 = await state(page, 1);
  ok(h2.iter === "iteration 280" && h2.marker < h1.marker && h2.marker > h0.marker,
     "one step back: iteration 280, the marker between", [h2.iter, h2.marker]);

  // the layer menu: layer 2 is 6 x (8 + 1), a heat map of another shape
  await page.selectOption("#layer", "2");
  const h3 = await state(page, 1);
  ok(h3.entry.indexOf("layer 2 of 3") > 0, "the layer menu changes the layer shown", h3.entry);
  ok(h3.heatSize[1] < h2.heatSize[1] && h3.heat !== h2.heat,
     "layer 2's heat map has its own shape (6 rows, not 8)", [h2.heatSize, h3.heatSize]);
  await page.screenshot({ path: path.join(dir, "report-layer2.png"), fullPage: true });

  ok(requests.length === 0, "no request leaves the file", requests);
  ok(errors.length === 0, "no script error after moving the slider", errors);
  await browser.close();
  console.log("# screenshots: " + path.join(dir, "report-*.png") + " (" +
              ((Date.now() - started) / 1000).toFixed(1) + " s)");
  console.log("# browser: " + passed + " ok, " + failed + " not ok");
  process.exit(failed ? 1 : 0);
})().catch((e) => {
  console.log("not ok - the browser test ran: " + String(e).split("\n")[0]);
  console.log("# browser: " + passed + " ok, " + (failed + 1) + " not ok");
  process.exit(1);
});
