/**
 * Limits of one batch request (documented in the README and /openapi.json).
 * 2,000 vessels with 12 calls each fit with room to spare; beyond them the
 * batch is refused with a 413 problem rather than risking the Worker's CPU
 * and memory limits.
 */
export const BATCH_LIMITS = {
  /** Vessels (quote requests) per batch. */
  vessels: 2_000,
  /** Port calls per batch, all vessels together (each vessel also keeps the 500-call limit of one quote). */
  calls: 50_000,
  /** Request body, in bytes (16 MiB): the route's own limit instead of the 256 KiB of the other routes. */
  bodyBytes: 16 * 1024 * 1024,
  /** Parts of a multipart/form-data batch: it needs two (calls, vessels); a few more are reported, beyond this it is refused. */
  multipartParts: 16,
  /** Errors written for one vessel; beyond them the vessel reports how many were left out. */
  errorsPerVessel: 20,
  /** Errors written for the whole batch, vessels and orphan rows together; beyond them only counts. */
  errorsPerBatch: 1_000,
} as const;
