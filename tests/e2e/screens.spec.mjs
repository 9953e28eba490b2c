// Every screen right on a phone: each step and state at 320, 360, 640 (a 1280 px window at
// 200% zoom), 768 and 1280 CSS px in English, and at 320 px in German and French, with nothing
// scrolling sideways (WCAG 2.2 1.4.10); text spacing (1.4.12), forced colours and reduced motion;
// the running total as a bar on a phone; reviewed screenshots.
import { test, expect, expectNoAxeViolations, expectReflow, draftAt, throughDomain } from './support.mjs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { file, png } from './images.mjs';

const WIDTHS = [320, 360, 640, 768, 1280];
const HEIGHT = 740;

const blocks = Array.from({ length: 25 }, (_, i) => ({
  domain: i === 0 ? 'a-very-long-subdomain-name-for-testing.an-even-longer-domain-name.example' : `blocked-${i}.example`,
  severity: i % 3 === 0 ? 'suspend' : 'silence', reject_media: i % 2 === 0, reject_reports: false,
  public_comment: i === 1 ? 'Repeated harassment of our members over several weeks, reported many times' : '', obfuscate: false,
}));
const full = {
  ...throughDomain,
  plan: { plan_id: 'organization', billing: 'yearly', addons: ['moderation_business_hours', 'storage_100gb'], support_tier: 'priority' },
  branding: { site_title: 'Stadt Beispiel', site_short_description: 'News and services of the city, answered by the press office.', theme: 'auto', accent_color: '#3b5bdb' },
  moderation: {
    registrations_mode: 'approved', require_invite_text: true, min_age: 16,
    rules: [{ text: 'Be respectful', hint: 'No harassment.' }, { text: 'No spam', hint: '' }],
    domain_blocks: blocks, languages: ['de', 'en', 'fr'], media_cache_retention_days: 30,
  },
};
const csv = Buffer.from('#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate,#an_unknown_column_with_a_very_long_header_name\n'
  + 'new-one.example,suspend,true,true,Spam,false,x\n'
  + 'this-is-an-extremely-long-domain-name-that-does-not-break-anywhere-at-all.example,ban,false,false,,false,x\n'
  + ',silence,false,false,,false,x\n');

/** Checks the page at each width (restoring the phone size after). */
async function atWidths(page, label, widths) {
  for (const w of widths) {
    await page.setViewportSize({ width: w, height: HEIGHT });
    await expectReflow(page, label);
  }
}

/** What the review says of an organization's kind, by language. */
const PUBLIC_SECTOR = { en: 'Public sector', de: 'Öffentliche Verwaltung', fr: 'Secteur public' };
/** The status page's heading, a live region, once the server is live; and its list of steps. */
const LIVE = { en: 'Your server is live', de: 'Ihr Server ist online', fr: 'Votre serveur est en ligne' };
const STEPS_DONE = { en: 'Set-up steps: all done', de: 'Einrichtungsschritte: alle erledigt', fr: 'Étapes de la mise en place\u00a0: toutes terminées' };

