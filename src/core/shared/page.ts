/** One page of a list, with the cursor of the next page (null on the last). */
export interface Page<T> {
  results: T[];
  next: string | null;
}
