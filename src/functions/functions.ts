/* global CustomFunctions */
/* eslint-disable @typescript-eslint/no-explicit-any -- the metadata generator needs `any` to match `{any}` in JSDoc */
import { excelLanguage } from '../excel/office';
import { allocateCore, amountCore, explainCore, FnResult, isError, RangeCache, rateCore, shareCore } from './core';

/**
 * The SGD.* custom functions: JSDoc metadata (read by
 * custom-functions-metadata-plugin into functions.json), a one-line adapter,
 * and a pure core in core.ts. Swedish names come from functions-sv.json
 * (see localize.ts). The plugin appends the CustomFunctions.associate calls.
 */

const cache = new RangeCache();

/** A core result as Excel wants it: the value, or #VALUE!/#N/A with a message in Excel's language. */
function cell<T>(r: FnResult<T>): T {
  if (!isError(r)) return r;
  const code = r.error === 'na' ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
  throw new CustomFunctions.Error(code, r.message[excelLanguage()]);
}

/**
 * One principal's share of an amount, the same number as its entry of the full exact split, so a column of SHARE cells adds up to the amount.
 * @customfunction SHARE SHARE
 * @param {any} amount Amount to split, a number or text such as "1 150 000 kr".
 * @param {any} principal Code or name of the principal, e.g. 1280 or "Malmö".
 * @param {any[][]} principals Range with code or name, kind and population (and key columns), with or without a header row.
 * @param {any} [model] "1:1" (default; region-municipality), "region-municipality-equal", "per-capita", "municipalities-per-capita", "equal", "equal-municipalities", "key:<column>", "percent" or "own-cost".
 * @param {any} [ratio] Region : municipalities ratio as text, e.g. "1:1" (default) or "60/40".
 * @param {any} [rounding] "kr" (default) or "öre".
 * @returns {number} The principal's share in kronor.
 */
export function share(amount: any, principal: any, principals: any[][], model?: any, ratio?: any, rounding?: any): number {
  return cell(shareCore(cache, amount, principal, principals, model, ratio, rounding));
}

/**
 * Every principal's share of an amount, as a column beside the principals range. The column adds up to the amount exactly.
 * @customfunction ALLOCATE ALLOCATE
 * @param {any} amount Amount to split, a number or text such as "1 150 000 kr".
 * @param {any[][]} principals Range with code or name, kind and population (and key columns), with or without a header row.
 * @param {any} [model] "1:1" (default; region-municipality), "region-municipality-equal", "per-capita", "municipalities-per-capita", "equal", "equal-municipalities", "key:<column>", "percent" or "own-cost".
 * @param {any} [ratio] Region : municipalities ratio as text, e.g. "1:1" (default) or "60/40".
 * @param {any} [rounding] "kr" (default) or "öre".
 * @returns {any[][]} One share per row of the range; blank for a header or an empty row.
 */
export function allocate(amount: any, principals: any[][], model?: any, ratio?: any, rounding?: any): any[][] {
  return cell(allocateCore(cache, amount, principals, model, ratio, rounding));
}

/**
 * Cost per inhabitant and organisation in öre, as the plans state it: amount / (2 × population), two decimals.
 * @customfunction RATE RATE
 * @param {any} amount The joint amount of the year.
 * @param {any} population The county population (the sum of the municipalities').
 * @returns {number} Öre per inhabitant.
 */
export function rate(amount: any, population: any): number {
  return cell(rateCore(amount, population));
}

/**
 * One line of text saying how a principal's share was computed: model, ratio, population and date, rate and remainder units.
 * @customfunction EXPLAIN EXPLAIN
 * @param {any} amount Amount to split.
 * @param {any} principal Code or name of the principal.
 * @param {any[][]} principals Range with code or name, kind and population.
 * @param {any} [model] "1:1" (default; region-municipality), "region-municipality-equal", "per-capita", "municipalities-per-capita", "equal", "equal-municipalities", "key:<column>", "percent" or "own-cost".
 * @param {any} [ratio] Region : municipalities ratio as text, e.g. "1:1".
 * @param {any} [rounding] "kr" (default) or "öre".
 * @returns {string} The explanation.
 */
export function explain(amount: any, principal: any, principals: any[][], model?: any, ratio?: any, rounding?: any): string {
  return cell(explainCore(cache, amount, principal, principals, model, ratio, rounding, excelLanguage()));
}

/**
 * A number from Swedish amount text: "1 150 000 kr", "1150000,50", "−50 000", "82,09 öre/inv".
 * @customfunction AMOUNT AMOUNT
 * @param {any} text The amount as text.
 * @returns {number} The amount as a number.
 */
export function amount(text: any): number {
  return cell(amountCore(text));
}

/** For tests and the task pane: forget cached ranges. */
export function clearFunctionCache(): void {
  cache.clear();
}
