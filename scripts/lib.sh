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

# OCR needs Tesseract with Swedish and English. Installs it where it can (root with apt-get);
# otherwise says clearly that OCR is off. One Tesseract thread per process: Arkiv bounds the
# number of parallel OCR jobs itself.
ensure_tesseract() {
  export OMP_THREAD_LIMIT=1
  if command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -q swe; then
    return 0
  fi
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Tesseract OCR (tesseract-ocr, -swe, -eng)..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      tesseract-ocr tesseract-ocr-swe tesseract-ocr-eng >/dev/null && return 0
  fi
  echo "Tesseract OCR is not installed, so OCR is OFF: scans are archived without text." >&2
  echo "To turn it on: apt-get install -y tesseract-ocr tesseract-ocr-swe tesseract-ocr-eng" >&2
  return 0
}

# The browser tests (@BrowserTest, tag "browser") drive Debian's Chromium through Debian's
# chromedriver, the matching pair; Selenium is never let to download one. Installs them where it
# can (root with apt-get); otherwise says that the browser tests will fail without them.
ensure_chromium() {
  if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    return 0
  fi
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Chromium and its driver for the browser tests (chromium, chromium-driver)..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      chromium chromium-driver >/dev/null && return 0
  fi
  echo "Chromium or chromedriver is missing, so the browser tests (tag 'browser') will fail." >&2
  echo "To run them: apt-get install -y chromium chromium-driver" >&2
  echo "(or leave them out: ./scripts/test -DexcludedGroups=browser)" >&2
  return 0
}

# The Ceph tests (tagged "ceph") run a single-node Ceph RADOS Gateway through scripts/ceph-rgw.
# Installs its Debian packages where it can (root with apt-get); otherwise says what is missing.
# The Ceph tests then fail with the reason, unless ARKIV_SKIP_CEPH=1 skips them.
ensure_ceph() {
  if command -v radosgw >/dev/null 2>&1 && command -v ceph-mon >/dev/null 2>&1 \
    && command -v ceph-osd >/dev/null 2>&1 && command -v radosgw-admin >/dev/null 2>&1; then
    return 0
  fi
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Ceph RGW for the Ceph tests (radosgw ceph-mon ceph-osd ceph-common)..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      --no-install-recommends radosgw ceph-mon ceph-osd ceph-common >/dev/null && return 0
  fi
  echo "Ceph RGW is not installed, so the Ceph tests will fail (set ARKIV_SKIP_CEPH=1 to skip them)." >&2
  echo "To install it: apt-get install -y --no-install-recommends radosgw ceph-mon ceph-osd ceph-common" >&2
  return 0
}

# The API description is linted by Redocly's CLI (OpenApiContractIT, tag "openapi"), pinned and
# installed from npm into ~/.cache/arkiv/redocly, outside the project. Exports ARKIV_REDOCLY, so
# the test fails (rather than skips) when the tool is missing.
ensure_redocly() {
  local version=2.77.0
  local prefix="${HOME}/.cache/arkiv/redocly"
  export ARKIV_REDOCLY="${prefix}/node_modules/.bin/redocly"
  if [ -x "$ARKIV_REDOCLY" ] && "$ARKIV_REDOCLY" --version 2>/dev/null | grep -qx "$version"; then
    return 0
  fi
  if command -v npm >/dev/null 2>&1; then
    echo "Installing Redocly CLI ${version} for the API description lint (into ${prefix})..."
    mkdir -p "$prefix" && npm install --silent --prefix "$prefix" "@redocly/cli@${version}" >/dev/null \
      && return 0
  fi
  echo "Redocly CLI is not installed, so the API description lint (tag 'openapi') will fail." >&2
  echo "To install it: npm install --prefix ~/.cache/arkiv/redocly @redocly/cli@${version} (needs Node.js 20+)" >&2
  return 0
}
