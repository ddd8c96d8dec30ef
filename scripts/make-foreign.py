"""
Builds the foreign workbooks of test/files/ with openpyxl (Debian's python3-openpyxl) and LibreOffice:
plans as other programs save them, with the parts a result file must keep.
Run: /usr/bin/python3 scripts/make-foreign.py
"""
import csv
import os
import subprocess
import zipfile

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.formatting.rule import FormulaRule, Rule
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.styles import PatternFill, Font
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'test', 'files')


def halland():
    with open(os.path.join(ROOT, 'data', 'reference', 'population-halland-2023-12-31.csv'), encoding='utf-8') as f:
        return [(r['code'], r['name'], int(r['population'])) for r in csv.DictReader(f)]


def plan_book():
    wb = Workbook()
    ws = wb.active
    ws.title = 'Plan'
    ws.append(['Insatsområde', 'År', 'Finansiering', 'Modell', 'Belopp', 'Status'])
    rows = [
        ['Informationsstruktur', 2024, 'Gemensamt projekt kommuner och RH', '1:1', 750166, 'Beslutad'],
        ['NPÖ via webblösning', 2024, 'Nationell gemensam finansiering', '', 150000, 'Pågår'],
        ['Mina planer', 2025, 'SGD', '', 500000, 'Beslutad'],
        ['Mina planer', 2025, 'SGD', '', 200000, 'Prioriterats och ej genomförs'],
    ]
    for r in rows:
        ws.append(r)
    ps = wb.create_sheet('Huvudmän')
    ps.append(['Kod', 'Namn', 'Typ', 'Folkmängd', 'Datum'])
    data = halland()
    ps.append(['13', 'Region Halland', 'Region', sum(p for _, _, p in data), '2023-12-31'])
    for code, name, pop in data:
        ps.append([code, name, 'Kommun', pop, '2023-12-31'])
    return wb, ws, ps


def decorate(wb, ws, ps):
    """The parts a plan in real use has: a chart, a comment, a table, conditional formats, names, a list validation."""
    chart = BarChart()
    chart.title = 'Folkmängd'
    chart.add_data(Reference(ps, min_col=4, min_row=1, max_row=8), titles_from_data=True)
    chart.set_categories(Reference(ps, min_col=2, min_row=2, max_row=8))
    ps.add_chart(chart, 'H2')
    ws['A2'].comment = Comment('Beslutat i styrgruppen 2024-03-12', 'Ekonom')
    table = Table(displayName='Huvudmannatabell', ref='A1:E8')
    table.tableStyleInfo = TableStyleInfo(name='TableStyleMedium9', showRowStripes=True)
    ps.add_table(table)
    red = DifferentialStyle(fill=PatternFill(start_color='FFC7CE', end_color='FFC7CE', fill_type='solid'), font=Font(color='9C0006'))
    ws.conditional_formatting.add('A2:A20', Rule(type='duplicateValues', dxf=red))
    ws.conditional_formatting.add('F2:F20', Rule(type='containsText', operator='containsText', text='ej', dxf=red, formula=['NOT(ISERROR(SEARCH("ej",F2)))']))
    ws.conditional_formatting.add('E2:E20', FormulaRule(formula=['E2>700000'], fill=PatternFill(start_color='FFEB9C', end_color='FFEB9C', fill_type='solid')))
    wb.defined_names.append(DefinedName('Sats', attr_text='0.5'))
    local = DefinedName('Budgetomrade', attr_text="Plan!$E$2:$E$5", localSheetId=0)
    wb.defined_names.append(local)
    dv = DataValidation(type='list', formula1='"Beslutad,Pågår,Prioriterad,Avslutad"', allow_blank=True)
    ws.add_data_validation(dv)
    dv.add('F2:F50')
    notes = wb.create_sheet('Anteckningar')
    notes['A1'] = 'Halva beloppet'
    notes['B1'] = '=Plan!E2*Sats'
    notes.protection.sheet = True


def main():
    os.makedirs(OUT, exist_ok=True)
    wb, ws, ps = plan_book()
    decorate(wb, ws, ps)
    wb.save(os.path.join(OUT, 'openpyxl-plan-med-diagram.xlsx'))

    # The same plan as a macro-enabled workbook: a VBA project part (its bytes are the user's; the tool never reads them).
    path = os.path.join(OUT, 'openpyxl-plan-med-makro.xlsm')
    wb, ws, ps = plan_book()
    decorate(wb, ws, ps)
    wb.save(path + '.tmp')
    with zipfile.ZipFile(path + '.tmp') as src, zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == '[Content_Types].xml':
                data = data.replace(b'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', b'application/vnd.ms-excel.sheet.macroEnabled.main+xml')
                data = data.replace(b'</Types>', b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>')
            if item.filename == 'xl/_rels/workbook.xml.rels':
                data = data.replace(b'</Relationships>', b'<Relationship Id="rIdVba1" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>')
            dst.writestr(item, data)
        dst.writestr('xl/vbaProject.bin', bytes(range(256)) * 8)
    os.remove(path + '.tmp')

    # pandas writes through openpyxl: a bare sheet of values.
    wb, ws, ps = plan_book()
    wb.save(os.path.join(OUT, 'openpyxl-plan-enkel.xlsx'))

    # Saved by LibreOffice: the plan with a table without a style, sheet protection and page setup, opened and saved in Calc.
    wb, ws, ps = plan_book()
    ps.add_table(Table(displayName='Huvudman_utan_stil', ref='A1:E8'))
    ws.page_setup.orientation = 'landscape'
    ps.protection.sheet = True
    tmp = os.path.join(OUT, 'libreoffice-plan.tmp.xlsx')
    wb.save(tmp)
    subprocess.run(['soffice', '--headless', '--norestore', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', OUT + '/lo', tmp], check=True, capture_output=True)
    os.replace(os.path.join(OUT, 'lo', 'libreoffice-plan.tmp.xlsx'), os.path.join(OUT, 'libreoffice-plan.xlsx'))
    os.rmdir(os.path.join(OUT, 'lo'))
    os.remove(tmp)


if __name__ == '__main__':
    main()
