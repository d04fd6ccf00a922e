#!/usr/bin/env bash
# Starts one tslab kernel for grading an untrusted submission.
#
# Usage: sandbox-kernel.sh CONNECTION_FILE
# Environment (set by the grader):
#   RNNLAB_TSLAB        absolute path of the kernel's entry (dist/notebookKernel/tslab/tslabKernel.js)
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
#                       see lib/notebookKernel/tslab/kernelSnapshot.ts)
#   RNNLAB_SEALED       a folder holding only the sealed questions (lib/grading/sealedQuestions.ts),
#   RNNLAB_SEALED_OVER  mounted read-only over this one (dist/questions: the clear questions
#                       with their reference solutions); root only, a failed mount stops the kernel
#   RNNLAB_DISK_MB      size of the submission's writable folders (its working directory,
#                       /tmp, /var/tmp, /dev/shm: tmpfs, counted in its memory cgroup)
#   RNNLAB_CGROUP_PROCS colon-separated cgroup.procs files of the submission's cgroups
#                       (made by grade_worker.py: memory of all its processes together,
#                       process count, CPU share); the kernel joins them before it starts
#
# As root (the grader also gives each submission its own network namespace, see
# grade_worker.py): a new mount and PID namespace (every process the submission
# spawns dies with the kernel), its own cgroups, private and size-limited tmpfs
# folders for everything it may write (its working directory, /tmp, /var/tmp,
# /dev/shm), the secret directories hidden, the compiled
# questions (reference solutions) replaced by their sealed checks, then the kernel runs as an
# unprivileged uid with no capabilities and resource limits. Root never writes
# to a path the submission could have prepared: the connection file is written
# into a tmpfs mounted a moment before, inside the new mount namespace.
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
case "$uid" in ''|*[!0-9]*) echo "sandbox-kernel: RNNLAB_UID must be numeric" >&2; exit 2 ;; esac
disk="${RNNLAB_DISK_MB:-256}"
# Join the submission's cgroups: the kernel and everything it starts stay inside them.
IFS=: read -ra cgroups <<< "${RNNLAB_CGROUP_PROCS:-}"
for f in "${cgroups[@]}"; do
  [ -n "$f" ] && echo $$ > "$f"
done
# The connection file is read now, as root, and written again inside the sandbox.
RNNLAB_CONN_JSON=$(head -c 65536 -- "$conn")
export RNNLAB_CONN_JSON RNNLAB_DATA="$data_bytes" RNNLAB_NPROC_LIMIT="$nproc" RNNLAB_DISK="$disk"
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
    umount -l "$keep" 2>/dev/null && rmdir "$keep" 2>/dev/null || true
  fi
  IFS=: read -ra hide <<< "${RNNLAB_HIDE:-}"
  for d in "${hide[@]}"; do
    [ -n "$d" ] && [ -d "$d" ] && mount -t tmpfs -o size=1m,mode=755,ro tmpfs "$d"
  done
  # The compiled questions (with their reference solutions) replaced by their sealed checks.
  if [ -n "${RNNLAB_SEALED_OVER:-}" ]; then
    [ -f "${RNNLAB_SEALED:-}/sealed.js" ] || { echo "sandbox-kernel: no sealed questions in ${RNNLAB_SEALED:-}" >&2; exit 2; }
    mount --bind "$RNNLAB_SEALED" "$RNNLAB_SEALED_OVER"
    mount -o remount,bind,ro "$RNNLAB_SEALED_OVER"
  fi
  # Everything the submission may write lives in fresh tmpfs folders of bounded size:
  # nothing it writes reaches the host disk, and nothing is left when the kernel ends.
  mount -t tmpfs -o "size=${RNNLAB_DISK}m,mode=1777,nosuid,nodev" tmpfs /dev/shm
  [ -d /var/tmp ] && mount -t tmpfs -o "size=64m,mode=1777,nosuid,nodev" tmpfs /var/tmp
  mount -t tmpfs -o "size=${RNNLAB_DISK}m,mode=700,uid=$RNNLAB_UID,gid=$RNNLAB_UID,nosuid,nodev" tmpfs "$RNNLAB_WORKDIR"
  # The connection file, in a root-owned folder of the fresh /tmp (readable by the kernel only).
  cdir=$(mktemp -d /tmp/.rnnlab-kernel.XXXXXX)
  chmod 711 "$cdir"
  ( umask 077; printf "%s" "$RNNLAB_CONN_JSON" > "$cdir/connection.json" )
  chown "$RNNLAB_UID:$RNNLAB_UID" "$cdir/connection.json"
  unset RNNLAB_CONN_JSON
  cd "$RNNLAB_WORKDIR"
  export HOME="$RNNLAB_WORKDIR"
  exec setpriv --reuid="$RNNLAB_UID" --regid="$RNNLAB_UID" --clear-groups --no-new-privs \
       --inh-caps=-all --bounding-set=-all \
       prlimit --data="$RNNLAB_DATA" --nproc="$RNNLAB_NPROC_LIMIT" --core=0 --fsize=$((RNNLAB_DISK * 1024 * 1024)) -- \
       "$RNNLAB_NODE" ${RNNLAB_SNAPSHOT:+--snapshot-blob "$RNNLAB_SNAPSHOT"} $RNNLAB_NODE_FLAGS "$RNNLAB_TSLAB" kernel --config-path "$cdir/connection.json"
'
