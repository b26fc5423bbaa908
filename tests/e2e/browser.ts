// Shared set-up for browser tests: Debian's chromium driven by playwright-core (never a downloaded
// browser), and axe-core injected through page.evaluate because the CSP forbids script tags.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The `skip` option for a browser suite: a message when chromium is missing, or false. With
 * ZT_REQUIRE_BROWSER=1 (CI) a missing chromium is a failing test instead of a skip.
 */
export function browserSkip(): string | false {
  const has = fs.existsSync(CHROMIUM);
  if (!has && process.env.ZT_REQUIRE_BROWSER === '1') {
    test('chromium is installed (ZT_REQUIRE_BROWSER=1)', () => {
      assert.fail(`ZT_REQUIRE_BROWSER=1 but ${CHROMIUM} is missing: apt-get install chromium fonts-noto-cjk`);
    });
    return false;
  }
  return has ? false : `未找到 ${CHROMIUM}（apt-get install chromium fonts-noto-cjk），跳过浏览器测试`;
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Without the background-networking flags chromium keeps dialling out on this closed network.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

let axeSource: string | null = null;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core on the page and returns every violation. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<unknown> } }).axe.run(
      document,
      {
        resultTypes: ['violations'],
      },
    ),
  )) as { violations: AxeViolation[] };
  return result.violations;
}

/** The ids of serious and critical violations (what the project does not accept). */
export async function seriousViolations(page: Page): Promise<string[]> {
  return (await axeViolations(page))
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} @ ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The console is a built single-page app: (re)build it when a source is newer than the build. */
export async function buildConsoleIfStale(): Promise<void> {
  const { execFileSync } = await import('node:child_process');
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-console.ts'), '--if-stale'], {
    stdio: 'inherit',
  });
}

/**
 * A console page signed in as `username`, optionally on a fixed day and at another width. `errors`
 * collects the browser's console errors from after the sign-in (the login page's session probe answers
 * 401 by design).
 */
export async function consoleSignedIn(
  browser: Browser,
  base: string,
  username: string,
  password: string,
  opts: { now?: Date; width?: number } = {},
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: opts.width ?? 1440, height: 900 },
  });
  if (opts.now) await context.clock.setFixedTime(opts.now);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/console/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /^登\s*录$/ }).click();
  await page.getByRole('menu').waitFor();
  errors.length = 0;
  return { page, errors };
}

/** Until no CSS transition or finite animation runs (antd fades colours; a spinner turns for ever). */
export async function animationsSettled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.effect?.getTiming().iterations === Number.POSITIVE_INFINITY),
  );
}

/**
 * The dialog once it is open and its zoom-in has finished. A click while the modal still zooms in can
 * land beside its button (on the mask, or nowhere), and the test then waits for an effect that never comes.
 */
export async function openedDialog(page: Page, name?: string | RegExp): Promise<Locator> {
  const dialog = name === undefined ? page.getByRole('dialog') : page.getByRole('dialog', { name });
  await dialog.waitFor();
  await animationsSettled(page);
  return dialog;
}

/** axe once the page has settled, with the pointer out of the way (a hover shade is not the page's). */
export async function settledViolations(page: Page): Promise<string[]> {
  await page.mouse.move(1, 1);
  await animationsSettled(page);
  return seriousViolations(page);
}

/** Browser errors other than the refusals a test provokes on purpose. */
export function unexpectedErrors(errors: string[], ...statuses: number[]): string[] {
  return errors.filter((e) => !statuses.some((s) => e.includes(`status of ${s}`)));
}

/**
 * A full-page screenshot into .tmp/ for people to review (not an assertion). Chromium now and then
 * cannot capture one under load ("Unable to capture screenshot"): it is tried once more, then noted
 * instead of failing the test that took it.
 */
export async function reviewShot(page: Page, file: string): Promise<void> {
  const to = path.join(ROOT, '.tmp', file);
  fs.mkdirSync(path.dirname(to), { recursive: true });
  for (let attempt = 1; ; attempt++) {
    try {
      await page.screenshot({ path: to, fullPage: true });
      return;
    } catch (e) {
      if (attempt >= 2) {
        console.warn(`screenshot ${file} not taken: ${(e as Error).message.split('\n')[0]}`);
        return;
      }
    }
  }
}
