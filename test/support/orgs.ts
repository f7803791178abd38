// The peer orgs of network/network.yaml and the role attribute in each org's User1 certificate: facts the
// suites' assertions rely on.
export const USER_ROLES = {
  Manufacturer: 'manufacturer',
  Platform: 'platform',
  Logistics: 'logistics',
  Customs: 'customs',
  Regulator: 'regulator',
} as const;

export type OrgName = keyof typeof USER_ROLES;
export const ORGS = Object.keys(USER_ROLES) as OrgName[];
