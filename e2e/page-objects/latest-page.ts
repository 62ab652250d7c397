/**
 * Page object of the Latest page: status line, map canvas, readout, colour bar, selectors,
 * HARP list.
 *
 * @module
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class LatestPage {
  readonly root: Locator;
  readonly time: Locator;
  readonly age: Locator;
  readonly lateWarning: Locator;
  readonly map: Locator;
  readonly canvas: Locator;
  readonly readout: Locator;
  readonly colourBar: Locator;
  readonly harpList: Locator;

  constructor(readonly page: Page) {
    this.root = page.locator('swe-latest-page');
    this.time = this.root.locator('.status .time');
    this.age = this.root.locator('.status .age');
    this.lateWarning = this.root.locator('[data-late="true"]');
    this.map = page.locator('swe-map');
    this.canvas = page.locator('swe-map canvas.map');
    this.readout = page.locator('swe-map #readout');
    this.colourBar = page.locator('swe-colour-bar').first();
    this.harpList = page.locator('swe-harp-list');
  }

  /** Wait until the map of `plane` is drawn and the page is ready. */
  async waitForMap(plane?: string): Promise<void> {
    await expect(this.root).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
    const map = plane ? this.page.locator(`swe-map[planeid="${plane}"]`) : this.map;
    await expect(map).toHaveAttribute('data-ready', 'true');
  }

  async choose(name: 'parameter' | 'plane' | 'map_type' | 'data_type', value: string): Promise<void> {
    await this.root.locator(`select[name="${name}"]`).selectOption(value);
  }

  /** Statistics of the drawn canvas: share of painted pixels, distinct colours, a checksum. */
  async canvasStats(): Promise<{ painted: number; colours: number; checksum: number }> {
    return this.canvas.evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      const colours = new Set<number>();
      let painted = 0;
      let checksum = 0;
      for (let i = 0; i < d.length; i += 4) {
        if (d[i + 3] === 0) continue;
        painted++;
        const rgb = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
        colours.add(rgb);
        checksum = (checksum * 31 + rgb) % 2_147_483_647;
      }
      return { painted: painted / (d.length / 4), colours: colours.size, checksum };
    });
  }

  /**
   * Move the pointer to a fraction (fx, fy) of the canvas (0,0 = top left) and wait for the
   * readout of that pixel; returns the pixel the pointer is over by the canvas geometry and what
   * the readout says.
   */
  async hover(fx: number, fy: number, width: number, height: number) {
    const box = (await this.canvas.boundingBox())!;
    const px = box.x + fx * box.width;
    const py = box.y + fy * box.height;
    await this.page.mouse.move(px, py);
    const expected = { x: Math.floor(((px - box.x) / box.width) * width), y: height - 1 - Math.floor(((py - box.y) / box.height) * height) };
    await expect(this.readout).toHaveAttribute('data-x', String(expected.x));
    await expect(this.readout).toHaveAttribute('data-y', String(expected.y));
    await expect(this.readout).not.toContainText('…');
    const value = await this.readout.getAttribute('data-value');
    return { expected, value: value === '' || value === null ? Number.NaN : Number(value), text: (await this.readout.textContent()) ?? '' };
  }
}
