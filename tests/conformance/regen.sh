#!/bin/sh
# Regenerates the conformance goldens: NAME.trace is what `node NAME.js` prints, run in this
# folder with Node 20. Goldens whose first line is `# written by hand: <reason>` are left alone.
#
#   tests/conformance/regen.sh            # every scenario
#   tests/conformance/regen.sh NAME...    # only these (NAME or NAME.js)
#
# Review the diff before committing: a changed golden means Node and the docs say something new.
set -eu
cd "$(dirname "$0")"

if ! command -v node >/dev/null 2>&1; then
    echo "regen.sh: node not found; install Node 20 (apt-get install nodejs)" >&2
    exit 1
fi
case "$(node --version)" in
    v20.*) ;;
    *) echo "regen.sh: warning: the goldens are Node 20's; this is node $(node --version)" >&2 ;;
esac

if [ "$#" -eq 0 ]; then
    set -- *.js
fi

status=0
for arg in "$@"; do
    name=${arg%.js}
    if [ ! -f "$name.js" ]; then
        echo "regen.sh: no $name.js here" >&2
        status=1
        continue
    fi
    if [ -f "$name.trace" ] && head -n 1 "$name.trace" | grep -q '^# written by hand:'; then
        echo "kept     $name.trace (written by hand)"
        continue
    fi
    # Node's warnings go to stderr; only stdout is the trace.
    if node "$name.js" > "$name.trace.tmp" 2>/dev/null; then
        if [ -f "$name.trace" ] && cmp -s "$name.trace.tmp" "$name.trace"; then
            echo "same     $name.trace"
        else
            echo "written  $name.trace"
        fi
        mv "$name.trace.tmp" "$name.trace"
    else
        rm -f "$name.trace.tmp"
        echo "regen.sh: node $name.js failed; $name.trace unchanged" >&2
        status=1
    fi
done
exit $status