/** Every state of every step, at `widths`, in `locale`, then the status page of the order. */
async function everyScreen(page, locale, widths, each = async () => {}) {
  const check = async (label) => {
    await atWidths(page, `${label} (${locale})`, widths);
    await each(label);
  };
  const name = `screens${locale}${Date.now().toString(36)}`;
  const domain = { mode: 'subdomain', web_domain: `${name}.social-host.example`, handle_domain: `${name}.social-host.example` };
  await page.setViewportSize({ width: widths[0], height: HEIGHT });
  await draftAt(page, '/plan', { ...full, domain }, locale);
  await expect(page.locator('input[name=plan]').first()).toBeEnabled();
  await check('plan step');
  await page.goto(`/organization?locale=${locale}`);
  await expect(page.locator('#organization-name')).toBeVisible();
  await page.locator('#organization-name').fill('');
  await page.locator('.actions .button-primary').click();
  await expect(page.locator('.error-summary')).toBeVisible();
  await check('organization step with errors');
  await page.goto(`/domain?locale=${locale}`);
  await page.locator('#domain-mode-custom').check();
  await page.locator('#domain-web_domain').fill(`social.${name}-a-rather-long-organization-name.example.org`);
  await page.locator('.dns-records > .button-secondary').click();
  await expect(page.locator('.dns-records table')).toBeVisible();
  await check('domain step with DNS records');
  // Back to the draft's own address (the own domain above would wait for its DNS records).
  await page.locator('#domain-mode-subdomain').check();
  await page.locator('#domain-web_domain').fill(name);
  await expect(page.locator('#domain-status')).toContainText(`${name}.social-host.example`);
  await page.locator('.actions .button-primary').click();
  await expect(page).toHaveURL(/\/branding/);
  await page.goto(`/branding?locale=${locale}`);
  await expect(page.locator('#branding-site_title')).toBeVisible();
  // An uploaded thumbnail with its preview, and a refused file with its error.
  const pickThumbnail = async (f) => {
    const picker = page.waitForEvent('filechooser');
    await page.locator('#branding-thumbnail').click();
    await (await picker).setFiles(f);
  };
  await pickThumbnail(file('a-rather-long-file-name-for-the-city-thumbnail.png', 'image/png', png(1200, 630)));
  await expect(page.locator('#branding-thumbnail-status')).toContainText(/1200×630/);
  await check('branding step with an uploaded thumbnail');

  await page.goto(`/moderation?locale=${locale}`);
  await expect(page.locator('#blocks-status')).toBeVisible();
  const chooser = page.waitForEvent('filechooser');
  await page.locator('#import-choose').click();
  await (await chooser).setFiles(file('blocks.csv', 'text/csv', csv));
  await expect(page.locator('#import-preview')).toBeVisible();
  await check('moderation step with 25 blocks and an import preview');
  // On a desktop a domain that fits its column stays on one line (it broke mid-word before).
  await page.setViewportSize({ width: 1280, height: HEIGHT });
  const lines = await page.locator('#moderation-domain_blocks-2-domain').evaluate((th) => {
    const range = document.createRange();
    range.selectNodeContents(th.firstChild);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  });
  expect(lines, 'blocked-2.example on one line at 1280 px').toBe(1);
  await page.setViewportSize({ width: widths[0], height: HEIGHT });
  await page.goto(`/review?locale=${locale}`);
  await expect(page.locator('.review-section').first()).toBeVisible();
  // Every answer is on the review, the kind of organization included (the unit test walks every
  // field of the contract; this checks the page shows what it built).
  const review = page.locator('.review-list');
  for (const text of [PUBLIC_SECTOR[locale], 'Stadt Beispiel', full.branding.site_short_description, 'blocked-1.example', 'Be respectful', '@presse', '#3b5bdb']) {
    await expect(review.getByText(text, { exact: false }).first(), `the review in ${locale} shows ${text}`).toBeVisible();
  }
  await check('review step');
  await page.locator('#accept_terms').check();
  await page.locator('#submit').click();
  await expect(page).toHaveURL(/\/status\/or_/);
  await expect(page.locator('.provisioning')).toBeVisible();
  await check('status page');
  await expect(page.locator('.live')).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('h1[aria-live=polite]'), 'the news is announced').toHaveText(LIVE[locale]);
  await expect(page.locator('ol.provisioning'), 'a live server is no longer "being set up"').toHaveAttribute('aria-label', STEPS_DONE[locale]);
  await check('status page, live');
}

/** WCAG 2.2 1.4.12: line height 1.5, paragraph spacing 2em, letter spacing .12em and word
 * spacing .16em, set through CSSOM (an inline style would break the CSP the suite enforces). */
async function withTextSpacing(page, on) {
  await page.evaluate((enable) => {
    if (!enable) {
      document.adoptedStyleSheets = [];
      return;
    }
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('* { line-height: 1.5 !important; letter-spacing: .12em !important; word-spacing: .16em !important; } p { margin-bottom: 2em !important; }');
    document.adoptedStyleSheets = [sheet];
  }, on);
}

/** No animation or transition runs longer than a blink when the reader asks for less motion. */
async function expectStill(page, label) {
  const moving = await page.evaluate(() => [...document.querySelectorAll('*')].filter((el) => {
    const s = getComputedStyle(el);
    const longest = (v) => Math.max(...v.split(',').map((d) => parseFloat(d) * (d.trim().endsWith('ms') ? 0.001 : 1)));
    return longest(s.transitionDuration) > 0.01 || (s.animationName !== 'none' && longest(s.animationDuration) > 0.01);
  }).map((el) => el.tagName + (el.className ? `.${el.className}` : '')).slice(0, 5));
  expect(moving, `${label}: moves although reduced motion is asked for`).toEqual([]);
}

test('every step and state reflows at 320 to 1280 px in English, with axe, text spacing, forced colours and reduced motion', async ({ page }) => {
  test.setTimeout(180_000);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await everyScreen(page, 'en', WIDTHS, async (label) => {
    await page.setViewportSize({ width: 320, height: HEIGHT });
    await expectNoAxeViolations(page, `${label} at 320 px`);
    // Text spacing at the narrowest and the widest width.
    await withTextSpacing(page, true);
    await atWidths(page, `${label} with WCAG text spacing`, [320, 1280]);
    await withTextSpacing(page, false);
    // Windows high contrast: nothing may rely on a background colour alone.
    await page.emulateMedia({ forcedColors: 'active', reducedMotion: 'reduce' });
    await atWidths(page, `${label} in forced colours`, [320]);
    if (label === 'plan step') await expect(page.locator('.plan-card.selected')).toHaveCSS('outline-style', 'solid');
    await page.emulateMedia({ forcedColors: 'none', reducedMotion: 'reduce' });
    await expectStill(page, label);
  });
});

