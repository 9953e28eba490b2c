// Shared pieces of the end-to-end suite: a test fixture that fails on any page error, axe-core,
// and page objects that find things by role and label as a user would.
import { test as base, expect } from '@playwright/test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Fails the test on an uncaught exception, a wasm panic or a Content-Security-Policy violation
 * in the page. */
export const test = base.extend({
  page: async ({ page }, use) => {
    const problems = [];
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
      });
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      // Chromium logs every non-2xx response it is made to fetch; those are the tests' own doing.
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
        problems.push(`console.error: ${m.text()}`);
      }
    });
    await use(page);
    expect(problems, 'errors in the page').toEqual([]);
  },
});
export { expect };

/** Runs axe-core (WCAG 2.0-2.2 A and AA) on the page as it is and expects no violations. */
export async function expectNoAxeViolations(page, label) {
  await page.evaluate(axeSource);
  const results = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    }),
  );
  const violations = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(violations, `axe violations on ${label}`).toEqual([]);
  // What axe could not decide about colour contrast ("needs review") is decided here: symbol
  // glyphs (the stepper's check marks, the rules' arrows: axe does not measure them, "nonBmp")
  // are measured as text against the background behind them, at least 4.5:1.
  // Text that has scrolled under the phone's sticky total bar ("bgOverlap") is measured again
  // once scrolled clear of it.
  const undecided = results.incomplete.filter((r) => r.id === 'color-contrast').flatMap((r) => r.nodes);
  // So is the phone's total bar itself, which axe sees partly over the cards it floats above.
  const glyphs = undecided.filter((n) => n.any.some((a) => a.data?.messageKey === 'nonBmp')
    || (n.target.join(' ').includes('running-total') && n.any.some((a) => ['elmPartiallyObscuring', 'bgOverlap'].includes(a.data?.messageKey))));
  const underBar = undecided.filter((n) => !glyphs.includes(n) && n.any.some((a) => a.data?.messageKey === 'bgOverlap')).map((n) => n.target.join(' '));
  if (underBar.length > 0) {
    const again = await page.evaluate(async (targets) => {
      const out = [];
      for (const t of targets) {
        document.querySelector(t)?.scrollIntoView({ block: 'start' });
        // eslint-disable-next-line no-undef
        const r = await axe.run({ include: [t] }, { runOnly: { type: 'rule', values: ['color-contrast'] } });
        out.push(...r.violations.concat(r.incomplete).flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? n.any.map((a) => a.data?.messageKey).join(', ')}`)));
      }
      window.scrollTo(0, 0);
      return out;
    }, underBar);
    expect(again, `colour contrast of text under the total bar on ${label}, measured clear of it`).toEqual([]);
  }
  const others = undecided.filter((n) => !glyphs.includes(n) && !underBar.includes(n.target.join(' '))).map((n) => `${n.target.join(' ')}: ${n.any.map((a) => a.data?.messageKey ?? a.message).join(', ')}`);
  expect(others, `colour contrast axe left undecided on ${label}`).toEqual([]);
  const ratios = await page.evaluate((selectors) => selectors.map((sel) => {
    const el = document.querySelector(sel);
    if (!el) return [sel, 0];
    const rgb = (c) => (c.match(/[\d.]+/g) || []).slice(0, 3).map(Number);
    const lum = ([r, g, b]) => [r, g, b].map((v) => { const x = v / 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; }).reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0);
    let back = el;
    while (back && (getComputedStyle(back).backgroundColor === 'rgba(0, 0, 0, 0)' || getComputedStyle(back).backgroundColor === 'transparent')) back = back.parentElement;
    const [fg, bg] = [lum(rgb(getComputedStyle(el).color)), lum(rgb(back ? getComputedStyle(back).backgroundColor : 'rgb(255, 255, 255)'))];
    return [sel, (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05)];
  }), glyphs.map((n) => n.target.join(' ')));
  for (const [sel, ratio] of ratios) expect(ratio, `contrast of ${sel} on ${label}`).toBeGreaterThanOrEqual(4.5);
}

/** The plan step. */
export class PlanPage {
  constructor(page) {
    this.page = page;
    this.heading = page.getByRole('heading', { level: 1 });
    this.continueButton = page.getByRole('button', { name: /^(Continue|Weiter)$/ });
    this.status = page.locator('.save-status');
  }

  async goto(query = '?locale=en') {
    await this.page.goto(`/plan${query}`);
    await expect(this.heading).toBeVisible();
  }

  plan(name) {
    return this.page.getByRole('radio', { name, exact: true });
  }

  billing(name) {
    return this.page.getByRole('radio', { name, exact: true });
  }

  async waitUntilReady() {
    await expect(this.page.locator('input[name=plan]').first()).toBeEnabled();
  }

  async expectSaved(text = 'All changes saved') {
    await expect(this.status).toContainText(text);
  }
}

/** The organization step. */
export class OrganizationPage {
  constructor(page) {
    this.page = page;
    this.heading = page.getByRole('heading', { level: 1 });
    this.continueButton = page.getByRole('button', { name: /^(Continue|Weiter)$/ });
    this.summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: /There is a problem|Es gibt ein Problem/ }) });
  }

  field(label) {
    return this.page.getByLabel(label, { exact: true });
  }

  async fill(values) {
    for (const [label, value] of Object.entries(values)) {
      if (label === 'Country') await this.field(label).selectOption(value);
      else await this.field(label).fill(value);
    }
  }
}

/** Answers that pass every rule. */
export const validOrganization = {
  'Organization name': 'Stadtwerke Beispielstadt',
  Country: 'DE',
  'Contact email': 'it@stadtwerke.example',
  'Username of the first admin': 'it_team',
  'Street and number': 'Hauptstraße 1',
  'Postal code': '10115',
  City: 'Berlin',
};

/** Chooses a plan on /plan and continues to the organization step. */
export async function choosePlan(page, name = 'Organization') {
  await page.goto('/plan?locale=en');
  await expect(page.locator('input[name=plan]').first()).toBeEnabled();
  await page.getByRole('radio', { name, exact: true }).check();
  await expect(page.locator('.save-status')).toContainText('All changes saved');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tell us about your organization');
}

/** A draft made through the API with `sections`, opened in this browser at `path`. */
export async function draftAt(page, path, sections, locale = 'en') {
  const created = await (await page.request.post('/api/v1/signups')).json();
  const patch = await page.request.patch(`/api/v1/signups/${created.id}`, {
    headers: { Authorization: `Bearer ${created.resume_token}`, 'If-Match': `"${created.version}"`, 'Content-Type': 'application/json' },
    data: sections,
  });
  expect(patch.ok(), await patch.text()).toBeTruthy();
  const mirror = { key: { id: created.id, token: created.resume_token }, version: created.version + 1, unsaved: {} };
  await page.addInitScript((m) => {
    if (!localStorage.getItem('onramp.draft')) localStorage.setItem('onramp.draft', JSON.stringify(m));
  }, mirror);
  await page.goto(`${path}?locale=${locale}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  return created;
}

/** The draft's sections as the server holds them. */
export async function serverSections(page, created) {
  const r = await page.request.get(`/api/v1/signups/${created.id}`, { headers: { Authorization: `Bearer ${created.resume_token}` } });
  return (await r.json()).sections;
}

/** Plan, organization and domain answered: the sections that open the branding step. */
export const throughDomain = {
  plan: { plan_id: 'organization', billing: 'monthly', addons: [] },
  organization: {
    name: 'Stadt Beispiel', kind: 'public_sector', country: 'DE', contact_email: 'it@stadt.example', admin_username: 'presse',
    billing: { address: { line1: 'Markt 1', postal_code: '10115', city: 'Berlin' }, payment_method: 'invoice' },
  },
  domain: { mode: 'subdomain', web_domain: 'stadt.social-host.example', handle_domain: 'stadt.social-host.example' },
};

/** The mails in an outbox folder, parsed as a mail program would: headers unfolded and their
 * encoded words decoded, the plain-text and HTML parts decoded (quoted-printable, base64, 8bit). */
export function mailsIn(dir) {
  if (!dir || !existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.eml')).map((f) => parseMail(readFileSync(join(dir, f), 'latin1')));
}

const fromLatin1 = (s) => Buffer.from(s, 'latin1').toString('utf8');
const unQuote = (s) => s.replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)));
// RFC 2047: white space between two encoded words is not part of the text.
const decodeWords = (s) => s.replace(/(=\?[^?]+\?[bq]\?[^?]*\?=)\s+(?==\?)/gi, '$1').replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc, data) =>
  enc.toLowerCase() === 'b' ? Buffer.from(data, 'base64').toString('utf8') : fromLatin1(unQuote(data.replace(/_/g, ' '))));

