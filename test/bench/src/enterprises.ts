import { connectGateway, type ConnectionInfo } from '@crossborder-trace/network';

/** The roles of the orgs' enterprises, as the charter gives them: each org's admin registers its own. */
const ENTERPRISE_ROLES: Readonly<Record<string, string>> = {
  Manufacturer: 'manufacturer',
  Platform: 'platform',
  Logistics: 'logistics',
  Customs: 'customs',
  Regulator: 'regulator',
};

/**
 * Each org's admin registers its enterprise in its own role; the registrations go together. Registering again
 * (a later phase on the same network) is an update that keeps the enterprise's status.
 */
export async function registerEnterprises(info: ConnectionInfo): Promise<void> {
  await Promise.all(
    info.orgs.map(async (org) => {
      const role = ENTERPRISE_ROLES[org.name];
      if (!role) return;
      const connection = connectGateway(info, org.name, 'Admin');
      try {
        const registration = { name: `${org.name} Co.`, country: org.name === 'Manufacturer' || org.name === 'Logistics' ? 'DE' : 'CN', roles: [role] };
        await connection.gateway.getNetwork('alliance').getContract('trace', 'enterprise').submitTransaction('register', JSON.stringify(registration));
      } finally {
        connection.close();
      }
    }),
  );
}
