# Shared helpers for the project's scripts. Source it; do not run it.

# Retries a command: the package registries here sometimes time out.
retry() {
  local attempts=$1; shift
  local delay=5
  for ((i = 1; i <= attempts; i++)); do
    if "$@"; then return 0; fi
    if ((i < attempts)); then
      echo "  (attempt $i of $attempts failed; retrying in ${delay}s: $*)" >&2
      sleep "$delay"
      delay=$((delay * 2))
    fi
  done
  echo "Failed after $attempts attempts: $*" >&2
  return 1
}

require_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "The .NET SDK (10.0) is needed: https://dotnet.microsoft.com/download" >&2
    exit 1
  fi
}

# Runs a command as root: directly when we are root, else through sudo.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
