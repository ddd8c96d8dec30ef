/**
 * Swedish names and descriptions of the custom functions. The metadata
 * generated from JSDoc (functions.json) is English and cannot be localized by
 * itself; the build derives functions-sv.json from it with this table, and the
 * manifest points Swedish Excel at that file.
 */

import { SgdError } from '../engine/errors';
import { choiceList } from '../engine/models';

interface FunctionText {
  readonly name: string;
  readonly description: string;
  readonly parameters: Readonly<Record<string, { readonly name: string; readonly description: string }>>;
}

const P = {
  amount: { name: 'belopp', description: 'Beloppet att fördela, ett tal eller text som "1 150 000 kr".' },
  principal: { name: 'huvudman', description: 'Huvudmannens kod eller namn, t.ex. 1280 eller "Malmö".' },
  principals: { name: 'huvudmän', description: 'Område med kod eller namn, typ och folkmängd (och nyckelkolumner), med eller utan rubrikrad.' },
  model: { name: 'modell', description: `Modellen: ${choiceList('sv')}; standard "1:1" (region-municipality).` },
  ratio: { name: 'förhållande', description: 'Förhållandet region : kommuner som text, t.ex. "1:1" (standard) eller "60/40".' },
  rounding: { name: 'avrundning', description: '"kr" (standard) eller "öre".' },
};

export const SWEDISH: Readonly<Record<string, FunctionText>> = {
  SHARE: {
    name: 'ANDEL',
    description: 'En huvudmans andel av ett belopp, samma tal som i hela den exakta fördelningen; en kolumn med ANDEL summerar exakt till beloppet.',
    parameters: P,
  },
  ALLOCATE: {
    name: 'FÖRDELA',
    description: 'Alla huvudmäns andelar av ett belopp som en kolumn bredvid området; kolumnen summerar exakt till beloppet.',
    parameters: P,
  },
  RATE: {
    name: 'TAXA',
    description: 'Kostnad per invånare och organisation i öre, som planerna anger den: belopp / (2 × folkmängd), två decimaler.',
    parameters: {
      amount: { name: 'belopp', description: 'Årets gemensamma belopp.' },
      population: { name: 'folkmängd', description: 'Länets folkmängd (kommunernas summa).' },
    },
  },
  EXPLAIN: {
    name: 'FÖRKLARA',
    description: 'En rad text om hur andelen räknades fram: modell, förhållande, folkmängd och datum, taxa och restenheter.',
    parameters: P,
  },
  AMOUNT: {
    name: 'BELOPP',
    description: 'Ett tal ur belopp skrivet som text: "1 150 000 kr", "1150000,50", "−50 000", "82,09 öre/inv".',
    parameters: { text: { name: 'text', description: 'Beloppet som text.' } },
  },
};

interface Metadata {
  functions: Array<{ id: string; name: string; description?: string; parameters: Array<{ name: string; description?: string }> }>;
}

/**
 * The Swedish metadata from the generated English one.
 * @throws SgdError naming the function or parameter that has no Swedish text
 */
export function localizeMetadata(english: string, table: Readonly<Record<string, FunctionText>> = SWEDISH): string {
  const meta = JSON.parse(english) as Metadata;
  for (const f of meta.functions) {
    const sv = table[f.id];
    if (!sv) throw new SgdError('LOCALIZE', `no Swedish text for custom function ${f.id}`);
    f.name = sv.name;
    f.description = sv.description;
    for (const p of f.parameters) {
      const t = sv.parameters[p.name];
      if (!t) throw new SgdError('LOCALIZE', `no Swedish text for parameter ${p.name} of ${f.id}`);
      p.name = t.name;
      p.description = t.description;
    }
  }
  return JSON.stringify(meta, null, 4);
}
