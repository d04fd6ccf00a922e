#!/usr/bin/env bash
# Starts one tslab kernel for grading an untrusted submission.
#
# Usage: sandbox-kernel.sh CONNECTION_FILE
# Environment (set by the grader):
#   RNNLAB_TSLAB        absolute path of the kernel's entry (dist/notebookKernel/tslabKernel.js)
#   RNNLAB_WORKDIR      the submission's private working directory (kernel cwd)
#   RNNLAB_ROOT         the project's root (kept visible even when it is under /tmp)
#   RNNLAB_HIDE         colon-separated directories the kernel must not see
#                       (hidden tests, grading outputs): covered by empty tmpfs
#   RNNLAB_UID          numeric uid/gid to run the kernel as (root only)
#   RNNLAB_MEM_MB       memory limit in MiB (V8 heap and data segment)
#   RNNLAB_NPROC        max processes for that uid
#   RNNLAB_NODE_FLAGS   the kernel's node flags (default: a heap limit of 3/4 of the memory
#                       limit and --max-semi-space-size=32; the grader passes its own)
#   RNNLAB_NODE         the node binary (default: node on PATH)
#   RNNLAB_SNAPSHOT     the kernel's start-up snapshot blob, built by that node (optional;
#                       see lib/notebookKernel/kernelSnapshot.ts)
#
# As root: a new mount and PID namespace (every process the submission spawns
# dies with the kernel), a private /tmp, the secret directories hidden, then the
# kernel runs as an unprivileged uid with no capabilities and resource limits.
# Not root: the kernel runs with the resource limits only (a weaker sandbox;
# the grader says so).
set -euo pipefail
conn="$1"
mem="${RNNLAB_MEM_MB:-1024}"
nproc="${RNNLAB_NPROC:-64}"
heap=$(( mem * 3 / 4 ))
# A larger young generation: TypeScript's compiler allocates many short-lived objects
# at kernel start, and fewer scavenges save about 0.3 s of CPU per kernel.
export RNNLAB_NODE_FLAGS="${RNNLAB_NODE_FLAGS:---max-old-space-size=$heap --max-semi-space-size=32}"
data_bytes=$(( (mem + 1024) * 1024 * 1024 ))   # typed arrays live outside the V8 heap
export RNNLAB_NODE="${RNNLAB_NODE:-node}" RNNLAB_SNAPSHOT="${RNNLAB_SNAPSHOT:-}"

if [ "$(id -u)" != "0" ] || [ -z "${RNNLAB_UID:-}" ]; then
  cd "$RNNLAB_WORKDIR"
  exec prlimit --data="$data_bytes" -- "$RNNLAB_NODE" ${RNNLAB_SNAPSHOT:+--snapshot-blob "$RNNLAB_SNAPSHOT"} $RNNLAB_NODE_FLAGS "$RNNLAB_TSLAB" kernel --config-path "$conn"
fi

uid="$RNNLAB_UID"
# The kernel reads its connection file after dropping privileges.
kconn="$RNNLAB_WORKDIR/.kernel-connection.json"
cp "$conn" "$kconn"
chown "$uid:$uid" "$kconn"
chmod 600 "$kconn"

export RNNLAB_CONN="$kconn" RNNLAB_DATA="$data_bytes" RNNLAB_NPROC_LIMIT="$nproc"
exec unshare --mount --pid --fork --kill-child --mount-proc -- bash -c '
  set -euo pipefail
  mount --make-rprivate /
  # A private /tmp. The project (the kernel, the library and the working
  # directory of the submission) may itself live under /tmp: keep it visible.
  keep=""
  case "$RNNLAB_ROOT/" in /tmp/*)
    keep=$(mktemp -d /run/rnnlab-keep.XXXXXX 2>/dev/null || mktemp -d /dev/shm/rnnlab-keep.XXXXXX)
    mount --bind "$RNNLAB_ROOT" "$keep" ;;
  esac
  mount -t tmpfs -o size=64m,mode=1777 tmpfs /tmp
  if [ -n "$keep" ]; then
    mkdir -p "$RNNLAB_ROOT"
    mount --bind "$keep" "$RNNLAB_ROOT"
  fi
  IFS=: read -ra hide <<< "${RNNLAB_HIDE:-}"
  for d in "${hide[@]}"; do
    [ -n "$d" ] && [ -d "$d" ] && mount -t tmpfs -o size=1m,mode=755,ro tmpfs "$d"
  done
  cd "$RNNLAB_WORKDIR"
  export HOME="$RNNLAB_WORKDIR"
  exec setpriv --reuid="$RNNLAB_UID" --regid="$RNNLAB_UID" --clear-groups --no-new-privs \
       --inh-caps=-all --bounding-set=-all \
       prlimit --data="$RNNLAB_DATA" --nproc="$RNNLAB_NPROC_LIMIT" --core=0 -- \
       "$RNNLAB_NODE" ${RNNLAB_SNAPSHOT:+--snapshot-blob "$RNNLAB_SNAPSHOT"} $RNNLAB_NODE_FLAGS "$RNNLAB_TSLAB" kernel --config-path "$RNNLAB_CONN"
'
