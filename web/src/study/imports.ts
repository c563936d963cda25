// The platform's participation list (青年大学习 参学记录导入): the file checked before it is sent, a
// template with the columns the server reads, and the server's report and refusals laid out for
// the page. The server matches rows by member number, else ID number, and wants the name to agree;
// a malformed file (a missing column, a row without name or number, a time it cannot read or
// outside the episode) imports nothing and answers 422 naming the column and row.
import type { StudyApi } from '@/api/study'
import { UNMATCHED_REASONS, studyImportType } from '@/api/study'
import type { ApiErrorDetail } from '@/api/request'

// The columns as the platform's list and the server name them (Chinese in every UI language: they
// are the file's format, not text of the app).
export const TEMPLATE_HEADERS = ['姓名', '身份证号码', '团员编号', '所在组织', '学习时间'] as const
export const TEMPLATE_NAME = '青年大学习参学记录导入模板.csv'
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024

// One CSV field: quoted when it holds a comma, a quote or a line break.
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

// A CSV file's text (UTF-8 with a byte order mark, so spreadsheet programs read the Chinese right).
export function csvText(rows: readonly (readonly string[])[]): string {
  return '\uFEFF' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n'
}

// The template: the header line alone (an example row would be imported as data).
export function templateCsv(): string {
  return csvText([TEMPLATE_HEADERS])
}

export type FileProblem = 'type' | 'empty' | 'too_large'

export function checkImportFile(file: { name: string; size: number }): FileProblem | null {
  if (!studyImportType(file.name)) return 'type'
  if (file.size === 0) return 'empty'
  if (file.size > MAX_IMPORT_BYTES) return 'too_large'
  return null
}

export interface ReportFigures {
  rows: number
  matched: number
  created: number
  already: number
  unmatched: number
}

export function reportFigures(report: StudyApi.ImportReport): ReportFigures {
  return {
    rows: report.rows,
    matched: report.matched,
    created: report.created,
    already: report.already,
    unmatched: report.unmatched.length,
  }
}

// The rows not matched, in the file's order.
export function unmatchedRows(report: StudyApi.ImportReport | null | undefined): StudyApi.Unmatched[] {
  return [...(report?.unmatched ?? [])].sort((a, b) => a.row - b.row)
}

// How many rows each reason left out (every known reason present, then any the server added).
export function reasonCounts(unmatched: readonly StudyApi.Unmatched[]): { reason: string; count: number }[] {
  const counts = new Map<string, number>(UNMATCHED_REASONS.map((r) => [r, 0]))
  for (const u of unmatched) counts.set(u.reason, (counts.get(u.reason) ?? 0) + 1)
  return [...counts].map(([reason, count]) => ({ reason, count })).filter((c) => c.count > 0)
}

export interface FileError {
  // null: the whole file (a missing column).
  row: number | null
  column: string
  code: string
  message: string
}

// A refused file's details as the member import page shows them: row (or the whole file), column,
// code and the server's message, rows in order with the whole file's first.
export function fileErrors(details: readonly ApiErrorDetail[]): FileError[] {
  return details
    .map((d) => ({ row: d.row ?? null, column: d.field ?? '', code: d.code, message: d.message }))
    .sort((a, b) => (a.row ?? 0) - (b.row ?? 0))
}
