import type { CategoryNode } from '@onhand/contracts';
import { type RawBuilder, sql } from 'kysely';

/** The separator of a category path (`食品/饮料`). */
const SEPARATOR = '/';

/**
 * A category and everything under it: `食品` matches `食品` and `食品/饮料`, not `食品类`. Compared
 * by prefix rather than LIKE, which the embedded database folds to lower case.
 */
export function underCategory(column: string, category: string): RawBuilder<boolean> {
  const prefix = `${category}${SEPARATOR}`;
  const ref = sql.ref(column);
  return sql<boolean>`(${ref} = ${category} or substr(${ref}, 1, ${prefix.length}) = ${prefix})`;
}

/** The tree of the categories items name, each ancestor included, with the items at or below each. */
export function categoryTree(counts: readonly { category: string; items: number }[]): CategoryNode[] {
  const nodes = new Map<string, CategoryNode>();
  for (const { category, items } of counts) {
    const names = category.split(SEPARATOR);
    names.forEach((name, depth) => {
      const path = names.slice(0, depth + 1).join(SEPARATOR);
      const parent = depth === 0 ? null : names.slice(0, depth).join(SEPARATOR);
      const node = nodes.get(path) ?? { path, name, parent, depth, itemCount: 0 };
      node.itemCount += items;
      nodes.set(path, node);
    });
  }
  return [...nodes.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
