import { XMLParser } from 'fast-xml-parser';
import * as fs from 'fs';
import * as path from 'path';
import { pngSize } from '../scripts/make-icons';

/**
 * The manifest checked offline (office-addin-manifest validate calls a
 * remote service): it parses, its elements come in the schema's order, every
 * resid resolves, every URL names a file the build emits, and the shared
 * runtime, custom functions and ribbon are declared as Excel expects.
 */
const ROOT = path.join(__dirname, '..');
const XML = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
const DIST = path.join(ROOT, 'dist');
const BASE = 'https://localhost:3000/';

type Node = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['Set', 'Control', 'bt:Image', 'bt:Url', 'bt:String', 'Override', 'bt:Override', 'ExtensionPoint', 'Runtime', 'Group'].includes(name) });
const doc = parser.parse(XML) as Node;
const app = doc.OfficeApp as Node;
const vo = app.VersionOverrides as Node;
const host = ((vo.Hosts as Node).Host as Node) ?? {};
const resources = vo.Resources as Node;

function resourceIds(): Map<string, Node> {
  const ids = new Map<string, Node>();
  for (const [group, item] of [
    ['bt:Images', 'bt:Image'],
    ['bt:Urls', 'bt:Url'],
    ['bt:ShortStrings', 'bt:String'],
    ['bt:LongStrings', 'bt:String'],
  ]) {
    for (const n of ((resources[group] as Node)[item] as Node[]) ?? []) {
      expect(ids.has(n['@id'] as string)).toBe(false);
      ids.set(n['@id'] as string, { ...n, group });
    }
  }
  return ids;
}

function allValues(key: string, node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => allValues(key, n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === key && typeof v === 'string') out.push(v);
      else allValues(key, v, out);
    }
  }
  return out;
}

