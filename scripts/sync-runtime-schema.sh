#!/usr/bin/env bash
# Copies the canonical runtime tables (packages/runtime/prisma/runtime.prisma)
# into every service's prisma/schema/. A unit test in @tjc/runtime fails when a
# copy drifts; after running this, create a migration in each changed service.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src="$root/packages/runtime/prisma/runtime.prisma"
for dir in "$root"/services/*/prisma/schema "$root"/packages/runtime/test/prisma/schema; do
  [[ -d "$dir" ]] || continue
  if ! cmp -s "$src" "$dir/runtime.prisma"; then cp "$src" "$dir/runtime.prisma"; echo "updated ${dir#"$root"/}/runtime.prisma"; fi
done
