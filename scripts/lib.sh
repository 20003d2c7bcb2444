# Shared checks for the scripts: a JDK 17 or newer, and Maven through the wrapper.
# Sourced, not run.

arkiv_root() { cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd; }

require_java() {
  if ! command -v java >/dev/null 2>&1; then
    echo "Arkiv needs a Java 17 (or newer) JDK, and none is on the PATH." >&2
    echo "Install one, e.g. 'apt-get install -y openjdk-17-jdk-headless', then run this again." >&2
    exit 1
  fi
  local version
  version=$(java -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')
  local major=${version%%.*}
  if [ -z "$major" ] || [ "$major" -lt 17 ]; then
    echo "Arkiv needs Java 17 or newer; 'java' here is $version." >&2
    echo "Install a JDK 17 or set JAVA_HOME/PATH to one, then run this again." >&2
    exit 1
  fi
  if ! command -v javac >/dev/null 2>&1 && [ -z "${JAVA_HOME:-}" ]; then
    echo "Found a Java runtime but no compiler (javac): install a JDK, not only a JRE." >&2
    exit 1
  fi
}

# The Maven wrapper fetches the pinned Maven from Maven Central on first use.
maven() {
  "$(arkiv_root)/mvnw" -B -q "$@"
}
