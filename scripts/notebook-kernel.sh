#!/bin/sh
# Starts the workbook's notebook kernel (the "rnnlab" kernel spec written by setup-kernel.js):
#
#   notebook-kernel.sh NODE NODE_VERSION BLOB ENTRY [tslab's arguments...]
#
# runs `NODE --snapshot-blob BLOB ENTRY ...` (a kernel from the start-up snapshot, see
# lib/notebookKernel/tslab/kernelSnapshot.ts) while NODE is still the version that built BLOB, and
# `NODE ENTRY ...` otherwise: V8 refuses a blob built by another version, and a Node.js
# upgrade must not leave the kernel dead. Rerun `node scripts/setup-kernel.js` to rebuild it.
node="$1"; version="$2"; blob="$3"; entry="$4"
shift 4
if [ -n "$blob" ] && [ -f "$blob" ] && [ "$("$node" --version 2>/dev/null)" = "$version" ]; then
  exec "$node" --snapshot-blob "$blob" "$entry" "$@"
fi
exec "$node" "$entry" "$@"
