#!/usr/bin/env bash
# Puts the trace chaincode on fabric-samples' test network (Docker) through the test network's own network.sh:
# it creates our channels there, then deploys the chaincode as a service with `network.sh deployCCAAS`, its
# endorsement policy and collections config folded onto the test network's two orgs (Org1MSP: the business roles,
# Org2MSP: the regulator). docs/fabric-samples-test-network.md explains the mapping and what it gives up.
#
# It needs Docker. This project's own networks (the devnet, and real Fabric from FABRIC_BIN) need none.
# Nothing is downloaded here; network.sh and Docker fetch what they fetch (images, the chaincode image's npm packages).
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "${script_dir}/../.." && pwd)
stage_root="${root}/.fabric-samples"

usage() {
  cat <<USAGE
usage: FABRIC_SAMPLES=<fabric-samples checkout> $(basename "$0") [options]

Creates the channels of network/network.yaml on fabric-samples' test network and deploys the trace chaincode on
it with network.sh deployCCAAS. See docs/fabric-samples-test-network.md.

options:
  --cryptogen      crypto material from cryptogen instead of Fabric CAs. Cryptogen users carry no 'role'
                   attribute, so only enterprise registration and reads work (default: Fabric CAs, -ca)
  --fresh          run 'network.sh down' first, removing a test network that is already up, with its ledgers
  --skip-network   the test network and the channels exist already: only (re)deploy the chaincode; a changed
                   chaincode is committed at the next sequence
  --version V      chaincode version, and so its package label trace_V (default: chaincode/alliance's version)
  --dry-run        build, stage the image's build context and write the collections config, then print the
                   network.sh commands instead of running them (needs neither Docker nor FABRIC_SAMPLES)
  -h, --help       this text

environment:
  FABRIC_SAMPLES   a fabric-samples checkout with Fabric's binaries in bin/ and config/ (required)
  CONTAINER_CLI    docker (default) or podman; network.sh reads it too

writes: ${stage_root#"${root}/"}/ (the image's build context and the collections config; ignored by git)
USAGE
}

step_no=0
step() {
  step_no=$((step_no + 1))
  printf '\n==> [%d] %s\n' "${step_no}" "$*"
}
fail() {
  printf 'deploy-test-network: %s\n' "$*" >&2
  exit 1
}

use_ca=true
fresh=false
skip_network=false
dry_run=false
version=""
while (($# > 0)); do
  case "$1" in
    --cryptogen) use_ca=false ;;
    --fresh) fresh=true ;;
    --skip-network) skip_network=true ;;
    --dry-run) dry_run=true ;;
    --version)
      (($# > 1)) || fail "--version needs a value"
      version=$2
      shift
      ;;
    --version=*) version=${1#--version=} ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      usage >&2
      fail "unknown option $1"
      ;;
  esac
  shift
done
if [[ "${fresh}" == true && "${skip_network}" == true ]]; then
  fail "--fresh and --skip-network contradict each other"
fi

: "${CONTAINER_CLI:=docker}"
export CONTAINER_CLI
test_network="${FABRIC_SAMPLES:-<FABRIC_SAMPLES>}/test-network"

# Everything Docker- and Fabric-related is checked before anything is built, so a missing piece costs nothing.
if [[ "${dry_run}" == false ]]; then
  step "checking prerequisites"
  [[ -n "${FABRIC_SAMPLES:-}" ]] \
    || fail "set FABRIC_SAMPLES to a fabric-samples checkout (with its bin/ and config/ from its install-fabric.sh)"
  [[ -f "${test_network}/network.sh" ]] \
    || fail "${test_network}/network.sh not found: FABRIC_SAMPLES must be a fabric-samples checkout"
  "${CONTAINER_CLI}" info >/dev/null 2>&1 \
    || fail "'${CONTAINER_CLI} info' failed: the test network needs a running container engine. Without Docker, run this project on its devnet (npm start) or on Fabric binaries (FABRIC_BIN=... npm start); neither needs Docker."
  for binary in peer configtxgen osnadmin; do
    [[ -x "${FABRIC_SAMPLES}/bin/${binary}" ]] \
      || fail "${FABRIC_SAMPLES}/bin/${binary} not found: get Fabric's binaries and images into the checkout with its install-fabric.sh (components binary and docker)"
  done
  [[ -f "${FABRIC_SAMPLES}/config/core.yaml" ]] \
    || fail "${FABRIC_SAMPLES}/config/core.yaml not found: install-fabric.sh's binary component unpacks it"
  if [[ "${use_ca}" == true ]]; then
    [[ -x "${FABRIC_SAMPLES}/bin/fabric-ca-client" ]] \
      || fail "${FABRIC_SAMPLES}/bin/fabric-ca-client not found: Fabric CA mode needs it (or pass --cryptogen)"
  fi
  # network.sh's channel and lifecycle scripts pipe through jq.
  command -v jq >/dev/null || fail "jq not found on PATH: fabric-samples' scripts need it"
  # network.sh passes -ccp and -cccg on to deployCCAAS.sh unquoted, and changes into its own folder unquoted:
  # a path with a space in it would be split.
  for dir in "${root}" "${FABRIC_SAMPLES}"; do
    [[ "${dir}" != *[[:space:]]* ]] || fail "network.sh cannot cope with whitespace in a path: ${dir}"
  done
fi
[[ -d "${root}/node_modules" ]] \
  || fail "${root}/node_modules is missing: run 'npm ci' (or 'npm start' once) first; this script installs nothing"

step "building the chaincode (npm run build)"
(cd "${root}" && npm run --silent build)

# deployCCAAS builds the image from <ccp>/Dockerfile with <ccp> as the whole build context, so everything the
# image needs is staged in one folder: the built chaincode, the domain package it imports (a workspace of this
# repository, on no registry) and the Dockerfile.
stage="${stage_root}/trace"
step "staging the chaincode image's build context in ${stage}"
rm -rf "${stage}"
mkdir -p "${stage}/vendor/domain"
cp -R "${root}/chaincode/alliance/dist" "${stage}/dist"
cp -R "${root}/chaincode/domain/dist" "${stage}/vendor/domain/dist"
cp "${script_dir}/Dockerfile" "${stage}/Dockerfile"
node - "${root}" "${stage}" <<'NODE'
// package.json files for the image's `npm install`: the domain package comes from vendor/, and every direct
// dependency is pinned to the version installed (and tested) here, since the image has no lockfile.
const fs = require('node:fs');
const path = require('node:path');
const [root, stage] = process.argv.slice(2);
const read = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));
const installed = (name) => {
  const file = path.join(root, 'node_modules', name, 'package.json');
  return fs.existsSync(file) ? read(file).version : undefined;
};
const pin = (deps) => Object.fromEntries(Object.entries(deps ?? {}).map(([name, range]) => [name, installed(name) ?? range]));
const write = (file, pkg) => fs.writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);

