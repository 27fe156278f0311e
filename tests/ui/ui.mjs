// Browser scenarios for web-static/, driven by tests/ui/BrowserTest.java against a real `portoser web` and real
// harness hosts:  node tests/ui/ui.mjs SCENARIO CONFIG_JSON
// Debian chromium (headless, no sandbox, no background networking) with a fresh profile; playwright-core only.
// Prints "ok <step>" per passed step and "not ok <step>: why" on the first failure (exit 1); screenshots of each
// page go to config.shots (tests/ui/screenshots/), a failing step's to failed-<scenario>.png.
//
// config: {url, token, shots, hosts: [h1, h2], move: {service, from, to}, fault: {service, host},
//          impact: {service, impacted}, rollback: {to, service}, edit: {service}, readToken}

import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [scenario, configText] = process.argv.slice(2);
const cfg = JSON.parse(configText || '{}');
const WAIT = Number(process.env.UI_WAIT_MS || 60000);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const problems = [];

const SCENARIOS = { move, diagnose, rollback, pages };

async function main() {
  if (!SCENARIOS[scenario]) throw new Error(`unknown scenario '${scenario}' (one of ${Object.keys(SCENARIOS).join(', ')})`);
  mkdirSync(cfg.shots, { recursive: true });
  rmSync(join(cfg.shots, `failed-${scenario}.png`), { force: true }); // a failure picture from an earlier run
  const profile = mkdtempSync(join(tmpdir(), 'portoser-ui-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 860 },
    colorScheme: 'light',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-extensions'],
  });
  try {
    await SCENARIOS[scenario](context);
    if (problems.length) throw new Step('no script errors in the pages', problems.join(' | '));
    console.log('ok no script errors in the pages');
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

class Step extends Error {
  constructor(name, why) { super(`${name}: ${why}`); this.step = name; }
}

/** Runs one named step; on failure saves the page and stops the scenario. */
async function step(page, name, fn) {
  const t0 = Date.now();
  try {
    await fn();
  } catch (e) {
    await page.screenshot({ path: join(cfg.shots, `failed-${scenario}.png`), fullPage: true }).catch(() => {});
    const body = await page.locator('main').innerText().catch(() => '');
    throw new Step(name, `${e.message.split('\n')[0]}\n--- page text ---\n${body.slice(0, 2000)}`);
  }
  console.log(`ok ${name} (${Date.now() - t0} ms)`);
}

function watch(page, label) {
  page.on('pageerror', (e) => problems.push(`${label}: ${e.message}`));
  page.on('console', (m) => {
    // Failed requests the scenarios cause on purpose (401 before login, 400 of a bad edit) are not script errors.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`${label}: ${m.text()}`);
  });
  return page;
}

async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0)); // a sticky header would be drawn where the page was scrolled to
  await page.waitForTimeout(150); // let the last paint land
  await page.screenshot({ path: join(cfg.shots, `${name}.png`), fullPage: true });
}

async function login(context, label = 'page', token = cfg.token) {
  const page = watch(await context.newPage(), label);
  await page.goto(cfg.url);
  await page.locator('#token').waitFor({ timeout: WAIT });
  await page.locator('#token').fill(token);
  await page.keyboard.press('Enter');
  await page.locator('#nav').waitFor({ state: 'visible', timeout: WAIT });
  return page;
}

async function go(page, hash) {
  await page.evaluate((hh) => { location.hash = hh; }, hash);
  await page.locator(`main[data-page="${hash.slice(2)}"] h1`).waitFor({ timeout: WAIT });
}

const card = (page, service) => page.locator(`article.service[data-service="${service}"]`);
const column = (page, host) => page.locator(`section.machine[data-host="${host}"]`);

/** GET from inside the page: the session cookie, as the UI itself sends it. */
function apiGet(page, path) {
  return page.evaluate(async (p) => {
    const r = await fetch(p, { credentials: 'same-origin' });
    return { status: r.status, body: await r.json() };
  }, path);
}

