# Shared by the tests/whatif/*.sh ctest scripts: $BFVSIM is the binary, $WORK a fresh scratch dir.
set -u
BFVSIM=$1
WORK=$2
rm -rf "$WORK" && mkdir -p "$WORK"
fail() { echo "FAIL: $*" >&2; exit 1; }
# has FILE TEXT: FILE contains TEXT (fixed string)
has() { grep -qF -- "$2" "$1" || { echo "--- $1:" >&2; head -c 4000 "$1" >&2; fail "$1 lacks: $2"; }; }
lacks() { ! grep -qF -- "$2" "$1" || fail "$1 should not contain: $2"; }
# rc WANT CMD...: run CMD (stdout+stderr to $WORK/out.txt) and check its exit status
rc() {
  local want=$1; shift
  "$@" > "$WORK/out.txt" 2>&1
  local got=$?
  [ "$got" -eq "$want" ] || { cat "$WORK/out.txt" >&2; fail "exit $got, wanted $want: $*"; }
}
