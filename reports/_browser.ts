/**
 * Opens a report file in a headless Chromium for the renderer tests: the page, every console
 * error it logged (and uncaught page errors), and a close that ends the browser.
 */
import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Page } from 'playwright-core';
import { pathToFileURL } from 'node:url';

export async function openPage(file: string): Promise<{ page: Page; consoleErrors: string[]; close(): Promise<void> }> {
  // Chromium refuses to run its sandbox as root (a CI container): then it runs without it.
  const args = process.getuid?.() === 0 ? [...chromium.args, '--no-sandbox'] : chromium.args;
  const browser = await playwright.launch({ executablePath: await chromium.executablePath(), args, headless: true });
  try {
    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.goto(pathToFileURL(file).href);
    return { page, consoleErrors, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
