// The fault matrix: on every step, the backend answers 500, takes longer than the client waits,
// returns malformed JSON, or the network goes offline and comes back. Each case shows a clear
// message, recovers, and loses nothing typed.
import { test, expect, expectNoAxeViolations, draftAt, serverSections, throughDomain } from './support.mjs';

const MESSAGES = {
  500: 'The server had a problem.',
  timeout: 'The server took too long to answer.',
  malformed: 'The server sent an answer we could not read.',
  offline: 'We could not reach the server.',
};

const throughModeration = {
  ...throughDomain,
  branding: { site_title: 'Stadt Beispiel', theme: 'light' },
  moderation: { registrations_mode: 'none', rules: [{ text: 'Be kind.' }], languages: ['de'] },
};
let n = 0;
const fresh = (s) => {
  if (!s.domain) return s;
  const name = `fault${Date.now().toString(36)}${(n += 1)}`;
  return { ...s, domain: { mode: 'subdomain', web_domain: `${name}.social-host.example`, handle_domain: `${name}.social-host.example` } };
};

/** The steps: where to start, what to type, what sends the request, and what must survive. */
const STEPS = [
  {
    name: 'plan', path: '/plan', sections: {}, request: ['PATCH', /\/api\/v1\/signups\/[^/]+$/],
    type: async () => {},
    act: async (page) => page.getByRole('radio', { name: 'Enterprise', exact: true }).check(),
    where: (page) => page.locator('.save-status'),
    recover: async (page) => {
      // Save again while it is offered. The app's own retry may save first, and then the
      // button is gone for good: a click that waited for it would wait out the test.
      await page.getByRole('button', { name: 'Save again' }).click({ timeout: 3_000 }).catch(() => {});
      await expect(page.locator('.save-status')).toContainText('All changes saved', { timeout: 15_000 });
    },
    kept: async (page) => expect(page.getByRole('radio', { name: 'Enterprise', exact: true })).toBeChecked(),
    stored: (s) => expect(s.plan.plan_id).toBe('enterprise'),
  },
  {
    name: 'organization', path: '/organization', sections: { plan: throughDomain.plan }, request: ['PATCH', /\/api\/v1\/signups\/[^/]+$/],
    type: async (page) => {
      const fill = async (label, v) => page.getByLabel(label, { exact: true }).fill(v);
      await fill('Organization name', 'Kept Through Faults');
      await page.getByLabel('Country', { exact: true }).selectOption('DE');
      await fill('Contact email', 'it@kept.example');
      await fill('Username of the first admin', 'kept_admin');
      await fill('Street and number', 'Weg 1');
      await fill('Postal code', '10115');
      await fill('City', 'Berlin');
    },
    act: async (page) => page.getByRole('button', { name: 'Continue' }).click(),
    where: (page) => page.locator('.notice-error'),
    recover: async (page) => {
      await continueAgain(page);
      await expect(page).toHaveURL(/\/domain$/);
    },
    kept: async (page) => expect(page.getByLabel('Organization name', { exact: true })).toHaveValue('Kept Through Faults'),
    stored: (s) => expect(s.organization.name).toBe('Kept Through Faults'),
  },
  {
    name: 'domain', path: '/domain', sections: { plan: throughDomain.plan, organization: throughDomain.organization }, request: ['PATCH', /\/api\/v1\/signups\/[^/]+$/],
    type: async (page, ctx) => {
      ctx.label = `kept${Date.now().toString(36)}`;
      await page.locator('#domain-web_domain').fill(ctx.label);
      await expect(page.locator('#domain-status')).toHaveText(`${ctx.label}.social-host.example is available.`);
    },
    act: async (page) => page.getByRole('button', { name: 'Continue' }).click(),
    where: (page) => page.locator('.notice-error'),
    recover: async (page) => {
      await continueAgain(page);
      await expect(page).toHaveURL(/\/branding$/);
    },
    kept: async (page, ctx) => expect(page.locator('#domain-web_domain')).toHaveValue(ctx.label),
    stored: (s, ctx) => expect(s.domain.web_domain).toBe(`${ctx.label}.social-host.example`),
  },
  {
    name: 'branding', path: '/branding', sections: throughDomain, request: ['PATCH', /\/api\/v1\/signups\/[^/]+$/],
    type: async (page) => page.getByLabel('Server name').fill('Kept Through Faults'),
    act: async (page) => page.getByRole('button', { name: 'Continue' }).click(),
    where: (page) => page.locator('.notice-error'),
    recover: async (page) => {
      await continueAgain(page);
      await expect(page).toHaveURL(/\/moderation$/);
    },
    kept: async (page) => expect(page.getByLabel('Server name')).toHaveValue('Kept Through Faults'),
    stored: (s) => expect(s.branding.site_title).toBe('Kept Through Faults'),
  },
  {
    name: 'moderation', path: '/moderation', sections: { ...throughDomain, branding: throughModeration.branding }, request: ['PATCH', /\/api\/v1\/signups\/[^/]+$/],
    type: async (page) => page.getByLabel('Rule 1', { exact: true }).fill('Kept through faults.'),
    act: async (page) => page.getByRole('button', { name: 'Continue' }).click(),
    where: (page) => page.locator('.notice-error'),
    recover: async (page) => {
      await continueAgain(page);
      await expect(page).toHaveURL(/\/review$/);
    },
    kept: async (page) => expect(page.getByLabel('Rule 1', { exact: true })).toHaveValue('Kept through faults.'),
    stored: (s) => expect(s.moderation.rules[0].text).toBe('Kept through faults.'),
  },
  {
    name: 'review', path: '/review', sections: throughModeration, request: ['POST', /\/submit$/],
    type: async (page) => page.getByLabel(/I accept the terms of service/).check(),
    act: async (page) => page.getByRole('button', { name: 'Submit and set up my server' }).click(),
    where: (page) => page.getByRole('alert'),
    recover: async (page) => {
      await page.getByRole('button', { name: 'Try again' }).click();
      await expect(page).toHaveURL(/\/status\/or_/);
    },
    kept: async (page) => expect(page.getByLabel(/I accept the terms of service/)).toBeChecked(),
    stored: () => {},
  },
];

