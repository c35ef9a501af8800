# Sourced by every Sable script: finds the newest JDK >= 21 under /usr/lib/jvm and puts the
# project's npm-installed L1 tools on PATH.
SABLE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export SABLE_ROOT

sable_find_jdk() {
  local best="" best_major=0 dir release major
  for dir in /usr/lib/jvm/*/; do
    dir="${dir%/}"
    [ -x "$dir/bin/javac" ] && [ -f "$dir/release" ] || continue
    release="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$dir/release")"
    major="${release:-0}"
    if [ "$major" -gt "$best_major" ]; then best="$dir"; best_major="$major"; fi
  done
  if [ "$best_major" -lt 21 ]; then
    echo "sable: no JDK 21+ under /usr/lib/jvm (newest found: ${best:-none})" >&2
    return 1
  fi
  echo "$best"
}

if [ -z "${JAVA_HOME:-}" ] || [ ! -f "$JAVA_HOME/release" ] \
   || [ "$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JAVA_HOME/release")" -lt 21 ]; then
  JAVA_HOME="$(sable_find_jdk)" || return 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$SABLE_ROOT/node_modules/.bin:$PATH"
# Maven's own libraries use sun.misc.Unsafe, which JDK 23+ warns about; JDK 21 knows no such flag.
if [ "$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JAVA_HOME/release")" -ge 23 ]; then
  case " ${MAVEN_OPTS:-} " in
    *sun-misc-unsafe-memory-access*) ;;
    *) export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow" ;;
  esac
fi
# Go's proving uses both cores; its heap lives outside -Xmx, so cap it too.
export GOMAXPROCS="${GOMAXPROCS:-$(nproc)}"
export GOMEMLIMIT="${GOMEMLIMIT:-8GiB}"
