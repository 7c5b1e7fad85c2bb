import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Drives the built playground in Debian's headless Chromium, from file://, as a person would.
const CHROMIUM = '/usr/bin/chromium';
const repo = resolve(__dirname, '../..');
const out = join(repo, 'dist', 'playground');
const screenshots = join(repo, '.scratch', 'playground');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`test/playground: skipped, ${CHROMIUM} is absent (apt-get install chromium)`);

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds dist/playground/ when it is missing or older than anything it is built from. */
function buildIfNeeded(): void {
  const index = join(out, 'index.html');
  const sources = Math.max(...['playground', 'server', 'grammar', 'schemas', 'docs/rules'].map((d) => newestMtime(join(repo, d))));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  execFileSync(process.execPath, ['--import', 'tsx', join(repo, 'playground', 'build.ts')], { cwd: repo, stdio: 'pipe' });
}

// Three faults Libreswan would complain about: a missing also= target, a misspelt key, a key set twice.
const faultyConf = `config setup
	logfile=/var/log/pluto.log

conn tunnel
	also=template
	left=192.0.2.1
	leftsubnett=10.1.0.0/16
	right=198.51.100.2
	ike=aes256-sha2_256;dh19
	auto=start
`;
const expectedRules = ['also-reference', 'unknown-keyword', 'duplicate-key'];

let context: BrowserContext;
let profile: string;
const requests: string[] = [];
const pageErrors: string[] = [];

async function openPage(url: string): Promise<Page> {
  const page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  await page.goto(url);
  await page.waitForSelector('body[data-ready=true]', { timeout: 20_000 });
  return page;
}

/** The rule ids in the problems list, for the files shown. */
async function problemRules(page: Page): Promise<string[]> {
  return (await page.locator('#problems li').evaluateAll((items) => items.map((i) => i.getAttribute('data-rule') ?? ''))).sort();
}

async function problemTexts(page: Page): Promise<string[]> {
  return (await page.locator('#problems li').allInnerTexts()).sort();
}

/**
 * Clicks "Make a share link" and waits for the new link: the page compresses the files
 * asynchronously (CompressionStream), so the field changes a moment after the click.
 */
