#!/usr/bin/env node
// sign-in-browser.mjs: plays the user of a browser sign-in, in a real
// browser (Debian's /usr/bin/chromium, headless, driven by playwright-core).
// TEST-ONLY.
//
//   node sign-in-browser.mjs [--quiet] URL
//
// Opens URL (an authorization request to the local test provider), fills
// the provider's login page (login "alice", or $PIM_TEST_BROWSER_LOGIN; any
// password), submits the consent page if one comes, and waits until the
// browser has left the provider's origin (the app's loopback redirect) and
// that page has loaded. Prints the final page's visible text on stdout
// (not with --quiet) and exits 0; exits 1 with a message on stderr on any
// failure, and after 60 s ($PIM_TEST_BROWSER_TIMEOUT seconds). The browser
// is /usr/bin/chromium ($PIM_TEST_CHROMIUM), playwright-core the one of
// tests/oidc-provider/node_modules (npm ci there; scripts/setup does).
//
// It is also the default web browser of the test environment
// (tests/browser/meson.build: a .desktop file GIO launches with the URL,
// and --quiet, since a child of GIO shares the app's standard output and
// error, a TAP stream or pim-tool's JSON, when they go anywhere at all):
// everything it says also goes to the file $PIM_TEST_BROWSER_LOG when set.
// It never logs a query string (codes, state), only origins and paths.
//
// The browser is hermetic: a new empty profile in a temporary directory
// (also its HOME), removed at exit, no background networking, and every
// request to a host other than 127.0.0.1, [::1] or localhost is aborted
// (the provider's pages load Google Fonts; the machine has no network).

import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.PIM_TEST_CHROMIUM || '/usr/bin/chromium';
const LOGIN = process.env.PIM_TEST_BROWSER_LOGIN || 'alice';
const TIMEOUT_MS = 1000 * (Number(process.env.PIM_TEST_BROWSER_TIMEOUT) || 60);
const LOG_FILE = process.env.PIM_TEST_BROWSER_LOG || '';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);
const started = Date.now();

function log (message) {
  const line = `sign-in-browser[${process.pid}] ${((Date.now() - started) / 1000).toFixed(2)}s: ${message}\n`;
  process.stderr.write(line);
  if (LOG_FILE) {
    try {
      appendFileSync(LOG_FILE, line);
    } catch {
      // Nowhere else to say it.
    }
  }
}

// Where a URL goes, without its query and fragment (they hold the state,
// the code and the PKCE challenge).
function where (href) {
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin + url.pathname : url.protocol;
  } catch {
    return '(not a URL)';
  }
}

const args = process.argv.slice(2);
const quiet = args[0] === '--quiet';
if (quiet)
  args.shift();
if (args.length !== 1) {
  log('usage: sign-in-browser.mjs [--quiet] URL');
  process.exit(2);
}
let providerOrigin;
try {
  const url = new URL(args[0]);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error('not http');
  providerOrigin = url.origin;
} catch {
  log('the argument is not an http(s) URL');
  process.exit(2);
}

let chromium;
try {
  // From the test provider's node_modules (npm ci there), whatever the cwd.
  const require = createRequire(join(here, '..', 'oidc-provider', 'package.json'));
  ({ chromium } = require('playwright-core'));
} catch (error) {
  log(`cannot load playwright-core (run npm ci in tests/oidc-provider): ${error.message}`);
  process.exit(1);
}

const profile = mkdtempSync(join(tmpdir(), 'pim-test-browser-'));
let context = null;
let finished = false;

async function cleanUp () {
  if (context) {
    const closing = context.close().catch(() => {});
    context = null;
    await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 5000))]);
  }
  try {
    // Chromium's helpers may still be writing there for a moment.
    rmSync(profile, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  } catch (error) {
    log(`cannot remove ${profile}: ${error.message}`);
  }
}

async function finish (status, message) {
  if (finished)
    return;
  finished = true;
  log(message);
  await cleanUp();
  process.exit(status);
}

const timer = setTimeout(() => {
  finish(1, `FAILED: no redirect away from the provider after ${TIMEOUT_MS / 1000} s`);
}, TIMEOUT_MS);
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'])
  process.on(signal, () => finish(1, `FAILED: ${signal}`));

async function play () {
  log(`opening ${where(args[0])} in ${CHROMIUM}`);
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    chromiumSandbox: false, // --no-sandbox: CI runs as root
    args: [
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
      '--no-default-browser-check',
    ],
    // Nothing of the caller's home: the profile directory is all it has.
    env: { ...process.env, HOME: profile, XDG_CONFIG_HOME: join(profile, 'config'), XDG_CACHE_HOME: join(profile, 'cache') },
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    timeout: 30000,
  });
  log(`browser started (${context.browser()?.version() ?? 'chromium'})`);

  let blocked = 0;
  await context.route('**/*', (route) => {
    let host = '';
    try {
      host = new URL(route.request().url()).host.replace(/:\d+$/, '');
    } catch {
      // Not a URL: block it.
    }
    if (LOOPBACK_HOSTS.has(host))
      return route.continue();
    blocked++;
    return route.abort('blockedbyclient');
  });

  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(TIMEOUT_MS);
  const onProvider = (url) => url.origin === providerOrigin;

  await page.goto(args[0], { waitUntil: 'load' });
  // Login, then maybe consent: at most a few pages on the provider.
  for (let step = 0; onProvider(new URL(page.url())); step++) {
    if (step >= 5)
      throw new Error(`still on the provider after ${step} pages (${where(page.url())})`);
    const before = page.url();
    const login = page.locator('form input[name="login"]');
    const consent = page.locator('form:has(input[name="prompt"][value="consent"]) [type="submit"]');
    if (await login.count()) {
      log(`login page ${where(before)}: signing in as ${LOGIN}`);
      await login.fill(LOGIN);
      await page.locator('form input[name="password"]').fill('any password');
      await Promise.all([
        page.waitForURL((url) => url.href !== before, { waitUntil: 'load' }),
        page.locator('form:has(input[name="login"]) [type="submit"]').click(),
      ]);
    } else if (await consent.count()) {
      log(`consent page ${where(before)}: continuing`);
      await Promise.all([
        page.waitForURL((url) => url.href !== before, { waitUntil: 'load' }),
        consent.click(),
      ]);
    } else {
      const text = (await page.locator('body').innerText().catch(() => '')).slice(0, 500);
      throw new Error(`unexpected provider page ${where(before)}: ${JSON.stringify(text)}`);
    }
  }
  await page.waitForLoadState('load');
  const text = (await page.locator('body').innerText().catch(() => '')).trim();
  log(`redirected to ${where(page.url())}; ${blocked} non-loopback request(s) blocked; page text: ${JSON.stringify(text.slice(0, 200))}`);
  if (!quiet)
    process.stdout.write(text + '\n');
}

play().then(
  () => {
    clearTimeout(timer);
    return finish(0, 'done');
  },
  (error) => {
    clearTimeout(timer);
    // Playwright's messages may quote URLs: drop their queries.
    const message = String(error?.message ?? error).split('\n')[0].replace(/\?[^\s"'`]*/g, '?…');
    return finish(1, `FAILED: ${message}`);
  });
