/**
 * Reading an input image for a pipeline. A file that no longer reads (changed or damaged after
 * discovery) becomes a BadInputError naming the file, so that the worker quarantines it.
 *
 * @module
 */
import path from 'node:path';
import { FitsError } from '../../../../products/src/fits/errors.ts';
import { firstImage, readFitsFile, type FitsImage } from '../../../../products/src/fits/reader.ts';
import { BadInputError } from './types.ts';

export async function readInputImage(inputDir: string, relativePath: string, opts: { float32?: boolean } = {}): Promise<FitsImage> {
  try {
    return firstImage(await readFitsFile(path.join(inputDir, relativePath), { source: relativePath, ...opts }));
  } catch (e) {
    if (e instanceof FitsError) throw new BadInputError(relativePath, e.message, { cause: e });
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new BadInputError(relativePath, 'the file disappeared after discovery', { cause: e });
    throw e;
  }
}
