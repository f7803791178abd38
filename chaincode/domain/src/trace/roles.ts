/** The roles an enterprise of the alliance plays (seed 000, 4.3), as user certificates carry them (attribute `role`). */
export const ROLES = ['manufacturer', 'platform', 'logistics', 'customs', 'regulator'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
