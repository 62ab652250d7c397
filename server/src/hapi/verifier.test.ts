import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalogue } from '../catalogue/catalogue.ts';
import { listen } from './testing/client.ts';
import { fillProducts, fillSynthetic, SYNTHETIC, testApp, testDeps } from './testing/fixtures.ts';
import { verifyServer, type VerifierReport } from './testing/verifier.ts';

function summary(report: VerifierReport): string {
  return report.failures.map((f) => `${f.check} ${f.url}: ${f.detail}`).join('\n');
}

describe('verifier port against the synthetic datasets (real socket)', () => {
  let server: Awaited<ReturnType<typeof listen>>;
  let report: VerifierReport;
  beforeAll(async () => {
    const deps = testDeps();
    fillSynthetic(deps.catalogue);
    server = await listen(testApp(deps, { datasets: () => SYNTHETIC }));
    report = await verifyServer(`${server.url}/hapi`);
  });
  afterAll(() => server.close());

  it('passes every check', () => {
    expect(summary(report)).toBe('');
  });

  it('ran the whole sequence for every dataset', () => {
    for (const check of ['HAPIJSON', 'ErrorCorrect', 'InfoSame', 'InfoEquivalent', 'FileContentSame', 'FileContentConsistent', 'TimeInBounds', 'TypeCorrect', 'BinsCentersOrRangesOK', 'FillOK', 'VectorComponentsOK', 'CompressionAvailable', 'Status1201']) {
      expect(report.checksRun).toContain(check);
    }
    const datasetsChecked = new Set(report.results.filter((r) => r.check === 'FileContentConsistent').map((r) => /id=([^&]+)/.exec(r.url)![1]));
    expect([...datasetsChecked].sort()).toEqual(SYNTHETIC.filter((d) => d.id !== 'syn_empty').map((d) => d.id).sort());
  });

  it('has no warnings', () => {
    expect(report.warnings.map((w) => `${w.check} ${w.url}: ${w.detail}`)).toEqual([]);
  });
});

describe('verifier port against every dataset of the product registry', () => {
  let server: Awaited<ReturnType<typeof listen>>;
  let report: VerifierReport;
  beforeAll(async () => {
    const deps = testDeps(Catalogue.open(':memory:'));
    fillProducts(deps.catalogue);
    server = await listen(testApp(deps));
    report = await verifyServer(`${server.url}/hapi`);
  });
  afterAll(() => server.close());

  it('passes every check for every dataset (indices, file listings, 1-degree maps, HARPs, totals)', () => {
    expect(summary(report)).toBe('');
    const datasets = new Set(report.results.filter((r) => r.check === 'FileContentConsistent').map((r) => /id=([^&]+)/.exec(r.url)![1]));
    expect(datasets).toContain('currents_sci_harp377');
    expect(datasets).toContain('currents_nrt_harp7115');
    expect(datasets).toContain('euv171_lowres');
    expect(datasets).toContain('dem_files');
    expect(datasets.size).toBeGreaterThanOrEqual(39);
  });

  it('has no warnings except titles longer than 40 characters', () => {
    const warnings = report.warnings.map((w) => `${w.check} ${w.url}`);
    expect(warnings.filter((w) => !w.startsWith('TooLong')).join('\n')).toBe('');
  });
});
