#!/bin/sh
# Removes from an installed course what learners must not read: the instructor notebooks (with the
# solutions), the graded tests (the hidden ones too) and the git history. The learner image runs this
# after setup.sh in the same layer; the grader image keeps everything.
set -eu
course="${1:?usage: deploy/strip-instructor-files.sh COURSE_DIR}"
if [ ! -d "$course/release/notebooks" ]; then
  echo "strip-instructor-files.sh: $course/release/notebooks is missing: run deploy/setup.sh first, learners need the released notebooks" >&2
  exit 1
fi
rm -rf "$course/notebooks" "$course/tests" "$course/.git"
solutions="$(find "$course" -path "$course/node_modules" -prune -o -name '*.ipynb' -type f -print | xargs -r grep -l 'BEGIN SOLUTION' || true)"
hidden="$(find "$course" -path "$course/node_modules" -prune -o \( -name '*.test.ts' -o -name '*.spec.ts' \) ! -name '*.public.test.ts' -type f -print)"
if [ -n "$solutions$hidden" ]; then
  echo "strip-instructor-files.sh: solutions or hidden tests are still in $course:" >&2
  printf "%s\n" $solutions $hidden >&2
  exit 1
fi
