/** Downloads in tests: an XLSX answer read back into a workbook, a CSV answer split into lines. */
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';

export async function readWorkbook(res: { rawPayload: Buffer }): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb;
}

/** An XLSX download: answered 200 with a spreadsheet type; its workbook. */
export function readXlsxDownload(res: {
  statusCode: number;
  headers: Record<string, unknown>;
  rawPayload: Buffer;
}): Promise<ExcelJS.Workbook> {
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /spreadsheetml/);
  return readWorkbook(res);
}

/** The lines of a CSV download (CRLF line ends), without its byte order mark. */
export function csvLines(body: string): string[] {
  return body
    .replace(/^\ufeff/, '')
    .trim()
    .split('\r\n');
}
