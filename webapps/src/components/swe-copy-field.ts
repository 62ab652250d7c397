/**
 * A labelled, read-only text (URL or code snippet) with a Copy button. Falls back to selecting the
 * text when the clipboard is not available (e.g. inside a frame without permission).
 *
 * @module
 */
import { css, html, LitElement } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { baseStyles } from '../styles/shared.ts';

let counter = 0;

@customElement('swe-copy-field')
export class SweCopyField extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        margin: 0.4rem 0;
      }
      .head {
        display: flex;
        justify-content: space-between;
        align-items: center;
        font-size: 0.85rem;
        color: var(--muted);
      }
      pre {
        margin: 0.15rem 0 0;
      }
      button {
        font-size: 0.8rem;
        padding: 0.1rem 0.6rem;
      }
    `,
  ];

  @property() label = '';
  @property() text = '';
  @state() private copied = false;
  @query('pre') private pre!: HTMLPreElement;
  private readonly labelId = `copy-${++counter}`;

  override render() {
    return html`<div class="head">
        <span id=${this.labelId}>${this.label}</span>
        <button class="secondary" aria-describedby=${this.labelId} @click=${this.copy}>${this.copied ? 'Copied' : 'Copy'}</button>
      </div>
      <pre aria-labelledby=${this.labelId} tabindex="0" data-copy-text>${this.text}</pre>`;
  }

  private copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(this.text);
      this.copied = true;
      setTimeout(() => (this.copied = false), 1500);
    } catch {
      const range = document.createRange();
      range.selectNodeContents(this.pre);
      const sel = getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'swe-copy-field': SweCopyField;
  }
}
