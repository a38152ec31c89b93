#!/bin/bash
# Copies main's working tree (tracked changes and the untracked files) to the worktree $1 and builds it there.
set -e
W=$1
cd /work/main
(cd $W && git checkout -q -- . && git clean -qfd -e lmkit)
git diff HEAD | (cd $W && git apply)
git ls-files --others --exclude-standard | while read f; do mkdir -p $W/$(dirname $f); cp $f $W/$f; done
cd $W && timeout 600 mvn -q -B -ntp -o -DskipTests package 2>&1 | tail -5
git -C $W status --short
