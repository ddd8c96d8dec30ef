import type { Analysis, AnalyseOptions } from '../engine/analyse';
import type { RoundingUnit } from '../engine/decimal';
import type { Flag } from '../engine/flags';
import type { Lang } from '../engine/messages';
import { parseModelOption, parseRatio } from '../engine/models';
import { populationDatasets } from '../engine/reference';
import type { FollowUp } from '../engine/followUp';
import { invoiceCsv } from '../workbook/followUpSheets';
import { mostCommon } from '../engine/population';
import type { PrincipalTable } from '../engine/types';
import type { CellContext } from '../workbook/cellContext';
import type { ScbOptions } from '../scb/client';
import { PopulationColumn, PopulationColumnError, refuseKnownDate } from '../workbook/populationColumn';
import { templateSheets } from '../workbook/template';
import { Download, Host, XLSX_TYPE, ZIP_TYPE } from './host';
import { messageFor } from '../engine/messages';
import { UI } from './i18n';
import { localWork, Work } from './work';

export type Task = 'validate' | 'allocate' | 'distribute' | 'template' | 'followUp' | 'population';

export interface AllocationOptionsUi {
  /** '' = the plan's own model. */
  readonly model: string;
  readonly ratio: string;
  readonly rounding: RoundingUnit;
  /** null = every year of the plan. */
  readonly years: readonly number[] | null;
}

export interface State {
  readonly lang: Lang;
  readonly dark: boolean;
  readonly busy: { readonly task: Task; readonly done?: number; readonly total?: number } | null;
  /** The action last started: its progress and its error are shown next to its button. */
  readonly lastTask: Task | null;
  readonly error: string | null;
  readonly notice: string | null;
  readonly analysis: Analysis | null;
  readonly options: AllocationOptionsUi;
  readonly allocation: { readonly written: readonly string[]; readonly download: Download | null } | null;
  /** "Följ upp": the years followed up, the sheets written, the result file (browser) and the invoice basis as CSV. */
  readonly followUp: { readonly result: FollowUp; readonly written: readonly string[]; readonly download: Download | null; readonly csv: Download } | null;
  readonly distribution: { readonly count: number; readonly fileName: string; readonly preliminary?: boolean } | null;
  /** What is wrong with a choice, said at its control (an unreadable ratio, no year ticked). */
  readonly controlErrors: { readonly ratio: string | null; readonly years: string | null; readonly model?: string | null };
  /** The plan has this many errors: "Skapa kommunfiler" waits for the user to confirm preliminary files. */
  readonly confirmDistribute: number | null;
  readonly template: { readonly written: readonly string[]; readonly fileName?: string } | null;
  /** A first year outside the sane range, said at its control. */
  readonly templateError: string | null;
  readonly datasetId: string;
  readonly firstYear: number;
  /** "Hämta folkmängd från SCB": the county ('' = the plan's own), the year (31 December), and what was written. */
  readonly scbCounty: string;
  readonly scbYear: number;
  readonly scbYearError: string | null;
  /** The flag last clicked and its cell as it is in the sheet. */
  readonly flagContext: { readonly flag: Flag; readonly context: CellContext | null } | null;
  readonly population: { readonly column: PopulationColumn; readonly mismatch: { readonly total: number; readonly sum: number } | null; readonly download: Download | null } | null;
}

/** The years SCB has folkmängd on 31 December for (1968 on, in TAB638) up to last year, the newest published. */
export function scbYears(now = new Date()): { min: number; max: number } {
  return { min: 1968, max: now.getFullYear() - 1 };
}

/** What the pane's I/O beyond the host needs: SCB's address and fetch (tests point them at a replay). */
export interface Services {
  readonly scb?: ScbOptions;
}

/** The first years a plan template offers: last year to ten years ahead (a plan is made for years to come). */
export function templateYears(now = new Date()): { min: number; max: number } {
  return { min: now.getFullYear() - 1, max: now.getFullYear() + 10 };
}

/**
 * The pane's state and actions, free of React and of Office: components
 * render the state and call these methods; the host does the I/O.
 */
