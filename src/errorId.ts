import { randomUUID } from 'node:crypto';

/** The short id an unexpected error is shown with, and logged under, so one finds the other. */
export function newErrorId(): string {
  return randomUUID().slice(0, 8);
}
