// Plan extras and the organization step end to end: presets, plan switches that drop choices,
// the organization form with its errors (the browser's and the server's), keyboard only, German.
import { test, expect, expectNoAxeViolations, PlanPage, OrganizationPage, validOrganization, choosePlan } from './support.mjs';

async function serverDraft(page) {
  const mirror = await page.evaluate(() => JSON.parse(localStorage.getItem('onramp.draft')));
  const response = await page.request.get(`/api/v1/signups/${mirror.key.id}`, {
    headers: { Authorization: `Bearer ${mirror.key.token}` },
  });
  expect(response.ok()).toBeTruthy();
  return (await response.json()).sections;
}

test('presets from a link fill the plan step, and what cannot be honoured is said', async ({ page }) => {
  const plan = new PlanPage(page);
  await plan.goto('?locale=en&plan=organization&billing=yearly&addons=moderation_business_hours,bogus&support=priority');
  await plan.waitUntilReady();
  await expect(plan.plan('Organization')).toBeChecked();
  await expect(plan.billing('Yearly')).toBeChecked();
  await expect(page.getByRole('radio', { name: /Managed moderation: Business hours/ })).toBeChecked();
  await expect(page.getByRole('radio', { name: /^Priority: answer within 8 hours/ })).toBeChecked();
  await expect(page.locator('#presets-ignored')).toContainText('addons: “bogus”');
  await plan.expectSaved();
  const sections = await serverDraft(page);
  expect(sections.plan).toEqual({
    plan_id: 'organization', billing: 'yearly', addons: ['moderation_business_hours'], support_tier: 'priority',
  });
  await expect(page.locator('.summary-total')).toHaveText('€3,470 per year, billed yearly');
  await expectNoAxeViolations(page, 'plan step with extras and the presets note');
});

test('switching plan says which choices it dropped', async ({ page }) => {
  const plan = new PlanPage(page);
  await plan.goto();
  await plan.waitUntilReady();
  await plan.plan('Organization').check();
  await page.getByRole('radio', { name: /Managed moderation: Around the clock/ }).check();
  await page.getByRole('checkbox', { name: /Extra media storage/ }).check();
  await plan.expectSaved();
  await plan.plan('Starter').check();
  const notice = page.locator('#plan-dropped');
  await expect(notice).toContainText('The Starter plan does not allow some of your choices');
  await expect(notice).toContainText('Managed moderation: Around the clock');
  await expect(page.getByText('Managed moderation is not available with the Starter plan.')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: /Extra media storage/ })).toBeChecked();
  await plan.expectSaved();
  expect((await serverDraft(page)).plan.addons).toEqual(['storage_100gb']);
  await expectNoAxeViolations(page, 'plan step after a switch that dropped an add-on');
});

test('the organization form shows every problem at its field and in the summary', async ({ page }) => {
  await choosePlan(page);
  const org = new OrganizationPage(page);
  await expectNoAxeViolations(page, 'organization step');
  await org.continueButton.click();
  await expect(org.summary).toBeFocused();
  await expect(org.summary.getByRole('link')).toHaveCount(7);
  await expect(org.field('Organization name')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'organization step with errors');

  await org.summary.getByRole('link', { name: 'Contact email: fill this in.' }).click();
  await expect(org.field('Contact email')).toBeFocused();

  await org.fill({ ...validOrganization, 'Username of the first admin': 'Admin', 'EU VAT ID (optional)': 'FR12345678901' });
  await org.continueButton.click();
  await expect(org.summary).toContainText('This username is reserved; choose another.');
  await expect(org.summary).toContainText('This VAT ID belongs to another country than the one chosen.');
  await expect(page).toHaveURL(/\/organization$/);
});

test('answers typed but not yet continued survive a reload', async ({ page }) => {
  await choosePlan(page);
  const org = new OrganizationPage(page);
  await org.fill({ 'Organization name': 'Halbfertig e.V.', City: 'Köln' });
  await page.reload();
  await expect(org.field('Organization name')).toHaveValue('Halbfertig e.V.');
  await expect(org.field('City')).toHaveValue('Köln');
});

test('an organization the browser passed but the server refuses lands on its fields', async ({ page }) => {
  await choosePlan(page);
  const org = new OrganizationPage(page);
  await org.fill(validOrganization);
  // Bypass the browser's check: rewrite the body on its way out, as a tampered client would.
  await page.route('**/api/v1/signups/*', async (route) => {
    const request = route.request();
    if (request.method() !== 'PATCH') return route.continue();
    const body = JSON.parse(request.postData() || '{}');
    if (body.organization) body.organization.admin_username = 'root';
    await route.continue({ postData: JSON.stringify(body) });
  });
  await org.continueButton.click();
  await expect(org.summary).toBeFocused();
  await expect(org.summary).toContainText('This username is reserved; choose another.');
  await expect(page.locator('#organization-admin_username-error')).toHaveText('This username is reserved; choose another.');
  await expect(page).toHaveURL(/\/organization$/);
  await page.unroute('**/api/v1/signups/*');
});

