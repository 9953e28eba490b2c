// The whole signup end to end: from /plan to a live server in English (by mouse) and in German
// (by keyboard alone); submit exactly once under double clicks, a cut network and two tabs; the
// resume link on another device (and by mail); a lost update between two tabs; an expired draft.
import { test, expect, expectNoAxeViolations, mailsIn, choosePlan, validOrganization, OrganizationPage, draftAt, serverSections, throughDomain } from './support.mjs';

const throughModeration = {
  ...throughDomain,
  branding: { site_title: 'Stadt Beispiel Social', accent_color: '#1d4ed8', theme: 'light' },
  moderation: { registrations_mode: 'none', rules: [{ text: 'Be kind.' }], languages: ['de'] },
};
let counter = 0;
/** Sections with a subdomain no other test uses. */
function unique(sections = throughModeration) {
  const name = `flow${Date.now().toString(36)}${(counter += 1)}`;
  return { ...sections, domain: { mode: 'subdomain', web_domain: `${name}.social-host.example`, handle_domain: `${name}.social-host.example` } };
}

async function expectLive(page) {
  await expect(page).toHaveURL(/\/status\/or_[0-9a-f]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Your server is live|Ihr Server ist online/, { timeout: 20_000 });
}

test('the whole flow by mouse, in English, to a live server', async ({ page }) => {
  await choosePlan(page, 'Organization');
  const org = new OrganizationPage(page);
  await org.fill({ ...validOrganization, 'Organization name': 'Stadtwerke Flow' });
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/domain$/);
  const name = `sw${Date.now().toString(36)}`;
  await page.locator('#domain-web_domain').fill(name);
  await expect(page.locator('#domain-status')).toHaveText(`${name}.social-host.example is available.`);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/branding$/);
  await expect(page.getByLabel('Server name')).toHaveValue('Stadtwerke Flow');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/moderation$/);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/review$/);

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your answers');
  await expect(page.locator('#review-domain').locator('..').locator('..')).toContainText(`https://${name}.social-host.example`);
  await expect(page.locator('.review-price .summary-total')).toHaveText('€99 per month, billed monthly');
  await expectNoAxeViolations(page, 'review');
  // Submitting without the terms says so and goes nowhere.
  await page.getByRole('button', { name: 'Submit and set up my server' }).click();
  await expect(page.getByRole('alert')).toContainText('Accept the terms of service and the data-processing agreement to submit.');
  await expectNoAxeViolations(page, 'review with an error');
  await page.getByRole('alert').getByRole('link').click();
  await expect(page.getByLabel(/I accept the terms of service/)).toBeFocused();
  await page.getByLabel(/I accept the terms of service/).check();
  // "Change" opens a step and comes back here.
  await page.getByRole('link', { name: 'Change Look' }).click();
  await expect(page).toHaveURL(/\/branding\?return=review$/);
  await page.getByLabel('Server name').fill('Stadtwerke Social');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/review$/);
  await expect(page.locator('.review-list')).toContainText(['Stadtwerke Social']);
  await page.getByLabel(/I accept the terms of service/).check();
  await page.getByRole('button', { name: 'Submit and set up my server' }).click();
  await expect(page).toHaveURL(/\/status\/or_/);
  await expectNoAxeViolations(page, 'status while provisioning');
  await expectLive(page);
  await expect(page.locator('.live')).toContainText(`Your server: https://${name}.social-host.example`);
  await expect(page.locator('.live')).toContainText(`Admin account: @it_team@${name}.social-host.example`);
  await expect(page.locator('.state-done')).toHaveCount(5);
  await expectNoAxeViolations(page, 'status, live');
  // A reload of the status page shows the same, from the server.
  await page.reload();
  await expectLive(page);
});

