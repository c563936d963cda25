import { describe, expect, it } from 'vitest'
import type { RecruitmentApi } from '@/api/recruitment'
import { hasPermission, type Permission } from '@/auth/permissions'
import type { AuthApi } from '@/api/auth'
import {
  checkClassHours,
  checkPeopleCount,
  checkStepDate,
  checkVote,
  INTRODUCERS,
  isEnded,
  isOpen,
  nextActions,
  nextStage,
  SPONSORS,
  STAGE_ORDER,
  stepPermission,
  stepState,
  timelineData,
} from '@/recruitment/workflow'

const can = (roles: AuthApi.Role[]) => (p: Permission) => hasPermission(roles, p)

function entry(partial: Partial<RecruitmentApi.TimelineEntry>): RecruitmentApi.TimelineEntry {
  return {
    id: 1,
    at: '2026-05-04T10:00:00+08:00',
    actor_username: 'staff',
    kind: 'advance',
    stage_from: null,
    stage_to: null,
    date: '2026-05-04',
    data: null,
    rule_year: null,
    rule_version: null,
    ...partial,
  }
}

describe('stage order', () => {
  it('goes applied → activist → candidate → branch_approved → approved → admitted', () => {
    const walked: string[] = ['applied']
    let stage: RecruitmentApi.Stage | null = 'applied'
    while ((stage = nextStage(stage))) walked.push(stage)
    expect(walked).toEqual([...STAGE_ORDER])
  })

  it('has no next stage after admission or an ending', () => {
    expect(nextStage('admitted')).toBeNull()
    expect(nextStage('rejected')).toBeNull()
    expect(nextStage('withdrawn')).toBeNull()
  })

  it('counts every stage before admission as open, and only rejection and withdrawal as ended', () => {
    expect(STAGE_ORDER.filter(isOpen)).toEqual(['applied', 'activist', 'candidate', 'branch_approved', 'approved'])
    expect(isOpen('admitted')).toBe(false)
    expect(isEnded('rejected')).toBe(true)
    expect(isEnded('withdrawn')).toBe(true)
    expect(isEnded('admitted')).toBe(false)
  })
})

describe('next actions', () => {
  it('needs recruitment.approve for the approval and the admission only', () => {
    expect(stepPermission('approved')).toBe('recruitment.approve')
    expect(stepPermission('admitted')).toBe('recruitment.approve')
    expect(stepPermission('activist')).toBe('recruitment.write')
    expect(stepPermission('branch_approved')).toBe('recruitment.write')
    expect(stepPermission('rejected')).toBe('recruitment.write')
  })

  it('offers a branch secretary the steps up to the branch meeting, not the approval', () => {
    const secretary = can(['branch_secretary'])
    expect(nextActions('applied', secretary)).toEqual({
      advance: 'activist',
      end: ['rejected', 'withdrawn'],
      talk: true,
      classHours: true,
    })
    expect(nextActions('candidate', secretary).advance).toBe('branch_approved')
    expect(nextActions('branch_approved', secretary).advance).toBeNull()
    expect(nextActions('branch_approved', secretary).end).toEqual(['rejected', 'withdrawn'])
  })

  it('offers committee staff the approval and then the admission', () => {
    const staff = can(['committee_staff'])
    expect(nextActions('branch_approved', staff).advance).toBe('approved')
    expect(nextActions('approved', staff).advance).toBe('admitted')
  })

  it('offers nothing on a closed file or to a user who may only read', () => {
    const none = { advance: null, end: [], talk: false, classHours: false }
    expect(nextActions('admitted', can(['committee_staff']))).toEqual(none)
    expect(nextActions('rejected', can(['committee_staff']))).toEqual(none)
    expect(nextActions('applied', can(['system_admin']))).toEqual(none)
  })
})

describe('stepState', () => {
  it('marks the current stage, and every step done once admitted', () => {
    expect(stepState('applied')).toEqual({ active: 0, stopped: false })
    expect(stepState('candidate')).toEqual({ active: 2, stopped: false })
    expect(stepState('admitted')).toEqual({ active: 6, stopped: false })
  })

  it('stops an ended file at the stage it ended from', () => {
    const timeline = [
      entry({ id: 1, kind: 'create', stage_to: 'applied' }),
      entry({ id: 2, stage_from: 'applied', stage_to: 'activist' }),
      entry({ id: 3, stage_from: 'activist', stage_to: 'withdrawn' }),
    ]
    expect(stepState('withdrawn', timeline)).toEqual({ active: 1, stopped: true })
    expect(stepState('rejected', [])).toEqual({ active: 0, stopped: true })
  })
})

describe('checkStepDate', () => {
  const today = '2026-11-27'

  it('refuses a missing, invalid or future date', () => {
    expect(checkStepDate('', null, today)).toBe('required')
    expect(checkStepDate(null, null, today)).toBe('required')
    expect(checkStepDate('2026-02-30', null, today)).toBe('invalid_format')
    expect(checkStepDate('2026-11-28', null, today)).toBe('in_future')
  })

  it('refuses a date before the previous step, and accepts the same day', () => {
    expect(checkStepDate('2026-03-31', '2026-04-01', today)).toBe('before_previous')
    expect(checkStepDate('2026-04-01', '2026-04-01', today)).toBeNull()
    expect(checkStepDate(today, '2026-04-01', today)).toBeNull()
  })
})

