package sftpclient

import (
	"errors"
	"fmt"
	"net"
	"os"
	"strings"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"
)

// authMethods lists the ways to log in, in the order they are offered: the
// key of the profile, the agent's keys, then the password. With a key, the
// password only opens the key and is never sent to the server; an empty
// password is never offered. The returned close releases the agent connection.
func authMethods(cfg *Config) (methods []ssh.AuthMethod, close func(), err error) {
	close = func() {}
	if len(cfg.KeyPEM) > 0 || cfg.KeyFile != "" {
		signer, err := loadKey(cfg)
		if err != nil {
			return nil, close, err
		}
		methods = append(methods, ssh.PublicKeys(signer))
	}
	if sock := os.Getenv("SSH_AUTH_SOCK"); sock != "" && !cfg.NoAgent {
		if conn, err := net.Dial("unix", sock); err == nil {
			close = func() { conn.Close() }
			methods = append(methods, ssh.PublicKeysCallback(agent.NewClient(conn).Signers))
		} else {
			cfg.logf("ssh-agent at SSH_AUTH_SOCK not reachable: " + err.Error())
		}
	}
	if cfg.Password != "" && len(cfg.KeyPEM) == 0 && cfg.KeyFile == "" {
		password := cfg.Password
		methods = append(methods, ssh.Password(password),
			ssh.KeyboardInteractive(func(_, _ string, questions []string, _ []bool) ([]string, error) {
				answers := make([]string, len(questions))
				for i, q := range questions {
					if !strings.Contains(strings.ToLower(q), "password") {
						return nil, fmt.Errorf("the server asks %q, which Exchange cannot answer", q)
					}
					answers[i] = password
				}
				return answers, nil
			}))
	}
	if len(methods) == 0 {
		return nil, close, errors.New("no way to log in: the profile has neither a password nor a key, and no ssh-agent runs")
	}
	return methods, close, nil
}

// KeyError: the private key could not be read or opened.
type KeyError struct {
	File string
	Err  error
}

func (e *KeyError) Error() string { return fmt.Sprintf("private key %s: %v", e.File, e.Err) }
func (e *KeyError) Unwrap() error { return e.Err }

// Hint is the sentence for the clerk.
func (e *KeyError) Hint() string {
	var missing *ssh.PassphraseMissingError
	if errors.As(e.Err, &missing) {
		return "The private key is protected by a passphrase: enter it as the profile's password."
	}
	if errors.Is(e.Err, os.ErrNotExist) {
		return "The private key file of the profile does not exist. Check its path in the profile."
	}
	return "The private key of the profile could not be read (wrong passphrase, or not an OpenSSH or PEM key file)."
}

func loadKey(cfg *Config) (ssh.Signer, error) {
	name, data := cfg.KeyFile, cfg.KeyPEM
	if len(data) == 0 {
		var err error
		if data, err = os.ReadFile(cfg.KeyFile); err != nil {
			return nil, &KeyError{File: name, Err: err}
		}
	} else if name == "" {
		name = "(given)"
	}
	signer, err := ssh.ParsePrivateKey(data)
	var missing *ssh.PassphraseMissingError
	if errors.As(err, &missing) && cfg.Password != "" {
		signer, err = ssh.ParsePrivateKeyWithPassphrase(data, []byte(cfg.Password))
	}
	if err != nil {
		return nil, &KeyError{File: name, Err: err}
	}
	return signer, nil
}

// KeyNeedsPassphrase reports whether the private key file is encrypted
// (false as well when it cannot be read: the login then says why).
func KeyNeedsPassphrase(file string) bool {
	data, err := os.ReadFile(file)
	if err != nil {
		return false
	}
	_, err = ssh.ParsePrivateKey(data)
	var missing *ssh.PassphraseMissingError
	return errors.As(err, &missing)
}
