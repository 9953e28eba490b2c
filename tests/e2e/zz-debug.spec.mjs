import { test, expect, draftAt, throughDomain } from './support.mjs';
import { file } from './images.mjs';
const blocks = Array.from({ length: 25 }, (_, i) => ({ domain: i === 0 ? 'a-very-long-subdomain-name-for-testing.an-even-longer-domain-name.example' : `blocked-${i}.example`, severity: 'silence', reject_media: false, reject_reports: false, public_comment: '', obfuscate: false }));
test('debug', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 740 });
  await draftAt(page, '/moderation', { ...throughDomain, branding: { site_title: 'X', theme: 'auto' }, moderation: { registrations_mode: 'approved', rules: [], domain_blocks: blocks, languages: ['en'] } }, process.env.LOC || 'en');
  await expect(page.locator('#blocks-status')).toBeVisible();
  const chooser = page.waitForEvent('filechooser');
  await page.locator('#import-choose').click();
  await (await chooser).setFiles(file('blocks.csv', 'text/csv', Buffer.from('#domain,#severity,#x_long_header_name_here\nnew-one.example,ban,x\n,silence,x\n')));
  await expect(page.locator('#import-preview')).toBeVisible();
  const wide = await page.evaluate(() => [...document.querySelectorAll('body *')].map((e) => [e.tagName + '.' + e.className + '#' + e.id, Math.round(e.getBoundingClientRect().right), e.scrollWidth, getComputedStyle(e).overflowX]).filter((x) => x[1] > 320 || x[2] > 320).slice(0, 30));
  console.log(JSON.stringify(wide, null, 0));
  console.log(await page.evaluate(() => [document.documentElement.scrollWidth, document.body.scrollWidth]));
  await page.locator('#import-preview').scrollIntoViewIfNeeded(); await page.screenshot({ path: '/tmp/probe/mod320.png' }); await page.locator('.blocks-table').scrollIntoViewIfNeeded(); await page.screenshot({ path: '/tmp/probe/mod320b.png' });
});
