// The branding step end to end: name, description with its counter, contact, images uploaded
// by picker (keyboard included) and checked by content, the accent colour with its contrast
// check and suggestion, the live preview, hostile text rendered as text, reload, German, and
// axe-core in every state.
import { test, expect, expectNoAxeViolations, draftAt, serverSections, throughDomain } from './support.mjs';
import { png, svg, notAnImage, file } from './images.mjs';

const preview = (page) => page.locator('.branding-preview');
const thumbButton = (page) => page.locator('#branding-thumbnail');

/** Picks `f` through the picker the button opens. */
async function pick(page, button, f, { keyboard = false } = {}) {
  const chooser = page.waitForEvent('filechooser');
  if (keyboard) {
    await button.focus();
    await page.keyboard.press('Enter');
  } else {
    await button.click();
  }
  await (await chooser).setFiles(f);
}

test('brand the server with an uploaded thumbnail, see the preview, continue', async ({ page }) => {
  const created = await draftAt(page, '/branding', throughDomain);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Make the server yours');
  // The organization's name is offered as the server's name.
  await expect(page.getByLabel('Server name')).toHaveValue('Stadt Beispiel');
  await expectNoAxeViolations(page, 'branding step');

  await page.getByLabel('Server name').fill('Stadt Beispiel Social');
  await page.getByLabel('Short description (optional)').fill('Neuigkeiten aus dem Rathaus 👨‍👩‍👧‍👦');
  await expect(page.locator('#branding-site_short_description-count')).toHaveText('29 of 200 characters');
  await page.getByLabel('Public contact address (optional)').fill('presse@stadt.example');

  await pick(page, thumbButton(page), file('rathaus.png', 'image/png', png(1200, 630)), { keyboard: true });
  await expect(page.locator('#branding-thumbnail-status')).toHaveText('Uploaded: 1200×630 pixels.');
  await expect(page.getByRole('img', { name: 'Preview: Thumbnail (optional)' })).toBeVisible();
  await expect(thumbButton(page)).toHaveText('Replace image');

  await page.getByLabel('Dark', { exact: true }).check();
  await page.getByLabel('Colour as hex code').fill('#8ab4f8');
  await expect(page.locator('#branding-accent_color-contrast')).toContainText('readable (WCAG AA)');

  const p = preview(page);
  await expect(p.locator('[data-preview=title]')).toHaveText('Stadt Beispiel Social');
  await expect(p.locator('[data-preview=description]')).toHaveText('Neuigkeiten aus dem Rathaus 👨‍👩‍👧‍👦');
  await expect(p).toContainText('Administered by @presse@stadt.social-host.example');
  await expect(p).toContainText('Contact: presse@stadt.example');
  await expect(p.locator('.mock')).toHaveClass(/mock-dark/);
  await expect(p.locator('.mock-banner img')).toHaveAttribute('src', /^blob:/);
  await expectNoAxeViolations(page, 'branding step with preview and upload');

  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/moderation$/);
  const b = (await serverSections(page, created)).branding;
  expect(b).toMatchObject({
    site_title: 'Stadt Beispiel Social', site_short_description: 'Neuigkeiten aus dem Rathaus 👨‍👩‍👧‍👦',
    site_contact_email: 'presse@stadt.example', accent_color: '#8ab4f8', theme: 'dark', logo: null,
  });
  expect(b.thumbnail).toMatch(/^as_[A-Za-z0-9]{24}$/);

  // Back on the step after a reload: the saved image is fetched and shown again.
  await page.goto('/branding?locale=en');
  await expect(page.getByLabel('Server name')).toHaveValue('Stadt Beispiel Social');
  await expect(page.getByRole('img', { name: 'Preview: Thumbnail (optional)' })).toHaveAttribute('src', /^blob:/);
});

test('every bad file gets its own message and keeps the image already there', async ({ page }) => {
  await draftAt(page, '/branding', throughDomain);
  const error = page.locator('#branding-thumbnail-error');
  await pick(page, thumbButton(page), file('good.png', 'image/png', png(800, 420)));
  await expect(page.locator('#branding-thumbnail-status')).toHaveText('Uploaded: 800×420 pixels.');
  const img = page.getByRole('img', { name: 'Preview: Thumbnail (optional)' });
  const kept = await img.getAttribute('src');

  const cases = [
    [file('logo.svg', 'image/svg+xml', svg), 'SVG images are not accepted because they can contain scripts.'],
    [file('photo.png', 'image/png', notAnImage), 'This file is not a PNG, JPEG or WebP image.'],
    [file('tiny.png', 'image/png', png(300, 200)), 'This image is too small: it must be at least 600×315 pixels.'],
    [file('cut.png', 'image/png', png(1200, 630).subarray(0, 200)), 'This image could not be read'],
    [file('huge.png', 'image/png', Buffer.concat([png(1200, 630), Buffer.alloc(4 * 1024 * 1024)])), 'This file is larger than 4 MB.'],
  ];
  for (const [f, message] of cases) {
    await pick(page, thumbButton(page), f);
    await expect(error, f.name).toContainText(message);
    await expect(img, f.name).toHaveAttribute('src', kept);
  }
  await expectNoAxeViolations(page, 'branding step with an image error');
  // A PNG named .jpg is judged by its content and taken.
  await pick(page, thumbButton(page), file('actually-a-png.jpg', 'image/jpeg', png(640, 640)));
  await expect(page.locator('#branding-thumbnail-status')).toHaveText('Uploaded: 640×640 pixels.');
  await expect(error).toHaveCount(0);
  // The SVG never ran.
  expect(await page.evaluate(() => window.__xss)).toBeUndefined();
});

