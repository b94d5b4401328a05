/** Something a picker lists. */
export interface Filterable {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
}

/**
 * The options whose label, description or id contain every word of `query` (ignoring case),
 * in their original order. An empty query keeps them all.
 */
export function filterOptions<T extends Filterable>(
  options: readonly T[],
  query: string,
): readonly T[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return options;
  return options.filter((option) => {
    const haystack = `${option.label} ${option.description ?? ""} ${option.id}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}
