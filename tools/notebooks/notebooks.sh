#!/usr/bin/env bash
# ./jbang notebooks install | run [--output-dir DIR] [NOTEBOOK ...] | kernel CONNECTION_FILE
#
# install  sets up everything the notebooks need, and is safe to run again: Jupyter's nbconvert and
#          client from Debian packages (apt-get, as root or through sudo) when `jupyter nbconvert`
#          is missing; the Java kernel (tools/notebooks/kernel.java: rapaio-jupyter-kernel from
#          Maven Central) and the project's classes (tools/shell/classes.java) built by JBang; and
#          the kernelspec "backprop-java" for the current user.
# run      executes the notebooks headless, in place (every notebooks/ch*.ipynb when none is named),
#          or into DIR with --output-dir; one line per notebook, exit code 1 when a cell failed.
# kernel   is what Jupyter starts (kernel.json): the kernel on Java 25 with the project's classes on
#          JShell's class path. Nothing is downloaded then: the jars are in the JBang and Maven caches.
#
# Run through ./jbang, which exports JAVA_HOME (a JDK 25) and BACKPROP_HOME (the repository).
set -u

here=${BACKPROP_HOME:?run this through ./jbang notebooks}
kernel_name=backprop-java

fail() { echo "notebooks: $*" >&2; exit 1; }

# Jupyter's own command, preferring Debian's (the python3 first on PATH may be a pyenv one that
# cannot see Debian's modules).
jupyter_cmd() {
  if [ -x /usr/bin/jupyter ]; then echo /usr/bin/jupyter; else command -v jupyter; fi
}

have_jupyter() {
  local jupyter
  jupyter=$(jupyter_cmd) && "$jupyter" nbconvert --version >/dev/null 2>&1 && "$jupyter" kernelspec list >/dev/null 2>&1
}

# The class path of the project's classes (the library and every chapter's solutions): the one
# ./jbang shell uses. BACKPROP_CLASSPATH, when set, saves the two JBang calls.
project_classpath() {
  if [ -n "${BACKPROP_CLASSPATH:-}" ]; then echo "$BACKPROP_CLASSPATH"; return; fi
  "$here/jbang" build "$here/tools/shell/classes.java" >&2 || return 1
  "$here/jbang" info classpath "$here/tools/shell/classes.java" | tail -n 1
}

install_jupyter() {
  if have_jupyter; then
    echo "Jupyter: $("$(jupyter_cmd)" nbconvert --version 2>/dev/null | head -n 1) (nbconvert) is installed."
    return
  fi
  command -v apt-get >/dev/null 2>&1 \
    || fail "Jupyter's nbconvert is missing and apt-get is not here; install jupyter-nbconvert and jupyter-client (for example with pip) and run this again."
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || fail "installing Jupyter needs root: run ./jbang notebooks install as root or install sudo."
    sudo=sudo
  fi
  echo "Jupyter: installing jupyter-nbconvert and jupyter-client with apt-get..."
  $sudo apt-get update -qq \
    && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends jupyter-nbconvert jupyter-client >/dev/null \
    || fail "apt-get could not install jupyter-nbconvert and jupyter-client (see its messages above)."
  have_jupyter || fail "Jupyter was installed but 'jupyter nbconvert' still does not run; check $(jupyter_cmd)."
}