export class Controller {
  private state: State;
  private cancelling = false;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly host: Host,
    initial: Partial<State> = {},
    private readonly services: Services = {},
  ) {
    this.state = {
      lang: 'sv',
      dark: false,
      busy: null,
      lastTask: null,
      error: null,
      notice: null,
      analysis: null,
      options: { model: '', ratio: '', rounding: 'kr', years: null },
      allocation: null,
      followUp: null,
      distribution: null,
      controlErrors: { ratio: null, years: null, model: null },
      confirmDistribute: null,
      template: null,
      templateError: null,
      datasetId: populationDatasets('12')[0]?.id ?? populationDatasets()[0].id,
      firstYear: new Date().getFullYear() + 1,
      scbCounty: '',
      scbYear: scbYears().max,
      scbYearError: null,
      population: null,
      flagContext: null,
      ...initial,
    };
  }

  readonly subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  readonly getState = (): State => this.state;

  get hostKind(): Host['kind'] {
    return this.host.kind;
  }

  private set(patch: Partial<State>): void {
    this.state = { ...this.state, ...patch };
    this.listeners.forEach((fn) => fn());
  }

  setLang(lang: Lang): void {
    this.set({ lang });
  }

  setDark(dark: boolean): void {
    this.set({ dark });
  }

  /**
   * A changed choice makes the results on screen stale: they are cleared, so
   * a table or a download never shows what the choices no longer say. A
   * choice that cannot be used is said at its control.
   */
  setOptions(patch: Partial<AllocationOptionsUi>): void {
    const options = { ...this.state.options, ...patch };
    this.set({ options, allocation: null, followUp: null, distribution: null, controlErrors: this.controlErrors(options) });
  }

  private controlErrors(o: AllocationOptionsUi): State['controlErrors'] {
    const t = this.texts();
    return {
      ratio: o.ratio.trim() && !parseRatio(o.ratio) ? t.badRatio : null,
      years: o.years !== null && o.years.length === 0 ? t.noYears : null,
    };
  }

  setError(message: string | null): void {
    this.set({ error: message, lastTask: null });
  }

  setTemplateChoice(patch: { datasetId?: string; firstYear?: number }): void {
    const year = patch.firstYear ?? this.state.firstYear;
    const range = templateYears();
    this.set({ ...patch, template: null, templateError: year >= range.min && year <= range.max ? null : this.texts().firstYearRange(range.min, range.max) });
  }

  /** A new workbook (a new file in the browser): forget results that belong to the old one. */
  resetResults(): void {
    this.set({ analysis: null, allocation: null, followUp: null, distribution: null, confirmDistribute: null, template: null, population: null, error: null, notice: null, options: { ...this.state.options, years: null } });
  }

  setScbChoice(patch: { scbCounty?: string; scbYear?: number }): void {
    const year = patch.scbYear ?? this.state.scbYear;
    const range = scbYears();
    this.set({ ...patch, population: null, scbYearError: Number.isInteger(year) && year >= range.min && year <= range.max ? null : this.texts().scbYearRange(range.min, range.max) });
  }

  /**
   * "Hämta folkmängd från SCB": asks SCB (the one request besides
   * office.js, only on this click) for the county's folkmängd on 31 December
   * and writes it as a new dated column beside the principals table, only
   * into empty cells. Offline, refused or unreadable: the message, nothing
   * changed. The results on screen are then stale and cleared.
   */
  async fetchPopulation(): Promise<void> {
    await this.task('population', async () => {
      const { scbYear, lang } = this.state;
      const range = scbYears();
      if (!Number.isInteger(scbYear) || scbYear < range.min || scbYear > range.max) {
        const message = this.texts().scbYearRange(range.min, range.max);
        this.set({ scbYearError: message });
        throw new Error(message);
      }
      const work = await this.work();
      const table = await work.principals();
      const county = this.state.scbCounty || countyOf(table);
      if (!county) throw new Error(this.texts().scbNoCounty);
      // A date the table has already is refused before SCB is asked.
      try {
        refuseKnownDate(table, `${scbYear}-12-31`);
      } catch (e) {
        throw e instanceof PopulationColumnError ? new Error(e.text(lang)) : e;
      }
      const { fetchCountyPopulation, scbFigures, ScbError } = await import('../scb/client');
      let scb;
      try {
        scb = await fetchCountyPopulation(county, scbYear, this.services.scb);
      } catch (e) {
        throw e instanceof ScbError ? new Error(e.text(lang)) : e;
      }
      const figures = scbFigures(scb);
      let column: PopulationColumn;
      // Read again, not planned from the read above: the user may have typed into the sheet while SCB answered.
      try {
        column = await work.fillPopulation(figures, lang);
      } catch (e) {
        throw e instanceof PopulationColumnError ? new Error(e.text(lang)) : e;
      }
      const sum = figures.byCode.get(scb.county)!;
      const mismatch = scb.countyTotal !== null && scb.countyTotal !== sum ? { total: scb.countyTotal, sum } : null;
      const download = await this.host.resultDownload();
      this.set({ population: { column, mismatch, download }, analysis: null, allocation: null, followUp: null, distribution: null });
    });
  }

  savePopulation(): void {
    const d = this.state.population?.download;
    if (d) this.host.save(d);
  }

  private texts() {
    return UI[this.state.lang];
  }

  /** Runs one action with the busy state, and turns any failure into a message. */
  private async task<T>(task: Task, fn: () => Promise<T>): Promise<T | null> {
    if (this.state.busy) return null;
    this.set({ busy: { task }, error: null, notice: null, lastTask: task });
    try {
      return await fn();
    } catch (e) {
      if (this.cancelling) {
        // The workbook was read again as it was chosen: nothing on screen may speak for what it held.
        this.set({ analysis: null, allocation: null, followUp: null, distribution: null, confirmDistribute: null, population: null, notice: this.texts().cancelled });
      } else this.set({ error: this.errorText(e) });
      return null;
    } finally {
      this.cancelling = false;
      this.set({ busy: null });
    }
  }

  /**
   * A failure as the user should read it: Excel's error codes (cell edit
   * mode, protection, payload limits) as guidance in the pane's language,
   * never a raw message; anything else with its own message.
   */
  errorText(e: unknown): string {
    const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
    const guidance = this.texts().officeErrors[code];
    return `${this.texts().error}: ${guidance ?? (e instanceof Error ? e.message : String(e))}`;
  }

  /** The work on the open workbook: in the host's worker (browser page), else over its port on this thread (Excel). */
  private async work(): Promise<Work> {
    const work = this.host.work ? await this.host.work() : null;
    if (work) return work;
    const port = this.host.port ? await this.host.port() : null;
    if (!port) throw new Error(this.texts().noWorkbook);
    return localWork(port);
  }

  /** Whether the running action can be cancelled here (the browser page ends its worker). */
  get canCancel(): boolean {
    return !!this.host.cancel;
  }

  /**
   * "Avbryt": ends the running action. The browser page ends its worker and
   * reads the file again as it was chosen, so every result on screen that
   * came from the workbook is cleared with it.
   */
  async cancel(): Promise<void> {
    if (!this.state.busy || !this.host.cancel) return;
    this.cancelling = true;
    await this.host.cancel();
  }

  /** Refuses to run on a choice that cannot be used (the control says why): never all years for none ticked, never a ratio guessed. */
  private checkChoices(): void {
    const errors = this.controlErrors(this.state.options);
    this.set({ controlErrors: errors });
    const first = errors.ratio ?? errors.years;
    if (first) throw new Error(first);
  }

  /**
   * A chosen model the principals table cannot carry (fixed percentages
   * without a % column): said at the model control. The lines it would
   * split are held back and listed on the sheets, never split as 0 kr.
   */
  private modelProblem(analysis: Analysis): string | null {
    if (!this.state.options.model) return null;
    const f = analysis.flags.find((x) => x.code === 'MISSING_KEY' && !x.cell) ?? analysis.flags.find((x) => x.code === 'MISSING_KEY');
    return f ? messageFor(f, this.state.lang) : null;
  }

  private analyseOptions(): AnalyseOptions {
    const o = this.state.options;
    const model = o.model ? (parseModelOption(o.model) ?? undefined) : undefined;
    const ratio = o.ratio.trim() ? (parseRatio(o.ratio) ?? undefined) : undefined;
    return { rounding: o.rounding, model, ratio, years: o.years ?? undefined };
  }

  /** "Validera budget": reads the plan and principals and shows the flags. */
  async validate(): Promise<Analysis | null> {
    return this.task('validate', async () => {
      const analysis = await (await this.work()).validate({ ...this.analyseOptions(), years: undefined });
      this.set({ analysis, allocation: null });
      return analysis;
    });
  }

  /** "Fördela": allocates and writes the owned result sheets. */
  async allocate(): Promise<void> {
    await this.task('allocate', async () => {
      this.checkChoices();
      const { analysis, written } = await (await this.work()).allocate(this.analyseOptions(), {
        lang: this.state.lang,
        source: this.host.workbookName(),
        createdAt: new Date().toISOString().slice(0, 16).replace('T', ' '),
      });
      const download = await this.host.resultDownload();
      this.set({ analysis, allocation: { written, download }, controlErrors: { ...this.state.controlErrors, model: this.modelProblem(analysis) } });
    });
  }

  /** "Skapa kommunfiler": one plain-values workbook per principal, as a zip; from a plan with errors only when confirmed, marked Preliminär. */
  async distribute(allowErrors = false): Promise<void> {
    if (this.host.canDownload === false) {
      // Excel for Mac cannot save from the pane: say so, and open the browser page, which can.
      this.set({ notice: this.texts().noDownloadHere, error: null });
      this.host.openBrowserPage?.();
      return;
    }
    await this.task('distribute', async () => {
      const work = await this.work();
      const result = await work.distribute(this.analyseOptions(), { lang: this.state.lang, source: this.host.workbookName(), allowErrors }, (done, total) =>
        this.set({ busy: { task: 'distribute', done, total } }),
      );
      if ('refused' in result) {
        this.set({ analysis: result.analysis, distribution: null, confirmDistribute: result.refused });
        return;
      }
      const fileName = `${this.host.workbookName().replace(/\.xlsx$/i, '')}-kommunfiler.zip`;
      this.host.save({ name: fileName, bytes: result.zip, type: ZIP_TYPE });
      this.set({ analysis: result.analysis, confirmDistribute: null, distribution: { count: result.count, fileName, preliminary: result.preliminary } });
    });
  }

  /** The user declined preliminary files. */
  cancelDistribute(): void {
    this.set({ confirmDistribute: null });
  }

  /** "Skapa planmall": a template plan and a principals table in new sheets. */
  /**
   * "Skapa planmall": in Excel, new sheets in the open workbook; in the
   * browser, a new workbook of its own name ("planmall-orebro-2027.xlsx"),
   * with or without a plan open, never mixed into the plan's results.
   */
  async insertTemplate(): Promise<void> {
    await this.task('template', async () => {
      const { firstYear, datasetId, lang } = this.state;
      const range = templateYears();
      if (!Number.isInteger(firstYear) || firstYear < range.min || firstYear > range.max) {
        const message = this.texts().firstYearRange(range.min, range.max);
        this.set({ templateError: message });
        throw new Error(message);
      }
      const specs = templateSheets(datasetId, firstYear, lang, `_${Date.now().toString(36).slice(-4)}`);
      if (this.host.kind === 'browser') {
        const { newWorkbookBuffer } = await import('../xlsx/exceljsWorkbook');
        const name = `planmall-${datasetId.replace(/-\d{4}-\d{2}-\d{2}$/, '')}-${firstYear}.xlsx`;
        this.host.save({ name, bytes: await newWorkbookBuffer(specs), type: XLSX_TYPE });
        this.set({ template: { written: specs.map((x) => x.name), fileName: name } });
        return;
      }
      const written = await (await this.work()).addSheets(specs);
      this.set({ template: { written } });
    });
  }

  /**
   * A flag was clicked: Excel selects its cell; next to the flag the pane
   * shows the cell as it is in the sheet, with its row and column labels and
   * its neighbours (the browser page has no selection to show). A second
   * click hides it.
   */
  async showFlag(f: Flag): Promise<void> {
    if (!f.sheet || !f.cell) return;
    if (this.state.flagContext?.flag === f) {
      this.set({ flagContext: null });
      return;
    }
    try {
      if (this.host.kind === 'excel') await this.host.selectCell(f.sheet, f.cell);
      const context = await (await this.work()).cellContext(f.sheet, f.cell);
      this.set({ flagContext: { flag: f, context } });
    } catch (e) {
      this.set({ error: `${this.texts().error}: ${e instanceof Error ? e.message : String(e)}`, lastTask: 'validate' });
    }
  }

  /** "Hjälp och källor": the host opens it outside the pane. */
  openHelp(): void {
    this.host.openHelp();
  }

  saveResult(): void {
    const d = this.state.allocation?.download;
    if (d) this.host.save(d);
  }

  /**
   * "Följ upp": outcome (or forecast) against budget and the settlement per
   * principal, written as the add-in's sheets beside the budget's; the
   * invoice basis ready as a CSV for Swedish Excel.
   */
  async followUp(): Promise<void> {
    await this.task('followUp', async () => {
      this.checkChoices();
      const source = this.host.workbookName();
      const { followUp: result, written } = await (await this.work()).followUp({ ...this.analyseOptions(), currentYear: new Date().getFullYear() }, {
        lang: this.state.lang,
        source,
        createdAt: new Date().toISOString().slice(0, 16).replace('T', ' '),
      });
      const download = await this.host.resultDownload();
      const csv = { name: `${source.replace(/\.xls[xm]$/i, '')}-fakturaunderlag.csv`, bytes: new TextEncoder().encode(invoiceCsv(result, this.state.lang)), type: 'text/csv;charset=utf-8' };
      this.set({ analysis: { ...result.budget, flags: result.flags }, followUp: { result, written, download, csv } });
    });
  }

  saveFollowUp(which: 'result' | 'csv'): void {
    const f = this.state.followUp;
    const d = which === 'csv' ? f?.csv : f?.download;
    if (d) this.host.save(d);
  }
}

/** The county of a principals table: the region's code, else the one most of its municipalities' codes start with. */
export function countyOf(table: PrincipalTable | null): string | null {
  if (!table) return null;
  const region = table.principals.find((p) => p.kind === 'region' && /^\d{2}$/.test(p.code));
  return region?.code ?? mostCommon(table.principals.filter((p) => /^\d{4}$/.test(p.code)).map((p) => p.code.slice(0, 2))) ?? null;
}
