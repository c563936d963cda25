import { describe, expect, it } from 'vitest'
import type { AuthApi } from '@/api/auth'
import type { TransferApi } from '@/api/transfers'
import { hasPermission, type Permission } from '@/auth/permissions'
import {
  canHoldMembers,
  checkDestination,
  checkStart,
  destinationBody,
  emptyDestination,
  destinationText,
  emptyStartForm,
  isCommitteeType,
  stepDate,
  stepState,
  startBody,
  transferActions,
  waitingFor,
  type StartForm,
} from '@/transfers/workflow'

const can = (roles: AuthApi.Role[]) => (p: Permission) => hasPermission(roles, p)
const staff = can(['committee_staff'])
const secretary = can(['branch_secretary'])

type Case = Pick<TransferApi.Transfer, 'state' | 'approvals' | 'started_side'>
const approvals = (branch: boolean, committee: boolean, committee_needed: boolean): TransferApi.Approvals => ({
  branch,
  committee,
  committee_needed,
})
const transfer = (state: TransferApi.State, a = approvals(true, false, true), started_side: TransferApi.Side = 'sending'): Case => ({
  state,
  approvals: a,
  started_side,
})
const SENDING = { from: true, to: false }
const RECEIVING = { from: false, to: true }
const BOTH = { from: true, to: true }
const NEITHER = { from: false, to: false }

describe('the steps of a transfer', () => {
  it('go pending out, pending in, completed; a transfer out of the system has no receiving step', () => {
    expect(stepState({ state: 'pending_out', kind: 'internal' })).toEqual({
      steps: ['pending_out', 'pending_in', 'completed'],
      active: 0,
      stopped: false,
    })
    expect(stepState({ state: 'pending_in', kind: 'internal' }).active).toBe(1)
    expect(stepState({ state: 'completed', kind: 'internal' })).toMatchObject({ active: 3, stopped: false })
    expect(stepState({ state: 'completed', kind: 'out' })).toEqual({ steps: ['pending_out', 'completed'], active: 2, stopped: false })
  })

  it('stop where an ended transfer ended, as its trail says', () => {
    const trail = [
      { state_from: null, state_to: 'pending_out' as const },
      { state_from: 'pending_out' as const, state_to: 'pending_in' as const },
      { state_from: 'pending_in' as const, state_to: 'cancelled' as const },
    ]
    expect(stepState({ state: 'cancelled', kind: 'internal' }, trail)).toMatchObject({ active: 1, stopped: true })
    expect(stepState({ state: 'expired', kind: 'internal' }, trail.slice(0, 1))).toMatchObject({ active: 0, stopped: true })
  })

  it('stop a rejection at the sending step and a return at the receiving step without a trail', () => {
    expect(stepState({ state: 'rejected', kind: 'internal' })).toMatchObject({ active: 0, stopped: true })
    expect(stepState({ state: 'returned', kind: 'internal' })).toMatchObject({ active: 1, stopped: true })
    expect(stepState({ state: 'rejected', kind: 'out' })).toMatchObject({ active: 0, stopped: true })
  })

  it('date each step: the start, the step into pending in, the completion', () => {
    const t = { started_on: '2026-03-01', completed_on: null }
    const trail = [
      { at: '2026-03-01T09:00:00+08:00', state_to: 'pending_out' as const },
      { at: '2026-03-04T10:00:00+08:00', state_to: 'pending_in' as const },
    ]
    expect(stepDate(t, trail, 'pending_out')).toBe('2026-03-01')
    expect(stepDate(t, trail, 'pending_in')).toBe('2026-03-04T10:00:00+08:00')
    expect(stepDate(t, trail, 'completed')).toBeNull()
    expect(stepDate({ ...t, completed_on: '2026-03-09' }, trail, 'completed')).toBe('2026-03-09')
  })

  it('tell who acts next', () => {
    expect(waitingFor(transfer('pending_out', approvals(false, false, true)))).toBe('branch')
    expect(waitingFor(transfer('pending_out', approvals(true, false, true)))).toBe('committee')
    expect(waitingFor(transfer('pending_in'))).toBe('receiving')
    expect(waitingFor(transfer('completed'))).toBeNull()
    expect(waitingFor(transfer('rejected'))).toBeNull()
  })
})

