#!/usr/bin/env bash
# Exchange's SFTP session against OpenSSH's sftp -b and scp, in one run on the
# same loopback sshd (internal/sshtest): a 1 GiB file (target: at least 1.0×
# sftp -b) and 500 small files over one connection. Needs root (sshd) and
# openssh-server/openssh-client (scripts/install-deps.sh test).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/usr/local/go/bin:$PATH
go run ./bench/sftpbench -size "${SIZE_MIB:-1024}" -files "${FILES:-500}" -runs "${RUNS:-3}"
