// The plan step end to end against the reference server: choose, save, reload; errors and
// Retry; keyboard only; German; axe-core on every state.
import { test, expect, expectNoAxeViolations, PlanPage } from './support.mjs';

test('a chosen plan and billing period survive a reload', async ({ page }) => {
  const plan = new PlanPage(page);
  await plan.goto();
  await expect(plan.heading).toHaveText('Choose your plan');
  await expect(plan.heading).toBeFocused();
  await plan.waitUntilReady();
  await expect(page.locator('#summary-details').getByText('Choose a plan to see your total.')).toBeVisible();

  await plan.plan('Organization').check();
  await plan.expectSaved();
  await expect(page.locator('.summary-total')).toHaveText('€99 per month, billed monthly');

  await plan.billing('Yearly').check();
  await plan.expectSaved();
  await expect(page.locator('.summary-total')).toHaveText('€990 per year, billed yearly');
  await expect(page.locator('.summary-saving')).toHaveText('You save €198 a year against monthly billing.');

  await page.reload();
  await plan.waitUntilReady();
  await expect(plan.plan('Organization')).toBeChecked();
  await expect(plan.billing('Yearly')).toBeChecked();
  await expect(page.locator('.summary-total')).toHaveText('€990 per year, billed yearly');

  // The draft is on the server, not only in this browser.
  const mirror = await page.evaluate(() => JSON.parse(localStorage.getItem('onramp.draft')));
  expect(mirror.unsaved).toEqual({});
  const response = await page.request.get(`/api/v1/signups/${mirror.key.id}`, {
    headers: { Authorization: `Bearer ${mirror.key.token}` },
  });
  expect(response.ok()).toBeTruthy();
  const signup = await response.json();
  expect(signup.sections.plan).toMatchObject({ plan_id: 'organization', billing: 'yearly' });
});