describe('what a user may do with a transfer', () => {
  it('lets the branch approve or reject a transfer the receiving side started, and the receiving side cancel it', () => {
    const started = transfer('pending_out', approvals(false, false, true), 'receiving')
    expect(transferActions(started, SENDING, false, secretary)).toEqual(['approve_out', 'reject'])
    expect(transferActions(started, RECEIVING, true, staff)).toEqual(['cancel'])
    expect(transferActions(started, RECEIVING, false, secretary)).toEqual(['cancel'])
  })

  it('leaves the committee\'s approval to a committee once the branch has approved', () => {
    const waiting = transfer('pending_out', approvals(true, false, true))
    // The branch that started it: only reject or cancel are left to it.
    expect(transferActions(waiting, SENDING, false, secretary)).toEqual(['reject', 'cancel'])
    // Staff of a general branch between them is no committee either.
    expect(transferActions(waiting, SENDING, false, staff)).toEqual(['reject', 'cancel'])
    expect(transferActions(waiting, SENDING, true, staff)).toEqual(['approve_out', 'reject', 'cancel'])
    // Approved by both: nothing left to approve (the server moved it on already).
    expect(transferActions(transfer('pending_out', approvals(true, true, true)), SENDING, true, staff)).toEqual([
      'reject',
      'cancel',
    ])
  })

  it('lets only committee staff of the receiving side accept; the receiving branch may return', () => {
    const incoming = transfer('pending_in')
    expect(transferActions(incoming, RECEIVING, true, staff)).toEqual(['accept', 'return'])
    expect(transferActions(incoming, RECEIVING, false, secretary)).toEqual(['return'])
    expect(transferActions(incoming, SENDING, true, staff)).toEqual(['cancel'])
  })

  it('lets a user over both ends take both sides\' steps', () => {
    expect(transferActions(transfer('pending_out', approvals(false, false, true)), BOTH, true, staff)).toEqual([
      'approve_out',
      'reject',
      'cancel',
    ])
    expect(transferActions(transfer('pending_in'), BOTH, true, staff)).toEqual(['accept', 'return', 'cancel'])
  })

  it('leaves the sending side to cancel what the member started', () => {
    const byMember = transfer('pending_in', approvals(true, true, true), 'member')
    expect(transferActions(byMember, SENDING, true, staff)).toEqual(['cancel'])
    expect(transferActions(byMember, RECEIVING, true, staff)).toEqual(['accept', 'return'])
  })

  it('offers nothing on an ended transfer, outside the scope, or without the permission', () => {
    for (const state of ['completed', 'rejected', 'returned', 'cancelled', 'expired'] as const) {
      expect(transferActions(transfer(state), BOTH, true, staff)).toEqual([])
    }
    expect(transferActions(transfer('pending_out'), NEITHER, true, staff)).toEqual([])
    expect(transferActions(transfer('pending_in'), BOTH, true, can(['system_admin']))).toEqual([])
    expect(transferActions(transfer('pending_in'), BOTH, true, can(['member']))).toEqual([])
  })

  it('counts only committee types as committees and places members in branches', () => {
    expect(isCommitteeType('committee')).toBe(true)
    expect(isCommitteeType('working_committee')).toBe(true)
    expect(isCommitteeType('local_committee')).toBe(true)
    expect(isCommitteeType('general_branch')).toBe(false)
    expect(isCommitteeType('branch')).toBe(false)
    expect(isCommitteeType(undefined)).toBe(false)
    expect(canHoldMembers({ type: 'branch' })).toBe(true)
    expect(canHoldMembers({ type: 'general_branch' })).toBe(true)
    expect(canHoldMembers({ type: 'committee' })).toBe(false)
  })
})

