// Takes the README's screenshots of the four workspaces from a running app (`./rag up`), in Debian's Chromium.
//   npm ci --prefix infra/screenshots && node infra/screenshots/screenshots.mjs http://127.0.0.1:5080 admin 'PASSWORD' docs/screenshots
// Nothing is downloaded: playwright-core drives the Chromium at RAG_CHROMIUM (default /usr/bin/chromium).
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [url, user, password, out = 'docs/screenshots', question = 'How do I connect to the VPN?'] = process.argv.slice(2);
if (!url || !user || !password) {
  console.error('usage: node screenshots.mjs URL USER PASSWORD [OUTDIR] [QUESTION]');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const args = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
const browser = await chromium.launch({ executablePath: process.env.RAG_CHROMIUM ?? '/usr/bin/chromium', args });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
const origin = new URL(url).origin;
page.on('request', r => { if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) { console.error('foreign request: ' + r.url()); process.exitCode = 1; } });

await page.goto(new URL('/account/signin', url).href);
await page.fill('#username', user);
await page.fill('#password', password);
await Promise.all([page.waitForURL(u => !u.pathname.startsWith('/account/signin')), page.click('button[type=submit]')]);

async function shot(path, name, act) {
  await page.goto(new URL(path, url).href);
  await page.waitForLoadState('networkidle');
  if (act) await act();
  await page.waitForTimeout(800);
  await page.screenshot({ path: join(out, name) });
  console.log('wrote ' + join(out, name));
}

await shot('/', 'ask.png', async () => {
  await page.waitForSelector('[data-testid=question-form] button[type=submit]:not([disabled])', { timeout: 60000 });
  await page.fill('#question', question);
  await page.press('#question', 'Enter');
  await page.waitForSelector('[data-testid=answer][aria-busy=false], [data-testid=nothing-found]', { timeout: 60000 });
  const cite = page.locator('[data-testid=citation]').first();
  if (await cite.count()) { await cite.click(); await page.waitForSelector('[data-testid=citation-panel]'); }
});
await shot('/admin/sets', 'documents.png');
await shot('/audit', 'audit.png');
await shot('/admin/status', 'status.png');
await browser.close();