async function until(what, fn, timeout = WAIT) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) { last = e.message; }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

// ---- scenarios ----

/** Log in (a wrong token first), see the cluster, drag a service to the other machine and watch it move. */
async function move(context) {
  const page = watch(await context.newPage(), 'page');
  const { service, from, to } = cfg.move;

  await step(page, 'login page refuses a wrong token with its one-line reason', async () => {
    await page.goto(cfg.url);
    await page.locator('#token').waitFor({ timeout: WAIT });
    await shot(page, 'login');
    await page.locator('#token').fill('pt_not-a-real-token');
    await page.keyboard.press('Enter');
    await page.locator('#login-error').waitFor({ state: 'visible', timeout: WAIT });
    const text = await page.locator('#login-error').innerText();
    if (!/token/i.test(text)) throw new Error(`error line: ${text}`);
    if (await page.locator('#nav').isVisible()) throw new Error('navigation shown without a session');
  });

  await step(page, 'login with the printed token (keyboard only) opens the cluster', async () => {
    await page.locator('#token').fill(cfg.token);
    await page.keyboard.press('Enter');
    await page.locator('main[data-page="cluster"] h1').waitFor({ timeout: WAIT });
    const who = await page.locator('#whoami').innerText();
    if (!/deploy|admin/.test(who)) throw new Error(`header says ${who}`);
  });

  await step(page, `cluster shows both machines with their services, healthy`, async () => {
    for (const host of cfg.hosts) await column(page, host).waitFor({ timeout: WAIT });
    for (const [svc, host] of Object.entries(cfg.placement)) {
      await column(page, host).locator(`article.service[data-service="${svc}"]`).waitFor({ timeout: WAIT });
    }
    await until(`${service} healthy on ${from}`, async () => (await card(page, service).getAttribute('class')).includes('state-healthy'));
    await until('the live-updates dot', async () => (await page.locator('#conn').getAttribute('class')).includes('live'));
    await shot(page, 'cluster');
  });

  await step(page, 'the confirm dialog cancels with Escape and nothing moves', async () => {
    await card(page, service).locator('select.move-to').selectOption(to);
    await page.locator('dialog.confirm').waitFor({ timeout: WAIT });
    await page.keyboard.press('Escape');
    await page.locator('dialog.confirm').waitFor({ state: 'detached', timeout: WAIT });
    await page.waitForTimeout(500);
    if (await page.locator('.job').count()) throw new Error('a job started after Cancel');
    await column(page, from).locator(`article.service[data-service="${service}"]`).waitFor({ timeout: WAIT });
  });

  await step(page, `drag ${service} from ${from} onto ${to} asks to confirm`, async () => {
    await page.dragAndDrop(`article.service[data-service="${service}"]`, `section.machine[data-host="${to}"]`);
    await page.locator('dialog.confirm').waitFor({ timeout: WAIT });
    const text = await page.locator('dialog.confirm').innerText();
    if (!text.includes(service) || !text.includes(to)) throw new Error(`dialog says: ${text}`);
    await shot(page, 'cluster-confirm');
  });

  await step(page, 'confirming starts the move and its live log streams in', async () => {
    await page.locator('dialog.confirm button[value="yes"]').click();
    const job = page.locator('.job').first();
    await job.waitFor({ timeout: WAIT });
    await until('log lines naming the service', async () => (await job.locator('pre.log').textContent()).includes(`[${service}@`));
    await until('a phase step', async () => (await job.locator('.steps .step').count()) > 0);
    await until('the move to finish ok', async () => {
      const state = await job.locator('.badge').first().innerText();
      if (state === 'failed' || state === 'interrupted') throw new Error(`move ${state}: ${await job.innerText()}`);
      return state === 'ok';
    });
  });

  await step(page, `the card lands on ${to} and the API agrees`, async () => {
    await column(page, to).locator(`article.service[data-service="${service}"]`).waitFor({ timeout: WAIT });
    if (await column(page, from).locator(`article.service[data-service="${service}"]`).count()) throw new Error(`still on ${from}`);
    const r = await apiGet(page, `/api/services/${service}`);
    if (r.body.current_host !== to) throw new Error(`GET /api/services/${service}: current_host ${r.body.current_host}`);
    await until(`${service} healthy on ${to}`, async () => (await card(page, service).getAttribute('class')).includes('state-healthy'));
    await shot(page, 'cluster-moved');
  });

  await step(page, 'dependencies: graph by waves, click shows the impact', async () => {
    await go(page, '#/dependencies');
    const nodes = page.locator('svg.graph g.node');
    await until('every service drawn', async () => (await nodes.count()) === Object.keys(cfg.placement).length);
    const waves = await page.locator('svg.graph .wave-label').count();
    if (waves < 3) throw new Error(`${waves} wave columns`);
    await page.locator(`svg.graph g.node[data-service="${cfg.impact.service}"]`).click();
    await page.locator('#impact h2').waitFor({ timeout: WAIT });
    const list = await page.locator('#impact').innerText();
    for (const s of cfg.impact.impacted) if (!list.includes(s)) throw new Error(`impact lists: ${list}`);
    await until('impacted nodes marked', async () => (await page.locator('svg.graph g.node.impacted').count()) === cfg.impact.impacted.length);
    await until('service states drawn', async () => (await page.locator('svg.graph g.node.ok, svg.graph g.node.failing').count()) === await nodes.count());
    await shot(page, 'dependencies');
  });
}