test('the whole flow by keyboard alone, in German', async ({ page }) => {
  await page.goto('/plan?locale=de');
  await expect(page.locator('input[name=plan]').first()).toBeEnabled();
  const key = (k) => page.keyboard.press(k);
  await page.getByRole('radio', { name: 'Organization', exact: true }).focus();
  await key('Space');
  await expect(page.locator('.save-status')).toContainText('Alle Änderungen gespeichert');
  await page.getByRole('button', { name: 'Weiter' }).focus();
  await key('Enter');
  await expect(page).toHaveURL(/\/organization$/);
  const type = async (label, text) => {
    await page.getByLabel(label, { exact: true }).focus();
    await page.keyboard.type(text);
  };
  await type('Name der Organisation', 'Gemeinde Tastatur');
  await page.getByLabel('Land', { exact: true }).focus();
  await page.keyboard.type('Deutschland');
  await type('Kontakt-E-Mail', 'it@gemeinde.example');
  await type('Benutzername der ersten Administration', 'verwaltung');
  await type('Straße und Hausnummer', 'Rathausplatz 1');
  await type('Postleitzahl', '10115');
  await type('Ort', 'Berlin');
  await page.getByRole('button', { name: 'Weiter' }).focus();
  await key('Enter');
  await expect(page).toHaveURL(/\/domain$/);
  const name = `kb${Date.now().toString(36)}`;
  await page.locator('#domain-web_domain').focus();
  await page.keyboard.type(name);
  await expect(page.locator('#domain-status')).toHaveText(`${name}.social-host.example ist verfügbar.`);
  await page.getByRole('button', { name: 'Weiter' }).focus();
  await key('Enter');
  await expect(page).toHaveURL(/\/branding$/);
  await page.getByRole('button', { name: 'Weiter' }).focus();
  await key('Enter');
  await expect(page).toHaveURL(/\/moderation$/);
  await page.getByRole('button', { name: 'Weiter' }).focus();
  await key('Enter');
  await expect(page).toHaveURL(/\/review$/);
  await page.getByLabel(/Ich akzeptiere die Nutzungsbedingungen/).focus();
  await key('Space');
  await page.getByRole('button', { name: 'Absenden und Server einrichten' }).focus();
  await key('Enter');
  await expectLive(page);
  await expect(page.locator('.live')).toContainText(`Admin-Konto: @verwaltung@${name}.social-host.example`);
  await expectNoAxeViolations(page, 'status, live, German');
});

test('a double click submits once; a cut network is retried with the same key', async ({ page }) => {
  const created = await draftAt(page, '/review', unique());
  const keys = [];
  const created201 = [];
  page.on('request', (r) => { if (r.url().endsWith('/submit')) keys.push(r.headers()['idempotency-key']); });
  page.on('response', (r) => { if (r.url().endsWith('/submit') && r.status() === 201) created201.push(r.url()); });
  // The first attempt never reaches the server.
  await page.route('**/submit', (route) => route.abort('internetdisconnected'));
  await page.getByLabel(/I accept the terms of service/).check();
  await page.getByRole('button', { name: 'Submit and set up my server' }).dblclick();
  await expect(page.getByRole('alert')).toContainText('Your order did not go through.');
  await expectNoAxeViolations(page, 'review, submit failed');
  await page.unroute('**/submit');
  await page.getByRole('button', { name: 'Try again' }).dblclick();
  await expect(page).toHaveURL(/\/status\/or_/);
  expect(created201).toHaveLength(1);
  expect(new Set(keys).size, `keys sent: ${keys.join(', ')}`).toBe(1);
  // The draft now leads to its order, and the server says so.
  const signup = await (await page.request.get(`/api/v1/signups/${created.id}`, { headers: { Authorization: `Bearer ${created.resume_token}` } })).json();
  expect(page.url()).toContain(signup.order_id);
});

test('two tabs submitting make one order', async ({ page, context }) => {
  await draftAt(page, '/review', unique());
  const other = await context.newPage();
  await other.goto('/review?locale=en');
  for (const p of [page, other]) await p.getByLabel(/I accept the terms of service/).check();
  await Promise.all([page, other].map((p) => p.getByRole('button', { name: 'Submit and set up my server' }).click()));
  await expect(page).toHaveURL(/\/status\/or_/);
  await expect(other).toHaveURL(/\/status\/or_/);
  expect(new URL(other.url()).pathname).toBe(new URL(page.url()).pathname);
});

