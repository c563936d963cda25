import { describe, expect, it } from 'vitest'
import type { StudyApi } from '@/api/study'
import { studyImportType } from '@/api/study'
import {
  checkImportFile,
  csvField,
  csvText,
  fileErrors,
  MAX_IMPORT_BYTES,
  reasonCounts,
  reportFigures,
  templateCsv,
  TEMPLATE_HEADERS,
  unmatchedRows,
} from '@/study/imports'

const report: StudyApi.ImportReport = {
  rows: 6,
  matched: 3,
  created: 2,
  already: 1,
  unmatched: [
    { row: 5, name: '张三', reason: 'not_found' },
    { row: 2, name: '何子思错', reason: 'name_mismatch' },
    { row: 6, name: '李四', reason: 'not_found' },
  ],
}

describe('the participation import', () => {
  it('offers a template with the columns the server reads, readable by spreadsheets', () => {
    expect(TEMPLATE_HEADERS).toEqual(['姓名', '身份证号码', '团员编号', '所在组织', '学习时间'])
    expect(templateCsv()).toBe('\uFEFF姓名,身份证号码,团员编号,所在组织,学习时间\r\n')
  })

  it('quotes CSV fields only when they need it', () => {
    expect(csvField('于鑫')).toBe('于鑫')
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvText([['姓名', '团员编号'], ['于鑫', '20232208000154']])).toBe('\uFEFF姓名,团员编号\r\n于鑫,20232208000154\r\n')
  })

  it('takes CSV and XLSX files up to 32 MiB that are not empty', () => {
    expect(studyImportType('名单.CSV')).toBe('text/csv')
    expect(studyImportType('名单.xlsx')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(studyImportType('名单.xls')).toBeNull()
    expect(checkImportFile({ name: '名单.csv', size: 120 })).toBeNull()
    expect(checkImportFile({ name: '名单.xls', size: 120 })).toBe('type')
    expect(checkImportFile({ name: '名单.csv', size: 0 })).toBe('empty')
    expect(checkImportFile({ name: '名单.xlsx', size: MAX_IMPORT_BYTES + 1 })).toBe('too_large')
  })

  it("lays the server's report out: the figures, the rows left out in the file's order, by reason", () => {
    expect(reportFigures(report)).toEqual({ rows: 6, matched: 3, created: 2, already: 1, unmatched: 3 })
    expect(unmatchedRows(report).map((u) => u.row)).toEqual([2, 5, 6])
    expect(unmatchedRows(null)).toEqual([])
    expect(reasonCounts(report.unmatched)).toEqual([
      { reason: 'not_found', count: 2 },
      { reason: 'name_mismatch', count: 1 },
    ])
    expect(reasonCounts([{ row: 1, name: 'x', reason: 'new_reason' }])).toEqual([{ reason: 'new_reason', count: 1 }])
  })

  it("lists a malformed file's problems with the whole file's first, then by row", () => {
    expect(
      fileErrors([
        { field: '学习时间', row: 4, code: 'outside_episode', message: '学习时间须在 2026-03-02 至 2026-03-08 之间' },
        { field: '身份证号码', code: 'missing_column', message: '缺少“身份证号码/团员编号”列' },
        { field: '姓名', row: 2, code: 'required', message: '必填' },
      ]),
    ).toEqual([
      { row: null, column: '身份证号码', code: 'missing_column', message: '缺少“身份证号码/团员编号”列' },
      { row: 2, column: '姓名', code: 'required', message: '必填' },
      { row: 4, column: '学习时间', code: 'outside_episode', message: '学习时间须在 2026-03-02 至 2026-03-08 之间' },
    ])
  })
})
