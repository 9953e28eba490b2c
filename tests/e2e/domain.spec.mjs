// The domain step end to end: a subdomain checked as it is typed, reserved names with
// suggestions, local errors, stale answers, an own domain in Unicode with the handle domain,
// plan limits, keyboard only, German, axe-core in every state.
import { test, expect, expectNoAxeViolations } from './support.mjs';

const organization = {
  name: 'Acme', kind: 'company', country: 'DE', contact_email: 'it@acme.example', admin_username: 'acme_it',
  billing: { address: { line1: 'Weg 1', postal_code: '10115', city: 'Berlin' }, payment_method: 'card' },
};

/** A draft with plan and organization made through the API, opened in this browser. */
async function draftAtDomainStep(page, plan = 'organization', locale = 'en') {
  const created = await (await page.request.post('/api/v1/signups')).json();
  const patch = await page.request.patch(`/api/v1/signups/${created.id}`, {
    headers: { Authorization: `Bearer ${created.resume_token}`, 'If-Match': `"${created.version}"`, 'Content-Type': 'application/json' },
    data: { plan: { plan_id: plan, billing: 'monthly', addons: [] }, organization },
  });
  expect(patch.ok(), await patch.text()).toBeTruthy();
  const mirror = { key: { id: created.id, token: created.resume_token }, version: created.version + 1, unsaved: {} };
  await page.addInitScript((m) => {
    if (!localStorage.getItem('onramp.draft')) localStorage.setItem('onramp.draft', JSON.stringify(m));
  }, mirror);
  await page.goto(`/domain?locale=${locale}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  return created;
}

async function serverDomain(page, created) {
  const r = await page.request.get(`/api/v1/signups/${created.id}`, { headers: { Authorization: `Bearer ${created.resume_token}` } });
  return (await r.json()).sections.domain;
}

const field = (page) => page.locator('#domain-web_domain');
const status = (page) => page.locator('#domain-status');

test('claim a free subdomain, see the addresses, continue', async ({ page }) => {
  const created = await draftAtDomainStep(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Choose your server's address");
  await expectNoAxeViolations(page, 'domain step');
  await field(page).fill('Acme');
  await expect(status(page)).toHaveText('acme.social-host.example is available.');
  await expect(page.locator('.domain-preview')).toContainText("Your server's address: https://acme.social-host.example");
  await expect(page.locator('.domain-preview')).toContainText("Your users' handles: @alice@acme.social-host.example");
  await expectNoAxeViolations(page, 'domain step, available');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/branding$/);
  expect(await serverDomain(page, created)).toEqual({
    mode: 'subdomain', web_domain: 'acme.social-host.example', handle_domain: 'acme.social-host.example',
  });
});

test('a reserved name offers free alternatives; bad names are refused as they are typed', async ({ page }) => {
  await draftAtDomainStep(page);
  await field(page).fill('www');
  await expect(status(page)).toHaveText('www.social-host.example is reserved.');
  const alternative = page.getByRole('button', { name: 'www-social.social-host.example' });
  await expect(alternative).toBeVisible();
  await expectNoAxeViolations(page, 'domain step, reserved with suggestions');
  await alternative.click();
  await expect(field(page)).toHaveValue('www-social');
  await expect(status(page)).toHaveText('www-social.social-host.example is available.');

  await field(page).fill('-acme');
  await expect(page.locator('#domain-error')).toHaveText('Enter a valid domain such as social.example.org.');
  await field(page).fill('a');
  await expect(page.locator('#domain-error')).toHaveText('Use at least 2 characters.');
  await expect(field(page)).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'domain step, invalid');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeFocused();
  await expect(page).toHaveURL(/\/domain/);
});

test('an older answer never replaces a newer one', async ({ page }) => {
  await draftAtDomainStep(page);
  await page.route('**/api/v1/domains/availability?name=slowname*', async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ascii: 'slowname.social-host.example', unicode: 'slowname.social-host.example', status: 'taken', suggestions: [] }) }).catch(() => {});
  });
  await field(page).fill('slowname');
  await expect(status(page)).toHaveText('Checking availability…');
  await expectNoAxeViolations(page, 'domain step while checking');
  await field(page).fill('quickname');
  await expect(status(page)).toHaveText('quickname.social-host.example is available.');
  await page.waitForTimeout(1800); // the slow answer would have arrived by now
  await expect(status(page)).toHaveText('quickname.social-host.example is available.');
});

test('an own domain in Unicode, with handles at the main domain, stored in ASCII', async ({ page }) => {
  const created = await draftAtDomainStep(page);
  await page.getByRole('radio', { name: /Your organization's own domain/ }).check();
  await field(page).fill('social.bücher.example');
  await expect(status(page)).toHaveText('social.bücher.example is available.');
  await page.getByRole('radio', { name: /At your main domain: @name@bücher.example/ }).check();
  await expect(page.locator('.domain-preview')).toContainText("Your users' handles: @alice@bücher.example");
  await expect(page.getByText('The handle domain can never be changed after your server launches.')).toBeVisible();
  await expectNoAxeViolations(page, 'domain step, own domain with handle choice');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/branding$/);
  expect(await serverDomain(page, created)).toEqual({
    mode: 'custom', web_domain: 'social.xn--bcher-kva.example', handle_domain: 'xn--bcher-kva.example',
  });
});

test('the Starter plan offers no own domain, and says why', async ({ page }) => {
  await draftAtDomainStep(page, 'starter');
  await expect(page.getByRole('radio', { name: /Your organization's own domain/ })).toBeDisabled();
  await expect(page.getByText('An own domain needs a larger plan than Starter.')).toBeVisible();
});

test('by keyboard alone, in German', async ({ page }) => {
  await draftAtDomainStep(page, 'organization', 'de');
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText('Wählen Sie die Adresse Ihres Servers');
  await expect(heading).toBeFocused();
  await page.keyboard.press('Tab'); // mode: subdomain
  await expect(page.getByRole('radio', { name: /Eine Adresse auf einer unserer Domains/ })).toBeFocused();
  await page.keyboard.press('Tab'); // name
  await expect(field(page)).toBeFocused();
  await page.keyboard.type('stadtwerke');
  await expect(status(page)).toHaveText('stadtwerke.social-host.example ist verfügbar.');
  await page.keyboard.press('Tab'); // domain select
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('#domain-base')).toHaveValue('fedi-hosting.example');
  await expect(status(page)).toHaveText('stadtwerke.fedi-hosting.example ist verfügbar.');
  await expectNoAxeViolations(page, 'domain step in German');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Weiter' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/branding$/);
});

test('an own domain lists the DNS records to create, with copy buttons and their status', async ({ page }) => {
  const created = await draftAtDomainStep(page);
  await page.getByRole('radio', { name: /Your organization's own domain/ }).check();
  await field(page).fill('social.example.org');
  await expect(status(page)).toHaveText('social.example.org is available.');
  await page.getByRole('radio', { name: /At your main domain: @name@example.org/ }).check();
  await page.getByRole('button', { name: 'Show the records to create' }).click();
  const table = page.locator('.dns-records table');
  await expect(table).toBeVisible();
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0)).toContainText('CNAME');
  await expect(rows.nth(0)).toContainText('edge.social-host.example');
  await expect(rows.nth(1)).toContainText('_onramp-challenge.social.example.org');
  await expect(rows.nth(1)).toContainText('onramp-verify=');
  await expect(rows.nth(2)).toContainText('https://example.org/.well-known/webfinger');
  await expect(rows.nth(2)).toContainText('Set up on your web server; checked before launch');
  // The test server's resolver is a closed loopback port: nothing could be looked up, and it says so.
  await expect(page.locator('.dns-announcement')).toHaveText('We could not look the records up just now. Create them anyway; we check again before launch.');
  await expect(rows.nth(1).getByRole('button', { name: /^Copy onramp-verify=/ })).toBeVisible();
  await expectNoAxeViolations(page, 'domain step with DNS records');
  // The section was saved before the lookup, so the server planned the records for it.
  expect(await serverDomain(page, created)).toEqual({ mode: 'custom', web_domain: 'social.example.org', handle_domain: 'example.org' });
  await page.getByRole('button', { name: 'Check again' }).click();
  await expect(page.locator('.dns-announcement')).toContainText('We could not look the records up just now.');
});

test('records are looked up for real: wrong and missing first, then verified', async ({ page }) => {
  const { startDns, challengeToken } = await import('./dns.mjs');
  const created = await draftAtDomainStep(page);
  const records = [{ name: 'social.example.org', type: 'CNAME', value: 'old-host.example.net' }];
  const stop = await startDns(records);
  try {
    await page.getByRole('radio', { name: /Your organization's own domain/ }).check();
    await field(page).fill('social.example.org');
    await expect(status(page)).toHaveText('social.example.org is available.');
    await page.getByRole('button', { name: 'Show the records to create' }).click();
    const rows = page.locator('.dns-records tbody tr');
    await expect(rows.nth(0)).toContainText('Found old-host.example.net instead');
    await expect(rows.nth(1)).toContainText('Not found yet');
    await expect(page.locator('.dns-announcement')).toHaveText('0 of 2 records found.');
    await expectNoAxeViolations(page, 'domain step with wrong and missing records');

    records.splice(0, records.length,
      { name: 'social.example.org', type: 'CNAME', value: 'edge.social-host.example' },
      { name: '_onramp-challenge.social.example.org', type: 'TXT', value: challengeToken(created.id) });
    await page.getByRole('button', { name: 'Check again' }).click();
    await expect(page.locator('.dns-announcement')).toHaveText('All records are in place.');
    await expect(rows.nth(0)).toContainText('Found');
    await expect(rows.nth(1)).toContainText('Found');
    await expectNoAxeViolations(page, 'domain step, verified');
  } finally {
    await stop();
  }
});

test('the browser and the server convert the same names to the same ASCII', async ({ page }) => {
  await page.goto('/plan?locale=en');
  for (const name of ['bücher.example', 'BÜCHER.example', 'straße.example', 'пример.рф', '例え.テスト', 'xn--bcher-kva.example', 'ÉCOLE.fr', '😀.example']) {
    const browser = await page.evaluate((n) => new URL(`http://${n}/`).hostname, name);
    const server = await (await page.request.get(`/api/v1/domains/availability?name=${encodeURIComponent(name)}`)).json();
    expect(server.ascii, name).toBe(browser);
  }
});
