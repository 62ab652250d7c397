/**
 * Photospheric physics shared by the synoptic pipeline and the simulator: the JSOC (Pierce &
 * Slaughter) and Neckel & Labs continuum limb-darkening laws, the radial-field assumption, the
 * HMI limb and QUALITY conventions, and the per-pixel disk corrections of HMI images.
 *
 * @module
 */
export * from './hmi.ts';
export * from './limb-darkening.ts';
export * from './disk-correction.ts';
