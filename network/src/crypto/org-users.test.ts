import { addUser } from './add-user';
import { orgUsers } from './org-users';
import { generateTestMaterial, type TestMaterial } from './test-material';

let material: TestMaterial;
// Key generation for every org: seconds when the machine is busy with other suites.
beforeAll(async () => {
  material = await generateTestMaterial();
}, 60_000);
afterAll(() => material.remove());

describe('orgUsers', () => {
  it("lists the description's users, then users issued later with their certificates' own attributes", async () => {
    const customs = material.description.peerOrgs.find((o) => o.name === 'Customs')!;
    expect(orgUsers(material.root, customs).map((u) => u.name)).toEqual(['User1']);

    const zed = await addUser(material.description, material.root, 'Customs', 'Zed', {});
    const inspector = await addUser(material.description, material.root, 'Customs', 'Inspector7', { role: 'customs', station: 'PVG' });
    expect(orgUsers(material.root, customs)).toEqual([
      expect.objectContaining({ name: 'User1', attrs: { role: 'customs' } }),
      { name: 'Inspector7', certPath: inspector.certPath, keyPath: inspector.keyPath, attrs: { role: 'customs', station: 'PVG' } },
      { name: 'Zed', certPath: zed.certPath, keyPath: zed.keyPath, attrs: {} },
    ]);
    // Another org's users stay its own.
    const regulator = material.description.peerOrgs.find((o) => o.name === 'Regulator')!;
    expect(orgUsers(material.root, regulator).map((u) => u.name)).toEqual(['User1']);
  });
});
