// Embedding: a partner's page on a second origin puts the flow in with embed.js; a third origin
// can neither frame it nor listen to it nor drive it.
import { execFileSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base } from '@playwright/test';
import { test, expect, expectNoAxeViolations, throughDomain } from './support.mjs';
import { pagesHost } from './hosts.mjs';

const partnerUrl = process.env.ONRAMP_PARTNER_URL;
const appUrl = process.env.ONRAMP_BASE_URL;
let third;

test.beforeAll(async () => {
  const listen = `<script>window.received = []; addEventListener('message', (e) => window.received.push([e.origin, e.data]));</script>`;
  const errors = `<script>window.errors = []; document.getElementById('c').addEventListener('onramp:error', (e) => window.errors.push(e.detail));</script>`;
  third = await pagesHost({
    // Embeds the app for a partner that does not allow this origin.
    '/embed.html': `<!DOCTYPE html><html lang="en"><title>Third</title><main><div id="c"></div><script src="${appUrl}/embed.js" data-partner="example-university" data-target="#c" data-plan="starter"></script>${errors}</main></html>`,
    // Puts the partner's own page in a frame of this origin.
    '/framed-partner.html': `<!DOCTYPE html><html lang="en"><title>Third</title><iframe title="partner" src="${partnerUrl}/"></iframe></html>`,
    // Frames the app as if it were the partner.
    '/frame.html': `<!DOCTYPE html><html lang="en"><title>Third</title>${listen}<iframe id="app" title="app" src="${appUrl}/plan?embed=1&partner=example-university"></iframe></html>`,
    // Sits inside the partner's page (an ad, a widget) and tries to talk to the app.
    '/intruder.html': `<!DOCTYPE html><html lang="en"><title>Intruder</title>${listen}<script>
      const app = parent.frames[0];
      for (const m of [{ onramp: 1, type: 'set_locale', locale: 'de' }, JSON.stringify({ onramp: 1, type: 'set_locale', locale: 'de' }), { onramp: 1, type: 'measure' }]) app.postMessage(m, '*');
    </script></html>`,
  }, Number(process.env.ONRAMP_THIRD_PORT || 0));
});
test.afterAll(async () => { await third?.close(); });

const messages = (page) => page.locator('#events li');
const types = async (page) => (await messages(page).evaluateAll((els) => els.map((e) => e.dataset.type)));
const details = async (page, type) => (await messages(page).evaluateAll((els) => els.map((e) => JSON.parse(e.textContent)))).filter((d) => d.type === type);

/** The console errors of `page` other than the browser's own lines about refused loads. */
function consoleErrors(page) {
  const seen = [];
  page.on('pageerror', (e) => seen.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) seen.push(m.text()); });
  return seen;
}

/** The visitor's fallback in `scope` leads to the sign-up in a new tab with the page's presets. */
async function expectFallbackOpensSignUp(page, scope, query = '') {
  const link = scope.getByRole('link', { name: 'Open the sign-up in a new tab' });
  await expect(scope.getByText('The sign-up cannot be shown on this page.')).toBeVisible();
  expect(await link.getAttribute('href')).toBe(`${appUrl}/plan${query}`);
  expect(await link.getAttribute('target')).toBe('_blank');
  const [tab] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
  await expect(tab.getByRole('heading', { level: 1 })).toHaveText('Choose your plan');
  await tab.close();
}

