# Sourced by bootstrap.sh and lock.sh.
# Find an interpreter of the wanted minor version: pyenv first, then pythonX.Y on the PATH.
find_python() {
  local want="$1" candidate prefix
  if command -v pyenv >/dev/null 2>&1; then
    for prefix in $(pyenv versions --bare 2>/dev/null | grep -E "^${want//./\\.}(\.[0-9]+)?$" | sort -V -r); do
      candidate="$(pyenv prefix "$prefix" 2>/dev/null)/bin/python"
      [ -x "$candidate" ] && { echo "$candidate"; return 0; }
    done
  fi
  for candidate in "python$want" "/usr/bin/python$want" "/usr/local/bin/python$want"; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       [ "$("$candidate" -c 'import sys; print("%d.%d" % sys.version_info[:2])')" = "$want" ]; then
      command -v "$candidate"; return 0
    fi
  done
  return 1
}