const domain = read(path.join(root, 'chaincode', 'domain', 'package.json'));
write(path.join(stage, 'vendor', 'domain', 'package.json'), { ...domain, dependencies: pin(domain.dependencies) });

const alliance = read(path.join(root, 'chaincode', 'alliance', 'package.json'));
const dependencies = pin(alliance.dependencies);
dependencies[domain.name] = 'file:vendor/domain';
// The root's overrides too (class-transformer 0.5.1), so the image resolves what the repository runs.
write(path.join(stage, 'package.json'), { ...alliance, dependencies, overrides: read(path.join(root, 'package.json')).overrides });
NODE

# The chaincode's name, channel, endorsement policy and collections come from network/network.yaml, read by the
# project's own loader (built above), so this script names nothing of the network itself.
step "reading the trace chaincode's definition and channels from network/network.yaml"
description=$(node -e '
  const { loadNetworkDescription } = require(process.argv[1]);
  const description = loadNetworkDescription();
  const trace = description.chaincodes.find((chaincode) => chaincode.name === "trace");
  if (!trace || trace.definitions.length !== 1) throw new Error("network.yaml must define chaincode trace on exactly one channel");
  const [definition] = trace.definitions;
  if (!definition.endorsementPolicy || !definition.collectionsPath) throw new Error("trace needs an endorsement policy and a collections config");
  console.log(definition.channel);
  console.log(definition.endorsementPolicy);
  console.log(definition.collectionsPath);
  console.log(description.channels.map((channel) => channel.name).join(" "));
' "${root}/network/dist/description")
{
  read -r cc_channel
  read -r our_policy
  read -r our_collections
  read -r -a channels
} <<<"${description}"
[[ -n "${version}" ]] || version=$(node -p 'require(process.argv[1]).version' "${root}/chaincode/alliance/package.json")
# The version becomes the package label trace_<version>, which Fabric limits to these characters.
[[ "${version}" =~ ^[A-Za-z0-9_.+-]+$ ]] || fail "--version '${version}' cannot be part of a package label (letters, digits, _ . + -)"
printf '    chaincode trace %s on channel %s; channels: %s\n' "${version}" "${cc_channel}" "${channels[*]}"

step "folding the endorsement policy and collections onto Org1MSP (business roles) and Org2MSP (regulator)"
collections="${stage_root}/collections-test-network.json"
node "${script_dir}/collections-for-test-network.mjs" --collections "${our_collections}" >"${collections}"
policy=$(node "${script_dir}/collections-for-test-network.mjs" --policy "${our_policy}")
# network.sh hands -ccep on unquoted, so the policy must be one word.
[[ "${policy}" != *[[:space:]]* ]] || fail "the folded policy contains whitespace: ${policy}"
printf '    endorsement policy: %s\n    (ours: %s)\n    collections config: %s\n' "${policy}" "${our_policy}" "${collections}"

# Shows a command for the log, a word with other than plain characters in double quotes (for reading, not eval).
show() {
  local word line="    \$"
  for word in "$@"; do
    if [[ "${word}" =~ ^[A-Za-z0-9_./:=@%+,-]+$ ]]; then line+=" ${word}"; else line+=" \"${word}\""; fi
  done
  printf '%s\n' "${line}"
}

# Runs network.sh in the test network's folder, or only shows the command on a dry run.
network_sh() {
  show cd "${test_network}"
  show ./network.sh "$@"
  if [[ "${dry_run}" == false ]]; then
    (cd "${test_network}" && ./network.sh "$@")
  fi
}

if [[ "${fresh}" == true ]]; then
  step "taking down the test network that is up (network.sh down)"
  network_sh down
fi

if [[ "${skip_network}" == false ]]; then
  # The first channel brings the network up (createChannel starts it when its containers are not running).
  up=(up createChannel -c "${channels[0]}")
  if [[ "${use_ca}" == true ]]; then up+=(-ca); fi
  step "starting the test network with channel ${channels[0]}"
  network_sh "${up[@]}"
  for ((i = 1; i < ${#channels[@]}; i++)); do
    step "creating channel ${channels[i]}"
    network_sh createChannel -c "${channels[i]}"
  done
fi

# deployCCAAS starts one container per peer under fixed names; Docker refuses a name already taken, so the
# containers of an earlier deployment are removed first. The peers dial the new ones on their next call.
step "removing chaincode containers of an earlier deployment, if any"
for peer in peer0org1 peer0org2; do
  show "${CONTAINER_CLI}" rm -f "${peer}_trace_ccaas"
  if [[ "${dry_run}" == false ]]; then
    "${CONTAINER_CLI}" rm -f "${peer}_trace_ccaas" >/dev/null 2>&1 || true
  fi
done

step "deploying trace ${version} as a service on ${cc_channel} (network.sh deployCCAAS)"
network_sh deployCCAAS -c "${cc_channel}" -ccn trace -ccp "${stage}" -ccv "${version}" -ccs auto \
  -ccep "${policy}" -cccg "${collections}"

if [[ "${dry_run}" == true ]]; then
  printf '\ndry run: nothing was started. The image build context is %s\n' "${stage}"
else
  printf '\ndone: trace runs on channel %s; its servers are the containers peer0org1_trace_ccaas and peer0org2_trace_ccaas.\n' "${cc_channel}"
  printf 'Next: register users with a role attribute and each org'\''s enterprise, as docs/fabric-samples-test-network.md describes.\n'
fi
