// Options page: host profiles are imported, validated (bad fields reported with their path) and exported.
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';

test('options: a bad host profile is refused with the path of the bad field; a good one is saved and listed', async ({ context, extensionId }) => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const section = page.locator('[data-section="profiles"]');
  // Both built-in demo profiles are listed.
  await expect(section.locator('[data-profile-id="demo-classic"]')).toBeVisible();
  await expect(section.locator('[data-profile-id="demo-modern"]')).toBeVisible();

  const good = JSON.parse(readFileSync('utils/host/profiles/demo-modern.json', 'utf8'));
  const bad = structuredClone(good);
  bad.id = 'court-x';
  delete bad.pages[1].match;
  await section.locator('[data-field="profile-json"]').fill(JSON.stringify(bad));
  await section.getByRole('button', { name: '校验并保存' }).click();
  const errors = section.locator('[data-zx="profile-errors"]');
  await expect(errors).toContainText('配置未保存');
  await expect(errors).toContainText('pages[1].match');
  await expect(section.locator('[data-profile-id="court-x"]')).toHaveCount(0);

  // Reusing a built-in id is refused too.
  await section.locator('[data-field="profile-json"]').fill(JSON.stringify(good));
  await section.getByRole('button', { name: '校验并保存' }).click();
  await expect(errors).toContainText('内置配置');

  const custom = { ...good, id: 'court-x', name: '某法院办案系统', origins: ['https://court-x.example'] };
  await section.locator('[data-field="profile-json"]').fill(JSON.stringify(custom));
  await section.getByRole('button', { name: '校验并保存' }).click();
  await expect(section.locator('[data-zx="profile-message"]')).toContainText('已保存“某法院办案系统”');
  await expect(section.locator('[data-profile-id="court-x"]')).toContainText('https://court-x.example');

  // It survives a reload and can be exported as JSON.
  await page.reload();
  const row = page.locator('[data-profile-id="court-x"]');
  await expect(row).toBeVisible();
  const href = await row.getByRole('link', { name: '导出' }).getAttribute('href');
  const exported = JSON.parse(decodeURIComponent(href!.replace(/^data:application\/json;charset=utf-8,/, '')));
  expect(exported.id).toBe('court-x');
  expect(exported.origins).toEqual(['https://court-x.example']);
});