/** A real fault (a foreign process on the service's port): Deploy from the cluster, the problem appears live. */
async function diagnose(context) {
  const { service, host } = cfg.fault;
  const page = await login(context, 'cluster');
  const log = watch(await context.newPage(), 'log');
  await step(page, 'a second tab follows the deploy log', async () => {
    await log.goto(`${cfg.url}#/log`);
    await log.locator('main[data-page="log"] h1').waitFor({ timeout: WAIT });
  });
  await step(page, `Deploy ${service} from its card`, async () => {
    await column(page, host).locator(`article.service[data-service="${service}"]`).waitFor({ timeout: WAIT });
    await card(page, service).getByRole('button', { name: 'Deploy' }).click();
    await page.locator('.job').first().waitFor({ timeout: WAIT });
  });
  await step(log, 'the deploy log shows observe → diagnose → port_conflict problem live, then the failure', async () => {
    const run = log.locator('.job').first();
    await run.waitFor({ timeout: WAIT });
    const problem = run.locator('.step.problem');
    await problem.first().waitFor({ timeout: WAIT });
    const text = await problem.first().innerText();
    if (!text.includes('port_conflict')) throw new Error(`problem shown: ${text}`);
    await until('observe and diagnose steps', async () => (await run.locator('.step.heal').count()) >= 2);
    await until('the run to end failed', async () => (await run.locator('.badge').first().innerText()) === 'failed');
    if (!(await run.locator('pre.log').textContent()).includes(`[${service}@${host}]`)) throw new Error('no log lines');
    await shot(log, 'log');
  });
  await step(page, 'the cluster panel of that run shows the same problem and offers to allow the fix', async () => {
    await page.locator('.job .step.problem').first().waitFor({ timeout: WAIT });
    await page.getByRole('button', { name: 'Allow the fix and run again' }).waitFor({ timeout: WAIT });
    await shot(page, 'cluster-problem');
  });
  await step(page, 'allowing the fix (confirmed) runs again with yes: the foreign holder goes, the service comes up', async () => {
    await page.getByRole('button', { name: 'Allow the fix and run again' }).click();
    await page.locator('dialog.confirm').waitFor({ timeout: WAIT });
    await page.locator('dialog.confirm button[value="yes"]').click();
    const job = page.locator('.job', { hasText: 'fixes allowed' }).first();
    await job.waitFor({ timeout: WAIT });
    await until('the second run to finish ok', async () => {
      const state = await job.locator('.badge').first().innerText();
      if (state === 'failed' || state === 'interrupted') throw new Error(`run ${state}: ${await job.innerText()}`);
      return state === 'ok';
    });
    if (!(await job.locator('.step.action.ok').count())) throw new Error(`no action taken: ${await job.textContent()}`);
    await until(`${service} healthy on ${host}`, async () => (await card(page, service).getAttribute('class')).includes('state-healthy'));
  });
  await step(log, 'knowledge base counts the port_conflict and its fix', async () => {
    await go(log, '#/knowledge');
    await until('port_conflict in the frequency list', async () => (await log.locator('.bars').innerText()).includes('port_conflict'));
    await log.locator('#insight-service').selectOption(service);
    await log.locator('#insight .card').waitFor({ timeout: WAIT });
    await shot(log, 'knowledge');
  });
}

