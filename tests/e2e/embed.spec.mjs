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
  third = await pagesHost({
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