test('a partner page gets the themed, locked, resizing flow and its events', async ({ page }) => {
  test.skip(!partnerUrl, 'ONRAMP_PARTNER_URL is set by cargo xtask test');
  await page.goto(`${partnerUrl}/`);
  const frame = page.frameLocator('#onramp iframe');
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Choose your plan');
  await expect(frame.getByText('Offered with Example University')).toBeVisible();
  await expect(frame.locator('.partner-logo')).toBeVisible();
  await expect.poll(() => types(page)).toEqual(expect.arrayContaining(['ready', 'step', 'resize', 'funnel']));

  // The partner's theme, from validated tokens only.
  const primary = await frame.locator('html').evaluate((el) => getComputedStyle(el).getPropertyValue('--onramp-color-primary').trim());
  expect(primary).toBe('#8a1538');
  const font = await frame.locator('body').evaluate((el) => getComputedStyle(el).fontFamily);
  expect(font).toContain('Georgia');

  // The plan is locked: preset, the others cannot be chosen, and the user is told why.
  await expect(frame.getByRole('radio', { name: 'Organization', exact: true })).toBeChecked();
  await expect(frame.getByRole('radio', { name: 'Starter', exact: true })).toBeDisabled();
  await expect(frame.getByText('Set by Example University; it cannot be changed here.').first()).toBeVisible();
  await expect(frame.getByRole('radio', { name: 'Yearly' })).toBeChecked();

  // The frame is as tall as its content: no inner scrollbar.
  const fits = async () => {
    const height = await page.locator('#onramp iframe').evaluate((f) => f.getBoundingClientRect().height);
    // Nothing to scroll inside the frame, and no empty space below the content.
    const [scroll, view, content] = await frame.locator('html').evaluate((h) => [h.scrollHeight, window.innerHeight, h.offsetHeight]);
    return scroll <= view && Math.abs(height - content) <= 2;
  };
  await expect.poll(fits).toBeTruthy();
  const before = await page.locator('#onramp iframe').evaluate((f) => f.getBoundingClientRect().height);

  await expect(frame.locator('.save-status')).toContainText('All changes saved');
  await frame.getByRole('button', { name: 'Continue' }).click();
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Tell us about your organization');
  await expect.poll(async () => (await messages(page).allTextContents()).some((t) => t.includes('"step":"organization"'))).toBeTruthy();
  await expect.poll(fits).toBeTruthy();
  const after = await page.locator('#onramp iframe').evaluate((f) => f.getBoundingClientRect().height);
  expect(after).not.toBe(before);

  // A refused Continue is a funnel event with codes, never values.
  await frame.getByRole('button', { name: 'Continue' }).click();
  await expect.poll(async () => (await messages(page).allTextContents()).some((t) => t.includes('"kind":"validation_error"'))).toBeTruthy();
  const all = (await messages(page).allTextContents()).join('\n');
  expect(all).not.toContain('@');

  // The page may switch the language; the user may leave.
  await page.evaluate(() => document.getElementById('onramp').onramp.setLocale('de'));
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Angaben zu Ihrer Organisation');
  await expectNoAxeViolations(page, 'partner page with the embedded flow');
  await frame.getByRole('button', { name: 'Anmeldung verlassen' }).click();
  await expect(page.locator('#left')).toHaveText('You left the sign-up.');

  // The funnel reached the reference backend too, under the partner, and its report shows it.
  const server = fileURLToPath(new URL('../../target/debug/onramp-server', import.meta.url));
  const funnel = () => execFileSync(server, ['funnel', '--data', dirname(process.env.ONRAMP_OUTBOX)], { encoding: 'utf8' });
  await expect.poll(funnel, { timeout: 10_000 }).toMatch(/example-university[\s\S]*organization\s+[1-9]\d*\s+\d+\s+[1-9]\d*\s+\d+\s+required/);
});

test('an order placed in the embedded flow is announced to the partner once', async ({ page }) => {
  test.skip(!partnerUrl, 'ONRAMP_PARTNER_URL is set by cargo xtask test');
  // A draft ready for review, opened in the frame (its storage is the frame's own).
  const name = `embed${Date.now().toString(36)}`;
  const sections = {
    ...throughDomain,
    plan: { ...throughDomain.plan, billing: 'yearly' },
    domain: { mode: 'subdomain', web_domain: `${name}.social-host.example`, handle_domain: `${name}.social-host.example` },
    branding: { site_title: 'Embedded Social', theme: 'light' },
    moderation: { registrations_mode: 'none', rules: [{ text: 'Be kind.' }], languages: ['en'] },
  };
  const created = await (await page.request.post(`${appUrl}/api/v1/signups`)).json();
  const patch = await page.request.patch(`${appUrl}/api/v1/signups/${created.id}`, {
    headers: { Authorization: `Bearer ${created.resume_token}`, 'If-Match': `"${created.version}"`, 'Content-Type': 'application/json' },
    data: sections,
  });
  expect(patch.ok(), await patch.text()).toBeTruthy();
  const mirror = { key: { id: created.id, token: created.resume_token }, version: created.version + 1, unsaved: {} };
  await page.addInitScript(([m, app]) => {
    if (location.origin === app && !localStorage.getItem('onramp.draft')) localStorage.setItem('onramp.draft', JSON.stringify(m));
  }, [mirror, appUrl]);
  await page.goto(`${partnerUrl}/`);
  const frame = page.frameLocator('#onramp iframe');
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Choose your plan');
  await frame.getByRole('link', { name: /^Review/ }).click();
  await frame.getByLabel(/I accept the terms of service/).check();
  await frame.getByRole('button', { name: 'Submit and set up my server' }).click();
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Your server is live', { timeout: 20_000 });
  await expect.poll(async () => (await messages(page).allTextContents()).filter((t) => t.includes('"type":"completed"')).length).toBe(1);
  const completed = (await messages(page).allTextContents()).find((t) => t.includes('"type":"completed"'));
  expect(JSON.parse(completed).order_id).toMatch(/^or_[0-9a-f]+$/);
  expect((await messages(page).allTextContents()).some((t) => t.includes('"kind":"submitted"'))).toBeTruthy();
});