test('an upload shows progress and can be cancelled; a failed one changes nothing', async ({ page }) => {
  await draftAt(page, '/branding', throughDomain);
  await page.getByLabel('Server name').fill('Kept as typed');
  let release;
  await page.route('**/assets?kind=thumbnail', async (route) => {
    await new Promise((r) => { release = r; });
    await route.continue().catch(() => {});
  });
  await pick(page, thumbButton(page), file('slow.png', 'image/png', png(1200, 630)));
  await expect(page.getByRole('progressbar', { name: 'Upload progress' })).toBeVisible();
  await expectNoAxeViolations(page, 'branding step while uploading');
  await page.getByRole('button', { name: 'Cancel upload' }).click();
  await expect(page.locator('#branding-thumbnail-status')).toHaveText('Upload cancelled; nothing was changed.');
  release?.();
  await expect(page.getByRole('img', { name: 'Preview: Thumbnail (optional)' })).toHaveCount(0);

  await page.unroute('**/assets?kind=thumbnail');
  await page.route('**/assets?kind=thumbnail', (route) => route.fulfill({ status: 503, body: 'busy' }));
  await pick(page, thumbButton(page), file('again.png', 'image/png', png(1200, 630)));
  await expect(page.locator('#branding-thumbnail-error')).toContainText('The server had a problem.');
  await expect(page.getByLabel('Server name')).toHaveValue('Kept as typed');
  await expect(thumbButton(page)).toBeEnabled();
});

test('a faint colour is refused with a suggestion that one click takes', async ({ page }) => {
  const created = await draftAt(page, '/branding', throughDomain);
  await page.getByLabel('Light', { exact: true }).check();
  await page.getByLabel('Colour as hex code').fill('#ffcc00');
  const contrast = page.locator('#branding-accent_color-contrast');
  await expect(contrast).toContainText('Contrast on the page is only 1.');
  const suggestion = page.getByRole('button', { name: /^Use #[0-9a-f]{6} instead$/ });
  await expect(suggestion).toBeVisible();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toContainText('This colour is too faint on the page.');
  await expect(page.locator('#branding-accent_color-error')).toBeVisible();
  await expectNoAxeViolations(page, 'branding step with a refused colour');

  const hex = (await suggestion.textContent()).match(/#[0-9a-f]{6}/)[0];
  await suggestion.click();
  await expect(page.getByLabel('Colour as hex code')).toHaveValue(hex);
  await expect(contrast).toContainText('readable (WCAG AA)');
  await expect(page.locator('#branding-accent_color-error')).toHaveCount(0);
  // The picker follows the text field.
  await expect(page.getByLabel('Pick a colour')).toHaveValue(hex);
  await page.getByLabel('Colour as hex code').fill('#12');
  await page.getByLabel('Colour as hex code').blur();
  await expect(page.locator('#branding-accent_color-error')).toHaveText(/Give the colour as #/);
  await page.getByLabel('Colour as hex code').fill(hex);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/moderation$/);
  expect((await serverSections(page, created)).branding.accent_color).toBe(hex);
});

test('markup typed into any field is shown as text and never runs', async ({ page }) => {
  await draftAt(page, '/branding', throughDomain);
  page.on('dialog', () => { throw new Error('a dialog opened'); });
  const payloads = {
    'Server name': '<img src=x onerror="window.__xss=1">',
    'Short description (optional)': '<script>window.__xss=2</script><b>bold</b>',
    'Public contact address (optional)': '"><svg onload=window.__xss=3>@x.example',
  };
  for (const [label, value] of Object.entries(payloads)) await page.getByLabel(label).fill(value);
  const p = preview(page);
  await expect(p.locator('[data-preview=title]')).toHaveText(payloads['Server name']);
  await expect(p.locator('[data-preview=description]')).toHaveText(payloads['Short description (optional)']);
  await expect(p.locator('[data-preview=contact]')).toHaveText(`Contact: ${payloads['Public contact address (optional)']}`);
  await expect(p.locator('img[src=x], script, b, svg')).toHaveCount(0);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter an email address like name@example.org.');
  expect(await page.evaluate(() => window.__xss)).toBeUndefined();
});

test('typed answers survive a reload; the step works in German', async ({ page }) => {
  await draftAt(page, '/branding', throughDomain, 'de');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gestalten Sie Ihren Server');
  await page.getByLabel('Name des Servers').fill('Rathaus digital');
  await page.getByLabel('Kurzbeschreibung (optional)').fill('x'.repeat(203));
  await expect(page.locator('#branding-site_short_description-count')).toHaveText('3 Zeichen zu viel');
  await page.reload();
  await expect(page.getByLabel('Name des Servers')).toHaveValue('Rathaus digital');
  await expect(page.getByLabel('Kurzbeschreibung (optional)')).toHaveValue('x'.repeat(203));
  await page.getByRole('button', { name: 'Weiter' }).click();
  await expect(page.getByRole('alert')).toContainText('Kurzbeschreibung (optional): höchstens 200 Zeichen.');
  await expect(preview(page)).toContainText('Betreut von @presse@stadt.social-host.example');
  await expectNoAxeViolations(page, 'branding step in German with an error');
  await page.getByLabel('Kurzbeschreibung (optional)').fill('Nachrichten der Stadt');
  await page.getByRole('button', { name: 'Weiter' }).click();
  await expect(page).toHaveURL(/\/moderation$/);
});
