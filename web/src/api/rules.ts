// The year's rule settings (docs/api.md, Rule settings).
import { http } from './request'

export namespace RulesApi {
  // The settings one can change (every field of PUT /rules/{year}).
  export interface Values {
    min_class_hours: number
    min_activist_months: number
    min_age: number
    max_age: number
    junior_high_cap_percent: number
    senior_high_cap_percent: number
    excellent_cap_percent: number
    evaluation_quorum_num: number
    evaluation_quorum_den: number
    min_classes_per_year: number
    // Organizational life: a branch's general meetings a quarter, committee meetings a month and
    // league classes a quarter (达标情况).
    min_general_meetings_per_quarter: number
    min_committee_meetings_per_month: number
    min_classes_per_quarter: number
  }

  // A version of the year's settings; version 0 is the national defaults (never saved).
  export interface Rules extends Values {
    year: number
    version: number
    created_at: string | null
    created_by: string | null
  }
}

export const MIN_RULE_YEAR = 2000
export const MAX_RULE_YEAR = 2100

export function getRules(year: number): Promise<RulesApi.Rules> {
  return http.get<RulesApi.Rules>(`/rules/${year}`)
}

export function listRuleVersions(year: number): Promise<RulesApi.Rules[]> {
  return http.get<{ items: RulesApi.Rules[] }>(`/rules/${year}/versions`).then((r) => r.items)
}

export function updateRules(year: number, body: Partial<RulesApi.Values>): Promise<RulesApi.Rules> {
  return http.put<RulesApi.Rules>(`/rules/${year}`, body)
}
