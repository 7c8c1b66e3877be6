#!/usr/bin/env bash
# Installs the course for JupyterHub learners from this checkout: packages, learner notebooks, the tsdl
# kernel registered system-wide and the start hook that hands the notebooks out; then runs a notebook
# with the kernel from outside the checkout. The Containerfile runs this at build time, and
# tests/deploy/singleUserImage.test.ts runs it here, so a broken step fails without a container engine.
set -euo pipefail

course="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kernel_prefix=/usr/local
bin_dir=/usr/local/bin
hook_dir=/usr/local/bin/before-notebook.d
release_dir="$course/release"
npm_ci=yes
jupyter="${JUPYTER:-jupyter}"

usage() {
  cat <<USAGE
usage: deploy/setup.sh [--kernel-prefix DIR] [--bin-dir DIR] [--hook-dir DIR] [--release-dir DIR] [--no-npm-ci]
  --kernel-prefix DIR  kernelspec goes to DIR/share/jupyter/kernels/tsdl (default $kernel_prefix, seen by every Jupyter)
  --bin-dir DIR        where the tsdl-handout start hook goes (default $bin_dir)
  --hook-dir DIR       Docker Stacks' before-notebook.d, linked to the hook (default $hook_dir)
  --release-dir DIR    the learner notebooks handed out (default $release_dir)
  --no-npm-ci          the checkout is installed already (CI ran npm ci): only build
USAGE
}

while [ $# -gt 0 ]; do
  case "$1" in
    --kernel-prefix|--bin-dir|--hook-dir|--release-dir)
      [ $# -ge 2 ] || { echo "setup.sh: $1 needs a folder" >&2; exit 2; }
      case "$1" in
        --kernel-prefix) kernel_prefix="$2" ;;
        --bin-dir) bin_dir="$2" ;;
        --hook-dir) hook_dir="$2" ;;
        --release-dir) release_dir="$2" ;;
      esac
      shift 2 ;;
    --no-npm-ci) npm_ci=no; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "setup.sh: unknown argument $1" >&2; usage >&2; exit 2 ;;
  esac
done

step() { echo "setup.sh: $*"; }
cd "$course"

step "checking Node"
node -e '
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    console.error(`setup.sh: the course needs Node.js 20.19 or newer; this is ${process.version}`);
    process.exit(1);
  }'

if [ "$npm_ci" = yes ]; then
  step "installing the course packages (npm ci builds them)"
  npm ci --no-audit --no-fund
else
  step "building the course packages"
  npm run build
fi

step "writing the learner notebooks to $release_dir"
rm -rf "$release_dir"
# Both editions: the Chinese notebooks (notebooks/zh) go to notebooks/zh beside the English ones, so their ../figures links hold.
node tools/dist/grading/cli/release.js "$release_dir" --notebooks notebooks --tests tests/exercises
if [ -d notebooks/figures ]; then cp -R notebooks/figures "$release_dir/notebooks/figures"; fi

step "registering the tsdl kernel in $kernel_prefix"
node kernel-ext/dist/kernelspec/cli.js --prefix "$kernel_prefix" --jupyter "$jupyter"

step "installing the start hook in $bin_dir and $hook_dir"
mkdir -p "$bin_dir" "$hook_dir"
install -m 0755 deploy/tsdl-handout "$bin_dir/tsdl-handout"
# No .sh suffix: Docker Stacks runs executables in before-notebook.d (it would source a .sh into its own shell).
ln -sfn "$bin_dir/tsdl-handout" "$hook_dir/50-tsdl-handout"

step "running a notebook with the tsdl kernel from a fresh learner home"
learner="$(mktemp -d)"
trap 'rm -rf "$learner"' EXIT
HOME="$learner" TSDL_COURSE_DIR="$course" TSDL_HANDOUT_DIR="$release_dir" "$bin_dir/tsdl-handout"
# Two cells: the kernel finishes loading the backend that the import picked before it runs the next one.
cat >"$learner/tsdl/smoke.ipynb" <<'NOTEBOOK'
{"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"name": "tsdl", "display_name": "TypeScript (tsdl)", "language": "typescript"}},
 "cells": [{"cell_type": "code", "id": "smoke-1", "metadata": {}, "execution_count": null, "outputs": [], "source": "import { tf } from \"@tsdl/lib\";"},
           {"cell_type": "code", "id": "smoke-2", "metadata": {}, "execution_count": null, "outputs": [], "source": "tf.tensor1d([1, 2, 3]).sum().dataSync()[0] * 7"}]}
NOTEBOOK
(
  cd "$learner/tsdl"
  HOME="$learner" JUPYTER_PATH="$kernel_prefix/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}" \
    "$jupyter" nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=tsdl \
    --ExecutePreprocessor.timeout=120 --output executed.ipynb smoke.ipynb
)
node -e '
  const cell = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).cells[1];
  const result = cell.outputs.find((o) => o.output_type === "execute_result");
  if ([].concat(result?.data?.["text/plain"] ?? []).join("") !== "42") {
    console.error(`setup.sh: the smoke notebook printed ${JSON.stringify(cell.outputs)}; expected the result 42`);
    process.exit(1);
  }' "$learner/tsdl/executed.ipynb"
step "done: the tsdl kernel runs the course from a learner home"
