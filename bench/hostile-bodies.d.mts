/** Types of bench/hostile-bodies.mjs, for the workerd test that imports it. */
export declare const HOSTILE_BODY_BYTES: number;
export declare function hostileBodies(): Array<{
  name: string;
  text: string;
  flaw: 'depth' | 'width' | 'reserved' | 'duplicate' | null;
}>;
