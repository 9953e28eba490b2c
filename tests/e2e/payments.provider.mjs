// Paying through the provider, against the Austrian example configuration with a checkout: the
// test payment page (payment-page.mjs) stands in for the provider's. Card in English (declined,
// tried again, left, paid: one order throughout, provisioning after payment), SEPA direct debit
// in German (a mandate: pending, and provisioning starts at once), and an invoice in German
// with a Leitweg-ID checked at its field and carried to the review, the status page and the mail.
import { test, expect, expectNoAxeViolations, draftAt, mailsIn } from './support.mjs';
import { startPaymentPage } from './payment-page.mjs';

let checkout;
test.beforeAll(async () => {
  checkout = await startPaymentPage({
    port: Number(process.env.ONRAMP_PAYMENT_PORT),
    secret: process.env.ONRAMP_PAYMENT_SECRET,
    onramp: process.env.ONRAMP_BASE_URL,
    key: process.env.ONRAMP_PROVIDER_KEY,
  });
});
test.afterAll(async () => checkout?.close());

let n = 0;
/** Every section answered, paid by `method`, for an organization in `country`. */
function sections(method, { kind = 'company', country = 'AT', billing = {} } = {}) {
  const label = `pay${Date.now().toString(36)}${(n += 1)}`;
  return {
    plan: { plan_id: 'betrieb', billing: 'monthly', addons: [] },
    organization: {
      name: 'Beispiel GmbH', kind, country, contact_email: 'it@beispiel.example', admin_username: 'beispiel',
      billing: { address: { line1: 'Hauptstraße 1', postal_code: '1010', city: 'Wien' }, payment_method: method, ...billing },
    },
    domain: { mode: 'subdomain', web_domain: `${label}.fedihost.example`, handle_domain: `${label}.fedihost.example` },
    branding: { site_title: 'Beispiel Social', theme: 'light' },
    moderation: { registrations_mode: 'none', rules: [{ text: 'Be kind.' }], languages: ['de'] },
  };
}

async function submit(page, de = false) {
  await page.getByLabel(de ? /Ich akzeptiere die Nutzungsbedingungen/ : /I accept the terms of service/).check();
  await page.getByRole('button', { name: de ? 'Absenden und Server einrichten' : 'Submit and set up my server' }).click();
  await expect(page).toHaveURL(/\/status\/or_[0-9a-f]+$/);
  return page.url().split('/status/')[1];
}