function splitHead(raw) {
  const at = raw.search(/\r?\n\r?\n/);
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? '' : raw.slice(at).replace(/^\r?\n\r?\n/, '');
  const headers = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = decodeWords(fromLatin1(line.slice(colon + 1).trim()));
  }
  return { headers, body };
}

function decodeBody(body, encoding = '7bit') {
  const enc = encoding.toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') return fromLatin1(unQuote(body.replace(/=\r?\n/g, '')));
  return fromLatin1(body);
}

function parseMail(raw) {
  const { headers, body } = splitHead(raw);
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] || '')?.[1];
  const parts = boundary ? body.split(`--${boundary}`).slice(1, -1).map(splitHead) : [{ headers, body }];
  const part = (type) => {
    const p = parts.find((x) => (x.headers['content-type'] || 'text/plain').startsWith(type));
    return p ? decodeBody(p.body.replace(/\r?\n$/, ''), p.headers['content-transfer-encoding']) : '';
  };
  return { headers, to: headers.to, from: headers.from, subject: headers.subject, text: part('text/plain'), html: part('text/html') };
}

/** What sticks out of the viewport sideways: the page's scroll width, the visible elements whose
 * box ends right of the viewport, and text that runs out of its box past the viewport (a long
 * unbreakable word). A table that scrolls inside a box counts too: on a phone, tables become
 * lists. WCAG 2.2 1.4.10: nothing may need horizontal scrolling at 320 CSS px. */
