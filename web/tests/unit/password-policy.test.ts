import { describe, expect, it } from 'vitest'
import { checkPasswordPolicy, passwordClassCount } from '@/auth/password-policy'

describe('checkPasswordPolicy', () => {
  it('refuses 9 characters and accepts 10', () => {
    expect(checkPasswordPolicy('Abcdefg1!', 'admin')).toEqual(['too_short'])
    expect(checkPasswordPolicy('Abcdefgh1!', 'admin')).toEqual([])
  })

  it('counts characters, not bytes (a Chinese character counts once)', () => {
    // 9 characters but 13 UTF-8 bytes: still too short
    expect(checkPasswordPolicy('团建Abcde12', 'admin')).toEqual(['too_short'])
    expect(checkPasswordPolicy('团建Abcdef12', 'admin')).toEqual([])
  })

  it('refuses more than 128 characters', () => {
    expect(checkPasswordPolicy('Aa1' + 'x'.repeat(125), 'admin')).toEqual([])
    expect(checkPasswordPolicy('Aa1' + 'x'.repeat(126), 'admin')).toEqual(['too_long'])
  })

  it('needs 3 of the 4 classes: 2 is not enough', () => {
    expect(checkPasswordPolicy('abcdefghij', 'admin')).toEqual(['classes'])
    expect(checkPasswordPolicy('abcdefghi1', 'admin')).toEqual(['classes'])
    expect(checkPasswordPolicy('ABCDEFGHI!', 'admin')).toEqual(['classes'])
    expect(checkPasswordPolicy('abcdefgh1!', 'admin')).toEqual([])
    expect(checkPasswordPolicy('ABCDEFGH1!', 'admin')).toEqual([])
    expect(checkPasswordPolicy('Abcdefghij1', 'admin')).toEqual([])
  })

  it('counts any non-ASCII character as a symbol', () => {
    expect(passwordClassCount('abc团')).toBe(2)
    expect(checkPasswordPolicy('abcdefgh1团', 'admin')).toEqual([])
  })

  it('refuses a password containing the username, ignoring case', () => {
    expect(checkPasswordPolicy('xxAdmin123!', 'admin')).toEqual(['contains_username'])
    expect(checkPasswordPolicy('xxADMIN123!', 'Admin')).toEqual(['contains_username'])
    expect(checkPasswordPolicy('xxAdmi123!Z', 'admin')).toEqual([])
  })

  it('ignores an empty username', () => {
    expect(checkPasswordPolicy('Abcdefgh1!', '')).toEqual([])
  })

  it('reports every broken rule', () => {
    expect(checkPasswordPolicy('admin', 'admin')).toEqual(['too_short', 'classes', 'contains_username'])
  })
})
