# trees.sh: sourced by the decision scripts (decision-builds.sh, decision-cpu.sh, decision-tail.sh).
# tree_target <tree>: the absolute path of a checkout's promo-domain/target, or of <tree> itself when it is a copy of
# one (so that a build's classes can be copied aside while its checkout moves on).
tree_target() {
  local t
  t=$(cd "$1" && pwd)/promo-domain/target
  [ -d "$t" ] || t=$(cd "$1" && pwd)
  echo "$t"
}
