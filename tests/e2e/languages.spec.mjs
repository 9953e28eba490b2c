// Languages: French chosen by the browser's Accept-Language; a language switch keeps what is open
// (an import preview, the page of the block list), rewrites ?locale= so a reload keeps the new
// language, and re-announces nothing; the live regions say what happened, by their text.
import { test, expect, draftAt, throughDomain } from './support.mjs';
import { file } from './images.mjs';

const blocks = Array.from({ length: 30 }, (_, i) => ({ domain: `blocked-${i}.example`, severity: 'silence', reject_media: false, reject_reports: false, public_comment: '', obfuscate: false }));
const atModeration = {
  ...throughDomain,
  branding: { site_title: 'Stadt Beispiel', theme: 'auto' },
  moderation: { registrations_mode: 'none', rules: [{ text: 'Be respectful', hint: '' }], domain_blocks: blocks, languages: ['de'] },
};

test.use({ locale: 'fr-FR' });

test('French by Accept-Language; a switch keeps the open import and the list page, and rewrites the address', async ({ page }) => {
  await page.goto('/plan');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choisissez votre offre');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');

  await draftAt(page, '/moderation', atModeration, 'de');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Legen Sie Ihre Moderationsregeln fest');
  await page.getByRole('button', { name: 'Nächste Seite' }).click();
  await expect(page.locator('#blocks-status')).toHaveText('Sperren 26 bis 30 von 30');
  const chooser = page.waitForEvent('filechooser');
  await page.locator('#import-choose').click();
  await (await chooser).setFiles(file('blocks.csv', 'text/csv', Buffer.from('#domain,#severity\nnew-one.example,suspend\n')));
  await expect(page.locator('#import-preview')).toContainText('1 Zeile: 1 neu');

  await page.getByRole('button', { name: 'Français' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Définissez votre politique de modération');
  await expect(page.locator('#import-preview'), 'the import under review stays open').toContainText('1 ligne.');
  await expect(page.locator('#blocks-status'), 'the list stays on its page').toHaveText('Blocages 26 à 30 sur 30');
  await expect(page).toHaveURL(/[?&]locale=fr(&|$)/);
  await expect(page.getByRole('button', { name: 'Français' })).toBeFocused();
  // Nothing is said again: the import's announcement region is still silent.
  await expect(page.locator('.blocks > p[aria-live]')).toHaveText('');

  // The import's result is announced once, in French.
  await page.getByRole('button', { name: 'Ajouter 1 blocage' }).click();
  await expect(page.locator('.blocks > p[aria-live]')).toHaveText('1 blocage ajouté.');
  await expect(page.locator('.save-status[role=status]')).toContainText('Toutes les modifications sont enregistrées');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1 }), 'a reload keeps the language chosen').toHaveText('Définissez votre politique de modération');

  // The availability of an address is announced by its text.
  await page.goto('/domain');
  const name = `fr${Date.now().toString(36)}`;
  await page.locator('#domain-mode-subdomain').check();
  await page.locator('#domain-web_domain').fill(name);
  await expect(page.locator('#domain-status[role=status]')).toHaveText(`${name}.social-host.example est disponible.`);
});
