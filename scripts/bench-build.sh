# Sourced by the benchmark scripts, from the project's root: puts the tools on PATH, installs
# what is missing for the page and its browser runs, and builds the release page into dist/.
export PATH="$PWD/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
scripts/install.sh web
[ -d e2e/node_modules ] || (cd e2e && npm ci --no-audit --no-fund)
trunk build --release