/** History: compare the first deploy with the move, roll back to the first deploy (confirmed), see it done. */
async function rollback(context) {
  const page = await login(context);
  const { to, service } = cfg.rollback;
  await step(page, 'history lists the deploys', async () => {
    await go(page, '#/history');
    await page.locator('#history-list table').waitFor({ timeout: WAIT });
    await page.locator(`#history-list tr:has(input[value="${to}"])`).waitFor({ timeout: WAIT });
  });
  await step(page, 'compare the first deploy with the move: the host change and the registry diff', async () => {
    await page.locator(`input[name="pick-a"][value="${to}"]`).check();
    const moveRow = page.locator('#history-list tbody tr', { hasText: 'move' }).first();
    await moveRow.locator('input[name="pick-b"]').check();
    await page.locator('#compare').click();
    const cmp = page.locator('#history-compare .compare');
    await cmp.waitFor({ timeout: WAIT });
    const text = await cmp.innerText();
    if (!new RegExp(`host ${service}: \\S+ → \\S+`).test(text)) throw new Error(`compare says: ${text}`);
    if (!(await cmp.locator('pre.diff').count())) throw new Error('no registry diff');
  });
  await step(page, 'roll back asks to confirm, then runs with its live log', async () => {
    await page.getByRole('button', { name: `Roll back to ${to}` }).click();
    await page.locator('dialog.confirm').waitFor({ timeout: WAIT });
    await page.locator('dialog.confirm button[value="yes"]').click();
    const job = page.locator('.job').first();
    await job.waitFor({ timeout: WAIT });
    await until('the rollback to finish ok', async () => {
      const state = await job.locator('.badge').first().innerText();
      if (state === 'failed' || state === 'interrupted') throw new Error(`rollback ${state}: ${await job.innerText()}`);
      return state === 'ok';
    });
    await until('a rollback record in the list', async () => (await page.locator('#history-list tbody tr', { hasText: 'rollback' }).count()) > 0);
    await page.locator(`#history-list button.link >> text=${to}`).first().click();
    await page.locator('#history-detail .record').waitFor({ timeout: WAIT });
    await shot(page, 'history');
  });
}

