import { itemCreate, userCreate } from '@onhand/contracts';
import i18n from 'i18next';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { serverMessage } from './labels';
import { translateServerMessage } from './server-messages';
import { zhCN } from './zh-CN';

const inChinese = (text: string) => translateServerMessage(text, en.serverMessages, zhCN.serverMessages);

/** The messages the API's own checks give for a body, as they reach the web in `errors[].message`. */
function messagesFor(schema: typeof userCreate | typeof itemCreate, body: unknown): string[] {
  return schema.safeParse(body).error?.issues.map((issue) => issue.message) ?? [];
}

describe('server messages in Chinese', () => {
  it('keeps the names and numbers of the checks the API makes of a body', () => {
    const user = { email: 'lin@test.local', name: 'Lin', password: 'short', roles: ['clerk'] };
    expect(messagesFor(userCreate, user)).toEqual(['must be at least 10 characters']);
    expect(messagesFor(userCreate, user).map(inChinese)).toEqual(['至少 10 个字符']);
    const item = { sku: 'S'.repeat(65), name: 'Tea', barcodes: ['1'.repeat(80)] };
    expect(messagesFor(itemCreate, item).map(inChinese)).toEqual(['最多 64 个字符', '最多 64 个字符']);
  });

  it.each([
    // The checks of the routes and services, word for word.
    ['is more than is available of TEA-1 (3.5)', '超过 TEA-1 的可用数量（3.5）'],
    ['SKU TEA 1 does not exist', 'SKU TEA 1 不存在'],
    ['only 2 of TEA-1 available in WH-1', 'TEA-1 在 WH-1 只有 2 可用'],
    ['this needs the permission user.manage', '此操作需要权限 user.manage'],
    ['too many attempts; try again in 42 s', '尝试次数过多；请 42 秒后重试'],
    ['Too big: expected array to have <=20 items', '最多 20 项'],
    ['not enough stock on 2 line(s): TEA-1 has 1 available, 4 asked', '2 行库存不足：TEA-1 可用 1，需要 4'],
    // A name that holds a message of its own is told in Chinese too.
    [
      'TEA-1 has no code ean13 can print (TEA-1 is not 12 or 13 digits, as EAN-13 needs)',
      'TEA-1 没有 ean13 能打印的条码（TEA-1 不是 EAN-13 所需的 12 或 13 位数字）',
    ],
    // A detail is the first field's path and message, and how many more there are.
    ['password must be at least 10 characters (and 1 more)', 'password 至少 10 个字符（另有 1 处）'],
  ])('%s', (english, chinese) => {
    expect(inChinese(english)).toBe(chinese);
    expect(translateServerMessage(english, en.serverMessages, en.serverMessages)).toBe(english);
  });

  it('tells in Chinese the statuses, actions and documents a refusal names, and leaves English as sent', async () => {
    const refusal = 'cannot post purchase order PO-000042: it is received';
    // The interface language as the web app sets it (the texts themselves come from en.ts and zh-CN.ts).
    await i18n.init({ lng: 'zh-CN', resources: {} });
    expect(serverMessage(refusal)).toBe('无法对 采购单 PO-000042 执行 过账：当前状态为 已入库');
    expect(serverMessage('cannot post write-off WO-000001: it is posted')).toBe(
      '无法对 报损单 WO-000001 执行 过账：当前状态为 已过账',
    );
    expect(serverMessage('cannot cancel transfer TR-000003: it is shipped')).toBe(
      '无法对 调拨单 TR-000003 执行 取消单据：当前状态为 已发货',
    );
    expect(serverMessage('approval 01JX is approved already')).toBe('审批 01JX 已是 已审核');
    await i18n.changeLanguage('en');
    expect(serverMessage(refusal)).toBe(refusal);
  });

  it('keeps exact messages, and leaves a message it does not know as it is', () => {
    expect(inChinese('is already used')).toBe('已被使用');
    expect(inChinese('is wrong or was used already')).toBe('不正确或已被使用');
    expect(inChinese('the e-mail or password is wrong')).toBe('the e-mail or password is wrong');
    expect(inChinese('must be 2–40 lowercase letters, digits or _')).toBe(
      'must be 2–40 lowercase letters, digits or _',
    );
  });

  it('gives each Chinese message the placeholders of its English one', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, english] of Object.entries(en.serverMessages))
      expect(placeholders(zhCN.serverMessages[key as keyof typeof en.serverMessages]), key).toEqual(
        placeholders(english),
      );
  });
});
