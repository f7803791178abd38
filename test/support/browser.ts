// Headless Chromium for the browser suites: Debian's system package driven by playwright-core (which cannot
// download a browser here). `npm test` installs the package when it can (see scripts/bootstrap.mjs); where it
// cannot, the suite fails saying how to get it.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);

export function chromiumPath(): string {
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      "the browser suites need Chromium: install Debian's package (sudo apt-get install chromium), or set CHROMIUM_PATH to a Chromium executable",
    );
  }
  return found;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    // As root a sandbox cannot start; the machine's network is closed, so Chromium's own calls home are turned off.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