test('another origin inside the partner page cannot drive the app or hear from it', async ({ page }) => {
  test.skip(!partnerUrl, 'ONRAMP_PARTNER_URL is set by cargo xtask test');
  await page.goto(`${partnerUrl}/`);
  const frame = page.frameLocator('#onramp iframe');
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Choose your plan');
  await expect.poll(() => types(page)).toContain('ready');
  await page.evaluate((src) => {
    const f = document.createElement('iframe');
    f.src = src;
    f.title = 'intruder';
    document.body.appendChild(f);
  }, `${third.url}/intruder.html`);
  const intruder = () => page.frames().find((f) => f.url().startsWith(`${third.url}/intruder.html`));
  await expect.poll(() => !!intruder()).toBeTruthy();
  await page.waitForTimeout(1_000);
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Choose your plan');
  // The app goes on talking to the partner only.
  await frame.getByRole('radio', { name: 'Yearly' }).focus();
  await expect.poll(async () => (await intruder().evaluate(() => window.received.length))).toBe(0);
});

// The browser logs the refused frame as an error: this test expects it, so it uses the plain fixture.
base('a third origin cannot frame the app as the partner, and hears nothing', async ({ page }) => {
  const blocked = [];
  page.on('response', (r) => { if (r.url().includes('embed=1')) blocked.push(r.headers()['content-security-policy'] || ''); });
  await page.goto(`${third.url}/frame.html`);
  await expect.poll(() => blocked.length).toBeGreaterThan(0);
  expect(blocked[0]).toContain(`frame-ancestors ${partnerUrl || 'http://127.0.0.1:8090'}`);
  await page.waitForTimeout(1_500);
  const appFrame = page.frames().find((f) => f.url().includes('embed=1'));
  const rendered = appFrame ? await appFrame.evaluate(() => !!document.querySelector('h1')).catch(() => false) : false;
  expect(rendered, 'the app must not render in a frame of another origin').toBeFalsy();
  expect(await page.evaluate(() => window.received.length)).toBe(0);
});

test('on a partner page with content above, the frame moves nothing until the visitor acts', async ({ page }) => {
  test.skip(!partnerUrl, 'ONRAMP_PARTNER_URL is set by cargo xtask test');
  await page.goto(`${partnerUrl}/?above=1`);
  const frame = page.frameLocator('#onramp iframe');
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Choose your plan');
  await expect.poll(async () => (await details(page, 'ready')).length).toBe(1);
  await expect.poll(async () => (await types(page)).includes('resize')).toBeTruthy();
  // Loaded, themed and measured: the partner's page has not scrolled and its focus is its own.
  expect(await page.evaluate(() => [window.scrollY, document.activeElement === document.body])).toEqual([0, true]);
  expect(await frame.locator('html').evaluate(() => document.activeElement?.id || '')).not.toBe('step-heading');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => [document.activeElement.textContent, window.scrollY])).toEqual(['News item 1', 0]);

  // `ready` says what the partner needs to start.
  const [ready] = await details(page, 'ready');
  expect(ready).toEqual({ onramp: 1, type: 'ready', app_version: expect.stringMatching(/^\d+\.\d+\.\d+/), locales: ['en', 'de', 'fr'], locale: 'en', step: 'plan', partner: 'example-university', partner_applied: true });
  expect(await page.evaluate(() => document.getElementById('onramp').onramp.ready.then((r) => r.step))).toBe('plan');

  // setLocale is a promise: it resolves once the language is shown, and rejects what the app lacks.
  expect(await page.evaluate(() => document.getElementById('onramp').onramp.setLocale('de'))).toBe('de');
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Wählen Sie Ihren Tarif');
  expect(await page.evaluate(() => document.getElementById('onramp').onramp.setLocale('es').then(() => 'resolved', (e) => e.code))).toBe('unsupported_locale');
  expect(await page.evaluate(() => document.getElementById('onramp').onramp.setLocale('en'))).toBe('en');
  expect((await details(page, 'locale')).map((d) => d.locale)).toEqual(['de', 'en']);
  expect(await page.evaluate(() => [window.scrollY, document.activeElement.textContent])).toEqual([0, 'News item 1']);
  await expectNoAxeViolations(page, 'a partner page with content above the embedded flow');

  // Once the visitor acts inside the frame, each new step takes focus at its heading.
  await frame.getByRole('button', { name: 'Continue' }).click();
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Tell us about your organization');
  await expect(frame.getByRole('heading', { level: 1 })).toBeFocused();
});

