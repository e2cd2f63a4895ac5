/**
 * Launches Debian's chromium (apt package `chromium`, /usr/bin/chromium) through playwright-core, headless.
 * A missing browser fails the test with the command that installs it; it never skips.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Where Debian's package puts the browser (CHROMIUM_PATH overrides, e.g. on a developer's Mac). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a quiet, sandbox-free headless run in CI containers. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Screenshots of browser tests (git-ignored). */
export const SCREENSHOT_DIR = path.resolve(__dirname, '..', '..', '..', 'test-artifacts', 'playground');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `chromium is not installed at ${CHROMIUM_PATH}: run apt-get update && apt-get install -y chromium (npm test installs it when run as root), or set CHROMIUM_PATH`,
    );
  }
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
}

/** A screenshot file under test-artifacts/playground/. */
export function screenshotPath(name: string): string {
  return path.join(SCREENSHOT_DIR, `${name}.png`);
}