test('a resume link opens the draft on another device, shown and mailed', async ({ page, browser }) => {
  const created = await draftAt(page, '/branding', unique(throughDomain));
  await page.getByLabel('Server name').fill('Typed before leaving');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/moderation$/);
  await page.getByText('Continue later or on another device').click();
  const link = await page.getByLabel('Link to your draft').inputValue();
  expect(link).toContain(`/resume#draft=${created.id}&token=`);
  await page.getByRole('button', { name: 'Email me this link' }).click();
  await expect(page.locator('.resume-panel')).toContainText('Sent to it@stadt.example.');
  await expectNoAxeViolations(page, 'resume panel open');
  const outbox = process.env.ONRAMP_OUTBOX;
  if (outbox) {
    // Sent from the outbox a moment later, in the page's language, as text and HTML.
    const sent = () => mailsIn(outbox).filter((m) => m.to === 'it@stadt.example' && m.text.includes(link.split('#')[1]));
    await expect.poll(() => sent().length).toBe(1);
    expect(sent()[0].subject).toBe('Continue your sign-up with Social Host');
    expect(sent()[0].html).toContain(link.split('#')[1].replace('&', '&amp;'));
  }
  // Another device: a fresh context with nothing stored.
  const device = await browser.newContext();
  const fresh = await device.newPage();
  await fresh.goto(link);
  await expect(fresh).toHaveURL(/\/moderation$/);
  expect(fresh.url()).not.toContain('token');
  await expect(fresh.getByText('Welcome back: your draft is open where you left it.')).toBeVisible();
  await fresh.goto('/branding?locale=en');
  await expect(fresh.getByLabel('Server name')).toHaveValue('Typed before leaving');
  await device.close();
});

test('a lost update between two tabs keeps both and says so', async ({ page, context }) => {
  const created = await draftAt(page, '/organization', unique(throughDomain));
  const other = await context.newPage();
  await other.goto('/plan?locale=en');
  await expect(other.locator('input[name=plan]').first()).toBeEnabled();
  // Tab 2 changes the billing period (saved at once); tab 1 still holds the old version.
  await other.getByRole('radio', { name: 'Yearly', exact: true }).check();
  await expect(other.locator('.save-status')).toContainText('All changes saved');
  await page.getByLabel('Organization name').fill('Changed in tab one');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/domain$/);
  await expect(page.getByText('Your draft was also changed in another window.')).toBeVisible();
  const s = await serverSections(page, created);
  expect(s.plan.billing).toBe('yearly');
  expect(s.organization.name).toBe('Changed in tab one');
});

test('an expired draft is said plainly and a new one starts', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('onramp.draft', JSON.stringify({ key: { id: 'gone', token: 'gone' }, version: 3, unsaved: {} })));
  await page.route('**/api/v1/signups/gone', (route) => route.fulfill({ status: 410, contentType: 'application/problem+json', body: JSON.stringify({ type: '/problems/draft-expired', title: 'The draft expired', status: 410 }) }));
  await page.goto('/plan?locale=en');
  await expect(page.getByRole('status').filter({ hasText: 'has expired' })).toBeVisible();
  await expectNoAxeViolations(page, 'expired notice');
  await page.getByRole('radio', { name: 'Starter', exact: true }).check();
  await expect(page.locator('.save-status')).toContainText('All changes saved');
});

test('answers are saved to the server after a pause, without pressing Continue', async ({ page }) => {
  const created = await draftAt(page, '/branding', unique(throughDomain));
  await page.getByLabel('Server name').fill('Saved while typing');
  await expect(page.locator('.save-status')).toContainText('All changes saved');
  expect((await serverSections(page, created)).branding.site_title).toBe('Saved while typing');
  // A value the rules refuse stays on this device until it is fixed.
  await page.getByLabel('Colour as hex code').fill('#ffff00');
  await page.waitForTimeout(1_500);
  expect((await serverSections(page, created)).branding.accent_color).not.toBe('#ffff00');
  await page.reload();
  await expect(page.getByLabel('Colour as hex code')).toHaveValue('#ffff00');
});

test("the provider's word on a step is shown on the status page", async ({ page }) => {
  // The provider reports a step running with a message (as its provisioning system would
  // through the provider API); the status page shows it under the step.
  const message = 'Creating your database; this takes about two minutes.';
  await page.route('**/api/v1/orders/*', async (route) => {
    const response = await route.fetch();
    const order = await response.json();
    order.steps = order.steps.map((s, i) => (i === 0 ? { ...s, state: 'done' } : i === 1 ? { ...s, state: 'running', detail: message } : { ...s, state: 'pending' }));
    order.status = 'provisioning';
    await route.fulfill({ response, json: order });
  });
  await draftAt(page, '/review', unique());
  await page.getByLabel(/I accept the terms of service/).check();
  await page.getByRole('button', { name: 'Submit and set up my server' }).click();
  await expect(page).toHaveURL(/\/status\/or_/);
  await expect(page.locator('.state-running .provisioning-detail')).toHaveText(message);
  await expectNoAxeViolations(page, 'status with a message from the provider');
});
