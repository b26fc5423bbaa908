// Shared set-up for browser tests: Debian's chromium driven by playwright-core (never a downloaded
// browser), and axe-core injected through page.evaluate because the CSP forbids script tags.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';

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
