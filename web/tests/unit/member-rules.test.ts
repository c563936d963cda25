import { describe, expect, it } from 'vitest'
import {
  ageOn,
  birthday,
  checkChar,
  checkJoinDate,
  checkMemberNo,
  checkPhone,
  parseIdNumber,
  todayIso,
} from '@/members/rules'

const TODAY = '2026-11-27'

describe('ID number check character (GB 11643, ISO 7064 MOD 11-2)', () => {
  it('computes the check character, X included', () => {
    expect(checkChar('11010519491231002')).toBe('X')
    expect(checkChar('22082119980115123')).toBe('7')
    expect(checkChar('22082120050315001')).toBe('2')
  })

  it('refuses anything but 17 digits', () => {
    expect(checkChar('2208211998011512')).toBeNull()
    expect(checkChar('2208211998011512a')).toBeNull()
  })
})

describe('parseIdNumber', () => {
  it('accepts valid numbers and derives birth date and gender', () => {
    const a = parseIdNumber('220821199801151237', TODAY)
    expect(a).toEqual({
      ok: true,
      value: { number: '220821199801151237', divisionCode: '220821', birthDate: '1998-01-15', gender: 'male' },
    })
    const b = parseIdNumber('11010519491231002X', TODAY)
    expect(b.ok && b.value.birthDate).toBe('1949-12-31')
    expect(b.ok && b.value.gender).toBe('female')
  })

  it('accepts a lower-case x and normalizes it', () => {
    const id = parseIdNumber('11010519491231002x', TODAY)
    expect(id.ok && id.value.number).toBe('11010519491231002X')
  })

  it('trims spaces', () => {
    expect(parseIdNumber('  220821199801151237 ', TODAY).ok).toBe(true)
  })

  it('names the problem as the server does', () => {
    expect(parseIdNumber('', TODAY)).toEqual({ ok: false, problem: 'required' })
    expect(parseIdNumber('22082119980115123', TODAY)).toEqual({ ok: false, problem: 'format' })
    expect(parseIdNumber('2208211998011512379', TODAY)).toEqual({ ok: false, problem: 'format' })
    expect(parseIdNumber('22082119980115123Y', TODAY)).toEqual({ ok: false, problem: 'format' })
    // a wrong check character
    expect(parseIdNumber('220821199801151238', TODAY)).toEqual({ ok: false, problem: 'checksum' })
    expect(parseIdNumber('110105194912310021', TODAY)).toEqual({ ok: false, problem: 'checksum' })
  })

  it('refuses birth dates that are not real or in the future', () => {
    // 30 February
    expect(parseIdNumber('220821200502300012', TODAY)).toEqual({ ok: false, problem: 'birth_date' })
    // 29 February of a common year; 2008-02-29 is real
    expect(parseIdNumber(`22082120070229002${checkChar('22082120070229002')}`, TODAY)).toEqual({
      ok: false,
      problem: 'birth_date',
    })
    expect(parseIdNumber(`22082120080229002${checkChar('22082120080229002')}`, TODAY).ok).toBe(true)
    // born tomorrow, and born today
    expect(parseIdNumber(`22082120261128001${checkChar('22082120261128001')}`, TODAY)).toEqual({
      ok: false,
      problem: 'birth_date',
    })
    expect(parseIdNumber(`22082120261127001${checkChar('22082120261127001')}`, TODAY).ok).toBe(true)
    // before 1900
    expect(parseIdNumber(`22082118991231001${checkChar('22082118991231001')}`, TODAY)).toEqual({
      ok: false,
      problem: 'birth_date',
    })
  })
})

describe('ages and birthdays', () => {
  it('counts whole years', () => {
    expect(ageOn('2005-03-15', '2019-03-14')).toBe(13)
    expect(ageOn('2005-03-15', '2019-03-15')).toBe(14)
  })

  it('moves a 29 February birthday to 1 March in common years', () => {
    expect(ageOn('2008-02-29', '2022-02-28')).toBe(13)
    expect(ageOn('2008-02-29', '2022-03-01')).toBe(14)
    expect(ageOn('2008-02-29', '2036-02-29')).toBe(28)
    expect(birthday('2008-02-29', 14)).toBe('2022-03-01')
    expect(birthday('2008-02-29', 28)).toBe('2036-02-29')
  })
})