# Writes the kernelspec into a temporary folder and installs it for the current user. Jupyter
# starts the kernel in the notebook's folder; the start script finds the repository from there
# (or from BACKPROP_HOME), so one kernelspec serves every clone, and falls back to this one.
install_kernelspec() {
  local spec
  spec=$(mktemp -d) || fail "cannot create a temporary folder."
  mkdir -p "$spec/$kernel_name"
  cat >"$spec/$kernel_name/start-kernel.sh" <<EOF
#!/usr/bin/env bash
# Starts the backprop notebooks' Java kernel: finds the repository (BACKPROP_HOME, else the folder
# above the notebook holding jbang-catalog.json and lib/bp, else the one installed from) and runs
# its ./jbang notebooks kernel. Written by ./jbang notebooks install.
repo=\${BACKPROP_HOME:-}
if [ -z "\$repo" ] || [ ! -x "\$repo/jbang" ]; then
  repo=""
  dir=\$PWD
  while [ -n "\$dir" ] && [ "\$dir" != / ]; do
    if [ -f "\$dir/jbang-catalog.json" ] && [ -d "\$dir/lib/bp" ] && [ -x "\$dir/jbang" ]; then repo=\$dir; break; fi
    dir=\$(dirname "\$dir")
  done
fi
exec "\${repo:-$here}/jbang" notebooks kernel "\$1"
EOF
  chmod +x "$spec/$kernel_name/start-kernel.sh"
  local installed
  installed=$("$(jupyter_cmd)" --data-dir)/kernels/$kernel_name
  cat >"$spec/$kernel_name/kernel.json" <<EOF
{
  "argv": ["/usr/bin/env", "bash", "$installed/start-kernel.sh", "{connection_file}"],
  "display_name": "Java 25 (backprop)",
  "language": "java",
  "interrupt_mode": "message"
}
EOF
  "$(jupyter_cmd)" kernelspec install --user --replace --name "$kernel_name" "$spec/$kernel_name" >/dev/null 2>&1 \
    || { rm -rf "$spec"; fail "jupyter kernelspec install failed; check that $installed is writable."; }
  rm -rf "$spec"
  echo "Kernel: $kernel_name installed in $installed (Java $("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1))."
}

install() {
  install_jupyter
  echo "Kernel: resolving tools/notebooks/kernel.java (rapaio-jupyter-kernel) and the project's classes with JBang..."
  "$here/jbang" build "$here/tools/notebooks/kernel.java" >/dev/null 2>&1 \
    || { "$here/jbang" build "$here/tools/notebooks/kernel.java"; fail "JBang could not build tools/notebooks/kernel.java (see its messages above); check that Maven Central is reachable."; }
  "$here/jbang" build "$here/tools/shell/classes.java" >/dev/null 2>&1 \
    || { "$here/jbang" build "$here/tools/shell/classes.java"; fail "JBang could not build the project's classes (see its messages above)."; }
  install_kernelspec
  echo "Ready: ./jbang notebooks run executes every notebook; jupyter lab notebooks/ (or VS Code) opens them."
}

# The class path of the kernel itself (tools/notebooks/kernel.java, built from the sources as they
# are now, then rapaio-jupyter-kernel), from the caches alone. BACKPROP_KERNEL_CLASSPATH, when set,
# saves the two JBang calls.
kernel_classpath() {
  if [ -n "${BACKPROP_KERNEL_CLASSPATH:-}" ]; then echo "$BACKPROP_KERNEL_CLASSPATH"; return; fi
  "$here/jbang" --offline build "$here/tools/notebooks/kernel.java" >&2 || return 1
  "$here/jbang" --offline info classpath "$here/tools/notebooks/kernel.java" | tail -n 1
}