export async function sideways(page) {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const name = (el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''} “${(el.textContent || '').trim().slice(0, 40)}”`;
    const shown = (el) => {
      const style = getComputedStyle(el);
      // The content of a closed <details> is laid out but not shown (content-visibility).
      const closed = el.closest('details:not([open])');
      if (closed && !el.closest('summary')) return false;
      return style.visibility !== 'hidden' && style.display !== 'none';
    };
    const out = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1) continue; // visually hidden, or nothing to see
      if (r.right <= 0) continue; // parked off screen until focused (the skip link)
      if (!shown(el)) continue;
      if (r.right > vw + 1 || r.left < -1) out.push(`${name(el)} spans ${Math.round(r.left)}..${Math.round(r.right)} of ${vw}`);
      else if (el.scrollWidth > el.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(el).overflowX)) out.push(`${name(el)} scrolls sideways: ${el.scrollWidth} px in ${el.clientWidth}`);
      if (out.length >= 8) return { width: document.documentElement.scrollWidth, viewport: vw, offenders: out };
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let n = walker.nextNode(); n && out.length < 8; n = walker.nextNode()) {
      if (!n.textContent.trim() || !n.parentElement || !shown(n.parentElement) || n.parentElement.getBoundingClientRect().width <= 1) continue;
      range.selectNodeContents(n);
      const r = range.getBoundingClientRect();
      if (r.width > 1 && r.right > vw + 1 && r.left > -1) out.push(`text “${n.textContent.trim().slice(0, 50)}” in ${name(n.parentElement)} runs to ${Math.round(r.right)} of ${vw}`);
    }
    return { width: document.documentElement.scrollWidth, viewport: vw, offenders: out };
  });
}

/** Expects nothing to scroll sideways at the page's current width. */
export async function expectReflow(page, label) {
  const r = await sideways(page);
  expect(r.offenders, `${label} at ${r.viewport} px: elements out of the viewport`).toEqual([]);
  expect(r.width, `${label} at ${r.viewport} px: the page scrolls sideways`).toBeLessThanOrEqual(r.viewport);
}