describe('the start form', () => {
  const out = (patch: Partial<StartForm>): StartForm => ({ ...emptyStartForm('out'), reason: 'job', member_id: 7, ...patch })
  const incoming = (patch: Partial<StartForm>): StartForm => ({
    ...emptyStartForm('in'),
    reason: 'study',
    member_no: '20242208000440',
    member_name: '于思瑶',
    to_org_id: 21,
    ...patch,
  })

  it('sends a member of the scope to an org of the system, never to their own org', () => {
    expect(checkStart(out({ to_org_id: 21 }), 16)).toEqual({})
    expect(startBody(out({ to_org_id: 21, note: '  工作调动  ' }), 16)).toEqual({
      member_id: 7,
      to_org_id: 21,
      reason: 'job',
      note: '工作调动',
    })
    expect(checkStart(out({ to_org_id: 16 }), 16)).toEqual({ to_org_id: 'same_org' })
    expect(checkStart(out({ to_org_id: null }), 16)).toEqual({ to_org_id: 'required' })
    expect(checkStart(out({ member_id: null, to_org_id: 21 }))).toEqual({ member_id: 'required' })
    expect(startBody(out({ to_org_id: 16 }), 16)).toBeNull()
  })

  it('sends a member out of the system with a name and an optional code, and no org', () => {
    const external = out({ destination: 'external', external_name: ' 白城市洮北区团委 ', to_org_id: 21 })
    expect(checkStart(external, 16)).toEqual({})
    expect(startBody(external, 16)).toEqual({ member_id: 7, external_name: '白城市洮北区团委', reason: 'job' })
    expect(startBody({ ...external, external_code: 'TB-01' }, 16)).toMatchObject({ external_code: 'TB-01' })
    expect(checkStart(out({ destination: 'external' }))).toEqual({ external_name: 'required' })
    expect(checkStart(out({ destination: 'external', external_name: '团'.repeat(101) }))).toEqual({ external_name: 'too_long' })
    expect(checkStart(out({ destination: 'external', external_name: '团委', external_code: 'x'.repeat(51) }))).toEqual({
      external_code: 'too_long',
    })
  })

  it('sends a member to an org outside the scope by its code, once the lookup has confirmed it', () => {
    const found = { id: 77, name: '白城市某企业团委', code: 'BC-77', type: 'committee' as const }
    const byCode = out({ destination: 'code', to_org_code: ' BC-77 ', code_org: found, to_org_id: 21 })
    expect(checkStart(byCode, 16)).toEqual({})
    expect(startBody(byCode, 16)).toEqual({ member_id: 7, to_org_code: 'BC-77', reason: 'job' })
    expect(checkStart(out({ destination: 'code' }))).toEqual({ to_org_code: 'required' })
    expect(checkStart(out({ destination: 'code', to_org_code: 'BC-77' }))).toEqual({ to_org_code: 'not_confirmed' })
    // The code changed after the lookup.
    expect(checkStart(out({ destination: 'code', to_org_code: 'BC-78', code_org: found }))).toEqual({ to_org_code: 'not_confirmed' })
    expect(checkStart(out({ destination: 'code', to_org_code: 'BC-77', code_org: found }), 77)).toEqual({ to_org_code: 'same_org' })
    expect(startBody(out({ destination: 'code', to_org_code: 'BC-77' }), 16)).toBeNull()
  })

  it('names a destination by id, by code (or its id for the bulk route) or outside the system', () => {
    const found = { id: 77, name: '某镇学社衔接临时团支部', code: 'town-77', type: 'branch' as const }
    expect(destinationBody({ ...emptyDestination('internal'), to_org_id: 5 })).toEqual({ to_org_id: 5 })
    expect(destinationBody({ ...emptyDestination('code'), to_org_code: 'town-77', code_org: found })).toEqual({ to_org_code: 'town-77' })
    expect(destinationBody({ ...emptyDestination('code'), to_org_code: 'town-77', code_org: found }, true)).toEqual({ to_org_id: 77 })
    expect(destinationBody({ ...emptyDestination('external'), external_name: ' 外省团委 ', external_code: ' ' })).toEqual({
      external_name: '外省团委',
    })
    expect(destinationBody(emptyDestination('code'))).toBeNull()
    expect(checkDestination({ ...emptyDestination('internal'), to_org_id: 5 }, 5)).toEqual({ to_org_id: 'same_org' })
  })

  it('lets the receiving side name the member by number and name, always to an org of its scope', () => {
    expect(checkStart(incoming({}))).toEqual({})
    expect(startBody(incoming({ destination: 'external', external_name: 'ignored' }))).toEqual({
      member_no: '20242208000440',
      member_name: '于思瑶',
      to_org_id: 21,
      reason: 'study',
    })
    expect(checkStart(incoming({ member_no: '', member_name: ' ' }))).toEqual({ member_no: 'required', member_name: 'required' })
    expect(checkStart(incoming({ member_no: '2024-0001' }))).toEqual({ member_no: 'invalid_format' })
    expect(checkStart(incoming({ member_no: '1234567' }))).toEqual({ member_no: 'invalid_format' })
    expect(checkStart(incoming({ to_org_id: null, destination: 'external' }))).toEqual({ to_org_id: 'required' })
    // The member's org is unknown to the receiving side: no same-org check here (the server's).
    expect(checkStart(incoming({ to_org_id: 16 }), 16)).toEqual({})
  })

  it('needs a reason and keeps the note within 500 characters', () => {
    expect(checkStart(out({ to_org_id: 21, reason: '' }))).toEqual({ reason: 'required' })
    expect(checkStart(out({ to_org_id: 21, note: '注'.repeat(500) }))).toEqual({})
    expect(checkStart(out({ to_org_id: 21, note: '注'.repeat(501) }))).toEqual({ note: 'too_long' })
  })

  it('shows the destination as the org here or the one outside with its code', () => {
    expect(destinationText({ to_org_name: '坦途村团支部', external_name: null, external_code: null })).toBe('坦途村团支部')
    expect(destinationText({ to_org_name: null, external_name: '洮北区团委', external_code: 'TB-01' })).toBe('洮北区团委 (TB-01)')
    expect(destinationText({ to_org_name: null, external_name: '洮北区团委', external_code: null })).toBe('洮北区团委')
  })
})
