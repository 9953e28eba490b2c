// The moderation step end to end: preselection by kind, a rule pack edited by keyboard, an
// import with good and bad rows (and a malformed file that changes nothing), ten thousand rows
// imported without freezing the page, managed moderation changing the total, a rule list the
// server refuses, German, and axe-core in every state.
import { test, expect, expectNoAxeViolations, draftAt, serverSections, throughDomain } from './support.mjs';
import { file } from './images.mjs';

const throughBranding = { ...throughDomain, branding: { site_title: 'Stadt Beispiel', theme: 'auto' } };
const withKind = (kind) => ({ ...throughBranding, organization: { ...throughBranding.organization, kind } });
const csv = (rows) => Buffer.from(`#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate\n${rows.join('\n')}\n`);

async function importFile(page, buffer, name = 'blocks.csv') {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose CSV file' }).click();
  await (await chooser).setFiles(file(name, 'text/csv', buffer));
}

test('preselected by kind; a pack edited by keyboard; continue saves it all', async ({ page }) => {
  const created = await draftAt(page, '/moderation', withKind('public_sector'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Set your moderation policy');
  await expect(page.getByLabel('Invite only')).toBeChecked();
  await expect(page.getByText('We preselected the usual choice for your kind of organization.')).toBeVisible();
  await expect(page.getByLabel('Rule 1', { exact: true })).toHaveValue('Be respectful: no insults, threats or harassment.');
  await expect(page.locator('.chips')).toContainText('English');
  await expectNoAxeViolations(page, 'moderation step');

  // Edit rule 2, move it to the top by keyboard; focus stays on the moved rule's button.
  await page.getByLabel('Rule 2', { exact: true }).fill('Our accounts speak for the city.');
  await page.getByRole('button', { name: 'Move rule 2 up' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Rule 1', { exact: true })).toHaveValue('Our accounts speak for the city.');
  await expect(page.getByRole('button', { name: 'Move rule 1 down' })).toBeFocused();
  // Add a rule by keyboard: focus lands in it.
  await page.getByRole('button', { name: 'Add a rule' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Rule 6', { exact: true })).toBeFocused();
  await page.keyboard.type('No election advertising.');
  await page.getByRole('button', { name: 'Remove rule 3' }).click();
  await expect(page.locator('#moderation-rules')).toHaveText('5 of at most 30 rules');

  // A minimum age and another language.
  await page.getByLabel('Minimum age (optional)').fill('16');
  await page.getByLabel('Add a language').selectOption({ label: 'German' });
  await expect(page.locator('.chips')).toContainText('German');
  // Open registrations explain Mastodon's safety switch.
  await page.getByLabel('Anyone can apply; a moderator approves each account').check();
  await page.getByLabel('Applicants say why they want to join').check();

  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/review$/);
  const m = (await serverSections(page, created)).moderation;
  expect(m.registrations_mode).toBe('approved');
  expect(m.require_invite_text).toBe(true);
  expect(m.min_age).toBe(16);
  expect(m.languages).toEqual(['en', 'de']);
  expect(m.rules.map((r) => r.text)).toEqual([
    'Our accounts speak for the city.',
    'Be respectful: no insults, threats or harassment.',
    'Mark sensitive media and use content warnings where they help.',
    'Posts follow the law and our social media guidelines.',
    'No election advertising.',
  ]);
});

test('a community gets approvals and its own pack; empty and duplicate rules are refused', async ({ page }) => {
  await draftAt(page, '/moderation', withKind('nonprofit'));
  await expect(page.getByLabel('Anyone can apply; a moderator approves each account')).toBeChecked();
  await expect(page.getByLabel('Rule 1', { exact: true })).toHaveValue('Be kind and assume good faith.');
  await page.getByLabel('Rule 2', { exact: true }).fill('be KIND and assume good faith.');
  await page.getByLabel('Rule 3', { exact: true }).fill('   ');
  await page.getByLabel('Minimum age (optional)').fill('abc');
  await page.getByRole('button', { name: 'Continue' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('This rule is already listed.');
  await expect(summary).toContainText('Write the rule, or remove it.');
  await expect(summary).toContainText('Give an age from 13 to 99 years, or leave it empty.');
  await expectNoAxeViolations(page, 'moderation step with rule errors');
  await summary.getByRole('link', { name: 'This rule is already listed.' }).click();
  await expect(page.getByLabel('Rule 2', { exact: true })).toBeFocused();
  // The pack can be put back, and that can be undone.
  await page.getByLabel('Rule pack').selectOption({ label: 'Company' });
  await page.getByRole('button', { name: 'Replace the rules with this pack' }).click();
  await expect(page.getByLabel('Rule 1', { exact: true })).toHaveValue('Be respectful to everyone, inside and outside the company.');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByLabel('Rule 2', { exact: true })).toHaveValue('be KIND and assume good faith.');
});

test('an import with good and bad rows is previewed before anything is added', async ({ page }) => {
  const created = await draftAt(page, '/moderation', withKind('company'));
  await page.getByLabel('Domain to block').fill('Already.Example');
  await page.getByRole('button', { name: 'Add block' }).click();
  await expect(page.locator('#blocks-status')).toHaveText('Blocks 1 to 1 of 1');

  // A malformed file never touches the list.
  await importFile(page, Buffer.from('#domain\n"never closed.example\n'));
  await expect(page.locator('#import-preview')).toContainText('A quote opened on line 2 is never closed');
  await expectNoAxeViolations(page, 'moderation step with a malformed import');
  await page.getByRole('button', { name: 'Discard' }).click();
  await expect(page.locator('#blocks-status')).toHaveText('Blocks 1 to 1 of 1');

  await importFile(page, csv([
    'spam.example,suspend,true,true,Spam,false',
    'already.example,silence,false,false,,false',
    '"loud.example",silence,false,false,"Harassment, repeatedly",false',
    'weird.example,ban,false,false,,false',
    ',suspend,false,false,,false',
    'spam.example,suspend,false,false,,false',
    'not a domain,silence,false,false,,false',
  ]));
  const preview = page.locator('#import-preview');
  await expect(preview).toContainText('7 rows: 2 new, 2 already blocked or repeated, 3 with problems.');
  await expect(preview.getByRole('table', { name: 'Rows with problems' })).toContainText('Unknown severity “ban” (use silence, suspend or noop)');
  await expect(preview.getByRole('row', { name: /^6 / })).toContainText('No domain');
  await expect(preview.getByRole('row', { name: /^8 / })).toContainText('Not a valid domain');
  await expect(page.locator('#blocks-status')).toHaveText('Blocks 1 to 1 of 1');
  await expectNoAxeViolations(page, 'moderation step with an import preview');
  await page.getByRole('button', { name: 'Add 2 blocks' }).click();
  await expect(page.locator('#blocks-status')).toHaveText('Blocks 1 to 3 of 3');
  await page.getByLabel('Severity: loud.example').selectOption('suspend');
  // A block under a blocked domain, typed by hand: refused with Mastodon's reason unless it is
  // stricter (a suspension always is); then its row says the parent covers the rest.
  await page.getByLabel('Domain to block').fill('blog.spam.example');
  await page.getByLabel('Severity', { exact: true }).selectOption('noop');
  await page.getByRole('button', { name: 'Add block' }).click();
  await expect(page.locator('#block-domain-error')).toHaveText('You have already imposed stricter limits on spam.example: choose a harsher severity or reject media or reports.');
  await page.getByLabel('Severity', { exact: true }).selectOption('suspend');
  await page.getByRole('button', { name: 'Add block' }).click();
  await expect(page.locator('#blocks-status')).toHaveText('Blocks 1 to 4 of 4');
  await expect(page.getByRole('row', { name: /blog\.spam\.example/ })).toContainText('Stricter than the block on spam.example, which covers the rest of spam.example');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/review$/);
  const blocks = (await serverSections(page, created)).moderation.domain_blocks;
  expect(blocks.map((b) => [b.domain, b.severity, b.public_comment])).toEqual([
    ['already.example', 'silence', ''],
    ['spam.example', 'suspend', 'Spam'],
    ['loud.example', 'suspend', 'Harassment, repeatedly'],
    ['blog.spam.example', 'suspend', ''],
  ]);
});

test('ten thousand rows import without freezing the page', async ({ page }) => {
  await draftAt(page, '/moderation', withKind('company'));
  // Python's spelling of the yes/no cells, as in the oliphant project's lists (Mastodon downcases them).
  const rows = Array.from({ length: 10_000 }, (_, i) => `host${i}.example,silence,False,True,"Comment, number ${i}",False`);
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  const started = Date.now();
  await importFile(page, csv(rows), 'big.csv');
  await expect(page.locator('#import-preview')).toContainText('10,000 rows: 10,000 new, 0 already blocked or repeated, 0 with problems.');
  const previewMs = Date.now() - started;
  const added = Date.now();
  await page.getByRole('button', { name: 'Add 10,000 blocks' }).click();
  await expect(page.locator('#blocks-status')).toHaveText('Blocks 1 to 25 of 10,000');
  const addMs = Date.now() - added;
  await page.getByLabel('Find a blocked domain').fill('host9999.');
  await expect(page.locator('#blocks-status')).toHaveText('Blocks 1 to 1 of 1');
  const longest = await page.evaluate(() => window.__longest);
  console.log(`10,000-row import: preview after ${previewMs} ms, added in ${addMs} ms, longest main-thread task ${Math.round(longest)} ms`);
  test.info().annotations.push({ type: 'import-10k', description: `preview ${previewMs} ms, add ${addMs} ms, longest task ${Math.round(longest)} ms` });
  expect(previewMs).toBeLessThan(5_000);
  expect(longest).toBeLessThan(1_000);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/review$/, { timeout: 20_000 });
});

test('managed moderation chosen here updates the plan and the total', async ({ page }) => {
  const created = await draftAt(page, '/moderation', withKind('education'));
  const total = page.locator('.managed .summary-total');
  await expect(total).toHaveText('€99 per month, billed monthly');
  await page.getByLabel(/^Managed moderation: Around the clock/).check();
  await expect(total).toHaveText('€598 per month, billed monthly');
  await expect(page.locator('.managed')).toContainText('Acts on reports within 1 hour');
  await expectNoAxeViolations(page, 'moderation step with managed moderation');
  await expect(page.locator('.save-status')).toContainText('All changes saved');
  expect((await serverSections(page, created)).plan.addons).toEqual(['moderation_around_the_clock']);
});

test('a rule list too long for the server lands on the rules', async ({ page }) => {
  await draftAt(page, '/moderation', withKind('other'));
  // The app stops at 30; the request is stretched on its way out, so the server's own check answers.
  await page.route('**/api/v1/signups/*', async (route) => {
    const req = route.request();
    if (req.method() !== 'PATCH') return route.continue();
    const body = JSON.parse(req.postData());
    if (body.moderation) body.moderation.rules = Array.from({ length: 31 }, (_, i) => ({ text: `Rule ${i}`, hint: '' }));
    await route.continue({ postData: JSON.stringify(body) });
  });
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toContainText('A server has at most 30 rules; remove some.');
  await expect(page).toHaveURL(/\/moderation(\?|$)/);
  await expect(page.getByLabel('Rule 1', { exact: true })).toHaveValue('Be kind and assume good faith.');
});

test('the starter list, a reload, and German', async ({ page }) => {
  await draftAt(page, '/moderation', withKind('nonprofit'), 'de');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Legen Sie Ihre Moderationsregeln fest');
  await page.getByRole('button', { name: 'Unsere Startliste ansehen' }).click();
  await expect(page.locator('#import-preview')).toContainText('4 Zeilen: 4 neu');
  await page.getByRole('button', { name: '4 Sperren hinzufügen' }).click();
  await page.getByLabel('Regel 1', { exact: true }).fill('Seid freundlich.');
  await page.reload();
  await expect(page.getByLabel('Regel 1', { exact: true })).toHaveValue('Seid freundlich.');
  await expect(page.locator('#blocks-status')).toHaveText('Sperren 1 bis 4 von 4');
  await expect(page.locator('.chips')).toContainText('Deutsch');
  await expectNoAxeViolations(page, 'moderation step in German');
});