const FAULTS = ['500', 'timeout', 'malformed', 'offline'];

/** Continue once more, as a user would after the message: when no save is under way, by
 * keyboard on the button (the automatic retry may have saved meanwhile). */
async function continueAgain(page) {
  await expect(page.locator('.save-status')).not.toContainText('Saving');
  const button = page.getByRole('button', { name: 'Continue' });
  await button.focus();
  await page.keyboard.press('Enter');
}

for (const step of STEPS) {
  for (const fault of FAULTS) {
    test(`${step.name}: ${fault} is explained, recovered from, and loses nothing`, async ({ page, context }) => {
      // A short client timeout, so the timeout case does not wait 10 s.
      await page.route('**/config.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify({ api_base: '/api/v1', request_timeout_ms: 1500 }) }));
      const created = await draftAt(page, step.path, fresh(step.sections));
      const ctx = {};
      await step.type(page, ctx);
      const [method, url] = step.request;
      const matches = (r) => r.method() === method && url.test(new URL(r.url()).pathname);
      if (fault === 'offline') {
        await context.setOffline(true);
      } else {
        await page.route('**/api/v1/**', async (route) => {
          if (!matches(route.request())) return route.fallback();
          if (fault === '500') return route.fulfill({ status: 500, contentType: 'text/plain', body: 'Internal Server Error' });
          if (fault === 'malformed') return route.fulfill({ status: 200, contentType: 'application/json', body: '{"id": "x", "version": ' });
          await new Promise((r) => setTimeout(r, 2_500));
          return route.abort().catch(() => {});
        });
      }
      await step.act(page);
      await expect(step.where(page)).toContainText(MESSAGES[fault === '500' ? 500 : fault], { timeout: 10_000 });
      await step.kept(page, ctx);
      // The fault clears; the same action works and everything typed arrives.
      if (fault === 'offline') await context.setOffline(false);
      else await page.unroute('**/api/v1/**');
      await step.recover(page);
      await step.stored(await serverSections(page, created), ctx);
    });
  }
}

test.describe('a step whose code cannot be fetched', () => {
  test('says so with Retry, keeps what was typed, and opens once the network is back', async ({ page, request }) => {
    // Every chunk but the draft's sync code fails (a cut connection); the first step is in the
    // first load, and the sync code (which reads the stored draft) comes through.
    const manifest = await (await request.get('/chunks.json')).json();
    const sync = new Set(manifest.splits.draft_sync);
    expect(sync.size).toBeGreaterThan(0);
    let blocked = 0;
    await page.route(/\/(split_|chunk_)[^/]*\.wasm$/, (route) => {
      if (sync.has(new URL(route.request().url()).pathname.slice(1))) return route.continue();
      blocked += 1;
      return route.abort('internetdisconnected');
    });
    const created = await draftAt(page, '/plan', { plan: throughDomain.plan });
    await page.getByRole('radio', { name: 'Enterprise', exact: true }).check();
    await expect(page.locator('.save-status')).toContainText('All changes saved');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page).toHaveURL(/\/organization$/);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('This step could not be loaded.');
    expect(blocked).toBeGreaterThan(0);
    // The app is alive: Back shows the first step with the choice kept, and Continue fails the same way.
    await page.goBack();
    await expect(page.getByRole('radio', { name: 'Enterprise', exact: true })).toBeChecked();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('alert')).toContainText('This step could not be loaded.');
    // The network is back: Retry opens the step, and it works.
    await page.unroute(/\/(split_|chunk_)[^/]*\.wasm$/);
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tell us about your organization');
    await page.getByLabel('Organization name', { exact: true }).fill('Loaded At Last');
    await expect(page.locator('.save-status')).toContainText('All changes saved', { timeout: 10_000 });
    expect((await serverSections(page, created)).plan.plan_id).toBe('enterprise');
  });
});

