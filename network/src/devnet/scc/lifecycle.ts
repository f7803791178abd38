import { peer } from '@hyperledger/fabric-protos';
import type { ChaincodeDefinition, ChaincodeRegistry } from '../lifecycle/api';
import { checkAcl, type AclSources } from './acl';
import { error, success, type SystemChaincode, type SystemChaincodeCall } from './api';
import { checkCommitReadiness, queryApproved, queryApprovedDefinitions, setDefinitionParameters } from './lifecycle-approvals';
import { LifecycleFailure } from './lifecycle-failure';
import { queryInstalledChaincode, queryInstalledChaincodes } from './lifecycle-installed';

const NAME = '_lifecycle';
const lifecycle = peer.lifecycle;

/** A chaincode package installed on every devnet peer. */
export interface InstalledPackage {
  readonly label: string;
  readonly packageId: string;
}

/** Where a query's answer comes from: the committed definitions, the packages, and each channel's member orgs. */
export interface LifecycleSources {
  readonly registry: ChaincodeRegistry;
  readonly installed: () => readonly InstalledPackage[];
  readonly channels: () => readonly string[];
  readonly channelMembers: (channel: string) => readonly string[];
}

/**
 * Fabric's _lifecycle system chaincode (core/chaincode/lifecycle/scc.go), its queries. The devnet defines every
 * chaincode from the network description at start, as if each member org had installed the package, approved
 * the definition and committed it: the answers are what Fabric gives after exactly that.
 */
export class LifecycleSystemChaincode implements SystemChaincode {
  readonly name = NAME;

  constructor(
    private readonly sources: LifecycleSources,
    private readonly acl: AclSources,
  ) {}

  async invoke(call: SystemChaincodeCall): Promise<peer.Response> {
    const { args, channel } = call;
    if (args.length === 0) return error('lifecycle scc must be invoked with arguments');
    if (args.length !== 2) return error(`lifecycle scc operations require exactly two arguments but received ${args.length}`);
    const fname = Buffer.from(args[0]).toString('utf8');
    const denied = checkAcl(this.acl, `${NAME}/${fname}`, channel, call.peerMspId, {
      creator: call.creator.serialized,
      data: call.signedProposal.getProposalBytes_asU8(),
      signature: call.signedProposal.getSignature_asU8(),
    });
    if (denied !== undefined) return error(`Failed to authorize invocation due to failed ACL check: ${denied}`);
    try {
      return success(this.#dispatch(fname, args[1], channel));
    } catch (err) {
      if (err instanceof LifecycleFailure && err.status !== 500) return error(err.message, err.status);
      return error(`failed to invoke backing implementation of '${fname}': ${(err as Error).message}`);
    }
  }

  #dispatch(fname: string, input: Uint8Array, channel: string): Uint8Array {
    switch (fname) {
      case 'QueryChaincodeDefinition':
        return this.#queryChaincodeDefinition(lifecycle.QueryChaincodeDefinitionArgs.deserializeBinary(input).getName(), channel);
      case 'QueryChaincodeDefinitions':
        return this.#queryChaincodeDefinitions(channel);
      case 'QueryInstalledChaincodes':
        return queryInstalledChaincodes(this.sources);
      case 'QueryInstalledChaincode':
        return queryInstalledChaincode(this.sources, lifecycle.QueryInstalledChaincodeArgs.deserializeBinary(input).getPackageId());
      case 'QueryApprovedChaincodeDefinition': {
        const args = lifecycle.QueryApprovedChaincodeDefinitionArgs.deserializeBinary(input);
        return queryApproved(this.sources, channel, args.getName(), args.getSequence());
      }
      case 'QueryApprovedChaincodeDefinitions':
        return queryApprovedDefinitions(this.sources, channel);
      case 'CheckCommitReadiness':
        return checkCommitReadiness(this.sources, channel, lifecycle.CheckCommitReadinessArgs.deserializeBinary(input));
      default:
        // Install, approve and commit are the network description's, applied at start; the package is not kept.
        throw new LifecycleFailure(`${fname} is not offered by the devnet: chaincodes are defined from the network description`);
    }
  }

  #defined(name: string, channel: string): ChaincodeDefinition {
    const definition = this.sources.registry.get(channel, name);
    if (!definition) throw new LifecycleFailure(`namespace ${name} is not defined`, 404);
    return definition;
  }

  #queryChaincodeDefinition(name: string, channel: string): Uint8Array {
    const definition = this.#defined(name, channel);
    const result = new lifecycle.QueryChaincodeDefinitionResult();
    setDefinitionParameters(result, definition);
    // Every member org approved the definition the devnet committed.
    for (const mspId of this.sources.channelMembers(channel)) result.getApprovalsMap().set(mspId, true);
    return result.serializeBinary();
  }

  #queryChaincodeDefinitions(channel: string): Uint8Array {
    const result = new lifecycle.QueryChaincodeDefinitionsResult();
    for (const definition of this.sources.registry.list(channel)) {
      const entry = new lifecycle.QueryChaincodeDefinitionsResult.ChaincodeDefinition();
      entry.setName(definition.name);
      setDefinitionParameters(entry, definition);
      result.addChaincodeDefinitions(entry);
    }
    return result.serializeBinary();
  }
}
