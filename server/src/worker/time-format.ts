/** `2026-11-25T12:00:00Z`: log and progress form of an instant. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
