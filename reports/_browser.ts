/**
 * A real browser for the report tests: @sparticuz/chromium's Chromium (a binary shipped in the
 * npm package, so no download step) driven by playwright-core. `openPage` opens a file from
 * file:// and collects console errors and page errors; `close` ends the browser it started.
 *
 * The package unpacks Chromium, its fonts and SwiftShader's GL libraries into os.tmpdir() on
 * first use (`chromium`, `fonts/`, `lib*.so*`, `vk_swiftshader_icd.json`) and reuses them: remove
 * all of them or none, for it re-extracts SwiftShader only when `libGLESv2.so` is missing, and
 * Chromium without `libvk_swiftshader.so` closes its page at once.
 */
import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Page } from 'playwright-core';
import { pathToFileURL } from 'node:url';

// chromium.args already carry --no-sandbox (tests run as root, where Chromium's own sandbox
// cannot start) and software GL; a report page has no use for a GPU or the network either.
const EXTRA_ARGS = ['--disable-gpu', '--disable-background-networking'];

export async function openPage(file: string): Promise<{ page: Page; consoleErrors: string[]; close(): Promise<void> }> {
  const browser = await playwright.launch({ executablePath: await chromium.executablePath(), args: [...chromium.args, ...EXTRA_ARGS], headless: true });
  try {
    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: 30_000 });
    return { page, consoleErrors, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

export async function screenshot(page: Page, path: string): Promise<void> {
  await page.screenshot({ path, fullPage: true, timeout: 90_000 });
}
