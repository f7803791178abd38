#!/usr/bin/env bash
# Deploys the trace chaincode on fabric-samples' test network (Docker) through its own network.sh: the channels
# alliance and public, then `deployCCAAS` of the chaincode with its collections rewritten for the test network's
# two orgs. See docs/fabric-samples-test-network.md for the mapping and what it gives up. Needs Docker; the devnet
# and FABRIC_BIN modes of this project need none.
set -euo pipefail

usage() {
  cat <<USAGE
usage: FABRIC_SAMPLES=<fabric-samples checkout> $(basename "$0") [--with-ca] [--skip-network] [--help]

  --with-ca        bring the test network up with Fabric CAs (-ca), so that users with a role attribute
                   can be registered afterwards (see the docs)
  --skip-network   the test network and both channels exist already: only (re)deploy the chaincode
                   (a changed chaincode is committed at the next sequence)

environment:
  FABRIC_SAMPLES   a fabric-samples checkout with Fabric's binaries in its bin/ (required)
  CONTAINER_CLI    docker (default) or podman, as network.sh takes it
USAGE
}

with_ca=()
skip_network=false
for arg in "$@"; do
  case "$arg" in
    --with-ca) with_ca=(-ca) ;;
    --skip-network) skip_network=true ;;
    --help | -h) usage; exit 0 ;;
    *) echo "unknown option $arg" >&2; usage >&2; exit 2 ;;
  esac
done

step() { printf '\u25b6 %s\n' "$*"; }
fail() { printf '\u2716 %s\n' "$*" >&2; exit 1; }

root=$(cd "$(dirname "$0")/../.." && pwd)
[[ -n "${FABRIC_SAMPLES:-}" ]] || fail "set FABRIC_SAMPLES to a fabric-samples checkout (https://github.com/hyperledger/fabric-samples)"
test_network="$FABRIC_SAMPLES/test-network"
[[ -x "$test_network/network.sh" ]] || fail "$test_network/network.sh not found: FABRIC_SAMPLES must be a fabric-samples checkout"
"${CONTAINER_CLI:-docker}" info >/dev/null 2>&1 \
  || fail "${CONTAINER_CLI:-docker} is not running. Without Docker, use the devnet (npm start) or official binaries (FABRIC_BIN=... npm start)"

step "building the chaincode (tsc -b)"
(cd "$root" && npx tsc -b)

# deployCCAAS builds an image from the folder it is given, with that folder as the build context: the chaincode,
# the domain package it imports (a workspace, not on a registry) and the Dockerfile are staged into one folder.
stage="$root/.fabric-samples/trace"
step "staging the chaincode image's build context in $stage"
rm -rf "$stage"
mkdir -p "$stage/vendor/domain"
cp -R "$root/chaincode/alliance/dist" "$stage/dist"
cp -R "$root/chaincode/domain/dist" "$stage/vendor/domain/dist"
cp "$root/chaincode/domain/package.json" "$stage/vendor/domain/package.json"
cp "$(dirname "$0")/Dockerfile" "$stage/Dockerfile"
node -e '
  const fs = require("node:fs");
  const [alliance, out] = process.argv.slice(1);
  const pkg = JSON.parse(fs.readFileSync(alliance, "utf8"));
  pkg.dependencies["@crossborder-trace/domain"] = "file:vendor/domain";
  // fabric-contract-api 2.5.x needs class-transformer 0.5.1, or object parameters fail at run time.
  pkg.overrides = { "class-transformer": "0.5.1" };
  delete pkg.scripts;
  fs.writeFileSync(out, JSON.stringify(pkg, null, 2) + "\n");
' "$root/chaincode/alliance/package.json" "$stage/package.json"
version=$(node -p 'require(process.argv[1]).version' "$root/chaincode/alliance/package.json")

collections="$root/.fabric-samples/collections-test-network.json"
step "collections config for Org1MSP (business roles) and Org2MSP (regulator): $collections"
node "$(dirname "$0")/collections-for-test-network.mjs" Org1MSP Org2MSP >"$collections"

cd "$test_network"
if [[ "$skip_network" == false ]]; then
  step "test network up, channel alliance (network.sh up createChannel -c alliance ${with_ca[*]})"
  ./network.sh up createChannel -c alliance "${with_ca[@]}"
  step "channel public (network.sh createChannel -c public)"
  ./network.sh createChannel -c public
fi

# The chaincode policy keeps its shape: the regulator's peer and a business org's peer endorse every write.
step "deploying trace ${version} as a service on alliance (network.sh deployCCAAS)"
./network.sh deployCCAAS -c alliance -ccn trace -ccp "$stage" -ccv "$version" -ccs auto \
  -ccep "AND('Org1MSP.peer','Org2MSP.peer')" -cccg "$collections"

step "done: trace runs on channel alliance of the test network; next steps are in docs/fabric-samples-test-network.md"
