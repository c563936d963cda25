import { describe, expect, it } from 'vitest'
import {
  campaignPhase,
  checkCampaign,
  checkRegisterDate,
  defaultRegistrationYear,
  formatPermille,
  mayRegister,
  permillePercent,
  stateFilter,
} from '@/twoSystems/registration'

describe('registration rates', () => {
  it('show the per mille as a percent with one decimal', () => {
    expect(formatPermille(853)).toBe('85.3')
    expect(formatPermille(1000)).toBe('100.0')
    expect(formatPermille(5)).toBe('0.5')
    expect(formatPermille(40)).toBe('4.0')
    expect(formatPermille(0)).toBe('0.0')
    expect(formatPermille(Number.NaN)).toBe('0.0')
  })

  it('give a progress bar its percent', () => {
    expect(permillePercent(853)).toBe(85.3)
    expect(permillePercent(1000)).toBe(100)
    expect(permillePercent(0)).toBe(0)
    expect(permillePercent(-3)).toBe(0)
  })
})

describe('the year the registration page starts on', () => {
  it('is the newest opened year that has begun', () => {
    const campaigns = [
      { year: 2027, opens_on: '2027-01-05' },
      { year: 2026, opens_on: '2026-03-01' },
      { year: 2025, opens_on: '2025-03-01' },
    ]
    expect(defaultRegistrationYear(campaigns, '2026-11-27')).toBe(2026)
    expect(defaultRegistrationYear(campaigns, '2027-01-05')).toBe(2027)
  })

  it('is this year when no opened year has begun', () => {
    expect(defaultRegistrationYear([], '2026-11-27')).toBe(2026)
    expect(defaultRegistrationYear([{ year: 2027, opens_on: '2027-01-05' }], '2026-11-27')).toBe(2026)
  })
})

describe('a year\'s registration', () => {
  const c = { opens_on: '2026-03-01', deadline: '2026-04-30' }

  it('is not opened, not started, open or past its deadline', () => {
    expect(campaignPhase(null, '2026-05-01')).toBe('none')
    expect(campaignPhase(c, '2026-02-28')).toBe('not_started')
    expect(campaignPhase(c, '2026-03-01')).toBe('open')
    expect(campaignPhase(c, '2026-04-30')).toBe('open')
    expect(campaignPhase(c, '2026-05-01')).toBe('past_deadline')
  })

  it('needs an opening and a deadline not before it', () => {
    expect(checkCampaign('2026-03-01', '2026-04-30')).toEqual({})
    expect(checkCampaign('2026-03-01', '2026-03-01')).toEqual({})
    expect(checkCampaign('2026-03-01', '2026-02-28')).toEqual({ deadline: 'before_opening' })
    expect(checkCampaign('', '')).toEqual({ opens_on: 'required', deadline: 'required' })
    expect(checkCampaign('2026-02-30', '2026-04-30')).toEqual({ opens_on: 'invalid_format' })
  })

  it('registers on a date from the opening to today', () => {
    expect(checkRegisterDate('2026-03-10', '2026-03-01', '2026-11-27')).toBeNull()
    expect(checkRegisterDate('2026-03-01', '2026-03-01', '2026-11-27')).toBeNull()
    expect(checkRegisterDate('2026-02-28', '2026-03-01', '2026-11-27')).toBe('before_opening')
    expect(checkRegisterDate('2026-11-28', '2026-03-01', '2026-11-27')).toBe('in_future')
    expect(checkRegisterDate('', '2026-03-01', '2026-11-27')).toBe('required')
    expect(checkRegisterDate('2026-13-01', '2026-03-01', '2026-11-27')).toBe('invalid_format')
  })
})

describe('the member list', () => {
  it('filters by one state, or the follow-up state chosen', () => {
    expect(stateFilter('all', 'not_evaluated')).toBeUndefined()
    expect(stateFilter('registered', 'not_evaluated')).toBe('registered')
    expect(stateFilter('eligible', 'unqualified')).toBe('eligible')
    expect(stateFilter('follow_up', 'unqualified')).toBe('unqualified')
    expect(stateFilter('follow_up', 'not_evaluated')).toBe('not_evaluated')
  })

  it('lets only eligible members be ticked for registration', () => {
    expect(mayRegister({ state: 'eligible' })).toBe(true)
    for (const state of ['registered', 'not_evaluated', 'unqualified'] as const) expect(mayRegister({ state })).toBe(false)
  })
})