// These pages log the loader's refusals to the console by design: the plain fixture, with the
// console checked here.
base('a refused partner, origin or ancestor reaches the partner as onramp:error and the visitor as a working fallback', async ({ page }) => {
  test.skip(!partnerUrl, 'ONRAMP_PARTNER_URL is set by cargo xtask test');
  const logged = consoleErrors(page);
  // An unknown partner id: no frame, a loud error naming the id and the page's origin.
  await page.goto(`${partnerUrl}/?partner=nobody-here&plan=starter`);
  const error = page.locator('.embed-error');
  await expect(error).toHaveAttribute('data-code', 'unknown_partner');
  await expect(error).toContainText('"nobody-here"');
  await expect(error).toContainText(partnerUrl);
  await expect(page.locator('#onramp iframe')).toHaveCount(0);
  await expectFallbackOpensSignUp(page, page.locator('#onramp'), '?plan=starter');

  // A page on an origin the partner does not allow.
  await page.goto(`${third.url}/embed.html`);
  await expect.poll(() => page.evaluate(() => window.errors.map((e) => e.code))).toEqual(['origin_not_allowed']);
  const [refused] = await page.evaluate(() => window.errors);
  expect(refused).toMatchObject({ onramp: 1, type: 'error', source: 'loader', partner: 'example-university', origin: third.url.replace(/\/$/, '') });
  expect(refused.message).toContain(third.url);
  expect(await page.evaluate(() => document.getElementById('c').onramp.frame)).toBeNull();
  await expectFallbackOpensSignUp(page, page.locator('#c'), '?plan=starter');

  // The partner's own page, framed by another site.
  await page.goto(`${third.url}/framed-partner.html`);
  const inner = page.frameLocator('iframe[title=partner]');
  await expect(inner.locator('.embed-error')).toHaveAttribute('data-code', 'ancestor_not_allowed');
  await expect(inner.locator('.embed-error')).toContainText(third.url);
  await expect(inner.locator('#onramp iframe')).toHaveCount(0);
  await expect(inner.getByRole('link', { name: 'Open the sign-up in a new tab' })).toBeVisible();
  expect(logged.length).toBe(3);
  expect(logged.every((l) => l.startsWith('Onramp embed: '))).toBeTruthy();
});

base('an unreachable service, a frame that never gets ready and another protocol version are reported', async ({ page }) => {
  test.skip(!partnerUrl, 'ONRAMP_PARTNER_URL is set by cargo xtask test');
  const logged = consoleErrors(page);
  const error = page.locator('.embed-error');
  // The check cannot be made: nothing is framed.
  await page.route(/\/embed-check\?/, (route) => route.abort('connectionrefused'));
  await page.goto(`${partnerUrl}/?locale=de`);
  await expect(error).toHaveAttribute('data-code', 'unreachable');
  await expect(error).toContainText('example-university');
  await expect(page.getByText('Die Anmeldung kann auf dieser Seite nicht angezeigt werden.')).toBeVisible();
  await page.unroute(/\/embed-check\?/);

  // The frame loads something that never says ready: after data-timeout, the fallback.
  await page.route(/\/plan\?embed=1/, (route) => route.fulfill({ contentType: 'text/html', body: '<!DOCTYPE html><title>Nothing</title>' }));
  await page.goto(`${partnerUrl}/?timeout=1000`);
  await expect(error).toHaveAttribute('data-code', 'ready_timeout');
  await expect(page.locator('#onramp iframe')).toBeHidden();
  await expectFallbackOpensSignUp(page, page.locator('#onramp'));
  await page.unroute(/\/plan\?embed=1/);

  // An app that speaks another protocol version.
  await page.route(/\/plan\?embed=1/, (route) => route.fulfill({ contentType: 'text/html', body: '<!DOCTYPE html><title>Next</title><script>parent.postMessage({ onramp: 2, type: "ready" }, "*");</script>' }));
  await page.goto(`${partnerUrl}/`);
  await expect(error).toHaveAttribute('data-code', 'version_mismatch');
  await expect(error).toContainText('protocol 2');
  expect(logged.length).toBe(3);
  expect(logged.every((l) => l.startsWith('Onramp embed: '))).toBeTruthy();
});
