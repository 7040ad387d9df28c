/**
 * Hospital search core (查医院): the public entry that pages, tools and tests import. The code
 * lives in ./hospital-search/, one module per step, over the files generator/search/ writes
 * (described once in generator/search/FORMAT.md). No window, no document.
 *
 *   text.mjs        1. normalise a query as the build normalised the names; split into terms
 *   keys.mjs           index keys, FNV-1a chunks, cell lists (base-32 gaps)
 *   candidates.mjs  2. the cells that can match a term: name index, pinyin index, starts/
 *   pinyin.mjs         readings, matching a term against the syllables of a name, cuts of a term
 *   cells.mjs          cell files made ready for matching; places with their readings
 *   rank.mjs        3, 4. match every row of loaded cells; the ranking order
 *   steps.mjs          without a province: candidate priority and the step plan (planSteps)
 *   state.mjs          the search as URL parameters, cleaned against the manifest
 *   data.mjs        HospitalData: loads files on demand, caches them, runs a search (step 5:
 *                   detail blocks of the rows shown)
 */

export { addPinyin, makePlace, prepareCell } from "./hospital-search/cells.mjs"
export { pinyinCells, runCells, startCells, strongCells, termCells } from "./hospital-search/candidates.mjs"
export { DEFAULT_LIMIT, FORMAT_VERSION, HospitalData } from "./hospital-search/data.mjs"
export { chunkOf, decodeCells, indexKeys } from "./hospital-search/keys.mjs"
export { matchPinyin, pinyinPieces, pinyinQuery, preparePinyin, syllables } from "./hospital-search/pinyin.mjs"
export { SCORE, compareHits, matchGapped, matchPlace, rankRows, scoreName, startsWithPlace } from "./hospital-search/rank.mjs"
export { STATE_KEYS, cleanState, stateFromParams, stateToParams } from "./hospital-search/state.mjs"
export { GLOBAL_ROW_BUDGET, PRIORITY, planSteps, prioritise } from "./hospital-search/steps.mjs"
export { MAX_QUERY_CHARS, MAX_TERMS, isPinyinTerm, normalize, parseQuery, parseT2S, shortPlaceName } from "./hospital-search/text.mjs"