test.describe("the draft's sync code", () => {
  test('when it cannot be fetched the choice stays in the tab, the status says so, and it saves once the network is back', async ({ page }) => {
    // A first visit: nothing stored, so the plan cards need no chunk to open.
    await page.route(/\/(split_|chunk_)[^/]*\.wasm$/, (route) => route.abort('internetdisconnected'));
    await page.goto('/plan?locale=en');
    await page.getByRole('radio', { name: 'Enterprise', exact: true }).check();
    await expect(page.getByRole('radio', { name: 'Enterprise', exact: true })).toBeChecked();
    const status = page.locator('.save-status');
    await expect(status).toContainText('Not saved yet');
    await expect(status).toContainText('We could not reach the server.');
    // The step's lower part (add-ons and total) is a chunk too: it says so, with Retry.
    const lower = page.getByRole('alert').filter({ hasText: 'The add-ons and your total could not be loaded.' });
    await expect(lower).toBeVisible();
    await expectNoAxeViolations(page, 'sync code not fetched');
    // The network is back: Save again fetches the code and saves the choice.
    await page.unroute(/\/(split_|chunk_)[^/]*\.wasm$/);
    await page.getByRole('button', { name: 'Save again' }).click();
    await expect(status).toContainText('All changes saved', { timeout: 10_000 });
    // Retry brings the add-ons and the total for the plan chosen while they were missing.
    await lower.getByRole('button', { name: 'Try again' }).click();
    await expect(lower).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Your total' })).toBeVisible();
    await expect(page.locator('.summary-lines')).toContainText('Enterprise');
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('onramp.draft') ?? '{}'));
    expect(stored.key?.id).toBeTruthy();
    expect(stored.unsaved?.plan ?? null).toBeNull();
  });
});
