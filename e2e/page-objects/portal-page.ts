/**
 * Page object shared by every portal page: opening a page and waiting for its explicit ready
 * signal (`data-ready="true"` on the page element), the console errors it produced, the frame
 * (header, navigation, footer), accessibility checks with axe-core, keyboard traversal through
 * shadow roots, and screenshots kept in e2e/artifacts/screenshots.
 *
 * @module
 */
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import { ARTIFACTS_DIR } from '../fixtures/constants.ts';

export type PageName = 'latest' | 'query' | 'help' | 'related';

export class PortalPage {
  /** Console errors and uncaught exceptions seen since construction. */
  readonly errors: string[] = [];

  constructor(readonly page: Page) {
    page.on('console', (m) => {
      if (m.type() === 'error') this.errors.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => this.errors.push(`page error: ${e.message}`));
    // The console says only "Failed to load resource"; name the resource.
    page.on('response', (r) => {
      if (r.status() >= 400) this.errors.push(`HTTP ${r.status()} ${r.url()}`);
    });
  }

  /** Open `/portal/{product}/{name}` (or `/` for the product list) and wait until it is ready. */
  async open(product: string | undefined, name: PageName | 'index', search = ''): Promise<Locator> {
    const url = product ? `/portal/${product}/${name}${search}` : `/${search}`;
    await this.page.goto(url);
    return this.ready(name);
  }

  /** The page element, once it says it is ready. */
  async ready(name: PageName | 'index'): Promise<Locator> {
    const root = this.page.locator(`swe-${name}-page`);
    await expect(root).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
    return root;
  }

  get frame() {
    const f = this.page.locator('swe-frame');
    return { header: f.locator('header'), heading: f.locator('h1'), nav: f.locator('nav[aria-label="Product pages"], nav[aria-label="Service"]'), footer: f.locator('footer') };
  }

  /** axe-core violations of impact serious or critical (WCAG 2 A/AA and best practices). */
  async seriousAxeViolations(): Promise<{ id: string; impact: string; help: string; targets: string[] }[]> {
    const result = await new AxeBuilder({ page: this.page }).analyze();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact!, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: path.join(ARTIFACTS_DIR, 'screenshots', `${name}.png`), fullPage: true });
  }

  /**
   * Press Tab until focus leaves the page (or `limit` presses) and report which of the page's
   * interactive controls (links, buttons, fields, focusable regions, in every shadow root) were
   * reached, and whether each focused control showed a visible focus indicator.
   */
  async tabThrough(limit = 200): Promise<{ controls: string[]; reached: string[]; withoutFocusStyle: string[] }> {
    const controls = await this.page.evaluate(() => {
      const found: string[] = [];
      let n = 0;
      const walk = (root: Document | ShadowRoot) => {
        for (const el of root.querySelectorAll<HTMLElement>('a[href], button, select, input, textarea, [tabindex]')) {
          const disabled = (el as HTMLButtonElement).disabled || el.getAttribute('tabindex') === '-1';
          const visible = el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
          if (disabled || !visible) continue;
          // A radio group is one tab stop (arrow keys move inside it).
          const radio = el instanceof HTMLInputElement && el.type === 'radio';
          el.dataset.e2eControl ??= radio
            ? `radio-group:${el.name}`
            : `c${n++}:${el.tagName.toLowerCase()}:${(el.getAttribute('aria-label') ?? el.textContent ?? el.getAttribute('name') ?? '').trim().slice(0, 40)}`;
          if (!found.includes(el.dataset.e2eControl)) found.push(el.dataset.e2eControl);
        }
        for (const host of root.querySelectorAll('*')) if (host.shadowRoot) walk(host.shadowRoot);
      };
      walk(document);
      return found;
    });
    const reached = new Set<string>();
    const withoutFocusStyle = new Set<string>();
    await this.page.locator('body').focus();
    for (let i = 0; i < limit; i++) {
      await this.page.keyboard.press('Tab');
      const focused = await this.page.evaluate(() => {
        let el: Element | null = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        if (!(el instanceof HTMLElement) || !el.dataset.e2eControl) return undefined;
        const s = getComputedStyle(el);
        const visibleFocus = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
        return { id: el.dataset.e2eControl, visibleFocus };
      });
      if (!focused) {
        if (reached.size) break; // left the page after visiting controls
        continue;
      }
      if (reached.has(focused.id) && reached.size >= controls.length) break;
      reached.add(focused.id);
      if (!focused.visibleFocus) withoutFocusStyle.add(focused.id);
    }
    return { controls, reached: [...reached], withoutFocusStyle: [...withoutFocusStyle] };
  }
}
