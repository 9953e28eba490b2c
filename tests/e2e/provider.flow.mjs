// A hosting provider runs the sign-up as its own: the whole flow against the Austrian example
// configuration, by mouse, in English. Its name, logo and colours are what customers see, its
// plans and prices in EUR and then CHF (offered, never switched silently), its shared domains,
// and no page or mail says "Onramp".
import { test, expect, expectNoAxeViolations, mailsIn } from './support.mjs';

const NAME = 'Fediverse Hosting Österreich';

/** The page says nothing of the product's own name; the provider's name is in the title. */
async function expectProviderOnly(page) {
  await expect(page).toHaveTitle(new RegExp(NAME));
  const text = await page.evaluate(() => `${document.title}\n${document.body.innerText}`);
  expect(text).not.toMatch(/onramp/i);
}

test('the whole flow as the provider "Fediverse Hosting Österreich", ending in CHF', async ({ page }) => {
  // Before any wasm runs, the page the server sends carries the provider's name.
  const served = await (await page.request.get('/plan')).text();
  expect(served).toContain(`<title>${NAME}</title>`);
  // What a person can see of it before the app starts (file names of the build are not text).
  const noscript = served.match(/<noscript>([^<]*)<\/noscript>/)?.[1] ?? '';
  expect(noscript).toContain(`${NAME} needs JavaScript and WebAssembly.`);
  expect(`${served.match(/<title>([^<]*)<\/title>/)?.[1]} ${noscript}`).not.toMatch(/onramp/i);

  await page.goto('/plan?locale=en');
  await expect(page.locator('input[name=plan]').first()).toBeEnabled();
  await expect(page.locator('.brand-name')).toHaveText(NAME);
  await expect(page.locator('.provider-logo')).toHaveAttribute('src', /^data:image\/png;base64,/);
  const primary = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--onramp-color-primary').trim());
  expect(primary).toBe('#a3162c');
  // Its plans, in English (the file's default language is German), priced in its default currency.
  for (const plan of ['Club', 'Business', 'Region']) await expect(page.getByRole('radio', { name: plan, exact: true })).toBeVisible();
  await expect(page.getByText('For businesses and municipalities on their own domain.')).toBeVisible();
  await expect(page.locator('#plan-betrieb-price')).toContainText('€79');
  await expectProviderOnly(page);
  await expectNoAxeViolations(page, 'provider plan step');

  // Two currencies: CHF shows every price in francs, and a plan sold in EUR only is not offered.
  // By keyboard: the arrow moves to CHF, the prices follow, and the focus stays on the radio.
  await page.getByRole('radio', { name: 'EUR', exact: true }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: 'CHF', exact: true })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'CHF', exact: true })).toBeFocused();
  await expect(page.locator('#plan-betrieb-price')).toContainText('CHF');
  await expect(page.locator('#plan-betrieb-price')).toContainText('85');
  await expect(page.getByRole('radio', { name: 'Region', exact: true })).toHaveCount(0);
  await page.getByRole('radio', { name: 'EUR', exact: true }).check();
  await page.getByRole('radio', { name: 'Business', exact: true }).check();
  await expect(page.locator('.save-status')).toContainText('All changes saved');
  await page.getByRole('button', { name: 'Continue' }).click();

  // A Swiss organization is asked, not switched.
  await expect(page).toHaveURL(/\/organization$/);
  await page.getByLabel('Organization name', { exact: true }).fill('Gemeinde Beispiel');
  await page.getByLabel('Country', { exact: true }).selectOption('CH');
  const ask = page.locator('#currency-suggestion');
  await expect(ask).toContainText('Your organization is in Switzerland. Would you like to pay in CHF instead of EUR?');
  await expectNoAxeViolations(page, 'currency suggestion');
  await ask.getByRole('button', { name: 'Pay in CHF' }).click();
  await expect(ask).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Prices are now shown and billed in CHF.' })).toBeAttached();
  await page.getByLabel('Contact email', { exact: true }).fill('it@gemeinde-beispiel.example');
  await page.getByLabel('Username of the first admin', { exact: true }).fill('gemeinde');
  await page.getByLabel('Street and number', { exact: true }).fill('Dorfstrasse 1');
  await page.getByLabel('Postal code', { exact: true }).fill('8001');
  await page.getByLabel('City', { exact: true }).fill('Zürich');
  await expectProviderOnly(page);
  await page.getByRole('button', { name: 'Continue' }).click();

  // Its second shared domain.
  await expect(page).toHaveURL(/\/domain$/);
  await expectProviderOnly(page);
  await page.locator('#domain-base').selectOption('mastodon-at.example');
  const label = `gb${Date.now().toString(36)}`;
  await page.locator('#domain-web_domain').fill(label);
  await expect(page.locator('#domain-status')).toHaveText(`${label}.mastodon-at.example is available.`);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/branding$/);
  await expectProviderOnly(page);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/moderation$/);
  await expectProviderOnly(page);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/review$/);
  await expect(page.locator('.review-price .summary-total')).toContainText('CHF');
  await expect(page.locator('.review-price .summary-total')).toContainText('85');
  await expect(page.getByRole('link', { name: /terms of service/i }).first()).toHaveAttribute('href', 'https://fedihost.example/agb');
  await expectProviderOnly(page);
  await page.getByLabel(/I accept the terms of service/).check();
  await page.getByRole('button', { name: 'Submit and set up my server' }).click();
  await expect(page).toHaveURL(/\/status\/or_/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Your server is live/, { timeout: 20_000 });
  await expect(page.locator('.live')).toContainText(`@gemeinde@${label}.mastodon-at.example`);
  await expectProviderOnly(page);

  // The server holds the plan in CHF, and the provider reads the order with its key.
  const order = page.url().split('/status/')[1];
  const key = process.env.ONRAMP_PROVIDER_KEY;
  const provider = await page.request.get(`/api/v1/provider/orders/${order}`, { headers: { Authorization: `Bearer ${key}` } });
  expect(provider.status()).toBe(200);
  const body = await provider.json();
  expect(body.sections.plan).toMatchObject({ plan_id: 'betrieb', currency: 'CHF' });
  expect((await page.request.get(`/api/v1/provider/orders/${order}`)).status()).toBe(401);

  // Mail goes out in the provider's name, and none says "Onramp".
  const outbox = process.env.ONRAMP_OUTBOX;
  await expect.poll(() => mailsIn(outbox).length).toBeGreaterThan(0);
  for (const m of mailsIn(outbox)) {
    expect(JSON.stringify(m)).not.toMatch(/onramp/i);
    expect(m.from).toBe(`${NAME} <anmeldung@fedihost.example>`);
    expect(m.text).toContain(NAME);
    expect(m.text).toContain('hilfe@fedihost.example');
  }
});
