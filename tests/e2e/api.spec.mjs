// The API reference for people: Swagger UI at /api/docs, under the app's strict CSP (the fixture
// fails on any violation), showing the same document the server serves.
import { test, expect } from './support.mjs';

test('the API reference renders the OpenAPI document under the strict CSP', async ({ page }) => {
  await page.goto('/api/docs');
  await expect(page.getByRole('heading', { name: /Onramp API/ }).first()).toBeVisible();
  await expect(page.locator('.opblock-summary-path', { hasText: '/signups/{id}/submit' })).toBeVisible();
  await page.locator('.opblock-summary-path', { hasText: '/signups/{id}/submit' }).click();
  await expect(page.getByText('Idempotency-Key').first()).toBeVisible();
  const served = await (await page.request.get('/api/v1/openapi.json')).json();
  const shown = await (await page.request.get('/api/docs/openapi.json')).json();
  expect(shown).toEqual(served);
});