describe('manifest.xml', () => {
  it('is a workbook task pane add-in with the elements in the schema’s order', () => {
    expect(app['@xsi:type']).toBe('TaskPaneApp');
    expect(app.Id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(String(app.Version)).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(app.DefaultLocale).toBe('sv-SE');
    const order = ['Id', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'AppDomains', 'Hosts', 'Requirements', 'DefaultSettings', 'Permissions', 'VersionOverrides'];
    const present = Object.keys(app).filter((k) => !k.startsWith('@'));
    expect(present).toEqual(order.filter((k) => present.includes(k)));
    expect(((app.Hosts as Node).Host as Node)['@Name']).toBe('Workbook');
  });

  it('has Swedish display texts with English overrides, within the length limits', () => {
    const name = app.DisplayName as Node;
    const description = app.Description as Node;
    expect(name['@DefaultValue']).toBe('SGD kostnadsfördelning');
    expect((name.Override as Node[])[0]).toMatchObject({ '@Locale': 'en-US' });
    expect((description['@DefaultValue'] as string).length).toBeLessThanOrEqual(250);
    expect((name['@DefaultValue'] as string).length).toBeLessThanOrEqual(125);
    const ids = resourceIds();
    for (const [id, n] of ids) {
      const limit = n.group === 'bt:ShortStrings' ? 125 : n.group === 'bt:LongStrings' ? 250 : 2048;
      expect([id, (n['@DefaultValue'] as string).length <= limit]).toEqual([id, true]);
      for (const o of (n['bt:Override'] as Node[]) ?? []) expect([id, (o['@Value'] as string).length <= limit]).toEqual([id, true]);
    }
  });

  it('asks for ReadWriteDocument and nothing more, and needs the shared and custom-functions runtimes', () => {
    expect(app.Permissions).toBe('ReadWriteDocument');
    const sets = ((app.Requirements as Node).Sets as Node).Set as Node[];
    // ExcelApi 1.7: the newest set the code uses without checking (charts, tables, worksheet visibility);
    // CustomFunctionsRuntime 1.2: CustomFunctions.Error. Newer sets are checked at run time (supports()).
    expect(sets.map((s) => [s['@Name'], s['@MinVersion']])).toEqual([
      ['ExcelApi', '1.7'],
      ['SharedRuntime', '1.1'],
      ['CustomFunctionsRuntime', '1.2'],
    ]);
  });

  it('runs everything in one long-lived shared runtime, the task pane page', () => {
    const runtimes = (host.Runtimes as Node).Runtime as Node[];
    expect(runtimes).toEqual([{ '@resid': 'Taskpane.Url', '@lifetime': 'long' }]);
    const cf = ((host.AllFormFactors as Node).ExtensionPoint as Node[]).find((e) => e['@xsi:type'] === 'CustomFunctions')!;
    expect(((cf.Page as Node).SourceLocation as Node)['@resid']).toBe('Taskpane.Url');
    expect(((cf.Script as Node).SourceLocation as Node)['@resid']).toBe('Functions.Script.Url');
    expect(((cf.Metadata as Node).SourceLocation as Node)['@resid']).toBe('Functions.Metadata.Url');
    expect((cf.Namespace as Node)['@resid']).toBe('Functions.Namespace');
    expect(resourceIds().get('Functions.Namespace')!['@DefaultValue']).toBe('SGD');
    expect(((host.DesktopFormFactor as Node).FunctionFile as Node)['@resid']).toBe('Taskpane.Url');
  });

  it('puts "Validera budget" and "Visa panelen" on the Home tab, without template leftovers', () => {
    const ext = ((host.DesktopFormFactor as Node).ExtensionPoint as Node[]).find((e) => e['@xsi:type'] === 'PrimaryCommandSurface')!;
    const tab = ext.OfficeTab as Node;
    expect(tab['@id']).toBe('TabHome');
    const controls = ((tab.Group as Node[])[0].Control as Node[]).map((c) => ({
      label: resourceIds().get((c.Label as Node)['@resid'] as string)!['@DefaultValue'],
      action: (c.Action as Node)['@xsi:type'],
      fn: (c.Action as Node).FunctionName,
    }));
    expect(controls).toEqual([
      { label: 'Validera budget', action: 'ExecuteFunction', fn: 'validateBudget' },
      { label: 'Visa panelen', action: 'ShowTaskpane', fn: undefined },
    ]);
    expect(XML).not.toMatch(/TaskpaneId/);
    expect(XML.toLowerCase()).not.toMatch(/mailbox/);
  });

  it('resolves every resid (at most 32 characters) to a resource', () => {
    const ids = resourceIds();
    const used = allValues('@resid', vo);
    expect(used.length).toBeGreaterThan(10);
    for (const r of used) {
      expect([r, ids.has(r)]).toEqual([r, true]);
      expect(r.length).toBeLessThanOrEqual(32);
    }
  });

  it('localizes the functions’ metadata: Swedish by default, English names for every English locale', () => {
    const meta = resourceIds().get('Functions.Metadata.Url')!;
    expect(meta['@DefaultValue']).toBe(`${BASE}functions-sv.json`);
    const overrides = (meta['bt:Override'] as Node[]).map((o) => [o['@Locale'], o['@Value']]);
    for (const locale of ['en-US', 'en-GB', 'en-AU', 'en-CA', 'en-IE', 'en-IN', 'en-NZ', 'en-SG', 'en-ZA']) expect(overrides).toContainEqual([locale, `${BASE}functions.json`]);
  });

  describe('against the build (npm run build)', () => {
    const built = fs.existsSync(path.join(DIST, 'manifest.xml')) ? it : it.skip;
    const urls = [...allValues('@DefaultValue', app), ...allValues('@Value', app)].filter((u) => u.startsWith('https://'));

    built('every URL points at a file the build emits', () => {
      expect(urls.length).toBeGreaterThan(8);
      for (const u of urls) {
        expect(u.startsWith(BASE)).toBe(true);
        expect([u, fs.existsSync(path.join(DIST, u.slice(BASE.length)))]).toEqual([u, true]);
      }
      expect(fs.readFileSync(path.join(DIST, 'manifest.xml'), 'utf8')).toBe(XML);
    });

    built('icons have the sizes the manifest gives them', () => {
      const ids = resourceIds();
      for (const [id, n] of ids) {
        const m = /^Icon\.(\d+)x(\d+)$/.exec(id);
        if (!m) continue;
        const png = fs.readFileSync(path.join(DIST, (n['@DefaultValue'] as string).slice(BASE.length)));
        expect(pngSize(png)).toEqual({ width: Number(m[1]), height: Number(m[2]) });
      }
      expect(pngSize(fs.readFileSync(path.join(DIST, 'assets', 'icon-32.png'))).width).toBe(32);
      expect(pngSize(fs.readFileSync(path.join(DIST, 'assets', 'icon-64.png'))).width).toBe(64);
      for (const s of [16, 32, 64, 80, 128]) expect(pngSize(fs.readFileSync(path.join(ROOT, 'assets', `icon-${s}.png`)))).toEqual({ width: s, height: s });
    });

    built('the functions bundle registers every function the metadata declares', () => {
      const js = fs.readFileSync(path.join(DIST, 'functions.js'), 'utf8');
      const en = JSON.parse(fs.readFileSync(path.join(DIST, 'functions.json'), 'utf8'));
      const sv = JSON.parse(fs.readFileSync(path.join(DIST, 'functions-sv.json'), 'utf8'));
      for (const f of en.functions) expect(js).toContain(`CustomFunctions.associate("${f.id}"`);
      expect(sv.functions.map((f: { id: string }) => f.id)).toEqual(en.functions.map((f: { id: string }) => f.id));
      const html = fs.readFileSync(path.join(DIST, 'taskpane.html'), 'utf8');
      expect(html).toMatch(/src="?functions\.js"?/);
      expect(html).toMatch(/src="?taskpane\.js"?/);
      expect(html).toContain('https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
    });
  });
});
