// Party recommendation (推优入党) as the server runs it (docs/api.md, Party recommendation): a
// member whose Party application is at least 6 months old (to the day) is nominated, recommended
// by the general meeting's vote (the recruitment vote's rule: see checkVote), then reviewed and
// ranked by the committee above. Mirrored for the list's actions and the dialogs' checks.
import type { TwoSystemsApi } from '@/api/twoSystems'
import type { Permission } from '@/auth/permissions'
import { isoDate, parseIsoDate } from '@/members/rules'

// How long a Party application must be before the member may be nominated.
export const PARTY_APPLICATION_MONTHS = 6

// `date` plus `months` calendar months; a day past the end of the target month becomes its last
// day (31 August + 6 months = 28 or 29 February), as the server's AddMonths. '' for a bad date.
export function addMonths(date: string, months: number): string {
  const d = parseIsoDate(date)
  if (!d) return ''
  const index = d.year * 12 + (d.month - 1) + months
  const year = Math.floor(index / 12)
  const month = (index % 12) + 1
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return isoDate(year, month, Math.min(d.day, last))
}

// The first day the member may be nominated, for an application filed on `appliedOn`.
export function earliestNomination(appliedOn: string): string {
  return addMonths(appliedOn, PARTY_APPLICATION_MONTHS)
}

export function applicationOldEnough(appliedOn: string, nominatedOn: string): boolean {
  const earliest = earliestNomination(appliedOn)
  return earliest !== '' && nominatedOn >= earliest
}

// Recommendations still under way (one a member).
export function isOpenStage(stage: TwoSystemsApi.PartyStage): boolean {
  return stage === 'nominated' || stage === 'recommended'
}

export interface PartyActions {
  // Record the general meeting's vote: a nomination, by those who nominate.
  vote: boolean
  // Review and rank: a recommended member, by committee staff of an org above the branch.
  review: boolean
}

export function partyActions(
  r: Pick<TwoSystemsApi.Recommendation, 'stage' | 'org_id'>,
  userOrgId: number | null | undefined,
  can: (permission: Permission) => boolean,
): PartyActions {
  return {
    vote: r.stage === 'nominated' && can('party.write'),
    review:
      r.stage === 'recommended' &&
      can('party.review') &&
      userOrgId !== null &&
      userOrgId !== undefined &&
      userOrgId !== r.org_id,
  }
}

export type RankProblem = 'required' | 'whole' | 'out_of_range'
export const RANK = { min: 1, max: 10000 } as const

// An accepted recommendation's rank: a whole number 1–10000 (a declined one has none).
export function checkRank(decision: TwoSystemsApi.Decision, rank: number | null | undefined): RankProblem | null {
  if (decision !== 'accepted') return null
  if (rank === null || rank === undefined || Number.isNaN(rank)) return 'required'
  if (!Number.isInteger(rank)) return 'whole'
  if (rank < RANK.min || rank > RANK.max) return 'out_of_range'
  return null
}