async function makeShareLink(page: Page): Promise<string> {
  const field = page.locator('#share-url');
  const previous = await field.inputValue();
  await page.locator('#share').click();
  const deadline = Date.now() + 10_000;
  let value = previous;
  while ((value === previous || !/#share=[\w-]+$/.test(value)) && Date.now() < deadline) {
    await page.waitForTimeout(25);
    value = await field.inputValue();
  }
  return value;
}

describe.skipIf(!hasChromium)('the playground in headless Chromium', () => {
  beforeAll(async () => {
    buildIfNeeded();
    mkdirSync(screenshots, { recursive: true });
    profile = mkdtempSync(join(tmpdir(), 'ipsec-lint-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('lints typed files, hovers, fixes, shares, checks a pair, and never touches the network', async () => {
    const page = await openPage(pathToFileURL(join(out, 'index.html')).href);

    // Type the config into ipsec.conf (select all, then type over it).
    const editor = page.locator('#editors .editor-holder[data-path="/etc/ipsec.conf"] .cm-content');
    await editor.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(faultyConf);
    // Completion offers the values of auto= for what is typed so far.
    await page.keyboard.type('\tauto=ad');
    const completion = page.locator('.cm-tooltip-autocomplete li[aria-selected=true]');
    await completion.waitFor({ timeout: 10_000 });
    expect(await completion.innerText()).toMatch(/^add\b/);
    await page.keyboard.type('d');
    await page.keyboard.press('Escape');
    for (const rule of expectedRules) await page.locator(`#problems li[data-rule="${rule}"]`).first().waitFor({ timeout: 10_000 });
    expect(await problemRules(page)).toEqual(expect.arrayContaining(expectedRules));
    // Inline too: the editor underlines each finding.
    // CodeMirror draws the underlines a moment after the list is filled.
    await page.locator('#editors .editor-holder[data-path="/etc/ipsec.conf"] .cm-lintRange').nth(2).waitFor({ timeout: 10_000 });
    expect(await page.locator('#editors .editor-holder[data-path="/etc/ipsec.conf"] .cm-lintRange').count()).toBeGreaterThanOrEqual(3);
    // The rule id links to its bundled page, which exists in the output folder.
    const href = await page.locator('#problems li[data-rule="unknown-keyword"] a.rule').getAttribute('href');
    expect(href).toBe('rules/unknown-keyword.html');
    expect(existsSync(join(out, href!))).toBe(true);

    // Hover docs on a keyword.
    await page.locator('#editors .editor-holder[data-path="/etc/ipsec.conf"] .cm-line span', { hasText: /^ike$/ }).hover();
    const hover = page.locator('.cm-tooltip-hover .doc');
    await hover.waitFor({ timeout: 10_000 });
    expect((await hover.innerText()).toLowerCase()).toContain('ike');
    await page.screenshot({ path: join(screenshots, 'files-hover.png') });
    await page.mouse.move(0, 0);

    // A quick fix: the did-you-mean of the misspelt key, offered on its diagnostic.
    await page.locator('#editors .editor-holder[data-path="/etc/ipsec.conf"] .cm-lintRange', { hasText: 'leftsubnett' }).hover();
    const fix = page.locator('.cm-tooltip-hover .cm-diagnosticAction', { hasText: /leftsubnet\b/ }).first();
    await fix.waitFor({ timeout: 10_000 });
    await fix.click();
    await page.locator('#problems li[data-rule="unknown-keyword"]').waitFor({ state: 'detached', timeout: 10_000 });
    expect(await editor.innerText()).toContain('leftsubnet=10.1.0.0/16');
    expect(await editor.innerText()).not.toContain('leftsubnett');
    await page.mouse.move(0, 0);

    // The effective conn: each value with the line it comes from.
    const auto = page.locator('#effective tr[data-key="auto"]');
    await auto.waitFor({ timeout: 10_000 });
    expect(await auto.locator('td.value').innerText()).toBe('start');
    expect(await auto.locator('a').innerText()).toBe('ipsec.conf:10');

    // The settings panel re-judges the files: the crypto policy finding names the chosen era.
    await page.locator('#setting-era').selectOption('rhel8');
    await page.locator('#problems li[data-rule="crypto-policy-include-missing"]', { hasText: 'rhel8' }).waitFor({ timeout: 10_000 });

    // A share link with the secrets opens to the same files and the same findings.
    const before = await problemTexts(page);
    await page.locator('#share-secrets').check();
    const withSecrets = await makeShareLink(page);
    expect(withSecrets).toMatch(/#share=[\w-]+$/);
    const shared = await openPage(withSecrets);
    await page.locator('#problems li').first().waitFor();
    await shared.locator('#problems li').first().waitFor({ timeout: 10_000 });
    // The same findings, the era setting included (its message names it).
    await shared.locator('#problems li[data-rule="crypto-policy-include-missing"]', { hasText: 'rhel8' }).waitFor({ timeout: 10_000 });
    expect(await problemTexts(shared)).toEqual(before);
    expect(await shared.locator('#setting-era').inputValue()).toBe('rhel8');
    expect(await shared.locator('#tabs [role=tab][data-path="/etc/ipsec.secrets"]').count()).toBe(1);
    await shared.close();
    // Without the box ticked, the secrets file is not in the link.
    await page.locator('#share-secrets').uncheck();
    const withoutSecrets = await makeShareLink(page);
    expect(withoutSecrets).not.toBe(withSecrets);
    const sharedWithout = await openPage(withoutSecrets);
    await sharedWithout.locator('#problems li').first().waitFor({ timeout: 10_000 });
    expect(await sharedWithout.locator('#tabs [role=tab][data-path="/etc/ipsec.secrets"]').count()).toBe(0);
    expect(await sharedWithout.locator('#editors .editor-holder[data-path="/etc/ipsec.conf"] .cm-content').innerText()).toContain('also=template');
    // Formatting: the service's formatter, applied to the editor.
    const plain = sharedWithout.locator('#editors .editor-holder[data-path="/etc/ipsec.conf"] .cm-content');
    await plain.click();
    await sharedWithout.keyboard.press('Control+a');
    await sharedWithout.keyboard.insertText('conn x\n    left=192.0.2.1\n  right = 198.51.100.1\n');
    await sharedWithout.locator('#format').click();
    await plain.locator('.cm-line', { hasText: /^\tright=198\.51\.100\.1$/ }).waitFor({ timeout: 10_000 });
    expect((await plain.innerText()).trimEnd()).toBe('conn x\n\tleft=192.0.2.1\n\tright=198.51.100.1');
    await sharedWithout.close();

    // A link cut short says so, and the page still works with its example files.
    const damaged = await openPage(withSecrets.slice(0, withSecrets.length - 20));
    expect(await damaged.locator('#notice').innerText()).toContain('the link is damaged');
    await damaged.close();

    // The pair view on the example pair, which cannot come up.
    await page.locator('button[data-view=pair]').click();
    const outcome = page.locator('#pair-outcome');
    await outcome.waitFor({ timeout: 10_000 });
    expect(await outcome.getAttribute('class')).toContain('fails');
    expect(await outcome.innerText()).toContain('NO_PROPOSAL_CHOSEN');
    const notifications = await page.locator('.pair-findings li').evaluateAll((items) => items.map((i) => i.getAttribute('data-notification')));
    // The IKE SA fails first, so pluto never gets to the Child SA's traffic selectors.
    expect(notifications).toEqual(['NO_PROPOSAL_CHOSEN']);
    // Each finding names a line on each host; both editors mark it.
    expect(await page.locator('.pair-findings li .side').count()).toBe(notifications.length * 2);
    await page.locator('#west-editors .cm-lintRange').first().waitFor({ timeout: 10_000 });
    await page.locator('#east-editors .cm-lintRange').first().waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(screenshots, 'pair.png'), fullPage: true });
    // Following a finding to east's value and changing it there clears that finding, live.
    await page.locator('.pair-findings li[data-notification="NO_PROPOSAL_CHOSEN"] .side', { hasText: 'east' }).click();
    await page.keyboard.press('Shift+End');
    await page.keyboard.type('aes256-sha2_256;dh19');
    await page.locator('.pair-findings li[data-notification="NO_PROPOSAL_CHOSEN"]').waitFor({ state: 'detached', timeout: 10_000 });
    // With the IKE SA up, the example's subnets are the next thing that fails.
    await page.locator('.pair-findings li[data-notification="TS_UNACCEPTABLE"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('.pair-findings li[data-notification="TS_UNACCEPTABLE"]').count()).toBe(1);
    expect(await page.locator('#east-editors .editor-holder[data-path="/etc/ipsec.conf"] .cm-content').innerText()).toContain('\n\tike=aes256-sha2_256;dh19\n');

    expect(pageErrors).toEqual([]);
    // Only the page's own files, and the worker's blob: URL.
    const offline = requests.filter((u) => !/^(file|data|blob):/.test(u));
    expect(offline).toEqual([]);
    expect(requests.some((u) => u.startsWith('file:'))).toBe(true);
  }, 90_000);
});
