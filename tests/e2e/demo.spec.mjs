// Sales demo mode: the built app from a plain static file host, no backend at all.
import { fileURLToPath } from 'node:url';
import { test, expect, expectNoAxeViolations } from './support.mjs';
import { staticHost } from './hosts.mjs';

const dist = process.env.ONRAMP_DIST || fileURLToPath(new URL('../../dist/', import.meta.url));
let host;

test.beforeAll(async () => { host = await staticHost(dist); });
test.afterAll(async () => { await host?.close(); });

const next = (page) => page.getByRole('button', { name: 'Continue' });

test('a sales person walks the university scenario to a live server with no backend', async ({ page }) => {
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${host.url}/plan?demo=1&locale=en`);
  const banner = page.getByRole('region', { name: 'Demo mode' });
  await expect(banner).toContainText('Nothing you enter here is sent anywhere');
  await expectNoAxeViolations(page, 'demo banner on the plan step');

  await banner.getByRole('link', { name: 'University with its own domain' }).click();
  await expect(page).toHaveURL(/\/plan\?demo=1$/);
  await expect(page.getByRole('radio', { name: 'Organization', exact: true })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Yearly' })).toBeChecked();
  await next(page).click();
  await expect(page.getByLabel('Organization name', { exact: true })).toHaveValue('Universität Beispielstadt');
  // A reload keeps the demo and what was changed.
  await page.getByLabel('Organization name', { exact: true }).fill('Universität Beispielstadt (Demo)');
  await expect(page.locator('.save-status')).toContainText('All changes saved');
  await page.reload();
  await expect(page.getByRole('region', { name: 'Demo mode' })).toBeVisible();
  await expect(page.getByLabel('Organization name', { exact: true })).toHaveValue('Universität Beispielstadt (Demo)');
  await next(page).click();
  await expect(page).toHaveURL(/\/domain$/);
  await expect(page.getByRole('region', { name: 'Demo mode' })).toBeVisible();
  await expect(page.locator('#domain-status')).toContainText('social.uni-beispielstadt.example');
  await next(page).click();
  await expect(page).toHaveURL(/\/branding$/);
  await next(page).click();
  await expect(page).toHaveURL(/\/moderation$/);
  await next(page).click();
  await expect(page).toHaveURL(/\/review$/);
  await expect(page.locator('main')).toContainText('social.uni-beispielstadt.example');
  await page.getByLabel(/I accept the terms of service/).check();
  await page.getByRole('button', { name: 'Submit and set up my server' }).click();
  await expect(page).toHaveURL(/\/status\/or_[0-9a-f]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your server is live', { timeout: 15_000 });
  await expect(page.locator('.live')).toContainText('@kommunikation@uni-beispielstadt.example');
  await expect(page.getByRole('region', { name: 'Demo mode' })).toBeVisible();
  await expectNoAxeViolations(page, 'demo, live');

  const api = requests.filter((u) => new URL(u).pathname.startsWith('/api/'));
  expect(api, 'nothing is sent to any API').toEqual([]);
  expect(requests.every((u) => u.startsWith(host.url) || u.startsWith('blob:') || u.startsWith('data:'))).toBeTruthy();

  // Reset: everything the demo kept is gone, the demo goes on.
  await page.getByRole('button', { name: 'Reset demo' }).click();
  await expect(page).toHaveURL(/\/plan\?demo=1$/);
  await expect(page.locator('input[name=plan]').first()).toBeEnabled();
  for (const name of ['Starter', 'Organization', 'Enterprise']) {
    await expect(page.getByRole('radio', { name, exact: true })).not.toBeChecked();
  }
});

test('the demo checks like the server: a taken name, a refused field, German, keyboard only', async ({ page }) => {
  await page.goto(`${host.url}/plan?demo=1&locale=de`);
  await expect(page.getByRole('region', { name: 'Demo-Modus' })).toBeVisible();
  await expect(page.locator('input[name=plan]').first()).toBeEnabled();
  await page.getByRole('radio', { name: 'Starter', exact: true }).focus();
  await page.keyboard.press('Space');
  await expect(page.locator('.save-status')).toContainText('Alle Änderungen gespeichert');
  await page.getByRole('button', { name: 'Weiter' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/organization$/);
  await page.getByRole('button', { name: 'Weiter' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').first()).toContainText('Es gibt ein Problem');
  await expectNoAxeViolations(page, 'demo, organization refused, German');
  // The demo's storage stays apart from a real draft on this device.
  const keys = await page.evaluate(() => Object.keys(localStorage));
  expect(keys.filter((k) => k.startsWith('onramp.draft'))).toEqual([]);
  expect(keys.some((k) => k.startsWith('demo:onramp.'))).toBeTruthy();
});

test('a demo subdomain that is taken gets suggestions', async ({ page }) => {
  await page.goto(`${host.url}/plan?demo=1&scenario=nonprofit&locale=en`);
  await expect(page.getByRole('radio', { name: 'Starter', exact: true })).toBeChecked();
  await page.goto(`${host.url}/domain`);
  await expect(page.getByRole('region', { name: 'Demo mode' })).toBeVisible();
  const field = page.locator('#domain-web_domain');
  // The scenario's name is in before anything is typed over it.
  await expect(field).toHaveValue('greenvalley');
  await field.fill('social');
  await expect(page.locator('#domain-status')).toContainText('social.social-host.example');
  await expect(page.getByRole('button', { name: /social-community\.social-host\.example/ })).toBeVisible();
});
