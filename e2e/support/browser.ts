import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';

/** Debian's Chromium (`apt-get install chromium fonts-wqy-microhei`); never a downloaded browser. */
const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
/** Screenshots of the main pages, kept as test artifacts (git ignores the folder). */
const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

/** True when the browser is installed. In CI a missing browser fails the run instead of skipping. */
export function browserInstalled(): boolean {
  const installed = existsSync(CHROMIUM);
  if (!installed && process.env.CI === 'true')
    throw new Error(`${CHROMIUM} is missing: CI installs chromium (see .ci/run)`);
  return installed;
}

/**
 * `describe` for the browser tests. The one place they may be skipped: on a developer's machine
 * without Chromium, so that `npm test` still passes there. Never in CI, where `browserInstalled`
 * throws instead (`.ci/run` installs Chromium, and with CI=true a missing browser is a failure).
 */
export const describeInBrowser = describe.skipIf(!browserInstalled());

/** A page with the problems it met: script errors and blocked loads (Content-Security-Policy). */
export interface WatchedPage {
  page: Page;
  problems: string[];
}

/**
 * Launches Chromium for the enclosing describe block (with `args` added to the usual ones, e.g. a
 * fake camera; a function when they are known only once the tests start); each call of the result
 * opens a fresh context.
 */
export function useBrowser(
  launch: { args?: () => string[] } = {},
): (options?: { width?: number; height?: number; locale?: string }) => Promise<WatchedPage> {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [...ARGS, ...(launch.args?.() ?? [])],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return async ({ width = 1366, height = 900, locale = 'en-US' } = {}) => {
    if (!browser) throw new Error('the browser has not started');
    const context = await browser.newContext({ viewport: { width, height }, locale });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content.Security.Policy|Refused to/i.test(message.text()))
        problems.push(message.text());
    });
    return { page, problems };
  };
}

/** Signs in through the sign-in page and waits for the frame. */
export async function signInThroughPage(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Saves a full-page screenshot under test-results/screenshots. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The text of a key figure on the dashboard. */
export async function figure(page: Page, key: string): Promise<string> {
  const card = page.locator(`[data-figure="${key}"] .ant-statistic-content`);
  await expect.poll(async () => (await card.count()) > 0).toBe(true);
  return (await card.innerText()).trim();
}

/** Waits until the field of the open dialog with this label says this error. */
export async function expectFieldError(page: Page, label: string, error: string): Promise<void> {
  const field = page
    .getByRole('dialog')
    .locator('.ant-form-item')
    .filter({ has: page.getByLabel(label) });
  await expect.poll(() => field.locator('.ant-form-item-explain-error').innerText()).toBe(error);
}

/** Picks an option of a multiple select in the open dialog. */
export async function pick(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('dialog').getByLabel(label).click();
  await page.keyboard.type(option);
  await page.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
  await page.keyboard.press('Escape');
}
