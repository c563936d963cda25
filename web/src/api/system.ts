// Server status (docs/api.md, System).
import { http } from './request'

export namespace SystemApi {
  export interface Health {
    status: string
    version: string
    database: 'sqlite' | 'postgresql' | string
  }
}

export function getHealth(): Promise<SystemApi.Health> {
  return http.get<SystemApi.Health>('/health', { silent: true, noRedirect: true })
}
