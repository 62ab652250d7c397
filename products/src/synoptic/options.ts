/**
 * Settings of the synchronous synoptic merge (SCIENCE.md §2.2, §3.2, §8: all **not established**,
 * configurable, never test truth) and the input error of the pipeline.
 *
 * Weighting (quoted by the Help page). Each image i, observed at t_i, contributes to a map cell the
 * value it sees there after differential rotation to t_ref, with the weight
 *
 *     w_i = g(Δt_i) · h(μ_i),   g(Δt) = exp(−(Δt/τ)²),   h(μ) = μ^p,   Δt_i = t_ref − t_i,
 *
 * where μ_i is the cosine of the angle between the local vertical and the line of sight of image i.
 * Cells with μ < μ_min in image i get nothing from it, nor do images with |Δt| > maxAgeDays. The
 * map holds Σ w_i v_i / Σ w_i, the WEIGHT plane Σ w_i and the DATA_AGE plane Σ w_i |Δt_i| / Σ w_i
 * in hours. Defaults: τ = 2 days, p = 1 (Auchère et al. 2005 principles, the SCIENCE.md §2.2
 * proposal), μ_min = 0.2 for UV/EUV (limb brightening and off-limb emission) and 0.109 for HMI
 * (r < 0.994 R_sun, as the JSOC synoptic maps), maxAgeDays = 18 (one image sees a point for about
 * 12 days of the 27.3-day synodic rotation, so 18 days back fill the far side; with τ = 2 d the
 * weight stays above the float32 range limit there), rotation law Howard et al. (1990).
 *
 * @module
 */
import { ROTATION_MODELS, type RotationModel } from '../geometry/diffrot.ts';
import { HMI_MU_MIN } from '../photosphere/hmi.ts';

/** A synoptic input or option that cannot be used; the message says which and why. */
export class SynopticInputError extends Error {
  override readonly name = 'SynopticInputError';
}

/** Merge settings (see the module comment for the formula). */
export interface SynopticWeighting {
  /** Cells with μ < muMin in an image get no value from that image. */
  muMin: number;
  /** τ of the age weight g(Δt) = exp(−(Δt/τ)²), in days. */
  tauDays: number;
  /** p of the centre-to-limb weight h(μ) = μ^p (0 = no μ weighting). */
  muPower: number;
  /** Images with |t_ref − t_obs| larger than this (days) are not used. */
  maxAgeDays: number;
  /** Differential rotation law that brings each image to t_ref (geometry/diffrot.ts). */
  rotationModel: RotationModel;
}

/** μ cut of the UV/EUV maps (SCIENCE.md §2.2: 0.2-0.3 because of limb brightening). */
export const EUV_MU_MIN = 0.2;

/** Defaults of a product: EUV and HMI differ only by μ_min. */
export function defaultWeighting(product: 'synoptic-euv' | 'synoptic-photosphere'): SynopticWeighting {
  return {
    muMin: product === 'synoptic-euv' ? EUV_MU_MIN : HMI_MU_MIN,
    tauDays: 2,
    muPower: 1,
    maxAgeDays: 18,
    rotationModel: 'howard',
  };
}

/** Defaults overridden by `options`, validated. @throws SynopticInputError */
export function resolveWeighting(product: 'synoptic-euv' | 'synoptic-photosphere', options: Partial<SynopticWeighting> = {}): SynopticWeighting {
  const w: SynopticWeighting = { ...defaultWeighting(product) };
  for (const [k, v] of Object.entries(options)) if (v !== undefined) (w as unknown as Record<string, unknown>)[k] = v;
  if (!(w.muMin >= 0 && w.muMin < 1)) throw new SynopticInputError(`muMin must be in [0, 1), got ${w.muMin}`);
  if (!(w.tauDays > 0 && Number.isFinite(w.tauDays))) throw new SynopticInputError(`tauDays must be a positive number, got ${w.tauDays}`);
  if (!(w.muPower >= 0 && Number.isFinite(w.muPower))) throw new SynopticInputError(`muPower must be a number >= 0, got ${w.muPower}`);
  if (!(w.maxAgeDays > 0)) throw new SynopticInputError(`maxAgeDays must be positive, got ${w.maxAgeDays}`);
  if (!ROTATION_MODELS.includes(w.rotationModel))
    throw new SynopticInputError(`rotationModel must be one of ${ROTATION_MODELS.join(', ')}, got ${JSON.stringify(w.rotationModel)}`);
  return w;
}

/**
 * The weighting as sentences for the Help page (parameters with their values for this product):
 * the same rule as the module comment, generated so that the page cannot drift from the code.
 */
export function weightingHelp(product: 'synoptic-euv' | 'synoptic-photosphere', w: SynopticWeighting = defaultWeighting(product)): string[] {
  return [
    `Each image i observed at t_i contributes to a map cell with the weight w_i = exp(-(dt_i/tau)^2) * mu_i^p, dt_i = t_ref - t_i, tau = ${w.tauDays} d, p = ${w.muPower}.`,
    `mu_i is the cosine of the angle between the local vertical and the line of sight of image i; cells with mu_i < ${w.muMin.toFixed(3)} get nothing from image i.`,
    `Images more than ${w.maxAgeDays} days from t_ref are not used; each image is first shifted to t_ref with the ${w.rotationModel} differential rotation law.`,
    'The map is sum(w_i v_i) / sum(w_i); the WEIGHT plane is sum(w_i) (0 = no data) and the DATA_AGE plane sum(w_i |dt_i|) / sum(w_i) in hours.',
  ];
}
