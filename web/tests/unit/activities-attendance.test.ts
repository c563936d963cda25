import { describe, expect, it } from 'vitest'
import type { ActivityApi } from '@/api/activities'
import {
  activityBody,
  attendanceChanged,
  attendanceCounts,
  attendanceEntries,
  attendancePayload,
  checkClassHours,
  checkGuests,
  checkHeldOn,
  cleanGuests,
  isListField,
  listProblems,
  participantsOf,
  type ActivityForm,
} from '@/activities/attendance'
import { GROUP_KINDS, groupOf, isClass, kindQuery, kindTag } from '@/activities/kinds'

const roster = [
  { member_id: 1, name: '于敏琳', member_no: null },
  { member_id: 2, name: '于鑫', member_no: '20232208000154' },
  { member_id: 3, name: '何子思', member_no: '20262208000119' },
]

const form = (changes: Partial<ActivityForm> = {}): ActivityForm => ({
  org_id: 11,
  kind: 'class',
  held_on: '2026-03-02',
  topic: ' 学习团章 ',
  topic_id: null,
  place: ' 会议室 ',
  class_hours: 1.5,
  teacher: ' 张老师 ',
  summary: '',
  applicants: [],
  guests: [],
  ...changes,
})

function detail(changes: Partial<ActivityApi.ActivityDetail> = {}): ActivityApi.ActivityDetail {
  return {
    id: 7,
    org_id: 11,
    org_name: '建设社区团支部',
    kind: 'class',
    held_on: '2026-03-02',
    place: '会议室',
    topic: '学习团章',
    topic_id: null,
    topic_required: false,
    class_hours: 1.5,
    teacher: '张老师',
    summary: '',
    guests: ['李四'],
    participants: 3,
    present_count: 1,
    leave_count: 1,
    absent_count: 0,
    created_at: '2026-03-02T10:00:00+08:00',
    created_by: 'admin',
    updated_at: '2026-03-02T10:00:00+08:00',
    attendance: [
      { member_id: 1, name: '于敏琳', member_no: null, status: 'present' },
      { member_id: 2, name: '于鑫', member_no: '20232208000154', status: 'leave' },
    ],
    applicants: [{ applicant_id: 40, name: '王申' }],
    files: [],
    ...changes,
  }
}

describe('the attendance picker', () => {
  it('starts a new activity with everyone on the roster present', () => {
    const entries = attendanceEntries(roster, null)
    expect(entries.map((e) => [e.member_id, e.status])).toEqual([
      [1, 'present'],
      [2, 'present'],
      [3, 'present'],
    ])
    expect(attendanceCounts(entries)).toEqual({ present: 3, leave: 0, absent: 0, none: 0 })
  })

  it('shows what an activity recorded, leaves roster members it did not record unrecorded and keeps those who left', () => {
    const recorded: ActivityApi.AttendanceRow[] = [
      { member_id: 2, name: '于鑫', member_no: '20232208000154', status: 'leave' },
      { member_id: 9, name: '已转出', member_no: null, status: 'absent' },
    ]
    const entries = attendanceEntries(roster, recorded)
    expect(entries.map((e) => [e.member_id, e.status])).toEqual([
      [1, null],
      [2, 'leave'],
      [3, null],
      [9, 'absent'],
    ])
    expect(attendanceCounts(entries)).toEqual({ present: 0, leave: 1, absent: 1, none: 2 })
    expect(attendancePayload(entries)).toEqual([
      { member_id: 2, status: 'leave' },
      { member_id: 9, status: 'absent' },
    ])
  })

  it('counts person-times as the server does: members present, applicants and guests', () => {
    const entries = attendanceEntries(roster, null)
    entries[1]!.status = 'leave'
    entries[2]!.status = 'absent'
    expect(participantsOf(entries, 2, 3)).toBe(6)
  })

  it('tells whether the attendance changed, whatever the order', () => {
    const recorded = detail().attendance
    const same = attendanceEntries(roster, recorded)
    expect(attendanceChanged(recorded, same)).toBe(false)
    same[0]!.status = 'absent'
    expect(attendanceChanged(recorded, same)).toBe(true)
    const more = attendanceEntries(roster, recorded)
    more[2]!.status = 'present'
    expect(attendanceChanged(recorded, more)).toBe(true)
    expect(attendanceChanged([...recorded].reverse(), attendanceEntries(roster, recorded))).toBe(false)
  })
})