test('the demo banner and the embedded frame reflow on a phone', async ({ page }) => {
  await page.goto('/plan?demo=1&locale=en');
  await expect(page.getByRole('region', { name: 'Demo mode' })).toBeVisible();
  await atWidths(page, 'demo banner', [320, 360]);
  test.skip(!process.env.ONRAMP_PARTNER_URL, 'ONRAMP_PARTNER_URL is set by cargo xtask test');
  await page.setViewportSize({ width: 320, height: HEIGHT });
  await page.goto(`${process.env.ONRAMP_PARTNER_URL}/`);
  const frame = page.frameLocator('#onramp iframe');
  await expect(frame.getByRole('heading', { level: 1 })).toBeVisible();
  await expectReflow(page, 'partner page with the frame');
  const app = page.frames().find((f) => f.url().includes('embed=1'));
  expect(app, 'the app frame').toBeTruthy();
  await expectReflow(app, 'the app in the partner frame');
});

for (const locale of ['de', 'fr']) {
  test(`${locale === 'de' ? 'German' : 'French'}: every step and state at 320 px, with axe, text spacing and forced colours`, async ({ page }) => {
    test.setTimeout(180_000);
    await everyScreen(page, locale, [320], async (label) => {
      await expectNoAxeViolations(page, `${label} in ${locale}`);
      await withTextSpacing(page, true);
      await atWidths(page, `${label} with WCAG text spacing (${locale})`, [320]);
      await withTextSpacing(page, false);
      await page.emulateMedia({ forcedColors: 'active' });
      await atWidths(page, `${label} in forced colours (${locale})`, [320]);
      await page.emulateMedia({ forcedColors: 'none' });
    });
  });
}

test('on a phone the running total is a bar that covers no control it sums up', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: HEIGHT });
  await draftAt(page, '/plan', { plan: full.plan });
  await expect(page.locator('input[name=plan]').first()).toBeEnabled();
  const bar = page.locator('.running-total');
  await expect(bar.locator('.running-total-line')).toHaveText(/per year/);
  const toggle = bar.getByRole('button', { name: 'Show details' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  for (const expanded of [false, true]) {
    if (expanded) {
      await toggle.click();
      await expect(bar.getByRole('button', { name: 'Hide details' })).toHaveAttribute('aria-expanded', 'true');
      await expect(bar.locator('.summary-total')).toBeVisible();
    }
    const box = await bar.boundingBox();
    expect(box.height, `the bar (${expanded ? 'open' : 'closed'}) takes at most a fifth of the window`).toBeLessThanOrEqual(HEIGHT / 5);
  }
  await bar.getByRole('button', { name: 'Hide details' }).click();
  // Every control of the step, reached by keyboard, is clear of the bar.
  const controls = page.locator('.step input:not([type=hidden]), .step select, .step button:not(.running-total-toggle)');
  const n = await controls.count();
  expect(n).toBeGreaterThan(8);
  for (let i = 0; i < n; i += 1) {
    const c = controls.nth(i);
    if (!(await c.isVisible())) continue;
    await c.focus();
    const covered = await page.evaluate(([el, barEl]) => {
      const r = el.getBoundingClientRect();
      const b = barEl.getBoundingClientRect();
      return barEl.contains(el) ? false : r.bottom > b.top + 1 && r.top < b.bottom;
    }, [await c.elementHandle(), await bar.elementHandle()]);
    expect(covered, `control ${i} (${await c.getAttribute('id') ?? await c.textContent()}) is under the running total`).toBe(false);
  }
  // On a desktop the total comes after the choices and covers nothing.
  await page.setViewportSize({ width: 1280, height: HEIGHT });
  await expect(bar).toHaveCSS('position', 'static');
  await expect(bar.locator('.summary-lines')).toBeVisible();
});

/** Visible text on the page that did not come through the string tables: no ⟦ ⟧ of the
 * pseudo-locale. What the customer typed, the provider's catalogue and names the browser gives
 * (countries, languages) are not the app's strings and are left out by where they stand. */
