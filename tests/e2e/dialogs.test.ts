/**
 * Issue 20: dialogs on H5 (components/Dialog through lib/dialog) behave as modal dialogs for the
 * keyboard and screen readers: opened with Enter, focus moves inside a named role=dialog
 * aria-modal, Tab and Shift+Tab stay inside, Escape closes it and focus returns to the control
 * that opened it; a confirmation still does what it says.
 */
import type { Page } from 'playwright-core';
import { expectAccessible } from './a11y';
import { artifact } from './browser';
import { flowSessionPerFile } from './flow-session';

jest.setTimeout(240_000);

const S = flowSessionPerFile('dialogs');

/** Where focus is: inside the open dialog (and its name), and the focused element's class. */
function focusState(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const dialog = document.querySelector('[role="dialog"]');
    return {
      inDialog: !!dialog && !!el && dialog.contains(el),
      dialogName: dialog?.getAttribute('aria-label') ?? '',
      modal: dialog?.getAttribute('aria-modal') ?? '',
      cls: el ? String(el.className) : '',
      text: (el?.textContent ?? '').trim(),
    };
  });
}

/** Opens the dialog from `opener` with Enter and checks the focus round trip with Tab, Shift+Tab and Escape. */
async function roundTrip(opener: string, name: string, shot: string) {
  const page = S.page;
  await page.locator(opener).locator('visible=true').first().focus();
  await page.keyboard.press('Enter');
  await page.locator('[role="dialog"]').waitFor();
  const opened = await focusState(page);
  expect(opened).toMatchObject({ inDialog: true, dialogName: name, modal: 'true' });
  await page.screenshot({ path: artifact(`dialogs-${shot}.png`) });
  await expectAccessible(page, `dialog ${name}`);

  const seen = new Set<string>();
  for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
    await page.keyboard.press(key);
    const now = await focusState(page);
    expect(now.inDialog).toBe(true); // Tab never leaves the dialog for the page behind it
    seen.add(now.text);
  }
  expect(seen.size).toBeGreaterThan(1); // and it does move between the dialog's controls

  await page.keyboard.press('Escape');
  await page.locator('[role="dialog"]').waitFor({ state: 'detached' });
  expect((await focusState(page)).cls).toContain(opener.slice(1)); // focus is back on the opener
}

it('清空草稿: the confirmation takes focus, keeps it, closes on Escape without clearing, and gives focus back', async () => {
  await S.page.goto(S.app.url);
  await S.as('demo-resident', 'resident/pages/report/index');
  const field = S.page.locator('.field__textarea--description textarea').locator('visible=true').first();
  await field.fill('小区门口的井盖松动');
  await S.page.locator('.draft-notice__discard').locator('visible=true').first().waitFor();

  await roundTrip('.draft-notice__discard', '清空草稿？', 'draft');
  await expect(field.inputValue()).resolves.toBe('小区门口的井盖松动'); // Escape is 取消

  // Confirmed with the keyboard, it does clear the draft.
  await S.page.locator('.draft-notice__discard').locator('visible=true').first().focus();
  await S.page.keyboard.press('Enter');
  await S.page.locator('.dialog__confirm').waitFor();
  await S.page.locator('.dialog__confirm').focus();
  await S.page.keyboard.press('Enter');
  await S.page.locator('[role="dialog"]').waitFor({ state: 'detached' });
  await expect(field.inputValue()).resolves.toBe('');
});

it('注销账号: the destructive confirmation is a named modal dialog with the same focus round trip', async () => {
  await S.as('demo-resident', 'resident/pages/mine/index');
  await S.page.locator('.account__open').locator('visible=true').first().click();
  await roundTrip('.submit--delete-account', '确认注销账号？', 'account');
  // Nothing was deleted: the explanation is still there to read.
  await S.page.getByText('依法需要保留：').locator('visible=true').first().waitFor();
});

it('撤销邀请: the roles page asks in a named dialog with the same focus round trip; confirmed, the invitation leaves 待接受的邀请', async () => {
  const made = await S.call('admin', 'roles.invite', { role: 'worker', communities: ['demo-community'], name: '赵网格' }, 'demo-admin');
  expect(made.ok).toBe(true);
  await S.as('demo-admin', 'admin/pages/roles/index');
  const revoke = S.page.getByRole('button', { name: '撤销邀请：赵网格（网格员，锦绣社区）' });
  await revoke.waitFor();
  await roundTrip('.submit--invite-revoke', '撤销这份邀请？', 'revoke-invite');
  expect(await revoke.count()).toBe(1); // Escape is 保留

  await revoke.click();
  await S.page.locator('.dialog__confirm').click();
  await S.page.locator('.open-invites__empty').locator('visible=true').first().waitFor();
  expect(await revoke.count()).toBe(0);
  const all = await S.call('admin', 'roles.invites', { status: 'all' }, 'demo-admin');
  expect(all.data.items).toEqual([expect.objectContaining({ name: '赵网格', status: 'revoked' })]);
});
