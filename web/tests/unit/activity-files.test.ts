import { describe, expect, it } from 'vitest'
import {
  ATTACHMENT_ACCEPT,
  ATTACHMENT_LIMITS,
  attachmentType,
  checkAttachment,
  formatBytes,
  isImageFile,
} from '@/api/activities'

const MiB = 1024 * 1024

describe('activity photos and documents', () => {
  it('takes JPEG, PNG, GIF, WebP and PDF by the browser type or the name', () => {
    expect(attachmentType({ name: 'a.bin', type: 'image/png' })).toBe('image/png')
    expect(attachmentType({ name: '合影.JPG', type: '' })).toBe('image/jpeg')
    expect(attachmentType({ name: '合影.jpeg' })).toBe('image/jpeg')
    expect(attachmentType({ name: 'x.webp', type: '' })).toBe('image/webp')
    expect(attachmentType({ name: '会议记录.pdf', type: 'application/pdf' })).toBe('application/pdf')
    expect(attachmentType({ name: '会议记录.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' })).toBeNull()
    expect(attachmentType({ name: 'photo.heic', type: 'image/heic' })).toBeNull()
    expect(ATTACHMENT_ACCEPT.split(',')).toEqual(expect.arrayContaining(['image/jpeg', '.jpg', '.png', '.gif', '.webp', '.pdf']))
  })

  it('checks a file before it is sent, with the server codes', () => {
    const photo = { name: '合影.jpg', type: 'image/jpeg', size: 2 * MiB }
    expect(checkAttachment(photo, 0)).toBeNull()
    expect(checkAttachment({ ...photo, size: 5 * MiB }, 8)).toBeNull()
    expect(checkAttachment({ ...photo, size: 5 * MiB + 1 }, 0)).toBe('too_large')
    expect(checkAttachment({ ...photo, size: 0 }, 0)).toBe('empty')
    expect(checkAttachment({ name: 'a.txt', type: 'text/plain', size: 10 }, 0)).toBe('type_not_allowed')
    expect(checkAttachment(photo, ATTACHMENT_LIMITS.maxFiles)).toBe('too_many')
  })

  it('shows sizes and tells photos from documents', () => {
    expect(formatBytes(812)).toBe('812 B')
    expect(formatBytes(36045)).toBe('35.2 KB')
    expect(formatBytes(5 * MiB)).toBe('5.0 MB')
    expect(isImageFile({ content_type: 'image/gif' })).toBe(true)
    expect(isImageFile({ content_type: 'application/pdf' })).toBe(false)
  })
})
