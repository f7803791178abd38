// The browser suites drive Debian's Chromium (playwright-core cannot download a browser here). Before the tests run,
// bootstrap finds it, or installs Debian's package when it may (root, apt-get present), or says how to get it.
import { existsSync } from 'node:fs';
import { elapsed, run, step } from './bootstrap-steps.mjs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export async function ensureBrowser() {
  if (process.env.CHROMIUM_PATH || CANDIDATES.some((p) => existsSync(p))) return;
  const mayInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!mayInstall) {
    console.log("! no Chromium found: the browser suites will fail; install Debian's package (sudo apt-get install chromium) or set CHROMIUM_PATH");
    return;
  }
  step("installing Debian's chromium for the browser suites (apt-get install chromium; a minute or two)");
  const since = Date.now();
  // apt-get asks nothing; the steps' children inherit this process's environment.
  process.env.DEBIAN_FRONTEND = 'noninteractive';
  const install = () => run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { heartbeat: 'still installing chromium' });
  let code = await install();
  if (code !== 0) {
    // The package lists may be missing on a fresh machine: read them, then try once more.
    await run('apt-get', ['update']);
    code = await install();
  }
  console.log(code === 0 ? `\u2714 chromium installed (${elapsed(since)})` : "! chromium could not be installed: the browser suites will fail; install Debian's package by hand");
}
