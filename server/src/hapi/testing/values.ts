/**
 * Readers of HAPI data bodies for the tests: an RFC 4180 CSV parser, and decoders of CSV, binary
 * and JSON into one comparable form (time string + flat list of values per record), written from
 * the specification, independent of the server's encoders.
 *
 * @module
 */

export interface ParamInfo {
  name: string;
  type: 'isotime' | 'string' | 'integer' | 'double';
  size?: number[];
  length?: number;
  fill: string | null;
}

/** One record: the time string and every value flattened (numbers; strings; NaN for NaN). */
export type Row = { time: string; values: (number | string)[] };

/** Split CSV text into records of fields (RFC 4180: quotes, doubled quotes, commas/newlines inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (ch !== '\r') field += ch;
    i++;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function widthOf(p: { size?: number[] }): number {
  return (p.size ?? [1]).reduce((a, b) => a * b, 1);
}

function numberOf(text: string): number {
  return text === 'NaN' ? Number.NaN : Number(text);
}

/** Rows of a CSV body (no header lines). */
export function rowsFromCsv(params: ParamInfo[], text: string): Row[] {
  return parseCsv(text).map((fields) => {
    const values: (number | string)[] = [];
    let f = 1;
    for (const p of params.slice(1)) {
      for (let k = 0; k < widthOf(p); k++, f++) values.push(p.type === 'double' || p.type === 'integer' ? numberOf(fields[f]) : fields[f]);
    }
    return { time: fields[0], values };
  });
}

/** Rows of a binary body. */
export function rowsFromBinary(params: ParamInfo[], buf: Buffer): Row[] {
  const recordBytes = params.reduce((n, p) => n + widthOf(p) * (p.type === 'double' ? 8 : p.type === 'integer' ? 4 : p.length!), 0);
  if (buf.length % recordBytes !== 0) throw new Error(`binary body of ${buf.length} bytes is not a whole number of ${recordBytes}-byte records`);
  const rows: Row[] = [];
  const text = (off: number, n: number) => {
    let end = off + n;
    while (end > off && buf[end - 1] === 0) end--;
    return buf.subarray(off, end).toString('utf8');
  };
  for (let off = 0; off < buf.length; ) {
    const time = text(off, params[0].length!);
    off += params[0].length!;
    const values: (number | string)[] = [];
    for (const p of params.slice(1)) {
      for (let k = 0; k < widthOf(p); k++) {
        if (p.type === 'double') {
          values.push(buf.readDoubleLE(off));
          off += 8;
        } else if (p.type === 'integer') {
          values.push(buf.readInt32LE(off));
          off += 4;
        } else {
          values.push(text(off, p.length!));
          off += p.length!;
        }
      }
    }
    rows.push({ time, values });
  }
  return rows;
}

function flatten(v: unknown, out: unknown[]): void {
  if (Array.isArray(v)) for (const x of v) flatten(x, out);
  else out.push(v);
}

/** Rows of a JSON body (`data` array), null read back as NaN for doubles whose fill is NaN. */
export function rowsFromJson(params: ParamInfo[], body: { data: unknown[][] }): Row[] {
  return body.data.map((record) => {
    const values: (number | string)[] = [];
    params.slice(1).forEach((p, j) => {
      const flat: unknown[] = [];
      flatten(record[j + 1], flat);
      if (flat.length !== widthOf(p)) throw new Error(`JSON value of ${p.name} has ${flat.length} elements, expected ${widthOf(p)}`);
      for (const x of flat) values.push(x === null && p.type === 'double' && p.fill === 'NaN' ? Number.NaN : (x as number | string));
    });
    return { time: record[0] as string, values };
  });
}

/** Nesting depth and lengths of a JSON value, e.g. [[1,2,3],[4,5,6]] → [2,3]. */
export function shapeOf(v: unknown): number[] {
  const shape: number[] = [];
  let cur = v;
  while (Array.isArray(cur)) {
    shape.push(cur.length);
    cur = cur[0];
  }
  return shape;
}

/** First difference between two row lists (NaN equals NaN), or undefined when they are equal. */
export function firstDifference(a: Row[], b: Row[]): string | undefined {
  if (a.length !== b.length) return `${a.length} records vs ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    if (a[i].time !== b[i].time) return `record ${i}: time ${a[i].time} vs ${b[i].time}`;
    if (a[i].values.length !== b[i].values.length) return `record ${i}: ${a[i].values.length} values vs ${b[i].values.length}`;
    for (let k = 0; k < a[i].values.length; k++) {
      const x = a[i].values[k];
      const y = b[i].values[k];
      const same = typeof x === 'number' && typeof y === 'number' ? (Number.isNaN(x) && Number.isNaN(y)) || x === y : x === y;
      if (!same) return `record ${i} value ${k}: ${String(x)} vs ${String(y)}`;
    }
  }
  return undefined;
}