describe('the activity request body', () => {
  it('sends a new class with its org, hours, teacher, everyone present, applicants and guests (trimmed, each once)', () => {
    const entries = attendanceEntries(roster, null)
    entries[1]!.status = 'leave'
    const body = activityBody(form({ applicants: [40, 41], guests: [' 李四 ', '', '李四', '王五'] }), entries, null)
    expect(body).toEqual({
      org_id: 11,
      kind: 'class',
      held_on: '2026-03-02',
      topic: '学习团章',
      topic_id: null,
      place: '会议室',
      summary: '',
      class_hours: 1.5,
      teacher: '张老师',
      attendance: [
        { member_id: 1, status: 'present' },
        { member_id: 2, status: 'leave' },
        { member_id: 3, status: 'present' },
      ],
      applicants: [40, 41],
      guests: ['李四', '王五'],
    })
  })

  it('leaves class hours, the teacher and applicants out of other kinds, and empty lists out of a new one', () => {
    const body = activityBody(form({ kind: 'themed_day', applicants: [40], topic_id: 5 }), [], null)
    expect(body.class_hours).toBeUndefined()
    expect(body.teacher).toBeUndefined()
    expect(body.applicants).toBeUndefined()
    expect(body.guests).toBeUndefined()
    expect(body.attendance).toEqual([])
    expect(body.topic_id).toBe(5)
  })

  it('sends a change without the org and with only the lists that changed', () => {
    const original = detail()
    const entries = attendanceEntries(roster, original.attendance)
    const unchanged = activityBody(form({ applicants: [40], guests: ['李四'] }), entries, original)
    expect(unchanged.org_id).toBeUndefined()
    expect(unchanged.attendance).toBeUndefined()
    expect(unchanged.applicants).toBeUndefined()
    expect(unchanged.guests).toBeUndefined()

    entries[2]!.status = 'absent'
    const changed = activityBody(form({ applicants: [], guests: [] }), entries, original)
    expect(changed.attendance).toEqual([
      { member_id: 1, status: 'present' },
      { member_id: 2, status: 'leave' },
      { member_id: 3, status: 'absent' },
    ])
    expect(changed.applicants).toEqual([])
    expect(changed.guests).toEqual([])
  })

  it('drops the applicants of a class turned into another kind', () => {
    const original = detail()
    const body = activityBody(
      form({ kind: 'general_meeting', applicants: [40], guests: ['李四'] }),
      attendanceEntries(roster, original.attendance),
      original,
    )
    expect(body.kind).toBe('general_meeting')
    expect(body.applicants).toEqual([])
    expect(body.class_hours).toBeUndefined()
  })
})

describe('activity form checks', () => {
  it('takes class hours from 0.5 to 8 in steps of 0.5', () => {
    expect(checkClassHours(0.5)).toBeNull()
    expect(checkClassHours(8)).toBeNull()
    expect(checkClassHours(null)).toBe('required')
    expect(checkClassHours(1.25)).toBe('half_steps')
    expect(checkClassHours(0)).toBe('out_of_range')
    expect(checkClassHours(8.5)).toBe('out_of_range')
  })

  it('wants a day not after today', () => {
    expect(checkHeldOn('2026-03-02', '2026-03-02')).toBeNull()
    expect(checkHeldOn('2026-03-03', '2026-03-02')).toBe('in_future')
    expect(checkHeldOn('', '2026-03-02')).toBe('required')
  })

  it('checks guest names', () => {
    expect(checkGuests(['李四'])).toBeNull()
    expect(checkGuests(['  '])).toBe('empty')
    expect(checkGuests(['a'.repeat(51)])).toBe('too_long')
    expect(checkGuests(Array.from({ length: 101 }, (_, i) => `g${i}`))).toBe('too_many')
    expect(cleanGuests([' a ', 'a', '', 'b'])).toEqual(['a', 'b'])
  })
})

describe("the server's refusals of people", () => {
  it('names the person each list error is about', () => {
    const body: ActivityApi.Body = {
      attendance: [
        { member_id: 1, status: 'present' },
        { member_id: 2, status: 'present' },
      ],
      applicants: [40],
      guests: ['李四'],
    }
    const details = [
      { field: 'topic', code: 'required', message: '必填' },
      { field: 'attendance[1].member_id', code: 'not_in_standing', message: '该团员不在籍' },
      { field: 'applicants[0]', code: 'file_closed', message: '该入团申请已结束' },
      { field: 'guests[0]', code: 'too_long', message: '太长' },
      { field: 'attendance[5].status', code: 'invalid_enum', message: '无效' },
    ]
    const names = { members: new Map([[2, '于鑫']]), applicants: new Map([[40, '王申']]) }
    expect(listProblems(details, body, names)).toEqual([
      { who: '于鑫', message: '该团员不在籍' },
      { who: '王申', message: '该入团申请已结束' },
      { who: '李四', message: '太长' },
      { who: null, message: '无效' },
    ])
    expect(isListField('attendance[1].member_id')).toBe(true)
    expect(isListField('applicants[0]')).toBe(true)
    expect(isListField('attendance')).toBe(false)
    expect(isListField('topic')).toBe(false)
  })
})

describe('activity kinds', () => {
  it('splits the kinds between the two pages', () => {
    expect(GROUP_KINDS.meetings).toEqual(['general_meeting', 'committee_meeting', 'group_meeting', 'class'])
    expect(groupOf('pioneer_day')).toBe('themed')
    expect(groupOf('class')).toBe('meetings')
    expect(kindQuery('themed', '')).toBe('themed_day,pioneer_day,other')
    expect(kindQuery('meetings', 'class')).toBe('class')
    // A kind of the other page is not this page's filter.
    expect(kindQuery('meetings', 'themed_day')).toBe('general_meeting,committee_meeting,group_meeting,class')
    expect(isClass('class')).toBe(true)
    expect(isClass('other')).toBe(false)
    expect(kindTag('class')).toBe('primary')
    expect(kindTag('unknown')).toBe('info')
  })
})
