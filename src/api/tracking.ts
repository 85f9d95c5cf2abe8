/**
 * Parameters that links pick up on their way (campaign tags, click ids): a
 * page a person opens ignores them rather than refusing the link.
 * @example isTrackingParameter('utm_source') // true
 */
const TRACKING = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'mc_cid',
  'mc_eid',
  'yclid',
  '_ga',
  '_gl',
]);

export function isTrackingParameter(name: string): boolean {
  return name.startsWith('utm_') || TRACKING.has(name);
}
