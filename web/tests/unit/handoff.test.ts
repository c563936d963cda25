import { describe, expect, it } from 'vitest'
import { bulkBody, checkBulk, emptyBulkForm, refusedMember } from '@/transfers/handoff'

const members = [
  { member_id: 11, name: '张三' },
  { member_id: 12, name: '李四' },
  { member_id: 13, name: '王五' },
]

describe('bulk refusal', () => {
  it('names the member of member_ids[i] by the order the ids were sent', () => {
    const details = [
      { field: 'member_ids[1]', code: 'conflict', message: '该团员已有进行中的转接' },
      { code: 'conflict', message: '该团员已有进行中的转接' },
    ]
    expect(refusedMember(details, members)).toEqual({ member: members[1], index: 1, message: '该团员已有进行中的转接' })
  })

  it('finds the member detail wherever it is, and none when no member is named', () => {
    expect(refusedMember([{ field: 'note', code: 'too_long', message: 'x' }, { field: 'member_ids[0]', code: 'm', message: 'y' }], members)?.member?.name).toBe('张三')
    expect(refusedMember([{ field: 'to_org_id', code: 'required', message: '必填' }], members)).toBeNull()
    expect(refusedMember([], members)).toBeNull()
  })

  it('keeps the index when the member is not among those sent', () => {
    expect(refusedMember([{ field: 'member_ids[7]', code: 'm', message: 'y' }], members)).toEqual({ member: null, index: 7, message: 'y' })
  })
})

describe('bulk form', () => {
  it('defaults to the graduation reason and an org of the tree', () => {
    const form = emptyBulkForm()
    expect(form.reason).toBe('graduation')
    expect(checkBulk(form)).toEqual({ to_org_id: 'required' })
    expect(bulkBody({ ...form, to_org_id: 30 }, [11, 12])).toEqual({ member_ids: [11, 12], to_org_id: 30, reason: 'graduation' })
  })

  it('sends an org found by code by its id, and only once confirmed', () => {
    const form = { ...emptyBulkForm(), destination: 'code' as const, to_org_code: 'town-01' }
    expect(checkBulk(form)).toEqual({ to_org_code: 'not_confirmed' })
    const found = { ...form, code_org: { id: 88, name: '某镇学社衔接临时团支部', code: 'town-01', type: 'branch' as const } }
    expect(bulkBody(found, [11])).toEqual({ member_ids: [11], to_org_id: 88, reason: 'graduation' })
    // Changed after the lookup: look it up again.
    expect(checkBulk({ ...found, to_org_code: 'town-02' })).toEqual({ to_org_code: 'not_confirmed' })
  })

  it('sends an org outside the system by name, and nothing without members', () => {
    const form = { ...emptyBulkForm(), destination: 'external' as const, external_name: '外县团委', note: ' 毕业 ' }
    expect(bulkBody(form, [11])).toEqual({ member_ids: [11], external_name: '外县团委', reason: 'graduation', note: '毕业' })
    expect(bulkBody(form, [])).toBeNull()
    expect(checkBulk({ ...form, external_name: '' })).toEqual({ external_name: 'required' })
  })
})
