import type { Dec, RoundingUnit } from './decimal';

/** Where a value came from: a sheet and an A1 address. */
export interface CellRef {
  readonly sheet: string;
  readonly cell: string;
}

export type PrincipalKind = 'region' | 'municipality';

/** A region or municipality that pays a share (huvudman). */
export interface Principal {
  readonly code: string;
  readonly name: string;
  readonly kind: PrincipalKind;
  /** Folkmängd (SCB) at `populationDate`; null when missing. */
  readonly population: Dec | null;
  readonly populationDate: string | null;
  readonly populationSource: string | null;
  /** True when the population was filled from bundled reference data on request. */
  readonly populationFilled?: boolean;
  /** Key/usage columns (users, licences) and percentages, by column header. */
  readonly keys: Readonly<Record<string, Dec | null>>;
  /** The row of the principal (its code cell). */
  readonly ref: CellRef | null;
  readonly populationRef: CellRef | null;
  readonly keyRefs?: Readonly<Record<string, CellRef>>;
  /** Dated population figures when the table has several population columns; each year uses the latest dated before it starts. */
  readonly populations?: readonly DatedPopulation[];
  /** What the principal has paid or been invoiced per year ("Inbetalt 2025", "Fakturerat 2025"), for the settlement. */
  readonly paid?: Readonly<Record<number, Dec>>;
  /** The first and last year the principal takes part ("Deltar från" / "Deltar till"); null = always. */
  readonly fromYear?: number | null;
  readonly toYear?: number | null;
}

/** One population column's figure for a principal. */
export interface DatedPopulation {
  readonly value: Dec | null;
  readonly date: string | null;
  readonly source: string | null;
  readonly ref: CellRef | null;
}

/** Region : municipality group ratio, e.g. 1:1 or 60:40. */
export interface Ratio {
  readonly region: Dec;
  readonly municipalities: Dec;
}

/** How the group of municipalities splits its part under the region : group ratio. */
export type GroupSplit = { readonly by: 'population' } | { readonly by: 'equal' } | { readonly by: 'key'; readonly column: string };

/**
 * The allocation models (docs/domain.md), except co-financing and external
 * financing, which are line attributes. Each kind is declared once in
 * src/engine/models/ (its words, description, weights, rate).
 */
export type ModelSpec =
  | { readonly kind: 'region-municipality'; readonly ratio: Ratio; readonly group: GroupSplit }
  | { readonly kind: 'per-capita' }
  | { readonly kind: 'municipalities-per-capita' }
  | { readonly kind: 'equal'; readonly scope: 'all' | 'municipalities' }
  | { readonly kind: 'key'; readonly column: string }
  | { readonly kind: 'percent'; readonly column: string }
  | { readonly kind: 'own-cost' };

export type Financing = 'joint' | 'external' | 'own';

/** Participants pay `percent` of the line among themselves; the rest goes through the line's model. */
export interface CoFinancing {
  readonly percent: Dec;
  /** Codes or names as written in the plan. */
  readonly participants: readonly string[];
  /** Key column the participants split by; equal shares when null. */
  readonly key: string | null;
  readonly ref: CellRef | null;
}

/** One line of the plan: a focus area in a year with one financing form. */
export interface PlanLine {
  readonly area: string;
  readonly year: number;
  readonly financing: Financing;
  /** The line's own model; null means the plan's default. */
  readonly model: ModelSpec | null;
  readonly amount: Dec;
  readonly outcome: Dec | null;
  readonly forecast: Dec | null;
  readonly coFinancing: CoFinancing | null;
  /** External money deducted from a joint line before the split. */
  readonly externalDeduction: Dec | null;
  /** Who pays external money (a programme, a grant) or an own cost; null = not named. */
  readonly payer: string | null;
  /** The line's status as written ("Beslutad", "Prioriterats, ej genomförs"); null when the plan has none. */
  readonly status?: string | null;
  /** Why the line is not split although it has an amount: not carried out, or words the tool cannot classify. */
  readonly hold?: LineHold | null;
  readonly refs: {
    readonly area: CellRef | null;
    readonly amount: CellRef | null;
    readonly outcome?: CellRef | null;
    readonly forecast?: CellRef | null;
    readonly model?: CellRef | null;
  };
}

/** A line kept out of the split, with the words that put it there. */
export interface LineHold {
  /** 'model-not-applicable': the model needs what the principals table lacks (a key column, weights not all zero). */
  readonly reason: 'not-carried-out' | 'unknown-status' | 'unknown-financing' | 'unknown-model' | 'model-not-applicable';
  readonly text: string;
  readonly ref: CellRef | null;
}

/** A total written in the plan (DELSUMMA, SUMMA): checked, never used as the amount. */
export interface StatedTotal {
  readonly year: number | null;
  readonly scope: Financing | 'all';
  readonly label: string;
  readonly value: Dec;
  readonly ref: CellRef;
}

/** A cost per inhabitant written in the plan, in öre. */
export interface StatedRate {
  readonly year: number;
  readonly value: Dec;
  readonly ref: CellRef;
}

/** The user's own share cells for a year (e.g. a column "Andel 2024" next to the principals). */
export interface UserShareColumn {
  readonly year: number;
  readonly header: CellRef;
  readonly values: ReadonlyArray<{ readonly code: string; readonly value: Dec; readonly ref: CellRef }>;
}

export interface Plan {
  readonly sheet: string;
  readonly layout: 'wide' | 'long';
  readonly lines: readonly PlanLine[];
  readonly defaultModel: ModelSpec | null;
  readonly statedTotals: readonly StatedTotal[];
  readonly statedRates: readonly StatedRate[];
  readonly statedPopulation: { readonly value: Dec; readonly date: string | null; readonly ref: CellRef } | null;
  /** Years named in the plan's headers, including years without lines. */
  readonly years: readonly number[];
  /** Who sends the plan and on what decision, from cells such as "Avsändare: …", "Kontakt: …", "Beslut: …" (for the municipality files). */
  readonly info?: PlanInfo;
}

export interface PlanInfo {
  readonly sender: string | null;
  readonly contact: string | null;
  readonly decision: string | null;
}

export interface PrincipalTable {
  readonly sheet: string;
  readonly principals: readonly Principal[];
  readonly userShares: readonly UserShareColumn[];
}

export interface AllocationOptions {
  /** Overrides the plan's default model (lines with their own model keep it). */
  readonly model?: ModelSpec;
  /** Overrides the ratio of the region : municipality model. */
  readonly ratio?: Ratio;
  readonly rounding: RoundingUnit;
  /** Only these years; all when absent. */
  readonly years?: readonly number[];
  /** Principals expected, e.g. 34 in Skåne; derived from the codes' county when absent. */
  readonly expectedPrincipals?: number;
}
