import { FabricNetworkError } from '../fabric';
import { selectRuntime } from './runtime';

describe('selectRuntime', () => {
  it('is the devnet without FABRIC_BIN, and says so on its banner', () => {
    const runtime = selectRuntime({}, '/tmp/somewhere');
    expect(runtime.kind).toBe('devnet');
    expect(runtime.dataDir).toBe('/tmp/somewhere');
    expect(runtime.banner).toMatch(/^network: the devnet/);
  });

  it('refuses a FABRIC_BIN without Fabric binaries, saying how to get official ones', () => {
    expect(() => selectRuntime({ FABRIC_BIN: '/nonexistent/bin' }, undefined)).toThrow(FabricNetworkError);
    expect(() => selectRuntime({ FABRIC_BIN: '/nonexistent/bin' }, undefined)).toThrow(/install-fabric\.sh[\s\S]*binary/);
  });
});
