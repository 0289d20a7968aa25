#!/usr/bin/env bash
# Downloads, once, the npm tarballs whose generated bindings are the provider schemas that
# test_terraform.py checks main.tf against (provider_schema.py reads them without unpacking).
# `npm pack` only downloads (and checks the registry's integrity); nothing is installed.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p schemas
for package in @cdktf/provider-aws@19.0.0 @cdktf/provider-aws@21.22.1 @cdktf/provider-archive@11.0.1; do
  name=${package#@}; name=${name/\//-}; name=${name/@/-}
  if [ ! -f "schemas/$name.tgz" ]; then
    echo "==> npm pack $package"
    (cd schemas && npm pack "$package" --silent >/dev/null)
  fi
done
