# Sourced by every fake command. It appends the call to commands.log beside the fakes, then
# obeys the control file there: each line is "<verdict> <glob>", and a call matching the glob
# fails (fail), fails the first time only (fail-once), or never returns (hang).
FAKE_DIR=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
FAKE_NAME=$(basename -- "$0")
FAKE_CALL="$FAKE_NAME $*"
printf '%s\n' "$FAKE_CALL" >> "$FAKE_DIR/commands.log"
if [ -f "$FAKE_DIR/control" ]; then
  rule_number=0
  while IFS= read -r rule; do
    rule_number=$((rule_number + 1))
    verdict=${rule%% *}
    pattern=${rule#* }
    # shellcheck disable=SC2254
    case "$FAKE_CALL" in
      $pattern)
        case "$verdict" in
          fail)
            echo "$FAKE_NAME: failing as the test asked" >&2
            exit 1 ;;
          fail-once)
            if [ ! -e "$FAKE_DIR/used.$rule_number" ]; then
              : > "$FAKE_DIR/used.$rule_number"
              echo "$FAKE_NAME: failing once as the test asked" >&2
              exit 1
            fi ;;
          hang)
            exec sleep 600 ;;
        esac ;;
    esac
  done < "$FAKE_DIR/control"
fi