async function untranslated(page) {
  return page.evaluate(() => {
    const NOT_OURS = [
      '.brand-name', '.plan-name', '.amount', '.mono', '.language-switcher', '.summary-lines', '.chips', 'option', 'select',
      '.review-list dd', '.blocks-table th', '.import-table td', '.provisioning-time', '.rule-text', 'textarea',
      '.stepper-marker', '.partner-name', '.plan-price', '.currency', '.plan-description', '[class^="mock-"]',
    ].join(', ');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const found = new Set();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent.trim();
      const el = n.parentElement;
      if (!text || !el || el.closest(NOT_OURS) || el.closest('[hidden], script, style, noscript')) continue;
      if (!/\p{L}/u.test(text)) continue; // numbers, prices, arrows: no words
      if (el.closest('.visually-hidden') === null && el.getBoundingClientRect().width === 0) continue;
      // Inside a bracketed string (a value formatted into it) counts as translated.
      if (!text.includes('⟦') && !text.includes('⟧') && !el.textContent.includes('⟦')) found.add(`${el.tagName.toLowerCase()}${el.className ? `.${el.className}` : ''}: ${text.slice(0, 60)}`);
    }
    return [...found];
  });
}

test('the pseudo-locale finds no string outside the tables and no layout that breaks with long words', async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 320, height: HEIGHT });
  const name = `pseudo${Date.now().toString(36)}`;
  await draftAt(page, '/plan', { ...full, domain: { mode: 'subdomain', web_domain: `${name}.social-host.example`, handle_domain: `${name}.social-host.example` } }, 'en-XA');
  await expect(page.locator('.step-heading')).toContainText('⟦');
  // The check finds a string that bypasses the tables.
  await page.evaluate(() => document.querySelector('main').insertAdjacentHTML('beforeend', '<p id="stray">Typed into the code</p>'));
  expect(await untranslated(page)).toEqual(['p: Typed into the code']);
  const pages = [
    ['/plan', '#summary-heading'], ['/organization', '#organization-name'], ['/domain', '#domain-web_domain'],
    ['/branding', '#branding-site_title'], ['/moderation', '#blocks-status'], ['/review', '.review-section'],
  ];
  for (const [path, ready] of pages) {
    await page.goto(`${path}?locale=en-XA`);
    await expect(page.locator(ready).first()).toBeVisible();
    await expect(page.locator('.step-heading')).toContainText('⟦');
    expect(await untranslated(page), `${path}: text that bypasses the string tables`).toEqual([]);
    await expectReflow(page, `${path} in the pseudo-locale`);
  }
});

/** Reviewed screenshots of each step in English at 320 and 1280 px, per Chromium major version:
 * where this Chromium has no reviewed baseline yet the run says so and keeps its screenshots
 * (target/e2e-results) for review, instead of failing; `cargo xtask test --update-snapshots`
 * writes them as the baseline once they are looked at. */
test('each step looks as reviewed at 320 and 1280 px', async ({ page, browser }, info) => {
  test.setTimeout(90_000);
  const chromium = `chromium-${browser.version().split('.')[0]}`;
  const reviewed = existsSync(join(info.project.testDir, '__screenshots__', chromium));
  const updating = info.config.updateSnapshots === 'all' || info.config.updateSnapshots === 'changed';
  if (!reviewed && !updating) {
    info.annotations.push({ type: 'screenshots', description: `no reviewed baseline for ${chromium}: screenshots kept in target/e2e-results for review; accept them with cargo xtask test --update-snapshots` });
    console.log(`screens: no reviewed screenshots for ${chromium} yet; this run keeps its own for review`);
  }
  const steady = { domain: { mode: 'subdomain', web_domain: 'looks.social-host.example', handle_domain: 'looks.social-host.example' } };
  await page.setViewportSize({ width: 1280, height: HEIGHT });
  await draftAt(page, '/plan', { ...full, ...steady, moderation: { ...full.moderation, domain_blocks: blocks.slice(0, 3) } });
  for (const path of ['/plan', '/organization', '/domain', '/branding', '/moderation', '/review']) {
    await page.goto(`${path}?locale=en`);
    await expect(page.locator('.step-heading')).toBeVisible();
    await expect(page.locator('.loading')).toHaveCount(0);
    for (const width of [320, 1280]) {
      await page.setViewportSize({ width, height: HEIGHT });
      const name = `${path.slice(1)}-${width}.png`;
      // What changes from run to run (saving, the resume link, availability) is masked.
      const options = { maxDiffPixelRatio: 0.02, mask: [page.locator('.save-status, .resume-panel, #domain-status')] };
      if (reviewed || updating) await expect(page).toHaveScreenshot([chromium, name], options);
      else await page.screenshot({ path: info.outputPath(chromium, name), mask: options.mask });
    }
  }
});