describe('checkJoinDate', () => {
  const birth = '2005-03-15'
  const far = '2040-01-01'

  it('requires a real date', () => {
    expect(checkJoinDate('', birth, TODAY)).toBe('required')
    expect(checkJoinDate('2021-02-30', birth, TODAY)).toBe('invalid_format')
    expect(checkJoinDate('2021/05/04', birth, TODAY)).toBe('invalid_format')
  })

  it('refuses the future but accepts today', () => {
    expect(checkJoinDate('2026-11-28', '2000-01-01', TODAY)).toBe('in_future')
    expect(checkJoinDate(TODAY, '2000-01-01', TODAY)).toBeNull()
  })

  it('refuses the day before the 14th birthday and accepts the day itself', () => {
    expect(checkJoinDate('2019-03-14', birth, far)).toBe('before_14th_birthday')
    expect(checkJoinDate('2019-03-15', birth, far)).toBeNull()
  })

  it('accepts the day before the 28th birthday and refuses the day itself', () => {
    expect(checkJoinDate('2033-03-14', birth, far)).toBeNull()
    expect(checkJoinDate('2033-03-15', birth, far)).toBe('age_out_of_range')
  })

  it('handles a 29 February birth', () => {
    expect(checkJoinDate('2022-02-28', '2008-02-29', far)).toBe('before_14th_birthday')
    expect(checkJoinDate('2022-03-01', '2008-02-29', far)).toBeNull()
  })

  it('checks only the date when the birth date is unknown', () => {
    expect(checkJoinDate('2010-01-01', null, TODAY)).toBeNull()
  })
})

describe('checkMemberNo', () => {
  it('is required for admissions since 2017-01-01 only', () => {
    expect(checkMemberNo('', '2017-01-01')).toBe('required_since_2017')
    expect(checkMemberNo('', '2016-12-31')).toBeNull()
    expect(checkMemberNo('', null)).toBeNull()
  })

  it('is 8 to 20 digits', () => {
    expect(checkMemberNo('2021123', '2021-05-04')).toBe('invalid_format')
    expect(checkMemberNo('20211234', '2021-05-04')).toBeNull()
    expect(checkMemberNo('20211234567890123456', '2021-05-04')).toBeNull()
    expect(checkMemberNo('202112345678901234567', '2021-05-04')).toBe('invalid_format')
    expect(checkMemberNo('2021A234', '2021-05-04')).toBe('invalid_format')
  })

  it('starts with the admission year', () => {
    expect(checkMemberNo('20201234', '2021-05-04')).toBe('year_mismatch')
    expect(checkMemberNo('20151234', '2015-05-04')).toBeNull()
    expect(checkMemberNo('20201234', null)).toBeNull()
  })
})

describe('checkPhone', () => {
  it('accepts mobile numbers 1[3-9] and landlines with an area code', () => {
    expect(checkPhone('')).toBeNull()
    expect(checkPhone('13912345678')).toBeNull()
    expect(checkPhone('19912345678')).toBeNull()
    expect(checkPhone('0436-1234567')).toBeNull()
    expect(checkPhone('010-12345678')).toBeNull()
  })

  it('refuses anything else', () => {
    expect(checkPhone('12912345678')).toBe('invalid_format')
    expect(checkPhone('1391234567')).toBe('invalid_format')
    expect(checkPhone('139123456789')).toBe('invalid_format')
    expect(checkPhone('0436-123456')).toBe('invalid_format')
    expect(checkPhone('04361-1234567')).toBe('invalid_format')
    expect(checkPhone('4361-1234567')).toBe('invalid_format')
    expect(checkPhone('0436 1234567')).toBe('invalid_format')
  })
})

describe('todayIso', () => {
  it('formats the local calendar date', () => {
    expect(todayIso(new Date(2020, 4, 4, 23, 59))).toBe('2020-05-04')
  })
})
