// Package sshtest starts real SSH servers for tests: OpenSSH's sshd from
// Debian (openssh-server) as a non-daemon on a free loopback port, with its
// own host key and a system test user who logs in with a password or a key,
// either chrooted (ChrootDirectory + internal-sftp) or not; and an in-process
// SSH server running pkg/sftp, whose connection can be cut at a chosen byte
// for fault injection.
//
// sshd needs root (it starts as root and drops to the test user). Without
// sshd installed the tests skip, or fail under CI=true; install it with
// scripts/install-deps.sh test.
package sshtest
