import { COMMUNITY_COLUMNS, TEMPLATE_SHEETS } from '@app/excel';
import { mutate } from '../fixtures/generate-malformed-reports';

const column = (key: string) => COMMUNITY_COLUMNS.findIndex((c) => c.key === key) + 1;

/** The downloaded template with a 备注 on its first community: valid, and different bytes for each `note`. */
export function goodVariant(template: Buffer, note: string): Promise<Buffer> {
  return mutate(template, (workbook) => {
    workbook.getWorksheet(TEMPLATE_SHEETS.communities)!.getRow(2).getCell(column('remark')).value = note;
  });
}

/** The template with a yes/no cell that is neither: rejected by the cell check, different bytes for each `note`. */
export function badVariant(template: Buffer, note: string): Promise<Buffer> {
  return mutate(template, (workbook) => {
    const row = workbook.getWorksheet(TEMPLATE_SHEETS.communities)!.getRow(2);
    row.getCell(column('residentDemand')).value = `不确定${note}`;
  });
}