/** Monitoring charts, the registry editor's inline validation, a phone-sized and a dark view. */
async function pages(context) {
  const page = await login(context);
  await step(page, 'monitoring draws per-host charts and service uptime', async () => {
    await go(page, '#/monitoring');
    for (const host of cfg.hosts) await page.locator(`.host-metrics[data-host="${host}"]`).waitFor({ timeout: WAIT });
    await until('a CPU line with two samples', async () => (await page.locator('.host-metrics .chart path.series').count()) >= cfg.hosts.length);
    await until('uptime rows with a state', async () => (await page.locator('#uptime tbody tr .badge.state-healthy').count()) > 0);
    const samples = async () => Number((await page.locator(`.host-metrics[data-host="${cfg.hosts[0]}"] header`).innerText()).match(/(\d+) samples/)[1]);
    const first = await samples();
    await until('live metric events adding samples without a reload', async () => (await samples()) >= first + 2);
    await shot(page, 'monitoring');
  });
  await step(page, 'registry: a bad port is refused inline, next to the field, nothing saved', async () => {
    await go(page, '#/registry');
    await page.getByRole('button', { name: `Edit ${cfg.edit.service}` }).click();
    await page.locator('#f-port').fill('eighty');
    await page.getByRole('button', { name: 'Save' }).click();
    const err = page.locator('#f-port-error');
    await err.waitFor({ state: 'visible', timeout: WAIT });
    if (!/port/i.test(await err.innerText())) throw new Error(`field error: ${await err.innerText()}`);
    if ((await page.locator('#f-port').getAttribute('aria-invalid')) !== 'true') throw new Error('field not marked invalid');
    const r = await apiGet(page, `/api/services/${cfg.edit.service}`);
    if (String(r.body.port) === 'eighty') throw new Error('the bad value was saved');
    await shot(page, 'registry');
  });
  await step(page, 'deploy log page renders the runs so far', async () => {
    await go(page, '#/log');
    await page.locator('#runs .job').first().waitFor({ timeout: WAIT });
  });
  await step(page, 'on a phone the cluster is one readable column', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await go(page, '#/cluster');
    await page.locator('section.machine').first().waitFor({ timeout: WAIT });
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
    if (widths[0] > widths[1] + 1) throw new Error(`page scrolls sideways: ${widths}`);
    const boxes = await page.locator('section.machine').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().x));
    if (new Set(boxes.map(Math.round)).size !== 1) throw new Error(`machines side by side on a phone: ${boxes}`);
    await shot(page, 'cluster-phone');
  });
  await step(page, 'dark colour scheme follows the system setting', async () => {
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.locator('article.service').first().waitFor({ timeout: WAIT });
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = bg.match(/\d+/g).map(Number);
    if (r + g + b > 150) throw new Error(`body background ${bg} in dark mode`);
    await shot(page, 'cluster-dark');
  });
  await step(page, 'keyboard: Tab reaches the nav and a service button, with a visible focus ring', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.locator('#main').focus();
    let found = false;
    for (let i = 0; i < 40 && !found; i++) {
      await page.keyboard.press('Tab');
      found = await page.evaluate(() => document.activeElement && document.activeElement.closest('article.service') !== null);
    }
    if (!found) throw new Error('Tab never reached a service card control');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    if (outline === 'none') throw new Error('no focus outline');
  });
  await step(page, 'log out ends the session: the login page again, the API says 401', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.locator('#token').waitFor({ timeout: WAIT });
    const r = await page.evaluate(async () => (await fetch('/api/session', { credentials: 'same-origin' })).status);
    if (r !== 401) throw new Error(`GET /api/session after logout: ${r}`);
  });
  await step(page, 'a read token sees the cluster without any button that changes something', async () => {
    await page.locator('#token').fill(cfg.readToken);
    await page.keyboard.press('Enter');
    await page.locator('main[data-page="cluster"] article.service').first().waitFor({ timeout: WAIT });
    const buttons = await page.locator('article.service button, article.service select').count();
    if (buttons) throw new Error(`${buttons} controls on the cards for a read token`);
    if (await page.locator('article.service[draggable="true"]').count()) throw new Error('cards draggable for a read token');
    await go(page, '#/registry');
    await page.locator('#registry table').first().waitFor({ timeout: WAIT });
    if (await page.getByRole('button', { name: /^Edit / }).count()) throw new Error('Edit offered to a read token');
  });
}

main().then(() => process.exit(0), (e) => {
  console.log(`not ok ${e.message}`);
  process.exit(1);
});
