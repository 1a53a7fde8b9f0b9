/**
 * Property tests run on a fixed seed by default: every CI run judges the same generated cases, so whether a
 * change lands never depends on which cases a run happened to draw, and a failure prints the seed and path
 * that replay it. Campaigns by hand hunt with fresh cases: `PROPERTY_SEED=random` (or a number, to replay a
 * seed a failure printed).
 */
import fc from 'fast-check';

/** The seed CI runs every property test with. */
const CI_SEED = 20261206;

const chosen = process.env.PROPERTY_SEED;
if (chosen !== 'random') {
  const seed = chosen === undefined || chosen === '' ? CI_SEED : Number(chosen);
  if (!Number.isInteger(seed))
    throw new Error(`PROPERTY_SEED must be an integer or "random", not "${chosen}"`);
  fc.configureGlobal({ seed });
}