test('both steps by keyboard alone, to the domain step, and the server holds what was shown', async ({ page }) => {
  const plan = new PlanPage(page);
  await plan.goto();
  await plan.waitUntilReady();
  await page.keyboard.press('Tab'); // billing
  await page.keyboard.press('ArrowRight'); // yearly
  await expect(plan.billing('Yearly')).toBeChecked();
  await page.keyboard.press('Tab'); // plans
  await page.keyboard.press('Space'); // Starter
  await page.keyboard.press('ArrowRight'); // Organization
  await expect(plan.plan('Organization')).toBeChecked();
  await plan.expectSaved();
  // Moderation: none → business hours.
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: /Managed moderation: Business hours/ })).toBeChecked();
  await page.keyboard.press('Tab'); // storage
  await page.keyboard.press('Tab'); // support
  await page.keyboard.press('Tab'); // continue
  await expect(plan.continueButton).toBeFocused();
  await page.keyboard.press('Enter');

  const org = new OrganizationPage(page);
  await expect(org.heading).toHaveText('Tell us about your organization');
  await expect(org.heading).toBeFocused();
  const type = async (text) => { await page.keyboard.press('Tab'); if (text) await page.keyboard.type(text); };
  await type('Universität Beispiel'); // name
  await page.keyboard.press('Tab'); // kind: Company
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown'); // Education
  await expect(page.getByRole('radio', { name: 'School, college or university' })).toBeChecked();
  await page.keyboard.press('Tab'); // country
  await expect(org.field('Country')).toBeFocused();
  await page.keyboard.type('Austria');
  await expect(org.field('Country')).toHaveValue('AT');
  await type('it@uni.example');
  await type('uni_admin');
  await expect(page.locator('.preview')).toContainText('@uni_admin@');
  await type('ATU12345678');
  await type(''); // billing email
  await type('Universitätsring 1');
  await type(''); // line 2
  await type('1010');
  await type('Wien');
  await type('PO-7');
  await page.keyboard.press('Tab'); // payment: Invoice
  await expect(page.getByRole('radio', { name: 'Invoice, paid by bank transfer' })).toBeFocused();
  // Invoice payers may give their PEPPOL id (a university is not a public body: no buyer reference).
  await page.keyboard.press('Tab');
  await expect(org.field('PEPPOL participant ID (optional)')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(org.continueButton).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/domain$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Choose your server's address");

  const sections = await serverDraft(page);
  expect(sections.plan).toEqual({ plan_id: 'organization', billing: 'yearly', addons: ['moderation_business_hours'], support_tier: null, currency: 'EUR' });
  expect(sections.organization).toEqual({
    name: 'Universität Beispiel', kind: 'education', country: 'AT', contact_email: 'it@uni.example',
    admin_username: 'uni_admin', vat_id: 'ATU12345678',
    billing: {
      email: null, address: { line1: 'Universitätsring 1', line2: '', postal_code: '1010', city: 'Wien' },
      purchase_order: 'PO-7', buyer_reference: null, peppol_id: null, payment_method: 'invoice',
    },
  });

  // Back on the plan step the VAT note knows the organization now.
  await page.goBack();
  await page.goBack();
  await expect(page).toHaveURL(/\/plan/);
  await expect(page.locator('.vat-note')).toHaveText('Reverse charge: no VAT is added; your organization accounts for it.');
  // And the organization step comes back filled in after a reload.
  await page.goto('/organization');
  await expect(org.field('City')).toHaveValue('Wien');
  await expect(org.field('Country')).toHaveValue('AT');
});

test('German: the organization step and its errors', async ({ page }) => {
  await choosePlan(page);
  await page.getByRole('button', { name: 'Deutsch' }).click();
  const org = new OrganizationPage(page);
  await expect(org.heading).toHaveText('Angaben zu Ihrer Organisation');
  await org.continueButton.click();
  await expect(org.summary).toContainText('Name der Organisation: Bitte ausfüllen.');
  await expect(page.getByLabel('Land', { exact: true }).locator('option[value=AT]')).toHaveText('Österreich');
  await expectNoAxeViolations(page, 'organization step in German with errors');
});
