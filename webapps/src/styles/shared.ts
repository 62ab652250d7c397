/**
 * Styles every page shares (inside each shadow root): system fonts only, a 1000 px layout that
 * fits the ESA portal frame, visible keyboard focus, and contrast that passes WCAG AA.
 *
 * @module
 */
import { css } from 'lit';

export const baseStyles = css`
  :host {
    --ink: #1a1a1a;
    --muted: #4a4f55;
    --accent: #00507a;
    --accent-ink: #ffffff;
    --line: #c9d1d9;
    --panel: #f3f6f8;
    --warn-bg: #fff4e5;
    --warn-ink: #6b3a00;
    --error-ink: #a00000;
    --focus: #ffbf47;
    color: var(--ink);
    font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
    box-sizing: border-box;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  a {
    color: var(--accent);
  }
  a:focus-visible,
  button:focus-visible,
  select:focus-visible,
  input:focus-visible,
  summary:focus-visible,
  [tabindex]:focus-visible {
    outline: 3px solid var(--focus);
    outline-offset: 2px;
    box-shadow: 0 0 0 5px var(--ink);
  }
  h2 {
    font-size: 1.2rem;
    margin: 1.2rem 0 0.5rem;
  }
  h3 {
    font-size: 1.05rem;
    margin: 1rem 0 0.4rem;
  }
  button,
  select,
  input {
    font: inherit;
    color: inherit;
  }
  button {
    background: var(--accent);
    color: var(--accent-ink);
    border: 1px solid var(--accent);
    border-radius: 4px;
    padding: 0.3rem 0.8rem;
    cursor: pointer;
  }
  button.secondary {
    background: #fff;
    color: var(--accent);
  }
  button[disabled] {
    background: #e4e7ea;
    border-color: #b5bcc3;
    color: #4a4f55;
    cursor: default;
  }
  select,
  input {
    border: 1px solid #767d85;
    border-radius: 4px;
    padding: 0.25rem 0.4rem;
    background: #fff;
  }
  label {
    display: inline-flex;
    flex-direction: column;
    gap: 0.15rem;
    font-size: 0.85rem;
    color: var(--muted);
  }
  label > select,
  label > input {
    font-size: 0.95rem;
    color: var(--ink);
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 0.8rem 1rem;
    align-items: flex-end;
    margin: 0.5rem 0;
  }
  .panel {
    background: var(--panel);
    border: 1px solid var(--line);
    border-radius: 6px;
    padding: 0.6rem 0.8rem;
  }
  .error {
    color: var(--error-ink);
    font-weight: 600;
  }
  .warning {
    background: var(--warn-bg);
    color: var(--warn-ink);
    border: 1px solid #e0b070;
    border-radius: 6px;
    padding: 0.5rem 0.8rem;
    font-weight: 600;
  }
  .muted {
    color: var(--muted);
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.9rem;
  }
  th,
  td {
    text-align: left;
    padding: 0.3rem 0.5rem;
    border-bottom: 1px solid var(--line);
    vertical-align: middle;
  }
  th {
    background: var(--panel);
  }
  code,
  pre {
    font-family: ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace;
    font-size: 0.85rem;
  }
  pre {
    background: var(--panel);
    border: 1px solid var(--line);
    border-radius: 4px;
    padding: 0.5rem;
    overflow-x: auto;
    white-space: pre-wrap;
    word-break: break-all;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