kernel() {
  [ $# -eq 1 ] || fail "usage: ./jbang notebooks kernel CONNECTION_FILE (Jupyter runs this)."
  local classpath kernel
  classpath=$(project_classpath) && [ -n "$classpath" ] || fail "could not build the project's classes for the kernel."
  kernel=$(kernel_classpath) && [ -n "$kernel" ] || fail "the kernel is not installed; run ./jbang notebooks install."
  # The kernel's class path entries are separated by ';'.
  export RJK_CLASSPATH=${classpath//:/;}
  export RJK_TIMEOUT_MILLIS=-1
  export RJK_MIMA_CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/backprop/mima
  exec "$JAVA_HOME/bin/java" -cp "$kernel" org.rapaio.jupyter.kernel.MainApp "$1"
}

# Executes the notebooks one after the other, each in a fresh kernel, and prints one line each:
# "executed NOTEBOOK in N s, in place" (or ", written to DIR/NAME.ipynb" with --output-dir), or
# "FAILED NOTEBOOK" followed by the failing cell and its error, indented; with --output-dir a last
# line names the folder. Goes on after a failure; the exit code is 1 when any notebook failed.
run() {
  local output_dir="" notebooks=()
  while [ $# -gt 0 ]; do
    case $1 in
      --output-dir) [ $# -ge 2 ] || fail "--output-dir needs a folder."; output_dir=$2; shift 2 ;;
      -*) fail "unknown option $1; usage: ./jbang notebooks run [--output-dir DIR] [NOTEBOOK ...]." ;;
      *) [ -f "$1" ] || fail "no notebook $1."; notebooks+=("$1"); shift ;;
    esac
  done
  if [ ${#notebooks[@]} -eq 0 ]; then
    notebooks=("$here"/notebooks/ch*.ipynb)
    [ -f "${notebooks[0]}" ] || fail "no notebook in $here/notebooks."
  fi
  have_jupyter && "$(jupyter_cmd)" kernelspec list 2>/dev/null | grep -q "^ *$kernel_name " \
    || fail "Jupyter or the $kernel_name kernel is not installed; run ./jbang notebooks install first."
  # Computed once here instead of once per kernel.
  BACKPROP_CLASSPATH=$(project_classpath) && [ -n "$BACKPROP_CLASSPATH" ] || fail "could not build the project's classes."
  BACKPROP_KERNEL_CLASSPATH=$(kernel_classpath) && [ -n "$BACKPROP_KERNEL_CLASSPATH" ] \
    || fail "the kernel is not installed; run ./jbang notebooks install."
  export BACKPROP_CLASSPATH BACKPROP_KERNEL_CLASSPATH
  local where=(--inplace) log status start failed=0 notebook name
  [ -n "$output_dir" ] && where=(--output-dir "$output_dir")
  log=$(mktemp) || fail "cannot create a temporary file."
  for notebook in "${notebooks[@]}"; do
    name=$(cd "$(dirname "$notebook")" && pwd -P)/$(basename "$notebook")
    name=${name#"$here"/}
    start=$SECONDS
    # A kernel that does not answer within 30 s (it answers within a few seconds) is replaced, up
    # to three times: rapaio-jupyter-kernel 3.0.1 lost about one start in five to a start-up race
    # (fixed in tools/notebooks/LoopThread.java), and this keeps any other such hiccup from failing
    # a run. A failing cell is never retried.
    for attempt in 1 2 3; do
      "$(jupyter_cmd)" nbconvert --to notebook --execute "${where[@]}" \
          --ExecutePreprocessor.kernel_name="$kernel_name" --ExecutePreprocessor.timeout=600 \
          --ExecutePreprocessor.startup_timeout=30 --ExecutePreprocessor.record_timing=False \
          "$notebook" >"$log" 2>&1
      status=$?
      [ $status -ne 0 ] && grep -q "Kernel didn't respond\|Kernel died before replying" "$log" || break
      echo "($name: the kernel did not answer, starting another)"
    done
    if [ $status -eq 0 ]; then
      if [ -n "$output_dir" ]; then
        echo "executed $name in $((SECONDS - start)) s, written to $output_dir/$(basename "$notebook")"
      else
        echo "executed $name in $((SECONDS - start)) s, in place"
      fi
    else
      failed=1
      echo "FAILED $name (exit code $status):"
      # nbconvert's own traceback is noise: show from the failed cell on, without colour codes.
      { grep -q 'An error occurred while executing' "$log" && sed -n '/An error occurred while executing/,$p' "$log" || tail -n 30 "$log"; } \
        | sed 's/\x1b\[[0-9;]*m//g' | grep -v '^\s*$' | sed 's/^/    /'
    fi
  done
  rm -f "$log"
  if [ -n "$output_dir" ]; then
    echo "The executed notebooks are in $(cd "$output_dir" 2>/dev/null && pwd -P || echo "$output_dir"); the ones in notebooks/ are unchanged."
  fi
  return $failed
}

case ${1:-} in
  install) shift; install "$@" ;;
  run) shift; run "$@" ;;
  kernel) shift; kernel "$@" ;;
  *) fail "usage: ./jbang notebooks install | run [--output-dir DIR] [NOTEBOOK ...]." ;;
esac
