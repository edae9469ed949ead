# lo-convert.sh — sourced (not run) by Templates/make-templates.sh and
# Tests/DocFillTests/Fixtures/make-fixtures.sh: the LibreOffice conversion both share.
#
#   lo_convert WORK SRC.fodt ...
#     Converts every flat ODF source to WORK/out/NAME.docx (filter "MS Word 2007 XML") and
#     WORK/out/NAME.odt, with LibreOffice headless and a throw-away profile in WORK/profile
#     (never the user's, so never waiting on its lock). WORK is an empty folder the caller
#     made and removes (mktemp -d + trap). Fails, with LibreOffice's log, if soffice fails or
#     a file is missing or empty.
#   Env: SOFFICE=/path/to/soffice (default: soffice)
lo_convert() {
  lo_work=$1; shift
  mkdir -p "$lo_work/profile" "$lo_work/out"
  # Quoted words, so that paths with spaces stay whole (POSIX sh: no arrays); the profile
  # URL is percent-encoded.
  lo_profile=$(python3 -c 'import pathlib, sys; print(pathlib.Path(sys.argv[1]).resolve().as_uri())' "$lo_work/profile")
  lo_run --convert-to docx:"MS Word 2007 XML" --outdir "$lo_work/out" "$@" >"$lo_work/log" 2>&1 \
    || { cat "$lo_work/log" >&2; return 1; }
  lo_run --convert-to odt --outdir "$lo_work/out" "$@" >>"$lo_work/log" 2>&1 \
    || { cat "$lo_work/log" >&2; return 1; }
  for lo_src in "$@"; do
    lo_name=$(basename "$lo_src" .fodt)
    for lo_ext in docx odt; do
      [ -s "$lo_work/out/$lo_name.$lo_ext" ] \
        || { cat "$lo_work/log" >&2; echo "no $lo_name.$lo_ext produced" >&2; return 1; }
    done
  done
}

lo_run() {
  "${SOFFICE:-soffice}" "-env:UserInstallation=$lo_profile" --headless --norestore "$@"
}
