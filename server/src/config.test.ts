import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseFlags } from './config.ts';

describe('loadConfig', () => {
  it('uses the defaults of DESIGN.md section 8', () => {
    const c = loadConfig({}, []);
    expect(c.port).toBe(8080);
    expect(c.host).toBe('127.0.0.1');
    expect(c.dataDir).toBe(path.resolve('./var'));
    expect(c.inputDir).toBe(path.join(path.resolve('./var'), 'input'));
    expect(c.simulator).toBe(true);
    expect(c.baseUrl).toBe('http://127.0.0.1:8080');
    expect(c.spaseAuthority).toBe('ESA');
    expect(c.portal.esaContracts).toEqual(['4000128012/19/D/MRP', '4000134036/21/D/MRP']);
    expect(c.portal.helpdeskEmail).toBe('helpdesk.swe@ssa.esa.int');
  });

  it('lets flags override the environment', () => {
    const c = loadConfig({ PORT: '9000', SIMULATOR: 'off' }, ['--port', '9100', '--data-dir=/tmp/x', '--base-url', 'https://maps.example.org/']);
    expect(c.port).toBe(9100);
    expect(c.simulator).toBe(false);
    expect(c.dataDir).toBe('/tmp/x');
    expect(c.baseUrl).toBe('https://maps.example.org');
  });

  it('lists every bad setting in one readable error', () => {
    let message = '';
    try {
      loadConfig({ PORT: 'eighty', SIMULATOR: 'maybe', SPASE_AUTHORITY: 'has space' });
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      message = (e as Error).message;
    }
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/SIMULATOR/);
    expect(message).toMatch(/SPASE_AUTHORITY/);
  });

  it('rejects unknown flags and flags without a value', () => {
    expect(() => parseFlags(['--prot', '1'])).toThrow(/unknown option --prot/);
    expect(() => parseFlags(['--port'])).toThrow(/needs a value/);
  });

  it('freezes the clock when NOW is set', () => {
    expect(loadConfig({ NOW: '2026-11-25T12:00:00Z' }).nowMs).toBe(Date.UTC(2026, 10, 25, 12));
    expect(() => loadConfig({ NOW: 'yesterday' })).toThrow(ConfigError);
  });
});
