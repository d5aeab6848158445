/** The storm's declarers: `U0STORM01`…, one person per declaration. */
export function stormPeople(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `U0STORM${String(i + 1).padStart(2, '0')}`);
}

/** Declaration `n`'s title; `Storm 007` in the headline and `storm-007` in its channel's name tell which it is. */
export const stormTitle = (n: number) => `Storm ${String(n).padStart(3, '0')} checkout errors in eu-west`;
