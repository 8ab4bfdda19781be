// A report page opened from disk in Debian's chromium through playwright-core, as a reader would see it:
// its console errors, any request off the machine, the size of every chart's SVG, and a screenshot.

import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { requireProgram } from './requiredPrograms.ts';

export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: requireProgram('chromium'), args: chromiumArgs });
}

export interface OpenedPage {
  /** Whether the file loaded (a file:// load has no HTTP status; a missing file fails). */
  readonly loaded: boolean;
  readonly errors: readonly string[];
  /** Every URL the page asked for that is not a file on this machine (each was refused). */
  readonly offMachine: readonly string[];
  /** Width and height of each `.chart > svg`, in page order. */
  readonly chartSizes: readonly (readonly [number, number])[];
  readonly scripts: number;
  /** The absolute file:// targets of the page's links. */
  readonly links: readonly string[];
}

/** Opens `file` in a fresh context (1100×900), collects what a reader's browser would show, and screenshots it to `screenshot` when given. */
export async function openReportPage(browser: Browser, file: string, screenshot?: string): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  try {
    const offMachine: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      offMachine.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    const response = await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const chartSizes = await page.$$eval('.chart > svg', (svgs) => svgs.map((svg) => svg.getBoundingClientRect()).map((box) => [box.width, box.height] as const));
    const scripts = await page.$$eval('script', (found) => found.length);
    const links = await page.$$eval('a[href]', (anchors) => anchors.map((a) => (a as HTMLAnchorElement).href).filter((href) => href.startsWith('file:')));
    if (screenshot !== undefined) await page.screenshot({ path: screenshot, fullPage: true });
    return { loaded: response === null || response.ok(), errors, offMachine, chartSizes, scripts, links };
  } finally {
    await context.close();
  }
}