test('card in English: declined, tried again, left, then paid; one order, set up after payment', async ({ page }) => {
  await draftAt(page, '/review', sections('card'));
  const order = await submit(page);
  const payment = page.locator('.payment');
  await expect(payment.getByRole('status').first()).toHaveText('You chose to pay by card. Pay now to complete your order.');
  await expect(payment).toContainText('Your server is set up once the payment is through.');
  await expect(payment).toContainText('never sees your card number or IBAN');
  // Nothing is set up while the payment waits.
  await expect(page.locator('.provisioning-step.state-done')).toHaveCount(0);
  await expectNoAxeViolations(page, 'status page awaiting a card payment');

  // Declined: the reason, and another try from the same page.
  await page.getByRole('button', { name: 'Pay by card' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Test payment: \d+\.\d\d EUR/);
  await page.getByRole('button', { name: 'Decline' }).click();
  await expect(page).toHaveURL(new RegExp(`/status/${order}\\?locale=(en|de)&payment_return=1\\.`));
  await expect(payment).toContainText('The payment did not go through: The card was declined. Try another card.');
  await expect(page.locator('.provisioning-step.state-done')).toHaveCount(0);
  // A forged return shows nothing more and changes nothing.
  await page.goto(`/status/${order}?payment_return=2.forged`);
  await expect(payment).toContainText('The payment did not go through');
  await expect(payment).not.toContainText('waiting for the payment provider');

  // Left on the payment page: back with nothing paid; then paid on the third try.
  await page.getByRole('button', { name: 'Try the payment again' }).click();
  await page.getByRole('button', { name: 'Leave' }).click();
  await expect(page).toHaveURL(new RegExp(`/status/${order}\\?locale=(en|de)&payment_return=2\\.`));
  await expect(payment).toContainText('The payment did not go through');
  await page.getByRole('button', { name: 'Try the payment again' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Test payment');
  await page.getByRole('button', { name: 'Pay' }).click();
  await expect(page).toHaveURL(new RegExp(`/status/${order}\\?locale=(en|de)&payment_return=3\\.`));
  await expect(payment).toContainText('Paid. Thank you.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your server is live', { timeout: 20_000 });
  // Three tries, one order, each for what the plan costs a month.
  const tries = checkout.requests.filter((r) => r.order_id === order);
  expect(tries.map((r) => [r.attempt, r.method, r.currency, r.billing])).toEqual([[1, 'card', 'EUR', 'monthly'], [2, 'card', 'EUR', 'monthly'], [3, 'card', 'EUR', 'monthly']]);
  expect(new Set(tries.map((r) => r.amount_minor)).size).toBe(1);
  await expect(page.locator('.order-summary')).toContainText('Your order');
});

test('SEPA in German: the mandate is pending and the server is set up at once', async ({ page }) => {
  await draftAt(page, '/review', sections('sepa_debit'), 'de');
  const order = await submit(page, true);
  const payment = page.locator('.payment');
  await expect(payment.getByRole('status').first()).toHaveText('Sie haben SEPA-Lastschrift gewählt. Erteilen Sie jetzt das Mandat, um Ihre Bestellung abzuschließen.');
  await page.getByRole('button', { name: 'SEPA-Mandat erteilen' }).click();
  await page.getByRole('button', { name: 'Give mandate' }).click();
  await expect(page).toHaveURL(new RegExp(`/status/${order}\\?locale=(en|de)&payment_return=1\\.`));
  await expect(payment).toContainText('Ihr SEPA-Mandat liegt vor; die Lastschrift dauert einige Werktage.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ihr Server ist online', { timeout: 20_000 });
  await expectNoAxeViolations(page, 'status page with a pending SEPA mandate');
});

test('an invoice in German with a Leitweg-ID: checked at its field, on the review, the status page and in the mail', async ({ page }) => {
  const s = sections('invoice', { kind: 'public_sector', country: 'DE' });
  s.organization.billing.address = { line1: 'Markt 1', postal_code: '10115', city: 'Berlin' };
  await draftAt(page, '/organization', s, 'de');
  const leitweg = page.getByLabel('Leitweg-ID (optional)', { exact: true });
  await expect(leitweg).toBeVisible();
  await expect(page.getByText('Öffentliche Auftraggeber erhalten E-Rechnungen (XRechnung) unter dieser ID')).toBeVisible();
  // A wrong check digit is refused at the field; the right one passes.
  await leitweg.fill('991-33333TEST-34');
  await page.getByLabel('PEPPOL-Teilnehmer-ID (optional)', { exact: true }).fill('0204:991-33333TEST-33');
  await page.getByRole('button', { name: 'Weiter' }).click();
  await expect(page.locator('#organization-billing-buyer_reference-error')).toContainText('Diese Leitweg-ID ist nicht gültig');
  await leitweg.fill('991-33333TEST-33');
  await page.getByRole('button', { name: 'Weiter' }).click();
  await expect(page).toHaveURL(/\/domain$/);
  await page.goto('/review?locale=de');
  await expect(page.locator('main')).toContainText('991-33333TEST-33');
  await expect(page.locator('main')).toContainText('0204:991-33333TEST-33');
  const order = await submit(page, true);
  const payment = page.locator('.payment');
  await expect(payment).toContainText('Sie zahlen auf Rechnung; sie geht an it@beispiel.example.');
  await expect(page.getByRole('button', { name: /bezahlen|Mandat/ })).toHaveCount(0);
  const summary = page.locator('.order-summary');
  await expect(summary).toContainText('Leitweg-ID: 991-33333TEST-33');
  await expect(summary).toContainText('PEPPOL-Teilnehmer-ID: 0204:991-33333TEST-33');
  await expect(summary).toContainText('Umsatzsteuer');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ihr Server ist online', { timeout: 20_000 });
  // The confirmation mail: price lines for the period, VAT, how to pay, the references.
  const outbox = process.env.ONRAMP_OUTBOX;
  await expect.poll(() => mailsIn(outbox).filter((m) => m.subject.includes(order)).length, { timeout: 15_000 }).toBe(1);
  const mail = mailsIn(outbox).find((m) => m.subject.includes(order));
  for (const text of ['Summe, Abrechnung monatlich', 'Umsatzsteuer', 'Sie zahlen auf Rechnung', 'Leitweg-ID: 991-33333TEST-33', 'PEPPOL-Teilnehmer: 0204:991-33333TEST-33']) {
    expect(mail.text).toContain(text);
  }
});
