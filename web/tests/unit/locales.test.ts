import { describe, expect, it } from 'vitest'
import zhCN from '@/locales/zh-CN'
import en from '@/locales/en'

type Messages = { [key: string]: string | Messages }

function flatten(messages: Messages, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(path, value)
    else for (const [k, v] of flatten(value, path)) out.set(k, v)
  }
  return out
}

// Placeholders such as {name} must be the same in both languages.
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('locales', () => {
  const zh = flatten(zhCN as unknown as Messages)
  const english = flatten(en as unknown as Messages)

  it('have exactly the same keys in zh-CN and en', () => {
    expect([...english.keys()].sort()).toEqual([...zh.keys()].sort())
  })

  it('use the same placeholders in both languages', () => {
    for (const [key, text] of zh) {
      expect(placeholders(english.get(key) ?? ''), key).toEqual(placeholders(text))
    }
  })

  it('leave no Chinese text empty', () => {
    for (const [key, text] of zh) expect(text.trim(), key).not.toBe('')
  })

  it('keep English free of Chinese characters except the language names', () => {
    for (const [key, text] of english) {
      if (key.startsWith('localeName.')) continue
      expect(/[\u4e00-\u9fff]/.test(text), `${key}: ${text}`).toBe(false)
    }
  })
})
