#!/usr/bin/env bash
# Installs Debian's hugo if it is missing (sourced by the benchmark scripts).
if ! command -v hugo >/dev/null; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  echo "bench: installing Debian's hugo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends hugo
fi
