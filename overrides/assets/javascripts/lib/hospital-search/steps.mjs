/**
 * The no-province step plan (step 3 of a search without a province): in which order candidate
 * cells are searched, and where each step stops. Pure: the numbers in, the plan out.
 *
 * Without a province the search goes in steps and stops at the first that finds something:
 *   (a) the preferred cells alone (FOCUS, see prioritise), up to half the budget: a few KB when a
 *       name starts as typed; a start ten cities share stays under 60 KB. Left out when the
 *       caller asks to search wider (继续查找其他城市);
 *   (b) the candidates in priority order, up to the budget;
 *   (c) for a Chinese term, one more budget (pinyin narrows less, and an extra step rarely
 *       found the hospital).
 */

export const GLOBAL_ROW_BUDGET = 8000 // rows searched per step when no province is chosen (~60 KB)

/** Priorities a cell can earn; the sum orders the candidates (see prioritise). */
export const PRIORITY = {
  start: 8, // a name in it starts the way every term does (starts/)
  namesPlace: 4, // a term names its city or province (济宁 人民医院)
  startsWithPlace: 2, // a term begins with its city's or province's name (济宁附属, cqszyy)
  strong: 1 // it has every looked-up bigram of the Chinese terms (the term in one piece)
}

/**
 * Order candidates by priority (stable: ties keep cell order) and say how many lead the list as
 * the first step's focus: every cell with a name that starts as typed, or else the best group
 * (济宁附属: the cities whose name it starts with, not every cell with 附属); 0 for none.
 * @template T
 * @param {[number, T][]} ranked - [priority, candidate] in cell order
 * @returns {{ordered: T[], focus: number}}
 */
export function prioritise(ranked) {
  const sorted = [...ranked].sort((a, b) => b[0] - a[0])
  const top = sorted.length ? sorted[0][0] : 0
  const focus = top >= PRIORITY.start
    ? sorted.filter(([p]) => p >= PRIORITY.start).length
    : top > 0 ? sorted.filter(([p]) => p === top).length : 0
  return { ordered: sorted.map(([, c]) => c), focus }
}

/**
 * Plan the steps over candidates in priority order. A step takes the next candidates while their
 * rows fit its row limit (the first candidate of the whole search always goes in); a step that
 * would add nothing is left out.
 * @param {number[]} counts - rows of each candidate, in priority order
 * @param {{budget: number, focus?: number, pinyin?: boolean, wider?: boolean}} options - rows per
 *   step; leading candidates the first step may keep to; whether a term is pinyin (no step c);
 *   whether to skip the focused step
 * @returns {number[]} for each step, how many leading candidates are searched once it is done
 */
export function planSteps(counts, { budget, focus = 0, pinyin = false, wider = false }) {
  const limits = []
  if (focus && focus < counts.length && !wider) limits.push([focus, budget / 2]) // => a
  limits.push([counts.length, budget]) // => b
  if (!pinyin) limits.push([counts.length, 2 * budget]) // => c
  const ends = []
  let chosen = 0
  let rows = 0
  for (const [upTo, rowLimit] of limits) {
    const from = chosen
    while (chosen < upTo && (chosen === 0 || rows + counts[chosen] <= rowLimit)) rows += counts[chosen++]
    if (chosen > from) ends.push(chosen)
  }
  return ends
}