test('the whole step works by keyboard alone', async ({ page }) => {
  const plan = new PlanPage(page);
  await plan.goto();
  await plan.waitUntilReady();
  await expect(plan.heading).toBeFocused();

  // Heading → billing radios → plan radios → Continue.
  await page.keyboard.press('Tab');
  await expect(plan.billing('Monthly')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(plan.plan('Starter')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(plan.continueButton).toBeFocused();
  await page.keyboard.press('Enter');

  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveText('Choose a plan to continue.');
  await expectNoAxeViolations(page, 'plan step with the error summary');

  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(plan.plan('Starter')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(plan.plan('Starter')).toBeChecked();
  await page.keyboard.press('ArrowRight');
  await expect(plan.plan('Organization')).toBeChecked();
  await expect(summary).toBeHidden();
  await plan.expectSaved();

  // Past the add-ons the Organization plan offers: moderation, storage, support.
  for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
  await expect(plan.continueButton).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/organization$/);
  await expect(plan.heading).toHaveText('Tell us about your organization');
  await expect(plan.heading).toBeFocused();
  await expect(page.getByRole('navigation', { name: 'Signup steps' }).getByRole('link', { name: /Plan/ })).toBeVisible();
});

test('a step whose prerequisites are missing sends the user to the first incomplete one', async ({ page }) => {
  await page.goto('/domain?locale=en');
  await expect(page).toHaveURL(/\/plan/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose your plan');
  await page.goto('/nothing-here?locale=en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
});

for (const [name, fault, message] of [
  ['a 500', (route) => route.fulfill({ status: 500, contentType: 'application/problem+json', body: '{"title":"boom","status":500}' }), 'The server had a problem.'],
  ['a malformed body', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '<html>not json' }), 'could not read'],
  ['an unreachable backend', (route) => route.abort('connectionrefused'), 'We could not reach the server.'],
]) {
  test(`the catalogue failing with ${name} shows the error, and Retry recovers`, async ({ page }) => {
    await page.route('**/api/v1/catalog', fault);
    const plan = new PlanPage(page);
    await plan.goto();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(message);
    await expectNoAxeViolations(page, `catalogue error (${name})`);

    await page.unroute('**/api/v1/catalog');
    await alert.getByRole('button', { name: 'Try again' }).click();
    await plan.waitUntilReady();
    await expect(plan.plan('Enterprise')).toBeVisible();
    await expect(alert).toBeHidden();
  });
}

test('a failed save keeps the choice and saves it on Retry', async ({ page }) => {
  const plan = new PlanPage(page);
  await plan.goto();
  await plan.waitUntilReady();
  await page.route('**/api/v1/signups**', (route) => route.fulfill({ status: 503, body: '' }));
  await plan.plan('Starter').check();
  await expect(plan.status).toContainText('Not saved yet');
  await expect(plan.plan('Starter')).toBeChecked();
  await page.unroute('**/api/v1/signups**');
  await plan.status.getByRole('button', { name: 'Save again' }).click();
  await plan.expectSaved();
  await page.reload();
  await plan.waitUntilReady();
  await expect(plan.plan('Starter')).toBeChecked();
});

test('German: words, prices and the page language follow the locale', async ({ page }) => {
  const plan = new PlanPage(page);
  await plan.goto('?locale=de');
  await expect(plan.heading).toHaveText('Wählen Sie Ihren Tarif');
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await plan.waitUntilReady();
  await expect(page.locator('#plan-organization-price')).toHaveText('99\u00a0€ pro Monat');
  await expect(page.locator('#plan-enterprise-details')).toContainText('Bis zu 5.000 aktive Nutzende');
  await expectNoAxeViolations(page, 'plan step in German');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(plan.heading).toHaveText('Choose your plan');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('#plan-organization-price')).toHaveText('€99 per month');
  // The choice of language is remembered.
  await page.goto('/plan');
  await expect(plan.heading).toHaveText('Choose your plan');
});

test('axe-core finds no violations on the plan step in English, with a plan chosen', async ({ page }) => {
  const plan = new PlanPage(page);
  await plan.goto();
  await plan.waitUntilReady();
  await expectNoAxeViolations(page, 'plan step in English');
  await plan.plan('Enterprise').check();
  await plan.expectSaved();
  await expectNoAxeViolations(page, 'plan step with a plan chosen');
});

test('an empty catalogue says so instead of showing nothing', async ({ page }) => {
  await page.route('**/api/v1/catalog', async (route) => {
    const response = await route.fetch();
    const catalog = await response.json();
    await route.fulfill({ response, json: { ...catalog, plans: [] } });
  });
  const plan = new PlanPage(page);
  await plan.goto();
  await expect(page.getByText('No plans are offered right now. Please try again later.')).toBeVisible();
  await expectNoAxeViolations(page, 'plan step with an empty catalogue');
});

test("the site's root opens the plan step with the link's presets, without the routes' chunk, and the next step waits for it with Retry", async ({ page, request }) => {
  // The routes (the router's matching and every other step's route) are a chunk; the plan step
  // is shown without it. Only the files no earlier part of the first step needs are blocked.
  const manifest = await (await request.get('/chunks.json')).json();
  const earlier = new Set([...manifest.splits.draft_sync, ...manifest.splits.plan_summary, ...manifest.splits.resume_panel]);
  const routesOnly = new Set(manifest.splits.app_routes.filter((f) => !earlier.has(f)));
  expect(routesOnly.size).toBeGreaterThan(0);
  let blocked = 0;
  await page.route(/\/(split_|chunk_)[^/]*\.wasm$/, (route) => {
    if (!routesOnly.has(new URL(route.request().url()).pathname.slice(1))) return route.continue();
    blocked += 1;
    return route.abort('internetdisconnected');
  });
  await page.goto('/?locale=en&plan=organization&billing=yearly');
  // The root leads to the plan step, keeping the link's presets.
  await expect(page).toHaveURL(/\/plan\?locale=en&plan=organization&billing=yearly$/);
  const plan = new PlanPage(page);
  await expect(plan.heading).toHaveText('Choose your plan');
  await plan.waitUntilReady();
  await expect(plan.plan('Organization')).toBeChecked();
  await expect(plan.billing('Yearly')).toBeChecked();
  await plan.expectSaved();
  await expect(page.locator('.summary-total')).toHaveText('€990 per year, billed yearly');
  // Continue needs the routes.
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/organization/);
  // The routes cannot be fetched: the frame stays, and its main landmark says so with Retry.
  const alert = page.getByRole('main').getByRole('alert');
  await expect(alert).toContainText('This step could not be loaded.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Connection problem');
  await expect(page.getByRole('navigation').first()).toBeVisible();
  expect(blocked).toBeGreaterThan(0);
  await expectNoAxeViolations(page, 'routes not fetched');
  // Back: the plan step opens again without them, the choice kept.
  await page.goBack();
  await plan.waitUntilReady();
  await expect(plan.plan('Organization')).toBeChecked();
  // The network is back: Continue fetches them anew (a failed fetch is not kept) and opens the
  // next step. (Retry on the alert is tested in faults.spec.mjs.)
  await page.unroute(/\/(split_|chunk_)[^/]*\.wasm$/);
  await page.getByRole('button', { name: 'Continue' }).click();
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText('Tell us about your organization');
  // And Back now renders the plan step through the routes, the same step.
  await page.goBack();
  await plan.waitUntilReady();
  await expect(plan.plan('Organization')).toBeChecked();
  await expect(plan.billing('Yearly')).toBeChecked();
});
