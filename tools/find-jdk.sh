# Sourced by ./flotilla and ./mvnw: sets FLOTILLA_JAVA_HOME to a JDK whose major version is >= 21.
# Looks at $JAVA_HOME first, then every JDK under /usr/lib/jvm (newest first), then `java` on PATH.
# A JDK needs both bin/java and bin/javac: the build compiles, the runtime alone is not enough.

flotilla_jdk_major() {
  # Prints the major version of the JDK at $1 (0 when it cannot tell).
  local release="$1/release" v
  if [ -r "$release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
  else
    v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
  fi
  echo "${v:-0}"
}

flotilla_find_jdk() {
  local candidates=() tried=() c
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for c in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do candidates+=("${c%/}"); done
  if command -v javac >/dev/null 2>&1; then
    c=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    candidates+=("$c")
  fi
  for c in "${candidates[@]}"; do
    if [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ]; then
      local major; major=$(flotilla_jdk_major "$c")
      tried+=("$c (Java $major)")
      if [ "$major" -ge 21 ] 2>/dev/null; then
        FLOTILLA_JAVA_HOME="$c"
        return 0
      fi
    else
      tried+=("$c (no bin/java + bin/javac)")
    fi
  done
  {
    echo "flotilla: needs a JDK 21 or newer and found none."
    echo "  looked at \$JAVA_HOME, every directory under /usr/lib/jvm, and javac on PATH:"
    if [ ${#tried[@]} -eq 0 ]; then echo "    (nothing found)"; else printf '    %s\n' "${tried[@]}"; fi
    echo "  install one (e.g. apt-get install openjdk-21-jdk-headless) or set JAVA_HOME to it."
  } >&2
  return 1
}