describe('sponsors and introducers', () => {
  it('takes 1–2 sponsors', () => {
    expect(checkPeopleCount(0, SPONSORS)).toBe('too_few')
    expect(checkPeopleCount(1, SPONSORS)).toBeNull()
    expect(checkPeopleCount(2, SPONSORS)).toBeNull()
    expect(checkPeopleCount(3, SPONSORS)).toBe('too_many')
  })

  it('takes exactly 2 introducers', () => {
    expect(checkPeopleCount(1, INTRODUCERS)).toBe('too_few')
    expect(checkPeopleCount(2, INTRODUCERS)).toBeNull()
    expect(checkPeopleCount(3, INTRODUCERS)).toBe('too_many')
  })
})

describe('checkVote (2 × present > eligible and 2 × yes > present)', () => {
  it.each([
    // eligible, present, yes, quorum, majority, passed
    [30, 16, 9, true, true, true],
    [30, 15, 15, false, true, false], // exactly half present is not more than half
    [30, 16, 8, true, false, false], // exactly half of those present is not more than half
    [31, 16, 9, true, true, true],
    [1, 1, 1, true, true, true],
    [2, 1, 1, false, true, false],
    [10, 10, 0, true, false, false],
  ])('eligible %i, present %i, yes %i', (eligible, present, yes, quorum, majority, passed) => {
    expect(checkVote(eligible, present, yes)).toEqual({ problem: null, quorum, majority, passed })
  })

  it('asks for all three numbers, whole', () => {
    expect(checkVote(null, 3, 2)).toMatchObject({ problem: 'required', passed: false })
    expect(checkVote(10, undefined, 2)).toMatchObject({ problem: 'required', passed: false })
    expect(checkVote(10, 6.5, 4)).toMatchObject({ problem: 'whole', passed: false })
    expect(checkVote(10, -1, 0)).toMatchObject({ problem: 'whole', passed: false })
  })

  it('refuses numbers that cannot be', () => {
    expect(checkVote(0, 0, 0)).toMatchObject({ problem: 'no_eligible', passed: false })
    expect(checkVote(10, 11, 6)).toMatchObject({ problem: 'present_above_eligible', passed: false })
    expect(checkVote(10, 8, 9)).toMatchObject({ problem: 'yes_above_present', passed: false })
  })
})

describe('checkClassHours', () => {
  it('takes 0.5 to 24 hours in steps of 0.5', () => {
    expect(checkClassHours(0.5)).toBeNull()
    expect(checkClassHours(7.5)).toBeNull()
    expect(checkClassHours(24)).toBeNull()
    expect(checkClassHours(0)).toBe('out_of_range')
    expect(checkClassHours(24.5)).toBe('out_of_range')
    expect(checkClassHours(1.25)).toBe('half_steps')
    expect(checkClassHours(null)).toBe('required')
    expect(checkClassHours(Number.NaN)).toBe('required')
  })
})

describe('timelineData', () => {
  it('lists the known data first, people by name with their member number', () => {
    const lines = timelineData({
      reason: '',
      yes: 9,
      introducers: [
        { member_id: 1, name: '张三', member_no: '202300000001' },
        { member_id: 2, name: '李四', member_no: null },
      ],
      eligible: 30,
      present: 16,
    })
    expect(lines).toEqual([
      { key: 'introducers', value: '张三 (202300000001)、李四' },
      { key: 'eligible', value: '30' },
      { key: 'present', value: '16' },
      { key: 'yes', value: '9' },
    ])
  })

  it('shows the quota of an admission as count/cap, with the number and the join date', () => {
    expect(
      timelineData({
        member_id: 7,
        member_no: '202600000001',
        join_date: '2026-03-01',
        quota: { org_id: 3, graduating_year: 2028, cap: 6, count: 4 },
      }),
    ).toEqual([
      { key: 'quota', value: '4/6' },
      { key: 'member_no', value: '202600000001' },
      { key: 'join_date', value: '2026-03-01' },
    ])
  })

  it('leaves out the name and ID number a new file shows anyway', () => {
    expect(timelineData({ name: '李小青', id_number: '220821********3312', talk_on: '2025-09-10' })).toEqual([
      { key: 'talk_on', value: '2025-09-10' },
    ])
  })

  it('keeps unknown scalar keys, leaves out ids, other objects and empty values', () => {
    expect(
      timelineData({ sponsor_ids: [1, 2], member_id: 7, extra: 'x', nested: { a: 1 }, sponsors: [] }, ', '),
    ).toEqual([{ key: 'extra', value: 'x' }])
    expect(timelineData(null)).toEqual([])
  })
})
