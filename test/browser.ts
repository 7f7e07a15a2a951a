import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';

/** Debian's chromium, which `scripts/ci/install-chromium.sh` installs. */
export const CHROMIUM = process.env.TSNETS_CHROMIUM ?? '/usr/bin/chromium';

/** A started headless browser and its own profile folder, removed by `close`. */
export interface TestBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Starts headless Chromium with a fresh profile and no network of its own
 * (no sync, updates or background fetches); the reason it cannot start
 * (no binary, a launch failure) as a string instead.
 */
export async function startBrowser(): Promise<TestBrowser | string> {
  if (!existsSync(CHROMIUM))
    return `no browser at ${CHROMIUM} (scripts/ci/install-chromium.sh installs Debian's chromium)`;
  const profile = mkdtempSync(join(tmpdir(), 'tsnets-chromium-'));
  try {
    const browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      timeout: 60_000,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${profile}`,
      ],
    });
    return {
      browser,
      close: async () => {
        await browser.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    return `${CHROMIUM} did not start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  }
}
