import { addUser } from '../crypto';
import { loadNetworkDescription } from '../description';
import { relistUsers } from './connection-users';
import type { NetworkRuntime } from './runtime';
import { userAttributes } from './user-attributes';

/** `network user add --org O --name N [--attr k=v ...]`: issues the user and lists it in connection.json. */
export async function userAddCommand(runtime: NetworkRuntime, org: string, name: string, attrOptions: readonly string[]): Promise<number> {
  let attrs: Record<string, string>;
  try {
    attrs = userAttributes([...attrOptions]);
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
  const description = loadNetworkDescription();
  const files = await addUser(description, runtime.cryptoRoot, org, name, attrs);
  const shown = Object.entries(attrs).map(([key, value]) => `${key}=${value}`).join(' ');
  console.log(`issued ${name} of ${org}${shown ? ` (${shown})` : ' (no attributes)'}: certificate ${files.certPath}, key ${files.keyPath}`);
  const listed = relistUsers(runtime.dataDir, description, runtime.cryptoRoot);
  console.log(
    listed
      ? `listed with its attributes, certificate and key in ${runtime.dataDir}/connection.json`
      : `${runtime.dataDir}/connection.json lists it once ${runtime.name} has started`,
  );
  return 0;
}
